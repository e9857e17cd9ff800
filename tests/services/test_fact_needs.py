"""Each service loads only the domains its rules read, once per session: few SQL statements a tap."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from kiosk.services import catalogue, submission
from kiosk.services.fact_needs import derived_needs
from kiosk.services.profile import ServiceContext
from kiosk.services.registry import FACTS
from kiosk.services.wizard import Wizard
from kiosk.store.database import Store

from .conftest import Kiosk


@contextmanager
def counted(store: Store) -> Iterator[list[str]]:
    """The SQL statements the store runs inside the block."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        statements.append(statement)
    event.listen(store.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(store.engine, "before_cursor_execute", count)


@pytest.mark.parametrize("spec", catalogue.SERVICES, ids=lambda s: s.id)
def test_each_service_declares_exactly_the_facts_its_rules_read(spec) -> None:  # noqa: ANN001
    assert set(spec.needs) == derived_needs(spec)


def test_a_fact_the_service_did_not_declare_is_named_when_read(kiosk: Kiosk) -> None:
    ctx = kiosk.open("flex_contribution_change", "flex_normal")
    assert isinstance(ctx, ServiceContext)
    assert ctx.profile.facts == {}
    with pytest.raises(LookupError, match="'housing_fund' not loaded"):
        ctx.fact("housing_fund")


def test_opening_and_submitting_a_flex_change_runs_a_few_statements(kiosk: Kiosk) -> None:
    with counted(kiosk.store) as opening:
        ctx = kiosk.open("flex_contribution_change", "flex_normal")
    assert isinstance(ctx, ServiceContext)
    wizard = Wizard(catalogue.get("flex_contribution_change"), ctx)
    assert kiosk.walk(wizard) == {}
    with counted(kiosk.store) as submitting:
        outcome = kiosk.submit(wizard)
    assert outcome.status == "completed"
    # was 38 to open (all eight domains) and 45 to submit
    assert len(opening) <= 8, opening
    assert len(submitting) <= 18, submitting


def test_a_step_checked_against_the_store_reuses_the_session_profile(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("mobile_medical_app", "flex_normal")
    assert kiosk.walk(wizard, until="sms_code") == {}
    code = kiosk.texted_code(wizard, {})
    wizard.check({"sms_code": code, **{f.key: wizard.answers.get(f.key) for f in wizard.fields()
                                       if f.key != "sms_code"}})
    with counted(kiosk.store) as checking:
        errors = submission.verify_step(kiosk.store, wizard.spec, wizard.step.key, wizard.ctx.person.id,
                                        dict(wizard.answers), kiosk.clock, kiosk.config, wizard.ctx.profile)
    assert errors == {}
    assert not any("persons.id_number" in s or "FROM insurances" in s for s in checking), checking
    assert len(checking) <= 6, checking


def test_the_heaviest_service_loads_fewer_domains_than_all(kiosk: Kiosk) -> None:
    spec = catalogue.get("sealed_hf_withdrawal")
    with counted(kiosk.store) as opening:
        kiosk.open(spec.id, "flex_normal")
    assert len(spec.needs) < len(FACTS.items())
    assert len(opening) < 38
