"""Working days (kiosk/services/working_days.py) on real dates.

2026 as chinesecalendar 1.11 encodes the State Council's notice of November 2025:
Spring Festival 15–23 Feb off, Sat 14 Feb and Sat 28 Feb worked; Mid-Autumn 25–27 Sep off;
National Day 1–7 Oct off, Sun 20 Sep and Sat 10 Oct worked. The package covers 2004–2026 only.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

import chinese_calendar
import pytest

from kiosk.config import CalendarSection, KioskConfig, load_config
from kiosk.services.statutory_holidays import statutory_days_off, statutory_holidays
from kiosk.services.working_days import PACKAGE_YEARS, DueDate, WorkingDayCalendar, calendar_from_config

LOGGER = "kiosk.services.working_days"
UNKNOWN_YEAR = 2031  # far enough that a newer chinesecalendar will not know it either


@pytest.fixture
def cal() -> WorkingDayCalendar:
    return WorkingDayCalendar()


def _fallback_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == LOGGER and r.levelno == logging.WARNING]


# --- the package's 2026 schedule, as the tests below rely on it -------------------------------

def test_premises_hold_in_the_installed_chinesecalendar() -> None:
    assert chinese_calendar.is_workday(date(2026, 9, 20))  # Sunday, make-up for National Day
    assert chinese_calendar.is_workday(date(2026, 10, 10))  # Saturday, make-up for National Day
    assert chinese_calendar.is_workday(date(2026, 2, 14))  # Saturday, make-up for Spring Festival
    assert chinese_calendar.is_workday(date(2026, 2, 28))  # Saturday, make-up for Spring Festival
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(UNKNOWN_YEAR, 1, 6))


def test_national_day_2026(cal: WorkingDayCalendar) -> None:
    assert not any(cal.is_working_day(date(2026, 10, day)) for day in range(1, 8))
    assert cal.is_working_day(date(2026, 9, 20)) and cal.is_working_day(date(2026, 10, 10))
    assert cal.is_working_day(date(2026, 10, 8)) and cal.is_working_day(date(2026, 10, 9))
    assert not cal.is_working_day(date(2026, 10, 11))  # an ordinary Sunday


def test_spring_festival_2026(cal: WorkingDayCalendar) -> None:
    assert not any(cal.is_working_day(date(2026, 2, day)) for day in range(15, 24))
    assert cal.is_working_day(date(2026, 2, 14)) and cal.is_working_day(date(2026, 2, 28))
    # Thu 12 Feb + 3: Fri 13, Sat 14 (make-up), then Tue 24 after the holiday.
    assert cal.add_working_days(date(2026, 2, 12), 3) == date(2026, 2, 24)
    # Submitted on the last holiday, Mon 23 Feb, + 5: 24, 25, 26, 27 and make-up Sat 28.
    assert cal.add_working_days(date(2026, 2, 23), 5) == date(2026, 2, 28)


def test_agrees_with_chinesecalendar_for_every_day_of_2025_and_2026(cal: WorkingDayCalendar) -> None:
    d = date(2025, 1, 1)
    while d.year <= 2026:
        assert cal.is_working_day(d) == chinese_calendar.is_workday(d), d
        d += timedelta(days=1)


# --- due dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "n", "due"), [
    (date(2026, 3, 13), 3, date(2026, 3, 18)),  # Fri + 3: Mon, Tue, Wed
    (date(2026, 9, 18), 1, date(2026, 9, 20)),  # Fri + 1: the make-up Sunday
    (date(2026, 2, 13), 1, date(2026, 2, 14)),  # Fri + 1: the make-up Saturday
    (date(2026, 2, 13), 2, date(2026, 2, 24)),  # Fri + 2: over the whole Spring Festival
], ids=["ordinary-friday", "friday-before-makeup-sunday", "friday-before-spring-festival",
        "friday-over-spring-festival"])
def test_submission_on_a_friday(cal: WorkingDayCalendar, start: date, n: int, due: date) -> None:
    assert start.weekday() == 4
    assert cal.add_working_days(start, n) == due


def test_submission_on_a_holiday_never_counts_the_day_itself(cal: WorkingDayCalendar) -> None:
    assert cal.add_working_days(date(2026, 10, 3), 1) == date(2026, 10, 8)
    assert cal.add_working_days(date(2026, 10, 1), 3) == date(2026, 10, 10)


def test_submission_on_a_working_day_never_counts_the_day_itself(cal: WorkingDayCalendar) -> None:
    assert cal.is_working_day(date(2026, 3, 10))
    assert cal.add_working_days(date(2026, 3, 10), 1) == date(2026, 3, 11)


def test_submission_the_day_before_national_day(cal: WorkingDayCalendar) -> None:
    wed = date(2026, 9, 30)
    assert cal.add_working_days(wed, 1) == date(2026, 10, 8)
    assert cal.add_working_days(wed, 3) == date(2026, 10, 10)  # make-up Saturday counts
    assert cal.add_working_days(wed, 5) == date(2026, 10, 13)  # hf_transfer_out_local, 5 days


def test_five_working_days_across_mid_autumn_and_national_day(cal: WorkingDayCalendar) -> None:
    # Thu 24 Sep + 5: Mon 28, Tue 29, Wed 30, Thu 8 Oct, Fri 9 Oct.
    assert cal.add_working_days(date(2026, 9, 24), 5) == date(2026, 10, 9)


def test_45_working_days_across_national_day(cal: WorkingDayCalendar) -> None:
    # gov_medical_transfer_out completes in 45 working days. Six weekday holidays (25 Sep,
    # 1, 2, 5, 6, 7 Oct) less two make-up days push plain Mon–Fri (Mon 16 Nov) on by four.
    start = date(2026, 9, 14)
    due = cal.add_working_days(start, 45)
    assert due == date(2026, 11, 20)
    assert chinese_calendar.find_workday(45, start) == due  # the package's own count agrees
    assert cal.working_days_between(start, due) == 45


def test_working_days_between(cal: WorkingDayCalendar) -> None:
    assert cal.working_days_between(date(2026, 9, 30), date(2026, 10, 8)) == 1
    assert cal.working_days_between(date(2026, 10, 1), date(2026, 10, 7)) == 0
    assert cal.working_days_between(date(2026, 3, 10), date(2026, 3, 10)) == 0
    assert cal.working_days_between(date(2026, 10, 13), date(2026, 9, 30)) == -5  # overdue


def test_n_below_one_raises(cal: WorkingDayCalendar) -> None:
    with pytest.raises(ValueError):
        cal.add_working_days(date(2026, 3, 10), 0)
    with pytest.raises(ValueError):
        cal.add_working_days(date(2026, 3, 10), -1)


def test_a_datetime_is_refused_because_its_local_day_is_ambiguous(cal: WorkingDayCalendar) -> None:
    with pytest.raises(TypeError):
        cal.add_working_days(datetime(2026, 3, 10, 23, 30), 1)
    with pytest.raises(TypeError):
        cal.is_working_day(datetime(2026, 3, 10))


# --- a year the package does not know: the statutory estimate ---------------------------------

def test_unknown_year_counts_the_statutory_holidays_with_one_warning(
        cal: WorkingDayCalendar, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    # 2031-01-01 is a Wednesday: New Year's Day, off.
    assert not cal.is_working_day(date(UNKNOWN_YEAR, 1, 1))
    assert cal.is_working_day(date(UNKNOWN_YEAR, 1, 2))
    assert not cal.is_working_day(date(UNKNOWN_YEAR, 1, 4))  # Saturday
    assert cal.due(date(UNKNOWN_YEAR, 1, 3), 10) == DueDate(date(UNKNOWN_YEAR, 1, 17), estimated=True)
    warnings = _fallback_warnings(caplog)
    assert len(warnings) == 1 and str(UNKNOWN_YEAR) in warnings[0].getMessage()
    # Another unknown year warns once more: once per year, not once per process.
    cal.is_working_day(date(UNKNOWN_YEAR + 1, 3, 1))
    cal.is_working_day(date(UNKNOWN_YEAR + 1, 3, 2))
    assert len(_fallback_warnings(caplog)) == 2


def test_entries_without_complete_years_correct_the_estimate(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    # One entry for the year is not its schedule: the statutory estimate still counts, marked.
    config = KioskConfig(calendar=CalendarSection(extra_holidays=(date(UNKNOWN_YEAR, 1, 2),)))
    cal = calendar_from_config(config)
    assert not cal.is_working_day(date(UNKNOWN_YEAR, 1, 1))  # statutory
    assert not cal.is_working_day(date(UNKNOWN_YEAR, 1, 2))  # the entry
    # Tue 31 Dec 2030 + 1: Fri 3 Jan, an estimate.
    assert cal.due(date(UNKNOWN_YEAR - 1, 12, 31), 1) == DueDate(date(UNKNOWN_YEAR, 1, 3), estimated=True)
    assert len(_fallback_warnings(caplog)) == 1
    assert cal.missing_schedules(date(UNKNOWN_YEAR, 1, 6)) == (UNKNOWN_YEAR,)


def test_a_complete_config_year_is_published(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    # A hypothetical schedule: New Year Wed 1 Jan – Fri 3 Jan off, Sat 4 Jan worked.
    config = KioskConfig(calendar=CalendarSection(
        extra_holidays=(date(UNKNOWN_YEAR, 1, 1), date(UNKNOWN_YEAR, 1, 2), date(UNKNOWN_YEAR, 1, 3)),
        extra_workdays=(date(UNKNOWN_YEAR, 1, 4),), complete_years=(UNKNOWN_YEAR,)))
    cal = calendar_from_config(config)
    assert not cal.is_working_day(date(UNKNOWN_YEAR, 1, 2))
    assert cal.is_working_day(date(UNKNOWN_YEAR, 1, 4))
    assert not cal.is_working_day(date(UNKNOWN_YEAR, 1, 5))  # Sunday: Monday–Friday otherwise
    # Tue 31 Dec 2030 + 2: Sat 4 Jan (make-up), Mon 6 Jan; 2030 is not published, 2031 is.
    assert cal.due(date(UNKNOWN_YEAR - 1, 12, 31), 2) == DueDate(date(UNKNOWN_YEAR, 1, 6), estimated=False)
    # A complete year replaces the estimate: this (made-up) schedule lists no National Day.
    assert cal.is_working_day(date(UNKNOWN_YEAR, 10, 1))
    assert _fallback_warnings(caplog) == []


def test_config_tables_load_from_toml(tmp_path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[calendar]\nextra_holidays = [2031-01-01]\nextra_workdays = [2031-01-04]\n"
                    "complete_years = [2031]\n", encoding="utf-8")
    cal = calendar_from_config(load_config(path))
    assert not cal.is_working_day(date(2031, 1, 1)) and cal.is_working_day(date(2031, 1, 4))
    assert cal.is_published(2031) and not cal.is_published(2032)


def test_shipped_configs_have_an_empty_calendar_section() -> None:
    for demo in (False, True):
        section = load_config(demo=demo).calendar
        assert section == CalendarSection()


# --- config corrects the package ---------------------------------------------------------------

def test_config_extra_holiday_overrides_a_package_workday() -> None:
    fri = date(2026, 10, 9)
    assert chinese_calendar.is_workday(fri)
    cal = calendar_from_config(KioskConfig(calendar=CalendarSection(extra_holidays=(fri,))))
    assert not cal.is_working_day(fri)
    assert cal.add_working_days(date(2026, 9, 30), 2) == date(2026, 10, 10)  # was 9 Oct


def test_config_extra_workday_overrides_a_package_holiday() -> None:
    wed = date(2026, 10, 7)
    assert not chinese_calendar.is_workday(wed)
    cal = calendar_from_config(KioskConfig(calendar=CalendarSection(extra_workdays=(wed,))))
    assert cal.add_working_days(date(2026, 9, 30), 1) == wed


def test_a_day_in_both_tables_is_a_config_error() -> None:
    with pytest.raises(ValueError):
        CalendarSection(extra_holidays=(date(2026, 10, 9),), extra_workdays=(date(2026, 10, 9),))
    with pytest.raises(ValueError):
        WorkingDayCalendar([date(2026, 10, 9)], [date(2026, 10, 9)])


def test_default_config_has_no_tables(cal: WorkingDayCalendar) -> None:
    from_config = calendar_from_config(KioskConfig())
    assert from_config.add_working_days(date(2026, 9, 14), 45) == cal.add_working_days(date(2026, 9, 14), 45)


def test_lookups_are_cached(monkeypatch: pytest.MonkeyPatch, cal: WorkingDayCalendar) -> None:
    calls: list[date] = []
    real = chinese_calendar.is_workday

    def counting(d: date) -> bool:
        calls.append(d)
        return real(d)

    monkeypatch.setattr(chinese_calendar, "is_workday", counting)
    cal.add_working_days(date(2026, 9, 14), 45)
    first = len(calls)
    cal.add_working_days(date(2026, 9, 14), 45)
    cal.working_days_between(date(2026, 9, 14), date(2026, 11, 20))
    assert first == (date(2026, 11, 20) - date(2026, 9, 14)).days and len(calls) == first


# --- the statutory estimate against the published schedules ------------------------------------

# chinesecalendar's names for the festivals of the 放假办法.
PACKAGE_NAMES = {
    "元旦": chinese_calendar.Holiday.new_years_day, "春节": chinese_calendar.Holiday.spring_festival,
    "清明节": chinese_calendar.Holiday.tomb_sweeping_day, "劳动节": chinese_calendar.Holiday.labour_day,
    "端午节": chinese_calendar.Holiday.dragon_boat_festival, "中秋节": chinese_calendar.Holiday.mid_autumn_festival,
    "国庆节": chinese_calendar.Holiday.national_day,
}


@pytest.mark.parametrize("year", range(2020, 2027))
def test_every_statutory_holiday_is_a_published_holiday_of_that_festival(year: int) -> None:
    """Holidays proper only: the State Council's make-up days and bridge days follow no rule.

    When two festivals share a day (中秋 on National Day 2020), the package names one of them.
    """
    computed = statutory_holidays(year)
    names_by_day: dict[date, set[str]] = {}
    for day, name in computed:
        names_by_day.setdefault(day, set()).add(PACKAGE_NAMES[name].value)
    for day, names in names_by_day.items():
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        assert on_holiday and name in names, (day, names, name)
    # 3 + 1 + 1 + 1 + 1 + 1 + 3 days before 2025, 4 + 1 + 1 + 2 + 1 + 1 + 3 from the 2024 revision on.
    assert len(computed) == (13 if year >= 2025 else 11)


def test_the_estimate_makes_up_weekend_holidays_on_the_next_weekdays() -> None:
    # 2027: 除夕 Fri 5 Feb, 初一 Sat 6, 初二 Sun 7, 初三 Mon 8: the weekend two made up Tue 9, Wed 10.
    spring = [d for d, name in statutory_holidays(2027) if name == "春节"]
    assert spring == [date(2027, 2, 5), date(2027, 2, 6), date(2027, 2, 7), date(2027, 2, 8)]
    off = statutory_days_off(2027)
    assert {date(2027, 2, 9), date(2027, 2, 10)} <= off and date(2027, 2, 11) not in off
    # 2028: National Day starts on Sunday 1 Oct and 中秋 shares Tue 3 Oct: both made up, Wed 4, Thu 5.
    off = statutory_days_off(2028)
    assert {date(2028, 10, 4), date(2028, 10, 5)} <= off and date(2028, 10, 6) not in off
    with pytest.raises(ValueError):
        statutory_holidays(2013)


# --- due dates across years: the dates issue 10 found wrong ------------------------------------

@pytest.mark.parametrize(("start", "n", "due"), [
    (date(2026, 12, 28), 5, date(2027, 1, 5)),  # resident_medical_withdrawal: skips New Year's Day 2027
    (date(2027, 1, 29), 11, date(2027, 2, 19)),  # gov_hf_transfer_in: skips Spring Festival 5–10 Feb
    (date(2027, 1, 29), 15, date(2027, 2, 25)),  # gov_medical_transfer_out, the three stages
    (date(2027, 1, 29), 30, date(2027, 3, 18)),
    (date(2027, 1, 29), 45, date(2027, 4, 9)),  # and 清明 Mon 5 Apr
])
def test_due_dates_over_2027_are_statutory_estimates(cal: WorkingDayCalendar, start: date, n: int,
                                                     due: date) -> None:
    assert cal.due(start, n) == DueDate(due, estimated=True)
    assert cal.due(start, n).expected() == f"预计 {due:%Y-%m-%d}（以中心公布的节假日安排为准）"


def test_a_due_date_within_a_published_year_is_not_an_estimate(cal: WorkingDayCalendar) -> None:
    due = cal.due(date(2026, 12, 1), 5)
    assert due == DueDate(date(2026, 12, 8), estimated=False)
    assert due.expected() == "预计 2026-12-08"


@pytest.mark.parametrize(("today", "n", "due"), [
    (date(2026, 12, 31), 1, date(2027, 1, 4)),  # Thu: New Year Fri 1 Jan, the weekend
    (date(2027, 1, 15), 3, date(2027, 1, 20)),
    (date(2027, 7, 1), 5, date(2027, 7, 8)),
    (date(2028, 2, 29), 5, date(2028, 3, 7)),  # a leap day
    (date(2031, 10, 8), 1, date(2031, 10, 9)),
    (date(2031, 9, 30), 1, date(2031, 10, 7)),  # Tue: 1–3 Oct off, 中秋 on the 1st made up Mon 6
])
def test_due_dates_on_days_across_years(cal: WorkingDayCalendar, today: date, n: int, due: date) -> None:
    found = cal.due(today, n)
    assert found == DueDate(due, estimated=True)
    assert cal.working_days_between(today, due) == n


@pytest.mark.parametrize("today", [date(2026, 12, 31), date(2027, 1, 15), date(2027, 7, 1), date(2028, 2, 29),
                                   date(2031, 10, 8)])
def test_no_statutory_holiday_is_ever_counted_as_a_working_day(cal: WorkingDayCalendar, today: date) -> None:
    due = cal.add_working_days(today, 45)
    d = today + timedelta(days=1)
    while d <= due:
        if d.year not in PACKAGE_YEARS:
            assert not (cal.is_working_day(d) and d in statutory_days_off(d.year)), d
            assert cal.is_working_day(d) == (d.weekday() < 5 and d not in statutory_days_off(d.year)), d
        d += timedelta(days=1)


# --- staff see the gap before it matters -------------------------------------------------------

@pytest.mark.parametrize(("today", "missing"), [
    (date(2026, 10, 31), ()),  # 2027's notice is not due yet
    (date(2026, 11, 1), (2027,)),
    (date(2026, 12, 4), (2027,)),
    (date(2027, 3, 1), (2027,)),  # the year itself has no published schedule
    (date(2027, 11, 2), (2027, 2028)),
])
def test_missing_schedules_from_1_november(cal: WorkingDayCalendar, today: date, missing: tuple[int, ...]) -> None:
    assert cal.missing_schedules(today) == missing


def test_a_complete_config_year_is_no_longer_missing() -> None:
    cal = calendar_from_config(KioskConfig(calendar=CalendarSection(complete_years=(2027,))))
    assert cal.missing_schedules(date(2026, 12, 4)) == ()
    assert cal.missing_schedules(date(2027, 11, 1)) == (2028,)
