"""Column types: money exact to the fen, times in China Standard Time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import StatementError

from kiosk.clock import CST
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.store.types import CSTDateTime, Money


def _contribution(person_id: int, base: Decimal) -> m.Contribution:
    return m.Contribution(person_id=person_id, month="2026-02", kind="pension", base=base,
                          personal=base * Decimal("0.08"), employer=base * Decimal("0.16"), employer_name="测试单位")


def _any_person(store: Store) -> int:
    with store.transaction() as tx:
        return tx.execute(text("SELECT min(id) FROM persons")).scalar_one()


def test_money_round_trips_exactly(store: Store) -> None:
    pid = _any_person(store)
    with store.transaction() as tx:
        row = _contribution(pid, Decimal("1366.40"))
        tx.add(row)
        tx.flush()
        row_id = row.id
    with store.transaction() as tx:
        raw = tx.execute(text("SELECT base, personal, employer FROM contributions WHERE id = :i"), {"i": row_id}).one()
        back = tx.get_one(m.Contribution, row_id)
    assert tuple(raw) == ("1366.40", "109.31", "218.62")  # stored as text, never a float
    assert back.base == Decimal("1366.40") and str(back.base) == "1366.40"
    assert back.personal == Decimal("109.31") and back.employer == Decimal("218.62")


@pytest.mark.parametrize(("value", "stored"), [
    (Decimal("1366.4"), "1366.40"),
    (Decimal("0"), "0.00"),
    (Decimal("99999999.99"), "99999999.99"),
    (Decimal("0.1") + Decimal("0.2"), "0.30"),
    (1366.4, "1366.40"),  # a float from somewhere still lands on the fen
])
def test_money_is_stored_to_the_fen(value, stored: str) -> None:
    assert Money().process_bind_param(value, None) == stored
    assert Money().process_result_value(stored, None) == Decimal(stored)


def test_money_none_stays_none() -> None:
    assert Money().process_bind_param(None, None) is None
    assert Money().process_result_value(None, None) is None


def test_cst_datetime_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        CSTDateTime().process_bind_param(datetime(2026, 3, 10, 10, 0), None)


def test_a_naive_datetime_never_reaches_the_database(store: Store) -> None:
    with pytest.raises(StatementError) as info, store.transaction() as tx:
        tx.add(m.AuditEntry(at=datetime(2026, 3, 10, 10, 0), terminal_id="SIP-DEMO-001", action="test"))
        tx.flush()
    assert isinstance(info.value.orig, ValueError)
    with store.transaction() as tx:
        assert tx.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == 0


def test_aware_times_are_stored_in_cst_and_read_back_equal(store: Store) -> None:
    utc = datetime(2026, 3, 10, 16, 30, tzinfo=timezone.utc)  # 2026-03-11 00:30 in Suzhou
    with store.transaction() as tx:
        tx.add(m.AuditEntry(at=utc, terminal_id="SIP-DEMO-001", action="test"))
    with store.transaction() as tx:
        raw = tx.execute(text("SELECT at FROM audit_log")).scalar_one()
        back = tx.execute(text("SELECT id FROM audit_log")).scalar_one()
        entry = tx.get_one(m.AuditEntry, back)
    assert raw == "2026-03-11T00:30:00+08:00"
    assert entry.at == utc
    assert entry.at.utcoffset() == timedelta(hours=8)
    assert entry.at.date().isoformat() == "2026-03-11"


def test_cst_datetime_none_stays_none() -> None:
    assert CSTDateTime().process_bind_param(None, None) is None
    assert CSTDateTime().process_result_value(None, None) is None


def test_stored_times_sort_in_time_order() -> None:
    times = [datetime(2026, 3, 10, 9, 59, tzinfo=CST), datetime(2026, 3, 10, 2, 0, tzinfo=timezone.utc),
             datetime(2026, 3, 9, 23, 0, tzinfo=timezone(timedelta(hours=-5)))]
    stored = [CSTDateTime().process_bind_param(t, None) for t in times]
    assert sorted(stored) == [stored[i] for i in sorted(range(3), key=lambda i: times[i])]
