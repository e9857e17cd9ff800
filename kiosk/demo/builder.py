"""`Days`: the dates of demo data, relative to the day the personas are seeded.

Persona modules write "7 days ago", "the 20th of two months back", "last year's 30 June" instead of
fixed dates, so every listed outcome holds on whatever day the demo is seeded. On the reference day
(2026-03-17, the day the UI tests run) the builder gives the dates the personas always had.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kiosk.clock import CST
from kiosk.config import SubsidySection
from kiosk.services.formatting import add_months

REFERENCE_DAY = date(2026, 3, 17)
DEMO_SERIAL_PREFIX = "YS"  # the kiosk issues `YW…` serials only, so seeded ones never collide


@dataclass(frozen=True)
class Days:
    today: date
    subsidy: SubsidySection = SubsidySection()  # the housing-loan interest subsidy window ([subsidy])

    @property
    def year(self) -> int:
        return self.today.year

    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def day(self, months: int, day: int) -> date:
        """Day `day` of the month `months` from this month (-2: two months back), clamped to its end."""
        first = add_months(self.today.replace(day=1), months)
        return first.replace(day=min(day, calendar.monthrange(first.year, first.month)[1]))

    def month(self, months: int = 0) -> str:
        """`YYYY-MM` of the month `months` from this month; -1 is the latest month contributions are due for."""
        return f"{self.day(months, 1):%Y-%m}"

    def this_month(self, days_ago: int) -> date:
        """`days_ago` days back, but not before the 1st of this month (for "earlier this month")."""
        return max(self.ago(days_ago), self.today.replace(day=1))

    def this_year(self, days_ago: int) -> date:
        """`days_ago` days back, but not before 1 January (for "earlier this year")."""
        return max(self.ago(days_ago), date(self.year, 1, 1))

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        """A time on `day`; on today itself the small hours, so it is already past when the demo opens."""
        if day == self.today:
            hour, minute = 0, minute % 30 + 1
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CST)

    def in_subsidy_window(self) -> bool:
        """The housing-loan interest subsidy is claimed only in the `[subsidy]` window."""
        return self.subsidy.window_start <= f"{self.today:%m-%d}" <= self.subsidy.window_end

    @staticmethod
    def serial(day: date, n: int) -> str:
        """A seeded business serial: prefix, date, terminal 000, sequence."""
        return f"{DEMO_SERIAL_PREFIX}{day:%Y%m%d}000{n:05d}"


def months_text(first: str, last: str) -> str:
    """`2025-08`, `2025-09` → 2025 年 8、9 月 (two adjacent months, as residents read them)."""
    (y1, m1), (y2, m2) = (map(int, first.split("-"))), (map(int, last.split("-")))
    return f"{y1} 年 {m1}、{m2} 月" if y1 == y2 else f"{y1} 年 {m1} 月、{y2} 年 {m2} 月"
