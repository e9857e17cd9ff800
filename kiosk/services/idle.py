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

# 我需要更多时间 doubles the session's timeouts this many times at most (8 × 60 s in the standard
# version): beyond that a session left open would keep the next resident waiting and a forgotten
# session on screen; 继续办理 still restarts the timeout as often as the resident likes.
MAX_EXTENSIONS = 3


class IdleTracker:
    """Counts from the last touch; the UI asks `state(now)` once a second."""

    def __init__(self, timeout_seconds: int, warning_seconds: int, now: datetime) -> None:
        self.timeout = timeout_seconds
        self.warning = warning_seconds
        self._last = now

    def activity(self, now: datetime) -> None:
        self._last = now

    def seconds_left(self, now: datetime, timeout: int) -> int:
        """Whole seconds left of `timeout` since the last touch (0 once over): a countdown always shown."""
        return max(0, math.ceil(timeout - (now - self._last).total_seconds()))

    def state(self, now: datetime, factor: int = 1) -> IdleState:
        """`factor` stretches the timeout and the warning alike (长辈版, 我需要更多时间)."""
        left = self.timeout * factor - (now - self._last).total_seconds()
        if left <= 0:
            return Expired()
        if left <= self.warning * factor:
            return Warning(remaining=math.ceil(left))
        return Active()
