"""The staff PIN that opens the maintenance screen from the touch screen.

A kiosk stands alone at night: five wrong PINs lock the entry for 15 minutes. The count and the
lock live in the store (a restart does not lift them), every failure is logged and audited, and
the PIN is only ever compared with its scrypt hash from `[maintenance]`.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from kiosk.clock import Clock
from kiosk.services.passwords import verify_password
from kiosk.store import journal
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.store.locks import insert_missing

log = logging.getLogger(__name__)
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


class StaffGate:
    def __init__(self, pin_hash: str, clock: Clock, store: Store, terminal_id: str) -> None:
        self.pin_hash, self.clock, self.store, self.terminal_id = pin_hash, clock, store, terminal_id

    @property
    def enabled(self) -> bool:
        return bool(self.pin_hash)

    def check(self, pin: str) -> str | None:
        """None when the PIN opens the maintenance screen, else why not (Chinese, for the screen)."""
        if not self.enabled:
            return "本机未设置维护密码"
        terminal = self.terminal_id
        with self.store.transaction() as tx:  # count, check and lock in one serialising transaction
            now = self.clock.now()
            insert_missing(tx, m.StaffPinLock, terminal_id=terminal, failures=0)
            gate = tx.get_one(m.StaffPinLock, terminal, with_for_update=True, populate_existing=True)
            if gate.locked_until and now < gate.locked_until:
                journal.audit(tx, now, terminal, "staff_pin_refused", detail="entry locked")
                return f"维护密码错误次数过多，请于 {gate.locked_until:%H:%M} 后再试"
            if verify_password(pin, self.pin_hash):
                log.info("maintenance screen opened with the staff PIN")
                gate.failures, gate.locked_until = 0, None
                journal.audit(tx, now, terminal, "staff_pin_ok")
                return None
            gate.failures += 1
            log.warning("wrong staff PIN (%d of %d)", gate.failures, MAX_FAILURES)
            journal.audit(tx, now, terminal, "staff_pin_failed", detail=f"{gate.failures} of {MAX_FAILURES}")
            if gate.failures >= MAX_FAILURES:
                gate.failures, gate.locked_until = 0, now + LOCKOUT
                log.error("staff PIN entry locked until %s", gate.locked_until.isoformat(timespec="minutes"))
                journal.audit(tx, now, terminal, "staff_pin_locked", detail=f"until {gate.locked_until:%H:%M}")
                return f"维护密码错误次数过多，请于 {gate.locked_until:%H:%M} 后再试"
            return f"维护密码错误，还可以再试 {MAX_FAILURES - gate.failures} 次"
