"""Printing from the journal, after the business is committed.

A job that fails stays in the journal as `failed` with the reason, so the resident keeps the
serial number and a clerk (or the resident, with the serial) can reprint it later.
"""

from __future__ import annotations

import logging

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from kiosk.clock import Clock
from kiosk.config import KioskConfig
from kiosk.devices.receipt_printer.protocol import PrinterReady, ReceiptPrinter
from kiosk.devices.report_printer.protocol import ReportPrinter
from kiosk.printing.document import Document
from kiosk.services import signing
from kiosk.store import journal
from kiosk.store import models as m
from kiosk.store.database import Store

log = logging.getLogger(__name__)


class PrintResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    job_id: int
    kind: str
    title: str
    printed: bool
    message: str = ""


def _print_one(job: m.PrintJob, receipt: ReceiptPrinter,
               report: ReportPrinter) -> tuple[str | None, bytes | None]:
    """Prints one job; returns (None when printed else the reason in Chinese, the report's PDF)."""
    doc = Document.model_validate(job.document)
    printer = receipt if job.kind == "receipt" else report
    status = printer.status()
    if not isinstance(status, PrinterReady):
        return status.message, None
    pdf = None
    # The renderers bring python-escpos, Pillow, qrcode and reportlab: loaded at the first print,
    # not before the kiosk's first screen.
    from kiosk.printing.receipt import render_receipt
    from kiosk.printing.report_pdf import render_report

    try:
        if job.kind == "receipt":
            receipt.print_bytes(render_receipt(doc))
        else:
            pdf = render_report(doc)
            report.print_pdf(pdf, f"{doc.serial}-{job.id}")
    except Exception as exc:  # noqa: BLE001 (any device or render fault must leave the job retryable)
        log.error("print job %s (%s) failed: %s", job.id, job.serial, exc)
        return getattr(exc, "message", None) or "打印机故障", None
    return None, pdf


def print_jobs(store: Store, serial: str, receipt: ReceiptPrinter, report: ReportPrinter, clock: Clock,
               config: KioskConfig, *, reprint: bool = False) -> list[PrintResult]:
    """Prints the pending (or, with `reprint`, all) jobs of one business."""
    results: list[PrintResult] = []
    with store.transaction() as tx:
        # SKIP LOCKED: a job another kiosk process is printing right now is left to it (PostgreSQL;
        # on SQLite the whole transaction already runs alone).
        query = select(m.PrintJob).where(m.PrintJob.serial == serial)
        if not reprint:
            query = query.where(m.PrintJob.status != "printed")
        jobs = list(tx.scalars(query.order_by(m.PrintJob.id).with_for_update(skip_locked=True)))
        for job in jobs:
            job.attempts += 1
            error, pdf = _print_one(job, receipt, report)
            now = clock.now()
            if error is None:
                job.status, job.printed_at, job.last_error = "printed", now, None
                if pdf is not None:  # each printing renders anew: its hash joins the earlier ones
                    signing.record_rendering(tx, job.id, pdf, now)
            else:
                job.status, job.last_error = "failed", error
                log.warning("print job %s for %s not printed: %s", job.id, serial, error)
            journal.audit(tx, now, config.kiosk.terminal_id, "reprinted" if reprint else "printed",
                          serial=serial, detail=f"{job.kind} {job.title}: {error or 'ok'}")
            results.append(PrintResult(job_id=job.id, kind=job.kind, title=job.title, printed=error is None,
                                       message=error or ""))
    return results


def failed_jobs(store: Store) -> list[tuple[str, str, str]]:
    """(serial, title, reason) of every job still unprinted: the maintenance view and `kiosk reprint`."""
    with store.transaction() as tx:
        rows = tx.scalars(select(m.PrintJob).where(m.PrintJob.status != "printed").order_by(m.PrintJob.id))
        return [(j.serial, j.title, j.last_error or "待打印") for j in rows]
