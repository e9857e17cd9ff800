"""A large text field for the few free-text answers (typed with Qt Virtual Keyboard)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from kiosk.ui import theme


class TouchLineEdit(QLineEdit):
    """A line edit at least 80 px high, set up for Chinese text or for digits only.

    Free text (addresses, the other centre's name) is typed in pinyin on Qt Virtual Keyboard;
    ``digits=True`` (mobile numbers, account numbers) asks the keyboard for its number pad and
    refuses anything but 0–9, whatever sends the keys.

    Args:
        parent: The parent widget.
        digits: Digits-only mode.
        max_length: Most characters accepted (Qt's default, 32767, if None).
        placeholder: Hint shown while empty, e.g. "请输入手机号码".
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        digits: bool = False,
        max_length: int | None = None,
        placeholder: str = "",
    ) -> None:
        super().__init__(parent)
        self._digits = digits
        self.setMinimumHeight(theme.current().target)  # 120 px in 长辈版
        self.setPlaceholderText(placeholder)
        if max_length is not None:
            self.setMaxLength(max_length)
        # The virtual keyboard picks its layout from the focused field's hints and locale.
        self.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        if digits:
            self.setInputMethodHints(
                Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhNoPredictiveText
            )
            self.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]*"), self))
        else:
            # No Latin-only or prefer-Latin hint, so the pinyin input method stays available;
            # no auto upper case, which would switch the first letter out of pinyin.
            self.setInputMethodHints(Qt.InputMethodHint.ImhNoAutoUppercase)

    def is_digits_only(self) -> bool:
        """Whether the field accepts digits only."""
        return self._digits
