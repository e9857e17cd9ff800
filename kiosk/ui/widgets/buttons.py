"""The kiosk's push button, sized and styled for fingers."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPaintEvent, QTextLayout
from PySide6.QtWidgets import QCheckBox, QPushButton, QSizePolicy, QStyle, QStyleOptionButton, QStylePainter, QWidget

from kiosk.i18n import CJK
from kiosk.ui import theme
from kiosk.ui.widgets.text import TranslatedText

#: Roles a screen may ask for; "key" and "choice" are used by the keypad and ChoiceList.
ROLES = ("primary", "secondary", "danger", "key", "choice")
ICON_SPACING = 4  # px between a push button's icon and its words (QCommonStyle's CE_PushButtonLabel)


class TouchButton(TranslatedText, QPushButton):
    """A push button at least 80 px high whose look comes from its role, its text word-wrapped.

    A long service title wraps onto a second line instead of widening the button (and with it the
    screen): `text()` stays the whole title, the lines are only made when painting.

    Args:
        text: The label, in Chinese.
        role: "primary" (white on dark blue), "secondary" (blue on white) or "danger" (white on
            red); the style sheet selects on it as ``QPushButton[role="..."]``.
        parent: The parent widget.

    Raises:
        ValueError: For an unknown role, so a typo fails at once instead of looking unstyled.
    """

    def __init__(self, text: str, role: str = "primary", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._lines_cache: dict[tuple, list[str]] = {}  # lines_at: (text, width, padding) → lines
        self._heights: dict[tuple[str, int], int] = {}  # heightForWidth: (text, width) → the text's height
        self.setText(text)  # in the session's language (kiosk.i18n)
        if role not in ROLES:
            raise ValueError(f"unknown button role {role!r}; expected one of {ROLES}")
        self.setProperty("role", role)
        self.setMinimumHeight(theme.BUTTON_MIN_HEIGHT)
        # A tap must not take the focus: the virtual keyboard stays bound to the text field the
        # resident is typing into, and no focus rectangle is drawn on a screen without a keyboard.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # On a kiosk there is no Enter key to press a "default" button by accident.
        self.setAutoDefault(False)
        policy = self.sizePolicy()
        # Preferred, not QPushButton's Minimum: a layout may make the button narrower than its one-line
        # text (the text wraps) instead of pushing the screen wider.
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # -- height: what the screen asked, the look's target (长辈版: 120 px), the wrapped text ------------
    _base_height = 0  # the least height the screen asked for (setMinimumHeight / setMinimumSize)

    def _least(self) -> int:
        return max(self._base_height, theme.current().target)

    def setMinimumHeight(self, height: int) -> None:  # noqa: N802 (Qt name)
        """The least height this button asks for; the look's target and its wrapped text may raise it."""
        self._base_height = height
        super().setMinimumHeight(max(self._least(), self._text_height(self.width()) if self.width() > 1 else 0))

    def setMinimumSize(self, *size: object) -> None:  # noqa: N802 (Qt name)
        width, height = (size[0].width(), size[0].height()) if len(size) == 1 else size  # type: ignore[union-attr]
        self._base_height = int(height)  # type: ignore[arg-type]
        super().setMinimumSize(int(width), self._least())  # type: ignore[arg-type]
        self._fit_height()

    def refit(self) -> None:
        """Applies the current look's target height (after 长辈版 is switched on or off)."""
        super().setMinimumHeight(self._least())
        self._fit_height()
        self.updateGeometry()

    # -- word wrap -------------------------------------------------------------------------------
    padding = theme.PADDING  # the style sheet's left/right padding; keys have less (KEY_PADDING)
    _CHROME_H = 2 * (8 + theme.BORDER)
    _NARROWEST = 4  # characters: a button is never made narrower than this many

    def lines_at(self, width: int) -> list[str]:
        """The text broken into the lines that fit a button `width` px wide (CJK breaks anywhere)."""
        # A layout pass asks each button's height for a few widths, many times: kept per width.
        key = (self.text(), width, self.padding)
        cache = self._lines_cache  # emptied when the font changes (changeEvent)
        if key not in cache:
            if len(cache) > 16:
                cache.clear()
            cache[key] = self._break_lines(width)
        return list(cache[key])

    def _break_lines(self, width: int) -> list[str]:
        room = max(1, width - self._chrome_w())
        out: list[str] = []
        for paragraph in self.text().split("\n"):
            layout = QTextLayout(paragraph, self.font())
            layout.beginLayout()
            while (line := layout.createLine()).isValid():
                line.setLineWidth(room)
                out.append(paragraph[line.textStart():line.textStart() + line.textLength()].strip())
            layout.endLayout()
        return out or [""]

    def _chrome_w(self) -> int:
        # 🔊 beside the words, and the style's gap between them
        icon = self.iconSize().width() + ICON_SPACING if not self.icon().isNull() else 0
        return 2 * (self.padding + theme.BORDER) + icon

    def wrapped_text(self) -> str:
        return "\n".join(self.lines_at(self.width()))

    def _text_height(self, width: int) -> int:
        return len(self.lines_at(width)) * self.fontMetrics().lineSpacing() + self._CHROME_H

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt override)
        super().resizeEvent(event)
        self._fit_height()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._lines_cache.clear()
            self._heights.clear()
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_height()  # a role's bold font wraps differently

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        super().setText(text)
        self._fit_height()

    def retranslate(self) -> None:
        super().retranslate()
        self._fit_height()

    def _fit_height(self) -> None:
        """A layout inside a stacked screen does not ask heightForWidth: a text wrapped onto more lines
        than the height holds (an English title) raises the minimum height instead of being cut."""
        if self.width() <= 1:
            return
        need = max(self._least(), self._text_height(self.width()))
        if need != self.minimumHeight():
            super().setMinimumHeight(need)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        # Every layout pass of the window asks every button (those of hidden screens too) several
        # times: the text's height is kept per width, like its lines (issue 15: tap → paint).
        key = (self.text(), width)
        text_height = self._heights.get(key)
        if text_height is None:
            if len(self._heights) > 16:
                self._heights.clear()
            text_height = self._heights[key] = self._text_height(width)
        return max(self.minimumHeight(), text_height)

    def minimumSizeHint(self):  # noqa: ANN201, N802 (Qt override)
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        # An English word is never broken: the button is at least as wide as its longest word
        # (Chinese breaks anywhere, so a Chinese run counts for nothing here).
        longest = max((metrics.horizontalAdvance(w) for w in self.text().split() if not CJK.search(w)), default=0)
        narrowest = max(self._NARROWEST * metrics.horizontalAdvance("中"), longest) + self._chrome_w()
        hint.setWidth(min(hint.width(), narrowest))
        return hint

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = self.wrapped_text()
        QStylePainter(self).drawControl(QStyle.ControlElement.CE_PushButton, option)

    def role(self) -> str:
        """The role given at construction or by `set_role`."""
        return str(self.property("role"))

    def set_role(self, role: str) -> None:
        """Change the role (and so the colours) of the button.

        Raises:
            ValueError: For an unknown role.
        """
        if role not in ROLES:
            raise ValueError(f"unknown button role {role!r}; expected one of {ROLES}")
        theme.restyle(self, role=role)


class TouchCheckBox(TranslatedText, QCheckBox):
    """A tick box a finger ticks anywhere on its row, not only on the 48-px box or the words."""

    def hitButton(self, pos) -> bool:  # noqa: ANN001, N802 (Qt override)
        return self.rect().contains(pos)

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(text)  # in the session's language (kiosk.i18n)


class HeaderButton(TouchButton):
    """A button in the window's header (🔊 重听): as high as the header (the clock's 60-px target) in
    every look. 长辈版's 120-px target here would take a row from every screen."""

    def _least(self) -> int:
        return theme.MIN_TARGET

    def _fit_height(self) -> None:
        pass  # one short line at body size: it never wraps
