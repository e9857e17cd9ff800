"""Chinese working days, for the due dates of "N working days" services (SERVICES.md).

The due date is the Nth working day strictly after the day of submission: the submission day never
counts, statutory holidays are skipped and make-up working days (调休上班, often a Saturday) count.

A year's working days come from, in order:
1. the published schedule: the `chinesecalendar` package for the years it covers, the config's
   `[calendar]` tables for a year it lacks once `complete_years` lists that year (the tables
   also correct the package in any year);
2. for a year with no published schedule, the statutory holidays of the 全国年节及纪念日放假办法
   (kiosk/services/statutory_holidays.py) with the config's entries as corrections. A due date
   counted over such a year is an estimate, and says so wherever the resident reads it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import chinese_calendar
from chinese_calendar.constants import holidays as _PACKAGE_HOLIDAYS

from kiosk.config import KioskConfig
from kiosk.services.formatting import ymd
from kiosk.services.statutory_holidays import statutory_days_off

log = logging.getLogger(__name__)

_ONE_DAY = timedelta(days=1)
# The years the installed chinesecalendar knows (1.11: 2004–2026); it raises outside them.
PACKAGE_YEARS = range(min(_PACKAGE_HOLIDAYS).year, max(_PACKAGE_HOLIDAYS).year + 1)
ESTIMATE_NOTE = "（以中心公布的节假日安排为准）"
# The State Council publishes next year's schedule in November, usually early; from the 1st staff
# are warned while the kiosk still lacks it.
NOTICE_MONTH = 11


@dataclass(frozen=True)
class DueDate:
    """A due date, and whether it was counted over a year whose schedule is not yet published."""

    day: date
    estimated: bool

    def label(self) -> str:
        """'2027-01-05（以中心公布的节假日安排为准）' for an estimate, '2026-12-10' otherwise."""
        return due_label(self.day, self.estimated)

    def expected(self) -> str:
        """'预计 2027-01-05（以中心公布的节假日安排为准）': how every screen and paper says it."""
        return f"预计 {self.label()}"


def due_label(day: date, estimated: bool) -> str:
    return ymd(day) + (ESTIMATE_NOTE if estimated else "")


class WorkingDayCalendar:
    """Decides working days and counts them; one instance per kiosk, lookups cached per date."""

    def __init__(self, extra_holidays: Iterable[date] = (), extra_workdays: Iterable[date] = (),
                 complete_years: Iterable[int] = ()) -> None:
        """Builds the calendar.

        Args:
            extra_holidays: days off that override the package and the statutory estimate.
            extra_workdays: make-up working days that override the package and weekends.
            complete_years: years whose whole published schedule the two tables hold; without
                this, entries for a year the package lacks are corrections to an estimate.

        Raises:
            ValueError: a date is in both tables.
        """
        self._extra_holidays = frozenset(extra_holidays)
        self._extra_workdays = frozenset(extra_workdays)
        both = self._extra_holidays & self._extra_workdays
        if both:
            raise ValueError(f"dates both extra holidays and extra workdays: {sorted(both)}")
        self._complete_years = frozenset(complete_years)
        self._cache: dict[date, bool] = {}
        self._warned_years: set[int] = set()

    def is_published(self, year: int) -> bool:
        """Whether `year`'s schedule is the State Council's (package or complete config), not an estimate."""
        return year in PACKAGE_YEARS or year in self._complete_years

    def missing_schedules(self, today: date) -> tuple[int, ...]:
        """The years whose published schedule staff must add now: this one, and from 1 November the next."""
        years = (today.year, today.year + 1) if today.month >= NOTICE_MONTH else (today.year,)
        return tuple(y for y in years if not self.is_published(y))

    def is_working_day(self, d: date) -> bool:
        """Whether the centre works on `d` (a local CST date)."""
        _check_date(d)
        cached = self._cache.get(d)
        if cached is None:
            cached = self._cache[d] = self._decide(d)
        return cached

    def due(self, start: date, n: int) -> DueDate:
        """The Nth working day strictly after `start`, estimated when counted over an unpublished year."""
        day = self.add_working_days(start, n)
        return DueDate(day, self.is_estimate(start, day))

    def is_estimate(self, start: date, end: date) -> bool:
        """Whether a count over the days in (start, end] touches a year with no published schedule."""
        return not all(self.is_published(y) for y in range((start + _ONE_DAY).year, end.year + 1))

    def add_working_days(self, start: date, n: int) -> date:
        """The Nth working day strictly after `start` (see `due` for whether it is an estimate).

        `start` itself never counts, whether or not it is a working day.

        Args:
            start: the day of submission (local CST date).
            n: how many working days, at least 1.

        Raises:
            ValueError: `n` is below 1 (a "0 working days" service is instant, not pending).
        """
        _check_date(start)
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"n must be an int, got {type(n).__name__}")
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        d = start
        while n:
            d += _ONE_DAY
            if self.is_working_day(d):
                n -= 1
        return d

    def working_days_between(self, a: date, b: date) -> int:
        """The number of working days in (a, b]: after `a`, up to and including `b`.

        The inverse of `add_working_days`: `working_days_between(s, add_working_days(s, n)) == n`.
        When `b` is before `a` the count is negative (-working days in (b, a]), so a timeline can
        show how many working days a due date is overdue.
        """
        _check_date(a)
        _check_date(b)
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        d = a + _ONE_DAY
        while d <= b:
            count += self.is_working_day(d)
            d += _ONE_DAY
        return count

    def _decide(self, d: date) -> bool:
        # Config first: the centre corrects the package when the State Council changes a schedule.
        if d in self._extra_holidays:
            return False
        if d in self._extra_workdays:
            return True
        if d.year in PACKAGE_YEARS:
            return chinese_calendar.is_workday(d)
        if d.year in self._complete_years:
            return d.weekday() < 5
        if d.year not in self._warned_years:
            self._warned_years.add(d.year)
            log.warning(
                "no published holiday schedule for %d (chinesecalendar covers %d-%d, config [calendar] "
                "complete_years has %s): due dates over that year are estimated from the statutory "
                "holidays and marked 预计; add the State Council's schedule to [calendar]", d.year,
                PACKAGE_YEARS.start, PACKAGE_YEARS.stop - 1, sorted(self._complete_years) or "none")
        return d.weekday() < 5 and d not in statutory_days_off(d.year)


def calendar_from_config(config: KioskConfig) -> WorkingDayCalendar:
    """The kiosk's working-day calendar, from the config's `[calendar]` section.

    One calendar per set of tables, so its per-date cache and its once-per-year warning last
    for the life of the kiosk rather than one submission.
    """
    section = config.calendar
    key = (section.extra_holidays, section.extra_workdays, section.complete_years)
    if key not in _CALENDARS:
        _CALENDARS[key] = WorkingDayCalendar(*key)
    return _CALENDARS[key]


_CALENDARS: dict[tuple, WorkingDayCalendar] = {}


def _check_date(d: object) -> None:
    # A datetime is a date subclass, but a UTC or naive datetime may fall on another local day;
    # callers must convert with `.astimezone(CST).date()` first.
    if isinstance(d, datetime) or not isinstance(d, date):
        raise TypeError(f"expected a datetime.date (local CST day), got {type(d).__name__}")
