"""凭补打码补打 at the home screen: what a code prints, what the resident is told, the limits against guessing."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from kiosk.devices.receipt_printer.simulated import SimulatedReceiptPrinter
from kiosk.devices.report_printer.spool import SpoolFolderPrinter
from kiosk.services import print_fallback, resident_reprint
from kiosk.services.print_run import print_jobs
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.store.tables.reprint_codes import ReprintCode

if TYPE_CHECKING:
    from pathlib import Path

    from .conftest import Kiosk


@pytest.fixture
def printers(tmp_path: Path) -> tuple[SimulatedReceiptPrinter, SpoolFolderPrinter]:
    return SimulatedReceiptPrinter(), SpoolFolderPrinter(tmp_path / "spool")


def _unprinted_voucher(kiosk: Kiosk, printers) -> tuple[str, str]:  # noqa: ANN001
    """A grade change whose voucher met an empty receipt printer: (serial, its 补打码); paper back in."""
    receipt, report = printers
    receipt.paper_out = True
    outcome = kiosk.run("flex_contribution_change", "flex_normal")
    [result] = print_jobs(kiosk.store, outcome.serial, receipt, report, kiosk.clock, kiosk.config)
    assert not result.printed
    receipt.paper_out = False
    return outcome.serial, print_fallback.issue_code(kiosk.store, outcome.serial, kiosk.clock, "SIP-T001")


def _try(kiosk: Kiosk, printers, code: str) -> resident_reprint.ReprintAnswer:  # noqa: ANN001
    return resident_reprint.reprint(kiosk.store, code, *printers, kiosk.clock, kiosk.config)


def _wrong(code: str) -> str:
    return "000000" if code != "000000" else "000001"


def test_a_valid_code_prints_the_voucher_says_where_and_is_used_up(kiosk: Kiosk, printers) -> None:  # noqa: ANN001
    serial, code = _unprinted_voucher(kiosk, printers)
    answer = _try(kiosk, printers, code)
    assert answer.ok and answer.message == "已打印《业务办结凭证》（小票），请在出纸口取走"
    assert len(printers[0].jobs) == 1
    with kiosk.store.transaction() as tx:
        assert tx.get(ReprintCode, code).used_at == kiosk.clock.now()  # as the staff reprint marks it
        assert tx.scalar(select(m.PrintJob.status).where(m.PrintJob.serial == serial)) == "printed"
    again = _try(kiosk, printers, code)
    assert again.status == "used" and "已于 3 月 10 日 10:00 补打" in again.message and "中心柜面" in again.message
    assert len(printers[0].jobs) == 1  # nothing printed twice


def test_the_printer_failing_again_keeps_the_code_valid(kiosk: Kiosk, printers) -> None:  # noqa: ANN001
    _, code = _unprinted_voucher(kiosk, printers)
    printers[0].paper_out = True
    answer = _try(kiosk, printers, code)
    assert answer.status == "not_printed"
    assert answer.message == ("打印机暂时无法打印（凭条打印机缺纸），《业务办结凭证》未能打印。"
                              "您的补打码仍然有效，请稍后再试，或到中心柜面补打")
    printers[0].paper_out = False
    assert _try(kiosk, printers, code).ok  # nothing lost: the same code prints once paper is back


def test_a_printer_fault_is_not_a_wrong_try(kiosk: Kiosk, printers) -> None:  # noqa: ANN001
    _, code = _unprinted_voucher(kiosk, printers)
    printers[0].paper_out = True
    for _ in range(6):
        assert _try(kiosk, printers, code).status == "not_printed"
    assert _try(kiosk, printers, _wrong(code)).remaining == 4


def test_a_code_whose_paper_printed_after_all_needs_no_reprint(kiosk: Kiosk, printers) -> None:  # noqa: ANN001
    serial, code = _unprinted_voucher(kiosk, printers)
    print_jobs(kiosk.store, serial, *printers, kiosk.clock, kiosk.config)  # e.g. the start-up retry
    answer = _try(kiosk, printers, code)
    assert answer.status == "printed_before" and "不需要补打" in answer.message
    assert len(printers[0].jobs) == 1


def test_a_code_expires_after_30_days(kiosk: Kiosk, printers) -> None:  # noqa: ANN001
    _, code = _unprinted_voucher(kiosk, printers)
    kiosk.clock.advance(days=30, minutes=1)
    answer = _try(kiosk, printers, code)
    assert answer.status == "expired" and answer.message == "这个补打码已过期（30 天内有效）。请带身份证到中心柜面补打"
    assert printers[0].jobs == []


def test_fewer_than_six_digits_ask_for_six_and_count_nothing(kiosk: Kiosk, printers) -> None:  # noqa: ANN001
    assert _try(kiosk, printers, "1234").message == "请输入 6 位数字补打码"
    assert _try(kiosk, printers, "12345６").status == "incomplete"  # a full-width digit is no digit here
    assert _try(kiosk, printers, "000000").remaining == 4


def test_five_wrong_codes_lock_the_entry_for_15_minutes(kiosk: Kiosk, printers) -> None:  # noqa: ANN001
    _, code = _unprinted_voucher(kiosk, printers)
    answers = [_try(kiosk, printers, _wrong(code)) for _ in range(5)]
    assert [a.remaining for a in answers] == [4, 3, 2, 1, 0]
    assert answers[0].message == "补打码不正确，请核对后重新输入（还可以再试 4 次）"
    assert answers[4].message == "补打码输错次数过多，本机暂停补打，请于 10:15 后再试，或到中心柜面补打"
    assert _try(kiosk, printers, code).status == "locked"  # even the right one
    assert resident_reprint.entry_lock(kiosk.store, kiosk.clock, kiosk.config.kiosk.terminal_id).locked_until == answers[4].locked_until
    kiosk.clock.advance(minutes=14, seconds=59)
    assert _try(kiosk, printers, code).status == "locked"
    kiosk.clock.advance(seconds=1)
    assert resident_reprint.entry_lock(kiosk.store, kiosk.clock, kiosk.config.kiosk.terminal_id) is None
    assert _try(kiosk, printers, code).ok
    assert printers[0].jobs and len(printers[0].jobs) == 1


def test_a_printed_code_starts_the_count_again_a_used_one_does_not(kiosk: Kiosk, printers) -> None:  # noqa: ANN001
    _, code = _unprinted_voucher(kiosk, printers)
    for _ in range(3):
        _try(kiosk, printers, _wrong(code))
    assert _try(kiosk, printers, code).ok
    assert _try(kiosk, printers, _wrong(code)).remaining == 4
    assert _try(kiosk, printers, code).status == "used"
    assert _try(kiosk, printers, _wrong(code)).remaining == 3


def test_the_lock_is_this_terminals_and_outlives_a_restart(kiosk: Kiosk, printers) -> None:  # noqa: ANN001
    for _ in range(5):
        _try(kiosk, printers, "000000")
    restarted = Store(kiosk.store.url)
    try:
        assert resident_reprint.reprint(restarted, "000000", *printers, kiosk.clock, kiosk.config).status == "locked"
        other = kiosk.config.model_copy(update={"kiosk": kiosk.config.kiosk.model_copy(update={"terminal_id": "SIP-T002"})})
        assert resident_reprint.reprint(restarted, "000000", *printers, kiosk.clock, other).remaining == 4
    finally:
        restarted.close()


def test_every_try_is_audited_and_logged_without_the_code(kiosk: Kiosk, printers, caplog, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(print_fallback.secrets, "randbelow", lambda _n: 481209)  # a code no serial contains
    serial, code = _unprinted_voucher(kiosk, printers)
    assert code == "481209"
    caplog.set_level(logging.INFO)
    wrong = _wrong(code)
    for attempt in (wrong, code, code):
        _try(kiosk, printers, attempt)
    with kiosk.store.transaction() as tx:
        entries = tx.scalars(select(m.AuditEntry).where(m.AuditEntry.action.like("reprint_code_%"),
                                                        m.AuditEntry.detail != "issued")
                             .order_by(m.AuditEntry.seq)).all()
        assert [(e.action, e.serial, e.detail) for e in entries] == [
            ("reprint_code_wrong", None, "1 of 5"), ("reprint_code_ok", serial, ""),
            ("reprint_code_refused", serial, "used")]
        assert not any(code in (e.detail or "") or wrong in (e.detail or "") for e in entries)
    tries = [r.getMessage() for r in caplog.records if r.name == resident_reprint.log.name]
    assert len(tries) == 3 and [t.rsplit(": ", 1)[1] for t in tries] == ["wrong", "printed", "used"]
    assert not any(code in r.getMessage() or wrong in r.getMessage() for r in caplog.records)


def test_the_sms_tells_where_to_type_the_code(kiosk: Kiosk, printers) -> None:  # noqa: ANN001
    serial, code = _unprinted_voucher(kiosk, printers)
    print_fallback.text_code(kiosk.store, serial, "13900001111", code, kiosk.clock, "SIP-T001")
    with kiosk.store.transaction() as tx:
        text = tx.scalars(select(m.SmsMessage.text).where(m.SmsMessage.mobile == "13900001111")).one()
    assert f"补打码 {code}（30 天内有效），请在自助终端首页点击“凭补打码补打”输入此码补打，或到中心柜面补打。" in text


def test_an_a4_report_is_reprinted_on_the_a4_printer(kiosk: Kiosk, printers) -> None:  # noqa: ANN001
    receipt, report = printers
    report.paper_out = True
    outcome = kiosk.run("insurance_certificate", "institution_staff", document="certificate")
    [result] = print_jobs(kiosk.store, outcome.serial, receipt, report, kiosk.clock, kiosk.config)
    assert not result.printed
    code = print_fallback.issue_code(kiosk.store, outcome.serial, kiosk.clock, "SIP-T001")
    report.paper_out = False
    answer = _try(kiosk, printers, code)
    assert answer.ok and answer.message == f"已打印《{result.title}》（A4 纸），请在出纸口取走"
    assert len(list(report.folder.glob("*.pdf"))) == 1 and receipt.jobs == []


def test_one_of_two_documents_printed_says_which_and_keeps_the_code_for_the_other(kiosk: Kiosk,  # noqa: ANN001
                                                                                 printers) -> None:
    serial, code = _unprinted_voucher(kiosk, printers)
    with kiosk.store.transaction() as tx:  # the same business with an A4 copy that did not print either
        voucher = tx.scalars(select(m.PrintJob).where(m.PrintJob.serial == serial)).one()
        tx.add(m.PrintJob(serial=serial, terminal_id=voucher.terminal_id, kind="report", title="业务办结单",
                          document=voucher.document, status="failed", created_at=voucher.created_at))
    printers[1].paper_out = True
    answer = _try(kiosk, printers, code)
    assert answer.status == "partly_printed"
    assert answer.message == ("已打印《业务办结凭证》（小票），请在出纸口取走；《业务办结单》未能打印（A4 打印机缺纸）。"
                              "您的补打码仍然有效，请稍后再试，或到中心柜面补打")
    printers[1].paper_out = False
    assert _try(kiosk, printers, code).message == "已打印《业务办结单》（A4 纸），请在出纸口取走"  # only what was left
    assert len(printers[0].jobs) == 1
