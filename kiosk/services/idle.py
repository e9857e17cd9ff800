"""Idle timeout on the injected clock: warn for the last seconds, then log out."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Active:
    pass


@dataclass(frozen=True)
class Warning:
    remaining: int  # whole seconds left, shown on the countdown


@dataclass(frozen=True)
class Expired:
    pass


IdleState = Active | Warning | Expired


class IdleTracker:
    """Counts from the last touch; the UI asks `state(now)` once a second."""

    def __init__(self, timeout_seconds: int, warning_seconds: int, now: datetime) -> None:
        self.timeout = timeout_seconds
        self.warning = warning_seconds
        self._last = now

    def activity(self, now: datetime) -> None:
        self._last = now

    def state(self, now: datetime) -> IdleState:
        left = self.timeout - (now - self._last).total_seconds()
        if left <= 0:
            return Expired()
        if left <= self.warning:
            return Warning(remaining=math.ceil(left))
        return Active()
