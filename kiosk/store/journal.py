"""Repository functions for the records every submission writes: serials, audit, print jobs, SMS."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.printing.document import Document
from kiosk.store import models as m


def next_serial(tx: Session, now: datetime, terminal_id: str) -> str:
    """A business serial `YW` + date + terminal number + 5-digit sequence, unique per day.

    The counter row is updated in the caller's transaction, so two kiosks on one database
    cannot hand out the same number.
    """
    day = now.strftime("%Y%m%d")
    counter = tx.get(m.SerialCounter, day, with_for_update=True)
    if counter is None:
        counter = m.SerialCounter(day=day, last=0)
        tx.add(counter)
    counter.last += 1
    tx.flush()
    terminal_digits = "".join(c for c in terminal_id if c.isdigit())[-3:].rjust(3, "0")
    return f"YW{day}{terminal_digits}{counter.last:05d}"


def audit(tx: Session, now: datetime, terminal_id: str, action: str, *, person_id: int | None = None,
          service_id: str | None = None, serial: str | None = None, detail: str = "") -> None:
    tx.add(m.AuditEntry(at=now, terminal_id=terminal_id, person_id=person_id, action=action,
                        service_id=service_id, serial=serial, detail=detail))


def add_print_job(tx: Session, now: datetime, doc: Document) -> m.PrintJob:
    job = m.PrintJob(serial=doc.serial, kind=doc.kind, title=doc.title,
                     document=doc.model_dump(mode="json"), created_at=now)
    tx.add(job)
    tx.flush()
    return job


def queue_sms(tx: Session, now: datetime, mobile: str, text: str, serial: str | None) -> m.SmsMessage:
    message = m.SmsMessage(serial=serial, mobile=mobile, text=text, created_at=now)
    tx.add(message)
    tx.flush()
    return message


def jobs_for_serial(tx: Session, serial: str) -> list[m.PrintJob]:
    return list(tx.scalars(select(m.PrintJob).where(m.PrintJob.serial == serial).order_by(m.PrintJob.id)))
