"""What a service returns: a refusal with its reason, or an accepted business."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kiosk.printing.document import Document


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Refused(_Frozen):
    """An expected refusal ("请至中心柜面办理"): a value, not an exception."""

    status: Literal["refused"] = "refused"
    reason: str


class Decision(_Frozen):
    """What a submit handler decided, before the submission is written."""

    status: Literal["completed", "pending_review"] = "completed"
    headline: str
    effective: str | None = None  # YYYY-MM or YYYY-MM-DD
    due: date | None = None
    # `due` was counted over a year with no published holiday schedule: shown as an estimate (预计).
    due_estimated: bool = False
    lines: tuple[tuple[str, str], ...] = ()
    documents: tuple[Document, ...] = ()
    sms: tuple[tuple[str, str], ...] = ()  # (mobile, text)
    audit: str = ""


class PrintedRef(_Frozen):
    job_id: int
    kind: Literal["receipt", "report"]
    title: str


class Accepted(_Frozen):
    """A business written to the store, with what will be printed and texted."""

    status: Literal["completed", "pending_review"]
    serial: str
    headline: str
    effective: str | None = None
    due: date | None = None
    due_estimated: bool = False
    lines: tuple[tuple[str, str], ...] = ()
    printed: tuple[PrintedRef, ...] = ()
    sms_count: int = 0  # the texts (with the name) stay in the outbox, not in the session


class Failed(_Frozen):
    """The kiosk could not do the business (database down, device fault): nothing was written."""

    status: Literal["error"] = "error"
    reason: str


Outcome = Refused | Accepted | Failed
