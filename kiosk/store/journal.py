"""Repository functions for the records every submission writes: serials, audit, print jobs, SMS."""

from __future__ import annotations

import threading
from datetime import datetime

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from kiosk.printing.document import Document
from kiosk.store import audit_chain
from kiosk.store import models as m
from kiosk.store.locks import insert_missing


def next_serial(tx: Session, now: datetime, terminal_id: str) -> str:
    """A business serial `YW` + date + terminal number + 5-digit sequence, unique per day.

    The counter row (one per day and terminal number) is created with `ON CONFLICT DO NOTHING`
    and advanced with `UPDATE … RETURNING` in the caller's transaction: the update holds the row
    until commit, so kiosks on one database, even two sharing a terminal id, never draw the same
    number, and a rolled-back business gives its number back.
    """
    day = now.strftime("%Y%m%d")
    terminal = "".join(c for c in terminal_id if c.isdigit())[-3:].rjust(3, "0")
    insert_missing(tx, m.SerialCounter, day=day, terminal=terminal, last=0)
    last = tx.execute(update(m.SerialCounter)
                      .where(m.SerialCounter.day == day, m.SerialCounter.terminal == terminal)
                      .values(last=m.SerialCounter.last + 1).returning(m.SerialCounter.last)
                      .execution_options(synchronize_session=False)).scalar_one()
    return f"YW{day}{terminal}{last:05d}"


def audit(tx: Session, now: datetime, terminal_id: str, action: str, *, person_id: int | None = None,
          service_id: str | None = None, serial: str | None = None, detail: str = "") -> None:
    """An audit entry, written and chained to the terminal's previous one when the transaction commits."""
    audit_chain.stage(tx, m.AuditEntry(at=now, terminal_id=terminal_id, person_id=person_id, action=action,
                                       service_id=service_id, serial=serial, detail=detail))


def add_print_job(tx: Session, now: datetime, doc: Document, terminal_id: str) -> m.PrintJob:
    job = m.PrintJob(serial=doc.serial, terminal_id=terminal_id, kind=doc.kind, title=doc.title,
                     document=doc.model_dump(mode="json"), created_at=now)
    tx.add(job)
    tx.flush()
    return job


def queue_sms(tx: Session, now: datetime, mobile: str, text: str, serial: str | None, terminal_id: str,
              *, code: str | None = None) -> m.SmsMessage:
    """Queues a text. A verification `code` in it is stored masked and held in this process only.

    The gateway gets the digits (`sms_text`); a kiosk restarted before sending has lost them, and
    the resident asks for a new code.
    """
    stored = text.replace(code, MASK, 1) if code else text
    message = m.SmsMessage(serial=serial, terminal_id=terminal_id, mobile=mobile, text=stored, created_at=now)
    tx.add(message)
    tx.flush()
    if code:
        tx.info.setdefault(_STAGED_CODES, {})[message.id] = code
    return message


MASK = "******"
_STAGED_CODES = "kiosk_sms_codes"
_held_codes: dict[int, str] = {}  # outbox id → code, for committed messages not yet sent
_held_lock = threading.Lock()


@event.listens_for(Session, "after_commit")
def _hold_codes(tx: Session) -> None:
    staged = tx.info.pop(_STAGED_CODES, None)
    if staged:
        with _held_lock:
            _held_codes.update(staged)


@event.listens_for(Session, "after_rollback")
def _drop_codes(tx: Session) -> None:
    tx.info.pop(_STAGED_CODES, None)


def sms_text(message: m.SmsMessage) -> str | None:
    """The text to hand the gateway; None for a masked code this process no longer holds."""
    if MASK not in message.text:
        return message.text
    with _held_lock:
        code = _held_codes.get(message.id)
    return message.text.replace(MASK, code, 1) if code else None


def forget_code(message_id: int) -> None:
    with _held_lock:
        _held_codes.pop(message_id, None)


def jobs_for_serial(tx: Session, serial: str) -> list[m.PrintJob]:
    return list(tx.scalars(select(m.PrintJob).where(m.PrintJob.serial == serial).order_by(m.PrintJob.id)))
