"""The kiosk's clock. Everything that reads the time takes a `Clock`, so tests and scenarios fix it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Protocol

# The centre works in China Standard Time; the kiosk's dates (deduction day, lockout until
# midnight, working days) are local dates there whatever the machine's timezone.
CST = timezone(timedelta(hours=8), "CST")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, in CST."""
        ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        return datetime.now(CST)


class ManualClock:
    """A clock that moves only when told to (tests, scenarios, screenshots)."""

    def __init__(self, start: datetime) -> None:
        self._now = start.astimezone(CST) if start.tzinfo else start.replace(tzinfo=CST)

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float = 0, **kwargs: float) -> datetime:
        self._now += timedelta(seconds=seconds, **kwargs)
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when.astimezone(CST) if when.tzinfo else when.replace(tzinfo=CST)
