"""What a crash (kill -9, power cut) left behind at this terminal, retried at start-up and every minute.

A business commits with its print jobs and SMS (kiosk/services/submission.py); printing and
sending follow. If the kiosk dies in between, the documents of a committed business are still
`pending`: they are printed now, and when they cannot be, the business gets a reprint code
texted to the resident's mobile on file, so no business is left without paper or a code.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from kiosk.clock import Clock
from kiosk.config import KioskConfig
from kiosk.devices.receipt_printer.protocol import ReceiptPrinter
from kiosk.devices.report_printer.protocol import ReportPrinter
from kiosk.devices.sms.protocol import SmsGateway
from kiosk.services import print_fallback, sms_dispatch
from kiosk.services.print_run import print_jobs
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.store.tables.reprint_codes import ReprintCode

log = logging.getLogger(__name__)
# A live session prints right after its commit; a job older than this was left by a crash.
GRACE = timedelta(minutes=2)


class Resumed(BaseModel):
    model_config = ConfigDict(frozen=True)

    printed: int = 0  # businesses whose documents printed now
    coded: int = 0  # businesses given a reprint code instead
    sms_sent: int = 0


def _left_behind(store: Store, terminal_id: str, clock: Clock) -> tuple[list[str], list[str]]:
    """(serials with pending jobs, serials with failed jobs but no reprint code), older than GRACE."""
    cutoff = clock.now() - GRACE
    with store.transaction(read_only=True) as tx:
        rows = tx.execute(select(m.PrintJob.serial, m.PrintJob.status, m.PrintJob.created_at)
                          .where(m.PrintJob.terminal_id == terminal_id, m.PrintJob.status != "printed")
                          .order_by(m.PrintJob.id)).all()
        coded = set(tx.scalars(select(ReprintCode.serial).where(ReprintCode.serial.in_({r.serial for r in rows}))))
    old = [r for r in rows if r.created_at <= cutoff]
    pending = list(dict.fromkeys(r.serial for r in old if r.status == "pending"))
    uncoded = list(dict.fromkeys(r.serial for r in old if r.status == "failed" and r.serial not in coded))
    return pending, [s for s in uncoded if s not in pending]


def _mobile_of(store: Store, serial: str) -> str | None:
    with store.transaction(read_only=True) as tx:
        return tx.scalar(select(m.Person.mobile).join(m.Submission, m.Submission.person_id == m.Person.id)
                         .where(m.Submission.serial == serial))


def _give_code(store: Store, serial: str, clock: Clock, terminal_id: str) -> None:
    code = print_fallback.issue_code(store, serial, clock, terminal_id)
    mobile = _mobile_of(store, serial)
    if mobile:
        print_fallback.text_code(store, serial, mobile, code, clock, terminal_id)
    log.warning("business %s left unprinted by a crash: reprint code issued%s", serial,
                ", texted" if mobile else "")


def resume_journal(store: Store, receipt: ReceiptPrinter, report: ReportPrinter, sms: SmsGateway, clock: Clock,
                   config: KioskConfig) -> Resumed:
    """Prints this terminal's jobs a crash left pending, codes what cannot print, sends queued SMS."""
    terminal = config.kiosk.terminal_id
    pending, uncoded = _left_behind(store, terminal, clock)
    printed = coded = 0
    for serial in pending:
        results = print_jobs(store, serial, receipt, report, clock, config)
        if all(r.printed for r in results):
            printed += 1
        else:
            _give_code(store, serial, clock, terminal)
            coded += 1
    for serial in uncoded:
        _give_code(store, serial, clock, terminal)
        coded += 1
    sent = sms_dispatch.send_queued(store, sms, clock, terminal_id=terminal)
    if printed or coded or sent:
        log.info("journal resumed: %s businesses printed, %s given a reprint code, %s SMS sent", printed, coded, sent)
    return Resumed(printed=printed, coded=coded, sms_sent=sent)
