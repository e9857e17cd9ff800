"""A touch widget per field kind (the `FIELD_WIDGETS` table), each with value / set_value / error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.services.spec import FieldSpec, Option
from kiosk.ui.looks import keep_line
from kiosk.ui.screens.base import label
from kiosk.ui.theme import restyle
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.choice_list import ChoiceList
from kiosk.ui.widgets.date_picker import TouchDatePicker
from kiosk.ui.widgets.keypad import DigitEntry, NumericKeypad
from kiosk.ui.widgets.text_input import TouchLineEdit


class FieldWidget(QWidget):
    """Label, help, the input itself, an optional action button, and an error line."""

    actionRequested = Signal(str)  # the field key, when its button (e.g. 获取短信验证码) is tapped
    edited = Signal(str)  # the field key, after the resident changed the answer

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.spec = spec
        self.setObjectName(f"field_{spec.key}")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(label(spec.label, role="field"))
        if spec.help:
            self.layout_.addWidget(label(spec.help, role="hint"))
        # Reserved room (empty, not hidden), cleared as soon as the resident changes the answer.
        self.error = label("", role="error", name=f"error_{spec.key}")
        keep_line(self.error, 4)
        # The field's own check (the wizard's): a shown error stays until the answer passes it.
        self.check: Callable[[Any], str | None] | None = None

    def finish(self) -> None:
        if self.spec.action:
            row = QHBoxLayout()
            self.action = TouchButton(self.spec.action_label, role="secondary")
            self.action.setObjectName(f"action_{self.spec.key}")
            self.action.clicked.connect(lambda: self.actionRequested.emit(self.spec.key))
            row.addWidget(self.action)
            self.info = label("", role="hint", name=f"info_{self.spec.key}")
            row.addWidget(self.info, 1)
            self.layout_.addLayout(row)
        self.layout_.addWidget(self.error)

    def show_info(self, text: str) -> None:
        if self.spec.action:
            self.info.setText(text)

    def set_error(self, text: str) -> None:
        self.error.setText(text)

    def _edited(self, *_: object) -> None:
        if self.error.text():
            self.error.setText((self.check(self.value()) or "") if self.check else "")
        self.edited.emit(self.spec.key)

    # Each kind below adds `value()` and `set_value(value)`.


class ChoiceField(FieldWidget):
    def __init__(self, spec: FieldSpec, options: tuple[Option, ...], disabled: dict[str, str], today: date) -> None:
        super().__init__(spec)
        columns = 2 if len(options) > 4 else 1
        self.input = ChoiceList([(o.value, o.label) for o in options], multi=spec.kind == "multichoice",
                                columns=columns)
        if disabled:
            self.input.set_enabled_values([o.value for o in options if o.value not in disabled], disabled)
        self.input.changed.connect(self._edited)
        self.layout_.addWidget(self.input)
        self.finish()

    def value(self) -> Any:
        return self.input.value()

    def set_value(self, value: Any) -> None:
        self.input.set_value(value)


class DateField(FieldWidget):
    def __init__(self, spec: FieldSpec, options: tuple[Option, ...], disabled: dict[str, str], today: date) -> None:
        super().__init__(spec)
        # The picker's range is generous; the service's own rules say what is allowed and why.
        self.input = TouchDatePicker(value=today, min_date=today - timedelta(days=366 * 2),
                                     max_date=today + timedelta(days=366 * 10))
        self.input.changed.connect(self._edited)
        self.layout_.addWidget(self.input)
        self.finish()

    def value(self) -> Any:
        return self.input.date()

    def set_value(self, value: Any) -> None:
        if isinstance(value, str):
            value = date.fromisoformat(value)
        if isinstance(value, date):
            self.input.set_date(value)


class DigitsField(FieldWidget):
    """Digits typed on a keypad: its own, or the step's shared one (`share_keypad`)."""

    activated = Signal(object)  # this field, when tapped: the shared keypad types into it
    SECRET = ("password", "sms_code")

    def __init__(self, spec: FieldSpec, options: tuple[Option, ...], disabled: dict[str, str], today: date,
                 shared_keypad: bool = False) -> None:
        super().__init__(spec)
        length = {"mobile": 11, "password": 6, "sms_code": 6}.get(spec.kind, spec.max_length or 20)
        self.input = DigitEntry(max_length=length, masked=spec.kind == "password")
        self.input.setObjectName(f"entry_{spec.key}")
        self.input.textChanged.connect(self._edited)
        self.layout_.addWidget(self.input)
        # A wizard step's fields share its keypad (`shared_keypad`: none is made here only to be dropped).
        self.keypad: NumericKeypad | None = None
        if not shared_keypad:
            # Password digits move on every showing, so onlookers learn nothing from finger positions.
            self.keypad = NumericKeypad(shuffle=spec.kind == "password")
            self.input.connect_keypad(self.keypad)
            self.layout_.addWidget(self.keypad)
        self.finish()

    def share_keypad(self) -> None:
        """Drops this field's own keypad, if it has one; the step's shared keypad calls `press`."""
        if self.keypad is not None:
            self.keypad.hide()
            self.keypad.setParent(None)
            self.keypad.deleteLater()
            self.keypad = None

    def press(self, key: str) -> None:
        self.input.press(key)

    def set_active(self, active: bool) -> None:
        restyle(self.input, active=active)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self.activated.emit(self)
        super().mousePressEvent(event)

    def value(self) -> Any:
        return self.input.text()

    def set_value(self, value: Any) -> None:
        self.input.set_text(str(value or ""))


class TextField(FieldWidget):
    """Free text with its limit shown before typing and a live count (最多 60 字，已输入 12 字).

    No Qt max length: QLineEdit would cut a longer value silently; the count turns to an error
    line instead and the answer is refused with the same words until it is shortened.
    """

    def __init__(self, spec: FieldSpec, options: tuple[Option, ...], disabled: dict[str, str], today: date) -> None:
        super().__init__(spec)
        self.input = TouchLineEdit()
        self.input.setObjectName(f"text_{spec.key}")
        self.input.textChanged.connect(self._edited)
        self.layout_.addWidget(self.input)
        self.count = label("", role="hint", name=f"count_{spec.key}")
        self.input.textChanged.connect(self._count)
        self.layout_.addWidget(self.count)
        self.layout_.addWidget(label("点击输入框，使用屏幕键盘输入（拼音）", role="hint"))
        self._count("")
        self.finish()

    def _count(self, text: str) -> None:
        limit, typed = self.spec.max_length or 0, len(text.strip())
        over = limit and typed > limit
        self.count.setText(f"最多 {limit} 字，已输入 {typed} 字" + (f"，超出 {typed - limit} 字，请删减" if over else ""))
        restyle(self.count, role="error" if over else "hint")

    def value(self) -> Any:
        return self.input.text()

    def set_value(self, value: Any) -> None:
        self.input.setText(str(value or ""))


FIELD_WIDGETS: dict[str, type[FieldWidget]] = {
    "choice": ChoiceField,
    "multichoice": ChoiceField,
    "date": DateField,
    "digits": DigitsField,
    "mobile": DigitsField,
    "password": DigitsField,
    "sms_code": DigitsField,
    "text": TextField,
}
