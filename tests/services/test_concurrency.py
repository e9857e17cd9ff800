"""Eight kiosk processes on one database, all at one person: every limit holds, no 系统故障.

Run against a SQLite file and a real PostgreSQL server (tests/conftest.py starts a private one).
The processes are spawned (not threads, not mocks): each has its own engine and connections,
as separate kiosks do.
"""

from __future__ import annotations

import itertools
import multiprocessing
import shutil
from collections import Counter
from datetime import timedelta
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select

from kiosk.services.passwords import hash_password
from kiosk.store import audit_chain
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.demo.builder import REFERENCE_DAY
from kiosk.demo.seed import seed_demo
from kiosk.store.tables.accounts import SmsCode
from kiosk.store.tables.reprint_codes import ReprintCode

PROCESSES = 8
LETTER = "unemployment_transfer_letter"
_names = itertools.count()


@pytest.fixture(scope="module")
def kiosks(pytestconfig: pytest.Config) -> Iterator[tuple[Any, Any]]:
    """Eight spawned processes (a pool, started once for the module) and a barrier maker."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))  # spawned children import the workers module by name
    try:
        import concurrency_workers  # noqa: F401
        context = multiprocessing.get_context("spawn")
        with context.Manager() as manager, context.Pool(PROCESSES) as pool:
            yield pool, manager
    finally:
        sys.path.remove(str(Path(__file__).parent))


def _create_database(server_url: str, name: str, template: str | None = None) -> str:
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    engine.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(scope="module")
def seeded_postgres(postgres_url: str) -> str:
    """The demo personas seeded once into a template database."""
    url = _create_database(postgres_url, "kiosk_seed")
    store = Store(url)
    seed_demo(store, REFERENCE_DAY)
    store.close()
    return postgres_url


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, seeded_db_file: Path, tmp_path: Path) -> Iterator[Store]:
    """A fresh seeded database of this test's own, on each kind of server."""
    if request.param == "sqlite":
        path = tmp_path / "shared.sqlite"
        shutil.copyfile(seeded_db_file, path)
        url = f"sqlite:///{path}"
    else:
        url = _create_database(request.getfixturevalue("seeded_postgres"), f"kiosk_{next(_names)}", "kiosk_seed")
    store = Store(url)
    yield store
    store.close()


def _hammer(kiosks: tuple[Any, Any], store: Store, task: str, *per_process: tuple) -> list[Any]:
    """Runs `task` in eight processes at once (released together); returns what each returned."""
    pool, manager = kiosks
    import concurrency_workers
    barrier = manager.Barrier(PROCESSES)
    calls = [(task, store.url, barrier, per_process[i % len(per_process)]) for i in range(PROCESSES)]
    # A worker that dies loses its task and Pool.starmap would wait for ever: fail instead.
    outcomes = pool.starmap_async(concurrency_workers.run, calls, chunksize=1).get(timeout=180)
    errors = [value for status, value in outcomes if status == "error"]
    assert errors == []  # no IntegrityError, no database error, no 系统故障
    with store.transaction() as tx:
        assert audit_chain.verify(tx) is None  # the audit chain did not fork
    return [value for _, value in outcomes]


def _person(store: Store, key: str) -> int:
    with store.transaction() as tx:
        return tx.scalar(select(m.Person.id).where(m.Person.demo_key == key))


def test_eight_kiosks_trying_wrong_passwords_check_five_at_most(kiosks, database: Store) -> None:  # noqa: ANN001
    person = _person(database, "enterprise_employee")
    remaining = [r for tries in _hammer(kiosks, database, "wrong_passwords", (person, 3)) for r in tries]
    # 24 tries: exactly five were checked against the hash (4, 3, 2, 1 left, then the lock), the
    # other 19 were refused as locked without a check.
    assert sorted(r for r in remaining if r is not None) == [0, 1, 2, 3, 4]
    assert remaining.count(None) == 3 * PROCESSES - 5
    with database.transaction() as tx:
        assert tx.get_one(m.Credential, person).locked_until is not None


def test_serials_stay_unique_for_kiosks_sharing_a_terminal_number(kiosks, database: Store) -> None:  # noqa: ANN001
    # "SIP-T001" and "K001" both print 001 in the serial: they draw from one sequence.
    drawn = [s for batch in _hammer(kiosks, database, "serials", ("SIP-T001", 10), ("K001", 10)) for s in batch]
    assert sorted(drawn) == [f"YW20260317001{n:05d}" for n in range(1, 10 * PROCESSES + 1)]


def test_eight_kiosks_issue_five_transfer_letters_a_day_not_more(kiosks, database: Store, kiosk) -> None:  # noqa: ANN001
    from concurrency_workers import NOW

    kiosk.clock.set(NOW)
    wizard = kiosk.wizard(LETTER, "ue_letter_relation")
    kiosk.walk(wizard)
    person = _person(database, "ue_letter_relation")
    outcomes = _hammer(kiosks, database, "submit", (LETTER, person, dict(wizard.answers)))
    accepted = [o for o in outcomes if o.startswith("accepted")]
    assert len(accepted) == 5 and len(set(accepted)) == 5
    assert all("当天最多可开具 5 次" in o for o in outcomes if o not in accepted)


def test_an_sms_code_allows_three_wrong_tries_across_kiosks(kiosks, database: Store) -> None:  # noqa: ANN001
    from concurrency_workers import NOW

    person, mobile = _person(database, "enterprise_employee"), "13912340000"
    with database.transaction() as tx:
        tx.add(SmsCode(person_id=person, purpose="mobile_medical_app", mobile=mobile,
                       code_hash=hash_password("123456", n=2**10), created_at=NOW,
                       expires_at=NOW + timedelta(minutes=5), tries_left=3))
    answers = [a for batch in _hammer(kiosks, database, "wrong_sms_codes", (person, mobile, 2)) for a in batch]
    assert sorted(a for a in answers if "还可以再试" in a) == ["验证码不正确，还可以再试 1 次", "验证码不正确，还可以再试 2 次"]
    assert answers.count("验证码输错次数过多，请返回上一步重新获取") == 2 * PROCESSES - 2
    with database.transaction() as tx:
        assert tx.scalar(select(SmsCode.tries_left)) == 0


def test_the_staff_pin_locks_after_five_wrong_tries_across_kiosks(kiosks, database: Store) -> None:  # noqa: ANN001
    answers = [a for batch in _hammer(kiosks, database, "staff_pins", (2,)) for a in batch]
    assert sum("还可以再试" in a for a in answers) == 4  # the fifth wrong PIN locks
    assert all("次数过多" in a for a in answers if "还可以再试" not in a)
    with database.transaction() as tx:
        assert tx.scalar(select(func.count()).select_from(m.AuditEntry).where(
            m.AuditEntry.action == "staff_pin_failed")) == 5


def test_one_business_gets_one_reprint_code_however_many_kiosks_ask(kiosks, database: Store) -> None:  # noqa: ANN001
    codes = _hammer(kiosks, database, "reprint_code", ("YW2026031700100001",))
    assert len(set(codes)) == 1
    with database.transaction() as tx:
        assert tx.scalar(select(func.count()).select_from(ReprintCode)) == 1
    assert Counter(codes)[codes[0]] == PROCESSES


def test_the_reprint_code_entry_locks_after_five_wrong_codes_per_terminal_across_kiosks(
        kiosks, database: Store) -> None:  # noqa: ANN001
    # Eight processes, four for each of two terminals, two wrong codes each: eight tries per terminal.
    drawn = _hammer(kiosks, database, "wrong_reprint_codes", ("SIP-A", 2), ("SIP-B", 2))
    for terminal in (0, 1):
        remaining = [r for tries in drawn[terminal::2] for r in tries]
        # exactly five checked (4, 3, 2, 1 left, then the lock); the other three refused as locked
        assert sorted(r for r in remaining if r is not None) == [0, 1, 2, 3, 4]
        assert remaining.count(None) == 3
    with database.transaction() as tx:
        assert tx.scalar(select(func.count()).select_from(m.AuditEntry).where(
            m.AuditEntry.action == "reprint_code_wrong")) == 10
        assert tx.scalar(select(func.count()).select_from(m.AuditEntry).where(
            m.AuditEntry.action == "reprint_code_locked")) == 2
