"""The demo on any day: seeded for a day, every persona reaches the outcomes listed for that day.

The matrix runs through the Qt-free services at days across years, among them the first and last
day of a year and a 29 February (the UI matrix, tests/ui/test_scenario.py, runs at 2026-03-17).
Each day is seeded once into memory; before a service the database is restored from that copy on
the same engine (after an accepted one: a refusal only writes its audit line), so compiled SQL is
reused and a case costs what the service costs.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time

import pytest

from kiosk.clock import CST, ManualClock
from kiosk.config import KioskConfig
from kiosk.demo.personas import PERSONAS, build, by_key
from kiosk.demo.seed import seed_demo
from kiosk.services import catalogue
from kiosk.store.database import Store

from .conftest import Kiosk

DAYS = (date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 15), date(2027, 7, 1), date(2028, 2, 29),
        date(2031, 10, 8))

_seeded: dict[date, tuple[sqlite3.Connection, Store]] = {}


def _store_for(day: date, config: KioskConfig) -> tuple[sqlite3.Connection, Store]:
    """The personas seeded for `day` (kept for the day's tests, which run one after another) and a
    working store to restore them into."""
    if day not in _seeded:
        for template, store in _seeded.values():
            template.close()
            store.close()
        _seeded.clear()
        seeded = Store("sqlite://")
        seed_demo(seeded, day, config.subsidy)
        _seeded[day] = (seeded.engine.raw_connection().driver_connection, Store("sqlite://"))
    return _seeded[day]


@pytest.mark.parametrize(("day", "key"), [(d, p.key) for d in DAYS for p in PERSONAS], ids=lambda v: str(v))
def test_every_listed_outcome_holds_on_the_day(config: KioskConfig, day: date, key: str) -> None:
    template, store = _store_for(day, config)
    persona = by_key(day, config.subsidy)[key]
    clock = ManualClock(datetime.combine(day, time(10), CST))
    reached: dict[str, str] = {}
    for service_id in persona.expected:
        if not reached or reached[next(reversed(reached))] != "refused":  # a refusal changes no business
            connection = store.engine.raw_connection()
            try:
                template.backup(connection.driver_connection)  # the persona as seeded, nothing done yet
            finally:
                connection.close()
        reached[service_id] = Kiosk(store, clock, config).run(service_id, key).status
    assert reached == {service_id: e.outcome for service_id, e in persona.expected.items()}


@pytest.mark.parametrize("day", [*DAYS, date(2026, 3, 17), date(2027, 6, 30), date(2029, 2, 28), date(2030, 1, 1)])
def test_every_service_has_both_outcomes_on_the_day(config: KioskConfig, day: date) -> None:
    outcomes = {(sid, e.outcome) for p in build(day, config.subsidy) for sid, e in p.expected.items()}
    in_window = {"paper_statement_optout": day.month <= 6,
                 "hf_interest_subsidy": config.subsidy.window_start <= f"{day:%m-%d}" <= config.subsidy.window_end}
    for spec in catalogue.built():
        if in_window.get(spec.id, True):
            assert any(sid == spec.id and o in ("completed", "pending_review") for sid, o in outcomes), spec.id
        if spec.eligibility:
            assert (spec.id, "refused") in outcomes, spec.id


def test_listed_outcomes_change_with_the_windows_and_say_so(config: KioskConfig) -> None:
    spring, autumn = by_key(date(2027, 3, 1), config.subsidy), by_key(date(2027, 9, 1), config.subsidy)
    for key, service_id in (("paper_opted_out", "paper_statement_optout"), ("subsidy_family", "hf_interest_subsidy")):
        assert spring[key].expected[service_id].outcome == "completed"
        assert autumn[key].expected[service_id].outcome == "refused"
        assert autumn[key].expected[service_id].dates  # how the outcome changes with the day
    assert "2028 年 1 月 1 日起" in autumn["paper_opted_out"].expected["paper_statement_optout"].reason
