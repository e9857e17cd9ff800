"""Submitting a service: one transaction, refusals audited, serial numbers, an unreachable store."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from kiosk.clock import CST
from kiosk.services import catalogue, login, submission
from kiosk.services.outcome import Accepted, Refused
from kiosk.services.registry import SUBMIT
from kiosk.services.wizard import Wizard
from kiosk.store import models as m
from kiosk.store.database import Store, StoreUnavailable

if TYPE_CHECKING:
    from .conftest import Kiosk

UNAVAILABLE = "系统暂时无法访问业务数据，本次业务未办理，请稍后再试或到中心柜面办理"


def _count(kiosk: Kiosk, model: type) -> int:
    with kiosk.store.transaction() as tx:
        return tx.scalar(select(func.count()).select_from(model))


def test_when_the_submit_handler_raises_nothing_is_written(kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> None:
    real = SUBMIT.resolve("flex_contribution_change")

    def handler_that_fails_late(tx, ctx, answers, serial):
        real(tx, ctx, answers, serial)  # writes the change row and updates the enrolment ...
        raise RuntimeError("printer layout failed")  # ... then fails

    monkeypatch.setitem(SUBMIT._items, "flex_contribution_change", handler_that_fails_late)
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    kiosk.walk(wizard, change_type="grade", grade="2")
    audit_before = _count(kiosk, m.AuditEntry)
    with pytest.raises(RuntimeError, match="printer layout failed"):
        kiosk.submit(wizard)

    for model in (m.Submission, m.PrintJob, m.SmsMessage, m.FlexChange, m.SerialCounter):
        assert _count(kiosk, model) == 0, model.__name__
    assert _count(kiosk, m.AuditEntry) == audit_before
    [enrolment] = kiosk.rows(m.FlexEnrolment, person_id=kiosk.person_id("flex_normal"))
    assert (enrolment.grade_code, enrolment.effective_from) == ("1", "2024-01")

    monkeypatch.undo()
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted)
    assert outcome.serial.endswith("00001")  # the failed attempt consumed no serial


def test_a_refusal_at_submission_is_audited_and_writes_nothing_else(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    kiosk.walk(wizard, change_type="grade", grade="2")
    pid = kiosk.person_id("flex_normal")
    with kiosk.store.transaction() as tx:  # meanwhile the centre suspends the enrolment
        tx.get_one(m.FlexEnrolment, pid).status = "suspended"
    outcome = kiosk.submit(wizard)
    assert outcome == Refused(reason="您的灵活就业参保当前不是正常缴费状态，无法变更套餐或档次",
                              next_step="您可以携带本人身份证到中心柜面咨询")

    [audit] = kiosk.rows(m.AuditEntry, person_id=pid)
    assert (audit.action, audit.service_id, audit.serial, audit.detail) == (
        "refused", "flex_contribution_change", None, outcome.reason)
    assert audit.terminal_id == "SIP-DEMO-001" and audit.at == kiosk.clock.now()
    for model in (m.Submission, m.PrintJob, m.FlexChange, m.SerialCounter):
        assert _count(kiosk, model) == 0, model.__name__


def test_a_refusal_by_the_handler_rolls_back_its_writes_and_is_audited(kiosk: Kiosk,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real = SUBMIT.resolve("flex_contribution_change")

    def handler_that_refuses_late(tx, ctx, answers, serial):
        real(tx, ctx, answers, serial)  # writes, then changes its mind
        return Refused(reason="所选套餐或档次已停用，请重新选择")

    monkeypatch.setitem(SUBMIT._items, "flex_contribution_change", handler_that_refuses_late)
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    kiosk.walk(wizard, change_type="grade", grade="2")
    outcome = kiosk.submit(wizard)
    assert outcome == Refused(reason="所选套餐或档次已停用，请重新选择")
    pid = kiosk.person_id("flex_normal")
    assert [(a.action, a.detail) for a in kiosk.rows(m.AuditEntry, person_id=pid)] == [
        ("refused", "所选套餐或档次已停用，请重新选择")]
    for model in (m.Submission, m.PrintJob, m.FlexChange, m.SerialCounter):
        assert _count(kiosk, model) == 0, model.__name__
    [enrolment] = kiosk.rows(m.FlexEnrolment, person_id=pid)
    assert enrolment.grade_code == "1"


def test_a_refusal_at_opening_is_audited(kiosk: Kiosk) -> None:
    refused = kiosk.open("flex_contribution_change", "enterprise_employee")
    assert isinstance(refused, Refused)
    [audit] = kiosk.rows(m.AuditEntry, person_id=kiosk.person_id("enterprise_employee"))
    assert (audit.action, audit.service_id, audit.detail) == ("refused", "flex_contribution_change", refused.reason)


def test_accepted_business_writes_submission_audit_and_print_job_together(kiosk: Kiosk) -> None:
    outcome = kiosk.run("insurance_certificate", "enterprise_employee")
    assert isinstance(outcome, Accepted)
    [sub] = kiosk.rows(m.Submission, serial=outcome.serial)
    assert (sub.service_id, sub.status, sub.terminal_id, sub.created_at) == (
        "insurance_certificate", "completed", "SIP-DEMO-001", kiosk.clock.now())
    [audit] = kiosk.rows(m.AuditEntry, serial=outcome.serial)
    assert audit.action == "submitted"
    jobs = kiosk.rows(m.PrintJob, serial=outcome.serial)
    assert [j.id for j in jobs] == [p.job_id for p in outcome.printed]


def test_serials_are_unique_increasing_within_a_day_and_restart_the_next(kiosk: Kiosk) -> None:
    serials = []
    for _ in range(3):
        outcome = kiosk.run("insurance_certificate", "enterprise_employee")
        serials.append(outcome.serial)
        kiosk.clock.advance(minutes=1)
    serials.append(kiosk.run("insurance_certificate", "institution_staff").serial)
    assert serials == [f"YW20260310001{n:05d}" for n in range(1, 5)]
    assert serials == sorted(serials) and len(set(serials)) == 4

    kiosk.clock.set(datetime(2026, 3, 10, 23, 59, 59, tzinfo=CST))
    assert kiosk.run("insurance_certificate", "flex_normal").serial == "YW2026031000100005"
    kiosk.clock.set(datetime(2026, 3, 11, 0, 0, tzinfo=CST))
    assert kiosk.run("insurance_certificate", "flex_normal").serial == "YW2026031100100001"
    assert kiosk.run("insurance_certificate", "flex_normal").serial == "YW2026031100100002"
    assert len({s.serial for s in kiosk.rows(m.Submission)}) == 7


def test_the_serial_carries_the_terminal_number(kiosk: Kiosk) -> None:
    config = kiosk.config.model_copy(update={"kiosk": kiosk.config.kiosk.model_copy(
        update={"terminal_id": "SIP-24H-017"})})
    ctx = submission.open_service(kiosk.store, catalogue.get("insurance_certificate"),
                                  kiosk.person_id("enterprise_employee"), kiosk.clock, config)
    wizard = Wizard(catalogue.get("insurance_certificate"), ctx)
    kiosk.walk(wizard)
    outcome = submission.submit(kiosk.store, wizard.spec, ctx.person.id, wizard.answers, kiosk.clock, config)
    assert outcome.serial == "YW2026031001700001"


# --- the store goes away ----------------------------------------------------------------------------


@pytest.fixture
def vanishing_store(seeded_db_file: Path, tmp_path: Path):
    """A seeded store whose directory is deleted after the test has set it up."""
    folder = tmp_path / "db"
    folder.mkdir()
    shutil.copyfile(seeded_db_file, folder / "k.sqlite")
    store = Store(f"sqlite:///{folder}/k.sqlite")

    def vanish() -> None:
        store.close()
        shutil.rmtree(folder)

    yield store, vanish
    store.close()


def test_deleted_database_raises_store_unavailable_everywhere(vanishing_store, kiosk_on, clock, config) -> None:
    store, vanish = vanishing_store
    kiosk = kiosk_on(store)
    pid = kiosk.person_id("enterprise_employee")
    wizard = kiosk.wizard("insurance_certificate", "enterprise_employee")
    kiosk.walk(wizard)
    vanish()

    calls = [
        lambda: kiosk.submit(wizard),
        lambda: submission.open_service(store, catalogue.get("insurance_certificate"), pid, clock, config),
        lambda: login.find_by_card(store, "M00000103"),
        lambda: login.check_password(store, pid, "480627", clock, config),
        lambda: submission.record_event(store, clock, config, "logout", person_id=pid),
    ]
    for call in calls:
        with pytest.raises(StoreUnavailable) as info:
            call()
        assert str(info.value) == UNAVAILABLE
        assert info.value.detail  # the technical cause is kept for the log


def test_no_business_record_holds_a_full_id_number_or_password(kiosk: Kiosk) -> None:
    from sqlalchemy import text

    from kiosk.demo.personas import PERSONAS

    for persona in PERSONAS:
        for service in persona.expected:
            kiosk.run(service, persona.key)
    # One database for every session, so services interact (a cancellation reopens a registration):
    # the count is not each persona's fresh outcome, but every kind of record gets written.
    assert len(kiosk.rows(m.Submission)) > 20
    # 739146: the new passwords the careful resident sets (password reset, 掌上医保 payment password)
    secrets = [p.id_number for p in PERSONAS] + [p.password for p in PERSONAS] + ["739146"]
    # Documents addressed to another office print the full number (the receiving office matches the
    # person by it); their print job keeps it so a reprint is the document issued. Nothing else may.
    addressed = ("苏州工业园区失业保险关系接收函", "异地贷款职工住房公积金缴存使用证明", "参保证明")
    with kiosk.store.transaction() as tx:
        for table in ("audit_log", "submissions", "print_jobs", "sms_outbox", "credentials",
                      "mobile_medical_accounts"):
            where = f" WHERE title NOT IN {addressed!r}" if table == "print_jobs" else ""
            cells = [str(v) for row in tx.execute(text(f"SELECT * FROM {table}{where}")) for v in row
                     if v is not None]
            assert cells, table
            assert [s for s in secrets if any(s in c for c in cells)] == [], table
        rows = tx.execute(text(f"SELECT title, document FROM print_jobs WHERE title IN {addressed!r}")).all()
        assert {title for title, _ in rows} == set(addressed)
        for title, document in rows:
            assert [s for s in secrets[len(PERSONAS):] if s in document] == [], title  # never a password
