"""The staff PIN that opens the maintenance screen from the touch screen.

A kiosk stands alone at night: five wrong PINs lock the entry for 15 minutes, each failure is
logged, and the PIN is only ever compared with its scrypt hash from `[maintenance]`.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from kiosk.clock import Clock
from kiosk.services.passwords import verify_password

log = logging.getLogger(__name__)
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


class StaffGate:
    def __init__(self, pin_hash: str, clock: Clock) -> None:
        self.pin_hash, self.clock = pin_hash, clock
        self._failures = 0
        self._locked_until: datetime | None = None

    @property
    def enabled(self) -> bool:
        return bool(self.pin_hash)

    def check(self, pin: str) -> str | None:
        """None when the PIN opens the maintenance screen, else why not (Chinese, for the screen)."""
        now = self.clock.now()
        if not self.enabled:
            return "本机未设置维护密码"
        if self._locked_until and now < self._locked_until:
            return f"维护密码错误次数过多，请于 {self._locked_until:%H:%M} 后再试"
        if verify_password(pin, self.pin_hash):
            log.info("maintenance screen opened with the staff PIN")
            self._failures, self._locked_until = 0, None
            return None
        self._failures += 1
        log.warning("wrong staff PIN (%d of %d)", self._failures, MAX_FAILURES)
        if self._failures >= MAX_FAILURES:
            self._failures, self._locked_until = 0, now + LOCKOUT
            log.error("staff PIN entry locked until %s", self._locked_until.isoformat(timespec="minutes"))
            return f"维护密码错误次数过多，请于 {self._locked_until:%H:%M} 后再试"
        return f"维护密码错误，还可以再试 {MAX_FAILURES - self._failures} 次"
