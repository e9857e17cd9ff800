"""A kiosk killed with SIGKILL after committing a business: the restarted kiosk prints or codes it.

The child is a real spawned kiosk process, killed with `kill -9` right after its commit (before
printing) or in the middle of printing; the parent then plays the restarted kiosk.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from kiosk.devices.receipt_printer.simulated import SimulatedReceiptPrinter
from kiosk.devices.report_printer.spool import SpoolFolderPrinter
from kiosk.devices.sms.simulated import SimulatedSmsGateway
from kiosk.services.journal_resume import Resumed, resume_journal
from kiosk.store import models as m
from kiosk.store.tables.reprint_codes import ReprintCode

if TYPE_CHECKING:
    from .conftest import Kiosk

SERVICE, PERSONA = "flex_contribution_change", "flex_normal"


def _crash(kiosk: Kiosk, tmp_path: Path, when: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Runs the submission in a spawned kiosk process and kills it with SIGKILL; returns the serial."""
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    import crash_workers

    wizard = kiosk.wizard(SERVICE, PERSONA)
    kiosk.walk(wizard)
    context = multiprocessing.get_context("spawn")
    told = context.Queue()
    child = context.Process(target=crash_workers.submit_and_die, args=(
        kiosk.store.url, SERVICE, kiosk.person_id(PERSONA), dict(wizard.answers), kiosk.clock.now(),
        tmp_path / "child-spool", when, told))
    child.start()
    try:
        serial = told.get(timeout=120)
        if when == "mid_print":
            assert told.get(timeout=120) == "printing"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.join(timeout=60)
    assert child.exitcode == -signal.SIGKILL
    return serial


@pytest.mark.parametrize("when", ["after_commit", "mid_print"])
def test_a_restarted_kiosk_prints_what_a_killed_one_committed(kiosk: Kiosk, tmp_path: Path, when: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _crash(kiosk, tmp_path, when, monkeypatch)
    receipt, report, sms = SimulatedReceiptPrinter(), SpoolFolderPrinter(tmp_path / "spool"), SimulatedSmsGateway()
    [job] = kiosk.rows(m.PrintJob, serial=serial)
    assert job.status == "pending"  # the business is committed, its paper is not

    kiosk.clock.advance(minutes=1)  # a live session would still be printing: left alone
    assert resume_journal(kiosk.store, receipt, report, sms, kiosk.clock, kiosk.config) == Resumed(
        sms_sent=len(kiosk.rows(m.SmsMessage, serial=serial)))
    assert receipt.jobs == []

    kiosk.clock.advance(minutes=2)
    assert resume_journal(kiosk.store, receipt, report, sms, kiosk.clock, kiosk.config).printed == 1
    assert len(receipt.jobs) == 1 and serial.encode() in receipt.jobs[0]
    assert [j.status for j in kiosk.rows(m.PrintJob, serial=serial)] == ["printed"]
    assert {s.status for s in kiosk.rows(m.SmsMessage, serial=serial)} <= {"sent"}

    kiosk.clock.advance(minutes=1)  # the next minute's run finds nothing left: no second copy
    assert resume_journal(kiosk.store, receipt, report, sms, kiosk.clock, kiosk.config) == Resumed()
    assert len(receipt.jobs) == 1


def test_a_business_that_still_cannot_print_gets_a_reprint_code_by_sms(kiosk: Kiosk, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _crash(kiosk, tmp_path, "after_commit", monkeypatch)
    receipt, report, sms = SimulatedReceiptPrinter(), SpoolFolderPrinter(tmp_path / "spool"), SimulatedSmsGateway()
    receipt.paper_out = True
    kiosk.clock.advance(minutes=5)
    assert resume_journal(kiosk.store, receipt, report, sms, kiosk.clock, kiosk.config).coded == 1
    [code] = kiosk.rows(ReprintCode, serial=serial)
    [person] = kiosk.rows(m.Person, id=kiosk.person_id(PERSONA))
    assert any(to == person.mobile and f"补打码 {code.code}" in text for to, text in sms.sent)
    kiosk.clock.advance(minutes=1)  # coded once, not again every minute
    assert resume_journal(kiosk.store, receipt, report, sms, kiosk.clock, kiosk.config).coded == 0
    with kiosk.store.transaction() as tx:
        assert tx.scalars(select(m.AuditEntry.action).where(m.AuditEntry.serial == serial)).all()[-1] == "reprint_code"
