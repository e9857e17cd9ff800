"""A date picker made of big − and + buttons for year, month and day."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui import theme
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.text import TrLabel

DEFAULT_MIN = date(1900, 1, 1)
DEFAULT_MAX = date(2099, 12, 31)
_FIELDS = (("year", "年"), ("month", "月"), ("day", "日"))
# Holding a button steps on: 0.5 s before the first repeat so a normal tap never repeats.
_REPEAT_DELAY_MS = 500
_REPEAT_INTERVAL_MS = 150


def format_date(value: date) -> str:
    """A date the way the centre writes it on screen, e.g. "2026 年 3 月 17 日"."""
    return f"{value.year} 年 {value.month} 月 {value.day} 日"


def _with_day_clamped(year: int, month: int, day: int) -> date:
    # 31 January + 1 month is the last day of February, not an error or 3 March.
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def step_date(value: date, field: str, delta: int) -> date:
    """``value`` moved by ``delta`` years, months or days.

    Months carry into the year (December + 1 is January of the next year) and the day is
    clamped to the length of the new month (29 February − 1 year is 28 February).

    Raises:
        ValueError: For an unknown field.
    """
    if field == "year":
        return _with_day_clamped(value.year + delta, value.month, value.day)
    if field == "month":
        months = value.year * 12 + value.month - 1 + delta
        return _with_day_clamped(months // 12, months % 12 + 1, value.day)
    if field == "day":
        return value + timedelta(days=delta)
    raise ValueError(f"unknown date field {field!r}")


class TouchDatePicker(QWidget):
    """Year, month and day, each with large − and + buttons, kept inside a date range.

    Args:
        parent: The parent widget.
        value: The date shown first; screens pass today from the session's `Clock`. Without it,
            1 January 2000 (clamped into the range).
        min_date: Earliest date allowed.
        max_date: Latest date allowed.

    Signals:
        changed(object): The new `datetime.date`, each time it changes.
    """

    changed = Signal(object)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        value: date | None = None,
        min_date: date = DEFAULT_MIN,
        max_date: date = DEFAULT_MAX,
    ) -> None:
        super().__init__(parent)
        if min_date > max_date:
            raise ValueError("min_date is after max_date")
        self._min, self._max = min_date, max_date
        self._date = self._clamp(value if value is not None else date(2000, 1, 1))

        self._summary = TrLabel(self)
        self._summary.setObjectName("date_label")
        self._summary.setProperty("role", "large")
        self._summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid = QGridLayout()
        grid.setHorizontalSpacing(theme.SPACING)
        grid.setVerticalSpacing(theme.SMALL_SPACING)
        self._buttons: dict[str, TouchButton] = {}
        self._values: dict[str, QLabel] = {}
        for row, (field, unit) in enumerate(_FIELDS):
            minus = self._make_step_button(field, -1, "－", f"{unit}减一")
            plus = self._make_step_button(field, +1, "＋", f"{unit}加一")
            shown = TrLabel(self)
            shown.setObjectName(f"{field}_value")
            shown.setProperty("role", "large")
            shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
            shown.setMinimumWidth(260)
            grid.addWidget(minus, row, 0)
            grid.addWidget(shown, row, 1)
            grid.addWidget(plus, row, 2)
            self._values[field] = shown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self._summary)
        layout.addLayout(grid)
        self._refresh()

    def _make_step_button(self, field: str, delta: int, text: str, name: str) -> TouchButton:
        button = TouchButton(text, "key", self)  # the big-glyph style of the keypad keys
        button.setObjectName(f"{field}_{'plus' if delta > 0 else 'minus'}")
        button.setAccessibleName(name)
        button.setMinimumWidth(theme.STEP_BUTTON_WIDTH)
        button.setAutoRepeat(True)
        button.setAutoRepeatDelay(_REPEAT_DELAY_MS)
        button.setAutoRepeatInterval(_REPEAT_INTERVAL_MS)
        button.clicked.connect(lambda _checked=False, f=field, d=delta: self._step(f, d))
        self._buttons[button.objectName()] = button
        return button

    def date(self) -> date:
        """The date shown."""
        return self._date

    def set_date(self, value: date) -> None:
        """Show ``value``, moved into the allowed range if outside it."""
        self._set(self._clamp(value))

    def set_range(self, min_date: date, max_date: date) -> None:
        """Allow only dates from ``min_date`` to ``max_date`` inclusive; the shown date is moved
        inside if needed.

        Raises:
            ValueError: If ``min_date`` is after ``max_date``.
        """
        if min_date > max_date:
            raise ValueError("min_date is after max_date")
        self._min, self._max = min_date, max_date
        self._set(self._clamp(self._date), force_refresh=True)

    def minimum_date(self) -> date:
        """Earliest date allowed."""
        return self._min

    def maximum_date(self) -> date:
        """Latest date allowed."""
        return self._max

    def _clamp(self, value: date) -> date:
        return min(max(value, self._min), self._max)

    def _stepped(self, field: str, delta: int) -> date:
        try:
            return self._clamp(step_date(self._date, field, delta))
        except (ValueError, OverflowError):  # beyond year 1 or 9999
            return self._date

    def _step(self, field: str, delta: int) -> None:
        self._set(self._stepped(field, delta))

    def _set(self, value: date, *, force_refresh: bool = False) -> None:
        changed = value != self._date
        self._date = value
        if changed or force_refresh:
            self._refresh()
        if changed:
            self.changed.emit(value)

    def _refresh(self) -> None:
        self._summary.setText(format_date(self._date))
        self._values["year"].setText(f"{self._date.year} 年")
        self._values["month"].setText(f"{self._date.month} 月")
        self._values["day"].setText(f"{self._date.day} 日")
        self.setAccessibleName(format_date(self._date))
        # A button that could not move the date is disabled, so the resident sees the limit.
        for field, _unit in _FIELDS:
            for delta, suffix in ((-1, "minus"), (1, "plus")):
                self._buttons[f"{field}_{suffix}"].setEnabled(self._stepped(field, delta) != self._date)
