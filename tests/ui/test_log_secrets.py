"""A database error in a background call is logged without the resident's mobile, ID or address."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from sqlalchemy import text

from kiosk.store import models as m
from kiosk.store.database import Store, StoreUnavailable
from kiosk.demo.personas import BY_KEY
from kiosk.ui.bridge import Bridge

PERSONA = BY_KEY["enterprise_employee"]


def _duplicate_person(store: Store) -> None:
    """An INSERT whose parameters are the persona's data, refused by the unique ID number."""
    with store.transaction() as tx:
        tx.add(m.Person(id_number=PERSONA.id_number, name=PERSONA.name, sex=PERSONA.sex, birth_date=date(1980, 1, 1),
                        mobile=PERSONA.mobile, address=PERSONA.address, category="enterprise"))


def _unreachable_table(store: Store) -> None:
    """A statement the database cannot run at all (OperationalError → StoreUnavailable)."""
    with store.transaction() as tx:
        tx.execute(text("INSERT INTO nowhere VALUES (:id, :mobile, :address)"),
                   {"id": PERSONA.id_number, "mobile": PERSONA.mobile, "address": PERSONA.address})


@pytest.mark.parametrize("failing", [_duplicate_person, _unreachable_table])
def test_the_log_of_a_database_error_names_no_resident_data(qtbot, store: Store, caplog: pytest.LogCaptureFixture,
                                                            failing) -> None:  # noqa: ANN001
    bridge = Bridge()
    errors: list[Exception] = []
    with caplog.at_level(logging.INFO), qtbot.waitSignal(bridge.idle, timeout=30_000):
        bridge.run(lambda: failing(store), lambda _result: None, errors.append)
    bridge.shutdown()
    assert len(errors) == 1
    logged = caplog.text
    assert "background call failed" in logged  # the failure itself is logged …
    for secret in (PERSONA.id_number, PERSONA.mobile, PERSONA.address):  # … but none of what it carried
        assert secret not in logged
    if isinstance(errors[0], StoreUnavailable):
        assert PERSONA.mobile not in errors[0].detail
