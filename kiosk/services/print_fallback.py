"""When a printer cannot print: warn before submitting, then give a reprint code (补打码), by SMS if asked.

The business never waits for paper: it is committed first and its documents stay in the journal
(kiosk/services/print_run.py). This module decides what the resident is told and keeps the code
that finds the documents again at the counter, on the maintenance screen or with `kiosk reprint`.
"""

from __future__ import annotations

import logging
import secrets

from sqlalchemy import select

from kiosk.clock import Clock
from kiosk.i18n import translate
from kiosk.config import KioskConfig
from kiosk.devices.receipt_printer.protocol import PrinterReady, ReceiptPrinter
from kiosk.devices.report_printer.protocol import ReportPrinter
from kiosk.services.print_run import PrintResult, print_jobs
from kiosk.services.spec import ServiceSpec
from kiosk.store import journal
from kiosk.store.database import Store
from kiosk.store.locks import insert_missing
from kiosk.store.tables.reprint_codes import ReprintCode

log = logging.getLogger(__name__)
WHAT = {"receipt": "凭证", "report": "报表"}
CODE_VALID_DAYS = 30  # a resident who has not come back in a month goes to the counter, with the ID card
TILE = "凭补打码补打"  # the home screen's tile the resident taps to type the code


def printer_warning(spec: ServiceSpec, receipt: ReceiptPrinter, report: ReportPrinter) -> str | None:
    """What to tell the resident on the review step when a printer this service needs is not ready."""
    problems = []
    for kind, printer in (("receipt", receipt), ("report", report)):
        if kind in spec.outputs:
            status = printer.status()
            if not isinstance(status, PrinterReady):
                log.warning("before submitting %s: %s", spec.id, status.message)
                problems.append((status.message, WHAT[kind]))
    if not problems:
        return None
    faults = "、".join(p for p, _ in problems)
    what = "和".join(dict.fromkeys(w for _, w in problems))
    return (f"{faults}：本次业务可以正常办理，但办结后暂时无法打印{what}。"
            f"办结后屏幕将显示补打码，打印机恢复后，您可在本机首页“{TILE}”或到中心柜面补打{what}。")


def issue_code(store: Store, serial: str, clock: Clock, terminal_id: str) -> str:
    """The business's reprint code, created once (six digits, unique), however many kiosks ask at once."""
    with store.transaction() as tx:
        while True:  # a million codes, a handful in use: a clash is rare and simply drawn again
            code = f"{secrets.randbelow(1_000_000):06d}"
            # ON CONFLICT: a code already taken, or this serial already coded by another process
            insert_missing(tx, ReprintCode, code=code, serial=serial, created_at=clock.now())
            found = tx.scalar(select(ReprintCode.code).where(ReprintCode.serial == serial))
            if found is not None:
                break
        if found == code:
            journal.audit(tx, clock.now(), terminal_id, "reprint_code", serial=serial, detail="issued")
    return found


def text_code(store: Store, serial: str, mobile: str, code: str, clock: Clock, terminal_id: str,
              language: str = "zh") -> None:
    """Queues the code to the resident's reserved mobile (sent with the outbox), in the session's language."""
    with store.transaction() as tx:
        titles = "、".join(f"《{j.title}》" for j in journal.jobs_for_serial(tx, serial) if j.status != "printed")
        journal.queue_sms(tx, clock.now(), mobile, translate(
                          f"【园区社保公积金】您的业务（流水号 {serial}）已办结，{titles}因打印机故障未能打印。"
                          f"补打码 {code}（{CODE_VALID_DAYS} 天内有效），请在自助终端首页点击“{TILE}”输入此码补打，"
                          "或到中心柜面补打。", language), serial, terminal_id)


def serial_for_code(store: Store, code: str) -> str | None:
    with store.transaction() as tx:
        found = tx.get(ReprintCode, code.strip())
        return found.serial if found else None


def reprint_by_code(store: Store, code: str, receipt: ReceiptPrinter, report: ReportPrinter, clock: Clock,
                    config: KioskConfig) -> tuple[str, list[PrintResult]] | None:
    """Prints what is still unprinted for the code's business; None for an unknown code."""
    serial = serial_for_code(store, code)
    if serial is None:
        log.warning("reprint with an unknown code")
        return None
    results = print_jobs(store, serial, receipt, report, clock, config)
    if results and all(r.printed for r in results):
        with store.transaction() as tx:
            tx.get(ReprintCode, code.strip()).used_at = clock.now()
    return serial, results
