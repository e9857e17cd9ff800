"""What the resident is told when a printer is not ready, and the reprint code (补打码) that follows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from kiosk.devices.receipt_printer.simulated import SimulatedReceiptPrinter
from kiosk.devices.report_printer.spool import SpoolFolderPrinter
from kiosk.services import catalogue, print_fallback
from kiosk.services.print_run import print_jobs
from kiosk.store import models as m

if TYPE_CHECKING:
    from pathlib import Path

    from .conftest import Kiosk


def _printers(tmp_path: Path) -> tuple[SimulatedReceiptPrinter, SpoolFolderPrinter]:
    return SimulatedReceiptPrinter(), SpoolFolderPrinter(tmp_path / "spool")


def test_only_the_printers_a_service_uses_are_asked(tmp_path: Path) -> None:
    receipt, report = _printers(tmp_path)
    receipt.paper_out = True
    assert print_fallback.printer_warning(catalogue.get("flex_contribution_change"), receipt, report) == (
        "凭条打印机缺纸：本次业务可以正常办理，但办结后暂时无法打印凭证。"
        "办结后屏幕将显示补打码，打印机恢复后，您可在本机首页“凭补打码补打”或到中心柜面补打凭证。")
    assert print_fallback.printer_warning(catalogue.get("insurance_certificate"), receipt, report) is None
    assert print_fallback.printer_warning(catalogue.get("remote_medical_register"), receipt, report) is None  # SMS


def test_a_report_printer_fault_names_the_report(tmp_path: Path) -> None:
    receipt, report = _printers(tmp_path)
    (tmp_path / "spool").write_text("not a folder")  # the spool cannot be written: offline
    warning = print_fallback.printer_warning(catalogue.get("insurance_certificate"), receipt, report)
    assert warning.startswith("A4 打印机未连接或故障：") and "无法打印报表" in warning


def test_one_code_per_business_six_digits_and_found_again(kiosk: Kiosk) -> None:
    code = print_fallback.issue_code(kiosk.store, "YW2026031700100001", kiosk.clock, "SIP-T")
    assert len(code) == 6 and code.isdigit()
    assert print_fallback.issue_code(kiosk.store, "YW2026031700100001", kiosk.clock, "SIP-T") == code
    other = print_fallback.issue_code(kiosk.store, "YW2026031700100002", kiosk.clock, "SIP-T")
    assert other != code
    assert print_fallback.serial_for_code(kiosk.store, f" {code} ") == "YW2026031700100001"
    assert print_fallback.serial_for_code(kiosk.store, "000000" if code != "000000" else "000001") is None


def test_the_code_texted_names_the_documents_and_the_serial(kiosk: Kiosk, tmp_path: Path) -> None:
    receipt, report = _printers(tmp_path)
    receipt.paper_out = True
    outcome = kiosk.run("flex_contribution_change", "flex_normal")
    [result] = print_jobs(kiosk.store, outcome.serial, receipt, report, kiosk.clock, kiosk.config)
    assert not result.printed
    code = print_fallback.issue_code(kiosk.store, outcome.serial, kiosk.clock, "SIP-T")
    print_fallback.text_code(kiosk.store, outcome.serial, "13900001111", code, kiosk.clock, "SIP-T")
    with kiosk.store.transaction() as tx:
        text = tx.scalars(select(m.SmsMessage.text).where(m.SmsMessage.mobile == "13900001111")).one()
    assert f"流水号 {outcome.serial}" in text and f"补打码 {code}" in text and "《业务办结凭证》" in text
    # An unknown code prints nothing; the right one prints once paper is back.
    assert print_fallback.reprint_by_code(kiosk.store, "12345x", receipt, report, kiosk.clock, kiosk.config) is None
    receipt.paper_out = False
    serial, results = print_fallback.reprint_by_code(kiosk.store, code, receipt, report, kiosk.clock, kiosk.config)
    assert serial == outcome.serial and [r.printed for r in results] == [True] and len(receipt.jobs) == 1
