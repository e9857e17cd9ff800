"""The staff PIN gate: right PIN opens, five wrong lock for 15 minutes, no hash means no entry."""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.clock import CST, ManualClock
from kiosk.services.passwords import hash_password
from kiosk.services.staff import StaffGate
from kiosk.store import models as m
from kiosk.store.database import Store

PIN_HASH = hash_password("246810", n=2**10)  # a cheap hash: the cost is not what is tested here


def test_the_right_pin_opens_and_a_wrong_one_says_how_many_tries_are_left(store: Store) -> None:
    gate = StaffGate(PIN_HASH, ManualClock(datetime(2026, 3, 17, 2, 0, tzinfo=CST)), store, "SIP-T001")
    assert gate.check("135790") == "维护密码错误，还可以再试 4 次"
    assert gate.check("246810") is None
    assert gate.check("135790") == "维护密码错误，还可以再试 4 次"  # a success starts the count again


def test_five_wrong_pins_lock_the_entry_for_15_minutes(store: Store) -> None:
    clock = ManualClock(datetime(2026, 3, 17, 2, 0, tzinfo=CST))
    gate = StaffGate(PIN_HASH, clock, store, "SIP-T001")
    for _ in range(4):
        gate.check("000000")
    assert gate.check("000000") == "维护密码错误次数过多，请于 02:15 后再试"
    assert gate.check("246810") == "维护密码错误次数过多，请于 02:15 后再试"  # even the right one
    clock.set(clock.now() + timedelta(minutes=15))
    assert gate.check("246810") is None


def test_no_hash_means_no_entry_from_the_screen(store: Store) -> None:
    gate = StaffGate("", ManualClock(datetime(2026, 3, 17, 2, 0, tzinfo=CST)), store, "SIP-T001")
    assert not gate.enabled and gate.check("246810") == "本机未设置维护密码"


def test_the_lock_outlives_a_restart_and_every_failure_is_audited(store: Store) -> None:
    clock = ManualClock(datetime(2026, 3, 17, 2, 0, tzinfo=CST))
    for _ in range(5):
        StaffGate(PIN_HASH, clock, store, "SIP-T001").check("000000")
    restarted = StaffGate(PIN_HASH, clock, Store(store.url), "SIP-T001")
    assert restarted.check("246810") == "维护密码错误次数过多，请于 02:15 后再试"
    with store.transaction() as tx:
        actions = [a.action for a in tx.query(m.AuditEntry).filter_by(terminal_id="SIP-T001").order_by(m.AuditEntry.seq)]
    assert actions == ["staff_pin_failed"] * 5 + ["staff_pin_locked", "staff_pin_refused"]
