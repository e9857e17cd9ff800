"""The journal every submission writes: serial numbers, audit entries, print jobs, SMS."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.clock import CST, ManualClock
from kiosk.printing.document import DocLine, DocSection, Document
from kiosk.store import journal
from kiosk.store import models as m
from kiosk.store.database import Store


def _serial(store: Store, now: datetime, terminal: str = "SIP-DEMO-001") -> str:
    with store.transaction() as tx:
        return journal.next_serial(tx, now, terminal)


def test_serial_format(store: Store, clock: ManualClock) -> None:
    assert _serial(store, clock.now()) == "YW2026031000100001"


@pytest.mark.parametrize(("terminal", "digits"), [
    ("SIP-24H-001", "001"), ("SIP-24H-017", "017"), ("SIP-DEMO-1", "001"), ("KIOSK", "000"), ("SIP-1234", "234")])
def test_serial_carries_the_last_three_digits_of_the_terminal(store: Store, clock: ManualClock, terminal: str,
                                                              digits: str) -> None:
    assert _serial(store, clock.now(), terminal) == f"YW20260310{digits}00001"


def test_serials_increase_within_a_day_and_restart_the_next(store: Store, clock: ManualClock) -> None:
    day_one = [_serial(store, clock.advance(minutes=1)) for _ in range(12)]
    assert day_one == [f"YW20260310001{n:05d}" for n in range(1, 13)]
    clock.set(datetime(2026, 3, 11, 0, 0, tzinfo=CST))
    assert _serial(store, clock.now()) == "YW2026031100100001"
    with store.transaction() as tx:
        counters = {c.day: c.last for c in tx.scalars(select(m.SerialCounter))}
    assert counters == {"20260310": 12, "20260311": 1}


def test_the_day_of_a_serial_is_the_day_in_suzhou(store: Store) -> None:
    from datetime import timezone

    late_utc = datetime(2026, 3, 10, 17, 0, tzinfo=timezone.utc)  # 01:00 on the 11th in Suzhou
    assert _serial(store, ManualClock(late_utc).now()).startswith("YW20260311")


def test_a_rolled_back_serial_is_handed_out_again(store: Store, clock: ManualClock) -> None:
    with pytest.raises(RuntimeError), store.transaction() as tx:
        journal.next_serial(tx, clock.now(), "SIP-DEMO-001")
        raise RuntimeError("the business failed")
    assert _serial(store, clock.now()) == "YW2026031000100001"


def test_audit_print_job_and_sms(store: Store, clock: ManualClock) -> None:
    doc = Document(kind="receipt", title="业务办结凭证", serial="YW2026031000100001", issued_at=clock.now(),
                   holder_name="周建华", holder_id_masked="3205**********131X",
                   sections=(DocSection(lines=(DocLine(label="业务名称", value="测试"),)),))
    with store.transaction() as tx:
        journal.audit(tx, clock.now(), "SIP-DEMO-001", "submitted", serial=doc.serial, detail="ok")
        job = journal.add_print_job(tx, clock.now(), doc, "SIP-T001")
        sms = journal.queue_sms(tx, clock.now(), "13912345601", "【苏州工业园区社保中心】测试", doc.serial, "SIP-T001")
        assert job.id is not None and sms.id is not None
    with store.transaction() as tx:
        [entry] = tx.scalars(select(m.AuditEntry)).all()
        [stored] = journal.jobs_for_serial(tx, doc.serial)
        [message] = tx.scalars(select(m.SmsMessage)).all()
    assert (entry.action, entry.serial, entry.detail, entry.at) == ("submitted", doc.serial, "ok", clock.now())
    assert (stored.kind, stored.title, stored.status, stored.attempts, stored.printed_at) == (
        "receipt", "业务办结凭证", "pending", 0, None)
    assert Document.model_validate(stored.document) == doc  # a reprint renders exactly what was issued
    assert (message.mobile, message.status, message.serial) == ("13912345601", "queued", doc.serial)


def test_jobs_for_serial_keeps_their_order(store: Store, clock: ManualClock) -> None:
    def doc(kind: str, title: str, serial: str) -> Document:
        return Document(kind=kind, title=title, serial=serial, issued_at=clock.now(), holder_name="陈志强",
                        holder_id_masked="3205**********3516")

    with store.transaction() as tx:
        journal.add_print_job(tx, clock.now(), doc("report", "参保明细", "A"), "SIP-T001")
        journal.add_print_job(tx, clock.now() + timedelta(seconds=1), doc("receipt", "业务办结凭证", "B"), "SIP-T001")
        journal.add_print_job(tx, clock.now(), doc("receipt", "业务办结凭证", "A"), "SIP-T001")
    with store.transaction() as tx:
        assert [(j.kind, j.title) for j in journal.jobs_for_serial(tx, "A")] == [
            ("report", "参保明细"), ("receipt", "业务办结凭证")]
        assert journal.jobs_for_serial(tx, "C") == []
