"""TouchDatePicker: − and + per field, month lengths respected, range kept."""

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.ui.touch import Finger, Unreachable
from kiosk.ui.widgets import TouchButton, TouchDatePicker
from kiosk.ui.widgets.date_picker import step_date




def _picker(qtbot, **options):
    picker = TouchDatePicker(**options)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    return picker


def _tap(qtbot, picker, name, times=1):
    button = picker.findChild(TouchButton, name)
    for _ in range(times):
        Finger(picker, picker.rect()).tap(button)


def test_shows_the_date_in_chinese(qtbot):
    picker = _picker(qtbot, value=date(2026, 3, 17))
    assert picker.findChild(QLabel, "date_label").text() == "2026 年 3 月 17 日"
    assert picker.findChild(QLabel, "month_value").text() == "3 月"


@pytest.mark.parametrize(("year", "last_day"), [(2026, 28), (2024, 29)])
def test_31_january_plus_one_month_is_the_end_of_february(qtbot, year, last_day):
    picker = _picker(qtbot, value=date(year, 1, 31))
    _tap(qtbot, picker, "month_plus")
    assert picker.date() == date(year, 2, last_day)
    assert picker.findChild(QLabel, "date_label").text() == f"{year} 年 2 月 {last_day} 日"


def test_29_february_minus_one_year_is_28_february(qtbot):
    picker = _picker(qtbot, value=date(2024, 2, 29))
    _tap(qtbot, picker, "year_minus")
    assert picker.date() == date(2023, 2, 28)


def test_months_and_days_carry_over(qtbot):
    picker = _picker(qtbot, value=date(2025, 12, 31))
    _tap(qtbot, picker, "day_plus")
    assert picker.date() == date(2026, 1, 1)
    _tap(qtbot, picker, "month_minus")
    assert picker.date() == date(2025, 12, 1)
    _tap(qtbot, picker, "day_minus")
    assert picker.date() == date(2025, 11, 30)


def test_range_is_respected_and_its_limits_are_visible(qtbot):
    picker = _picker(qtbot, value=date(2026, 3, 15), min_date=date(2026, 1, 1), max_date=date(2026, 3, 17))
    _tap(qtbot, picker, "day_plus", times=2)
    assert picker.date() == date(2026, 3, 17)
    with pytest.raises(Unreachable, match=r"\(disabled\)"):
        _tap(qtbot, picker, "day_plus")  # greyed at the limit
    assert not picker.findChild(TouchButton, "day_plus").isEnabled()
    assert not picker.findChild(TouchButton, "year_plus").isEnabled()
    assert picker.findChild(TouchButton, "day_minus").isEnabled()
    _tap(qtbot, picker, "year_minus")  # a year back is before the range: stops at its start
    assert picker.date() == date(2026, 1, 1)
    assert not picker.findChild(TouchButton, "month_minus").isEnabled()


def test_set_date_and_set_range_clamp(qtbot):
    picker = _picker(qtbot, value=date(2026, 6, 1))
    picker.set_range(date(2026, 1, 1), date(2026, 3, 31))
    assert picker.date() == date(2026, 3, 31)
    picker.set_date(date(2020, 5, 5))
    assert picker.date() == date(2026, 1, 1)
    with pytest.raises(ValueError):
        picker.set_range(date(2026, 2, 1), date(2026, 1, 1))


def test_changed_reports_each_new_date(qtbot):
    picker = _picker(qtbot, value=date(2026, 3, 17))
    seen = []
    picker.changed.connect(seen.append)
    _tap(qtbot, picker, "day_plus")
    picker.set_date(date(2026, 3, 18))  # same date: no signal
    picker.set_date(date(2026, 4, 1))
    assert seen == [date(2026, 3, 18), date(2026, 4, 1)]


def test_step_date_rejects_unknown_fields():
    with pytest.raises(ValueError):
        step_date(date(2026, 1, 1), "week", 1)


def test_buttons_are_big_enough_to_tap(themed, qtbot):
    picker = _picker(qtbot, value=date(2026, 3, 17))
    names = [f"{field}_{side}" for field in ("year", "month", "day") for side in ("minus", "plus")]
    for name in names:
        button = picker.findChild(TouchButton, name)
        assert button.height() >= 80 and button.width() >= 80, name
