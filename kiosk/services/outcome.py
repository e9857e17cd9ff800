"""What a service returns: a refusal with its reason, or an accepted business."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kiosk.printing.document import Document


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Refused(_Frozen):
    """An expected refusal: a value, not an exception. Build it with kiosk.services.refusal.

    The resident reads the heading, the reason in plain words, then 您可以… (`next_step`); the
    centre's address, hours and hotline go under it (refusal.centre_contact).
    """

    status: Literal["refused"] = "refused"
    reason: str
    next_step: str = ""  # "您可以…": counter, online, when to come back, which service instead
    temporary: bool = False  # passes later by itself: a time window, a limit, a pending application
    instead: str | None = None  # the service id to choose instead (the UI shows its tile)

    @property
    def heading(self) -> str:
        return "暂时无法办理" if self.temporary else "无法办理"


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
