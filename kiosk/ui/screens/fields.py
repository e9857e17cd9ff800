"""A touch widget per field kind (the `FIELD_WIDGETS` table), each with value / set_value / error."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.services.spec import FieldSpec, Option
from kiosk.ui.screens.base import label
from kiosk.ui.widgets.choice_list import ChoiceList
from kiosk.ui.widgets.date_picker import TouchDatePicker
from kiosk.ui.widgets.keypad import DigitEntry, NumericKeypad
from kiosk.ui.widgets.text_input import TouchLineEdit


class FieldWidget(QWidget):
    """Label, help, the input itself and an error line."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.spec = spec
        self.setObjectName(f"field_{spec.key}")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(label(spec.label, role="field"))
        if spec.help:
            self.layout_.addWidget(label(spec.help, role="hint"))
        self.error = label("", role="error", name=f"error_{spec.key}")
        self.error.hide()

    def finish(self) -> None:
        self.layout_.addWidget(self.error)

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # Each kind below adds `value()` and `set_value(value)`.


class ChoiceField(FieldWidget):
    def __init__(self, spec: FieldSpec, options: tuple[Option, ...], disabled: dict[str, str], today: date) -> None:
        super().__init__(spec)
        columns = 2 if len(options) > 4 else 1
        self.input = ChoiceList([(o.value, o.label) for o in options], multi=spec.kind == "multichoice",
                                columns=columns)
        if disabled:
            self.input.set_enabled_values([o.value for o in options if o.value not in disabled], disabled)
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
    def __init__(self, spec: FieldSpec, options: tuple[Option, ...], disabled: dict[str, str], today: date) -> None:
        super().__init__(spec)
        self.input = DigitEntry(max_length=11 if spec.kind == "mobile" else (spec.max_length or 20))
        self.keypad = NumericKeypad()
        self.input.connect_keypad(self.keypad)
        self.layout_.addWidget(self.input)
        self.layout_.addWidget(self.keypad)
        self.finish()

    def value(self) -> Any:
        return self.input.text()

    def set_value(self, value: Any) -> None:
        self.input.set_text(str(value or ""))


class TextField(FieldWidget):
    def __init__(self, spec: FieldSpec, options: tuple[Option, ...], disabled: dict[str, str], today: date) -> None:
        super().__init__(spec)
        self.input = TouchLineEdit()
        self.input.setObjectName(f"text_{spec.key}")
        if spec.max_length:
            self.input.setMaxLength(spec.max_length)
        self.layout_.addWidget(self.input)
        self.layout_.addWidget(label("点击输入框，使用屏幕键盘输入（拼音）", role="hint"))
        self.finish()

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
    "text": TextField,
}
