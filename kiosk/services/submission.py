"""Opening a service for a person, and submitting it as one transaction.

A submission writes the business, its audit entry, its print jobs and its SMS together; printing
happens after commit (kiosk.services.print_run), so a printer fault never loses a business.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from kiosk import i18n
from kiosk.clock import Clock
from kiosk.config import KioskConfig
from kiosk.printing.document import Document
from kiosk.services import signing
from kiosk.services.outcome import Accepted, Decision, Outcome, PrintedRef, Refused
from kiosk.services.profile import Profile, ServiceContext, load_profile
from kiosk.services.refusal import start_again
from kiosk.services.registry import ACTIONS, ELIGIBILITY, SUBMIT, VERIFY, VIEWS
from kiosk.services.spec import SECRET_KINDS, ServiceSpec
from kiosk.services.wizard import Wizard
from kiosk.store import journal
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.store.locks import lock_person

log = logging.getLogger(__name__)


class _Rollback(Exception):
    def __init__(self, refused: Refused) -> None:
        self.refused = refused


def _jsonable(spec: ServiceSpec, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers as the submission row keeps them: no password or SMS code, ever."""
    secret = {f.key for step in spec.steps for f in step.fields if f.kind in SECRET_KINDS}
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in answers.items() if k not in secret}


def _journal_document(tx: Session, now: datetime, doc: Document, config: KioskConfig) -> m.PrintJob:
    """Journals a document to print; an A4 one is signed first and entered in the register.

    Raises:
        signing.SigningKeyError: If the signing key cannot be read or created: the business
            is not written, rather than issue a sealed A4 document nobody can verify.
    """
    if doc.kind != "report":
        return journal.add_print_job(tx, now, doc, config.kiosk.terminal_id)
    doc = signing.sign_document(doc, signing.signer_for(config))
    job = journal.add_print_job(tx, now, doc, config.kiosk.terminal_id)
    signing.register_issue(tx, now, doc, job.id)
    return job


def _in_language(doc: Document, language: str) -> Document:
    return i18n.translate_document(doc, language) if doc.kind == "receipt" else doc


def record_event(store: Store, clock: Clock, config: KioskConfig, action: str, **kwargs: Any) -> None:
    """Writes one audit entry in its own transaction (log-ins, refusals, logouts)."""
    with store.transaction() as tx:
        journal.audit(tx, clock.now(), config.kiosk.terminal_id, action, **kwargs)


def check_eligibility(spec: ServiceSpec, ctx: ServiceContext) -> Refused | None:
    """Who may use the service: None, or a refusal that says what to do instead (kiosk.services.refusal)."""
    if not spec.eligibility:
        return None
    refused = ELIGIBILITY.resolve(spec.eligibility)(ctx)
    if refused is not None and not isinstance(refused, Refused):
        raise TypeError(f"eligibility check {spec.eligibility!r} returned {refused!r}, not a Refused")
    return refused


def open_service(store: Store, spec: ServiceSpec, person_id: int, clock: Clock,
                 config: KioskConfig) -> Refused | ServiceContext:
    """Loads the person's snapshot and checks who may use the service."""
    with store.transaction() as tx:
        ctx = ServiceContext(load_profile(tx, person_id, spec.needs), clock.now(), config)
    refused = check_eligibility(spec, ctx)
    if refused:
        record_event(store, clock, config, "refused", person_id=person_id, service_id=spec.id,
                     detail=refused.reason)
        log.info("service %s refused at opening: %s", spec.id, refused.reason)
        return refused
    return ctx


def submit(store: Store, spec: ServiceSpec, person_id: int, answers: dict[str, Any], clock: Clock,
           config: KioskConfig, language: str = "zh") -> Outcome:
    """Re-validates against fresh data and writes the business in one transaction.

    `language`: the session's; the receipt and the SMS are in it, an A4 report stays in Chinese.
    """
    terminal = config.kiosk.terminal_id
    try:
        with store.transaction() as tx:
            lock_person(tx, person_id)  # before the profile: the limits below count what it reads
            now = clock.now()
            ctx = ServiceContext(load_profile(tx, person_id, spec.needs), now, config)
            refused = check_eligibility(spec, ctx)
            if refused:
                raise _Rollback(refused)
            wizard = Wizard(spec, ctx)
            wizard.answers = dict(answers)
            errors = wizard.validate_all()
            if errors:
                # An answer that was valid on screen no longer is (the data changed meanwhile).
                raise _Rollback(start_again(next(iter(errors.values()))))

            serial = journal.next_serial(tx, now, terminal)
            decision = SUBMIT.resolve(spec.submit)(tx, ctx, dict(wizard.answers), serial)
            if isinstance(decision, Refused):
                raise _Rollback(decision)
            assert isinstance(decision, Decision)
            tx.add(m.Submission(
                serial=serial, service_id=spec.id, person_id=person_id, status=decision.status,
                answers=_jsonable(spec, wizard.answers),
                result={"headline": decision.headline, "lines": [list(x) for x in decision.lines]},
                effective=decision.effective, due_date=decision.due, terminal_id=terminal,
                created_at=now,
            ))
            journal.audit(tx, now, terminal, "submitted", person_id=person_id, service_id=spec.id,
                          serial=serial, detail=decision.audit or decision.status)
            printed = tuple(
                PrintedRef(job_id=job.id, kind=doc.kind, title=doc.title)
                for doc in decision.documents
                for job in [_journal_document(tx, now, _in_language(doc, language), config)]
            )
            for mobile, text in decision.sms:
                journal.queue_sms(tx, now, mobile, i18n.translate(text, language), serial, terminal)
    except _Rollback as rollback:
        record_event(store, clock, config, "refused", person_id=person_id, service_id=spec.id,
                     detail=rollback.refused.reason)
        log.info("service %s refused at submission: %s", spec.id, rollback.refused.reason)
        return rollback.refused
    log.info("service %s submitted: serial %s, %s", spec.id, serial, decision.status)
    return Accepted(status=decision.status, serial=serial, headline=decision.headline,
                    effective=decision.effective, due=decision.due, due_estimated=decision.due_estimated,
                    lines=decision.lines,
                    printed=printed, sms_count=len(decision.sms))


def _session_profile(tx: Session, spec: ServiceSpec, person_id: int, profile: Profile | None) -> Profile:
    """The profile the session loaded when the service opened, else a fresh one of the service's needs."""
    if profile is not None and profile.person.id == person_id:
        return profile
    return load_profile(tx, person_id, spec.needs)


def run_action(store: Store, spec: ServiceSpec, field_key: str, person_id: int, answers: dict[str, Any],
               clock: Clock, config: KioskConfig, profile: Profile | None = None) -> str:
    """A field's button (e.g. 获取短信验证码), in its own transaction; returns the message to show.

    `profile`: the session's, loaded when the service opened (no reload per tap).
    """
    action = ACTIONS.resolve(spec.field(field_key).action or "")
    with store.transaction() as tx:
        lock_person(tx, person_id)  # e.g. the resend wait of an SMS code holds across kiosks
        ctx = ServiceContext(_session_profile(tx, spec, person_id, profile), clock.now(), config)
        return action(tx, ctx, dict(answers))


def verify_step(store: Store, spec: ServiceSpec, step_key: str, person_id: int, answers: dict[str, Any],
                clock: Clock, config: KioskConfig, profile: Profile | None = None) -> dict[str, str]:
    """A step's check against the store. Its writes (a try counted) commit even when it fails.

    `profile`: the session's, loaded when the service opened (the check reads the store itself).
    """
    step = next(s for s in spec.steps if s.key == step_key)
    with store.transaction() as tx:
        lock_person(tx, person_id)  # a code's tries left are counted by one kiosk at a time
        ctx = ServiceContext(_session_profile(tx, spec, person_id, profile), clock.now(), config)
        return VERIFY.resolve(step.verify or "")(tx, ctx, dict(answers))


def print_view(store: Store, spec: ServiceSpec, step_key: str, person_id: int, clock: Clock,
               config: KioskConfig, profile: Profile | None = None) -> str:
    """Journals a view step's content as an A4 print job under a new serial; returns the serial.

    `profile`: the session's, so the paper shows what the screen showed.
    """
    step = next(s for s in spec.steps if s.key == step_key)
    terminal = config.kiosk.terminal_id
    with store.transaction() as tx:
        lock_person(tx, person_id)
        now = clock.now()
        ctx = ServiceContext(_session_profile(tx, spec, person_id, profile), now, config)
        serial = journal.next_serial(tx, now, terminal)
        content = VIEWS.resolve(step.view or "")(ctx)
        _journal_document(tx, now, content.document(ctx, serial), config)
        journal.audit(tx, now, terminal, "query_printed", person_id=person_id, service_id=spec.id, serial=serial,
                      detail=step_key)
    return serial
