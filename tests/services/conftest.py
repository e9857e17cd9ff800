"""Service fixtures: a fresh seeded store per test, a manual clock, the demo config, and a
`kiosk` helper that walks a service's wizard the way a careful resident would."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.clock import CST, ManualClock
from kiosk.config import KioskConfig, load_config
from kiosk.services import catalogue, submission
from kiosk.services.autofill import careful_values
from kiosk.services.outcome import Accepted, Outcome, Refused
from kiosk.services.profile import ServiceContext
from kiosk.services.wizard import Wizard
from kiosk.store import journal
from kiosk.store import models as m
from kiosk.store.database import Store

START = datetime(2026, 3, 10, 10, 0, tzinfo=CST)  # a Tuesday, before the 18th


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture(scope="session")
def config() -> KioskConfig:
    return load_config(demo=True)


@dataclass
class Kiosk:
    store: Store
    clock: ManualClock
    config: KioskConfig

    def person_id(self, key: str) -> int:
        with self.store.transaction() as tx:
            return tx.scalar(select(m.Person.id).where(m.Person.demo_key == key))

    def open(self, service_id: str, key: str) -> Refused | ServiceContext:
        return submission.open_service(self.store, catalogue.get(service_id), self.person_id(key),
                                       self.clock, self.config)

    def wizard(self, service_id: str, key: str) -> Wizard:
        ctx = self.open(service_id, key)
        assert isinstance(ctx, ServiceContext), ctx
        return Wizard(catalogue.get(service_id), ctx)

    def walk(self, wizard: Wizard, *, until: str | None = None, **overrides: Any) -> dict[str, str]:
        """Answers step after step up to the review (or up to the step that asks field `until`).

        Returns the first errors met (the wizard then stays on that step), else {}.
        """
        for _ in range(len(wizard.spec.steps) + 1):
            if wizard.at_review or any(f.key == until for f in wizard.fields()):
                return {}
            extra = {}
            if any(f.kind == "sms_code" for f in wizard.fields()) and "sms_code" not in overrides:
                extra["_texted_code"] = self.texted_code(wizard, careful_values(wizard, overrides))
            errors = wizard.check(careful_values(wizard, {**overrides, **extra}))
            if not errors and wizard.step.verify:
                errors = submission.verify_step(self.store, wizard.spec, wizard.step.key, wizard.ctx.person.id,
                                                wizard.answers, self.clock, self.config)
            if errors:
                return errors
            wizard.advance()
        raise AssertionError("the wizard never reached its review step")

    def texted_code(self, wizard: Wizard, values: dict[str, Any]) -> str:
        """Taps the step's code button and reads the code from the SMS outbox."""
        button = next(f for f in wizard.fields() if f.action)
        submission.run_action(self.store, wizard.spec, button.key, wizard.ctx.person.id,
                              {**wizard.answers, **values}, self.clock, self.config)
        with self.store.transaction() as tx:
            # the outbox holds the code masked; the gateway gets it from this process's memory
            text = journal.sms_text(tx.scalars(select(m.SmsMessage).order_by(m.SmsMessage.id.desc())).first())
        return re.search(r"验证码 (\d{6})", text).group(1)

    def submit(self, wizard: Wizard) -> Outcome:
        return submission.submit(self.store, wizard.spec, wizard.ctx.person.id, wizard.answers,
                                 self.clock, self.config)

    def run(self, service_id: str, key: str, **overrides: Any) -> Outcome:
        """Opens the service, walks it carefully and submits; a refusal at opening is returned."""
        ctx = self.open(service_id, key)
        if isinstance(ctx, Refused):
            return ctx
        wizard = Wizard(catalogue.get(service_id), ctx)
        if wizard.spec.query:  # a query is complete once every view has been shown
            for _ in wizard.steps:
                if wizard.step.kind == "view":
                    assert wizard.view().title
                wizard.advance()
            return Accepted(status="completed", serial="", headline="查询完毕")
        errors = self.walk(wizard, **overrides)
        assert errors == {}, (wizard.step.key, errors)
        return self.submit(wizard)

    def rows(self, model: type, **where: Any) -> list:
        with self.store.transaction() as tx:
            query = select(model)
            for column, value in where.items():
                query = query.where(getattr(model, column) == value)
            return list(tx.scalars(query))


@pytest.fixture
def kiosk(store: Store, clock: ManualClock, config: KioskConfig) -> Kiosk:
    return Kiosk(store, clock, config)


@pytest.fixture
def kiosk_on(clock: ManualClock, config: KioskConfig):
    """A `Kiosk` helper on a store the test made itself."""
    return lambda store: Kiosk(store, clock, config)
