"""Chinese working days, for the due dates of "N working days" services (SERVICES.md).

The due date is the Nth working day strictly after the day of submission: the submission day never
counts, statutory holidays are skipped and make-up working days (调休上班, often a Saturday) count.
The `chinesecalendar` package is the source of truth for the years it covers; the config's
`[calendar]` tables correct it for any year and are the only source for years it lacks.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime, timedelta

import chinese_calendar

from kiosk.config import KioskConfig

log = logging.getLogger(__name__)

_ONE_DAY = timedelta(days=1)


class WorkingDayCalendar:
    """Decides working days and counts them; one instance per kiosk, lookups cached per date."""

    def __init__(self, extra_holidays: Iterable[date] = (), extra_workdays: Iterable[date] = ()) -> None:
        """Builds the calendar.

        Args:
            extra_holidays: days off that override the package (and Monday–Friday).
            extra_workdays: make-up working days that override the package (and weekends).

        Raises:
            ValueError: a date is in both tables.
        """
        self._extra_holidays = frozenset(extra_holidays)
        self._extra_workdays = frozenset(extra_workdays)
        both = self._extra_holidays & self._extra_workdays
        if both:
            raise ValueError(f"dates both extra holidays and extra workdays: {sorted(both)}")
        # Years with any config entry: for a year the package lacks, these tables are then taken
        # as that year's published schedule and the Monday–Friday fallback is not warned about.
        self._config_years = {d.year for d in self._extra_holidays | self._extra_workdays}
        self._cache: dict[date, bool] = {}
        self._warned_years: set[int] = set()

    def is_working_day(self, d: date) -> bool:
        """Whether the centre works on `d` (a local CST date)."""
        _check_date(d)
        cached = self._cache.get(d)
        if cached is None:
            cached = self._cache[d] = self._decide(d)
        return cached

    def add_working_days(self, start: date, n: int) -> date:
        """The Nth working day strictly after `start`.

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
        try:
            return chinese_calendar.is_workday(d)
        except NotImplementedError:
            # chinesecalendar 1.11 raises this (no warning) outside 2004–2026; a kiosk must
            # still give a due date, so fall back rather than crash.
            pass
        if d.year not in self._config_years and d.year not in self._warned_years:
            self._warned_years.add(d.year)
            log.warning(
                "chinesecalendar has no holiday data for %d and config [calendar] has none either: "
                "counting Monday-Friday as working days for that year (add the State Council's "
                "schedule to extra_holidays / extra_workdays, or upgrade chinesecalendar)", d.year)
        return d.weekday() < 5


def calendar_from_config(config: KioskConfig) -> WorkingDayCalendar:
    """The kiosk's working-day calendar, from the config's `[calendar]` section.

    One calendar per set of tables, so its per-date cache and its once-per-year warning last
    for the life of the kiosk rather than one submission.
    """
    key = (config.calendar.extra_holidays, config.calendar.extra_workdays)
    if key not in _CALENDARS:
        _CALENDARS[key] = WorkingDayCalendar(*key)
    return _CALENDARS[key]


_CALENDARS: dict[tuple, WorkingDayCalendar] = {}


def _check_date(d: object) -> None:
    # A datetime is a date subclass, but a UTC or naive datetime may fall on another local day;
    # callers must convert with `.astimezone(CST).date()` first.
    if isinstance(d, datetime) or not isinstance(d, date):
        raise TypeError(f"expected a datetime.date (local CST day), got {type(d).__name__}")
