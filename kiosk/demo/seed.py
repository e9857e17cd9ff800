"""`kiosk db seed-demo`: loads the demo personas built for a day (kiosk/demo/builder.py).

Seeding again for the same day adds only missing personas. Seeding for another day first removes the
demo personas and every row that hangs on them, so their dates and outcomes are those of the new day;
the day is kept in the database (`demo_seed`), so a demo kiosk re-seeds when it starts on a new day.
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ColumnElement, Table, delete, or_, select

from kiosk.clock import CST
from kiosk.config import SubsidySection
from kiosk.demo.personas import DOMAIN_MODULES, Persona, build
from kiosk.services.passwords import hash_password
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.store.tables.demo import DemoSeed

# Personal / employer shares of the base, by insurance (demo figures for the 参保明细 table).
_RATES = {"pension": ("0.08", "0.16"), "medical": ("0.02", "0.07"), "unemployment": ("0.005", "0.005"),
          "injury": ("0", "0.004"), "maternity": ("0", "0.008"), "housing_fund": ("0.10", "0.10")}
@functools.lru_cache(maxsize=None)
def _demo_hash(password: str) -> str:
    """One scrypt hash per demo password per process: re-seeding (tests, scenarios) stays fast.

    Demo data only; real credentials are hashed with their own salt when set (password reset).
    """
    return hash_password(password)


def _months(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    end = tuple(map(int, last.split("-")))
    out = []
    while (year, month) <= end:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _add_persona(tx, p: Persona, seeded_at: datetime) -> None:  # noqa: ANN001 (Session)
    person = m.Person(id_number=p.id_number, name=p.name, sex=p.sex, birth_date=p.birth, mobile=p.mobile,
                      address=p.address, category=p.category, retired=p.retired,
                      insured_status=p.insured_status, sip_hukou=p.sip_hukou, face_ref=p.key, demo_key=p.key)
    tx.add(person)
    tx.flush()
    for kind, status, since in p.insurances:
        tx.add(m.Insurance(person_id=person.id, kind=kind, status=status, since=since))
    if p.contribution_months:
        base = Decimal(p.base)
        for month in _months(*p.contribution_months):
            for kind, _, _ in p.insurances:
                personal, employer = (Decimal(r) for r in _RATES[kind])
                tx.add(m.Contribution(person_id=person.id, month=month, kind=kind, base=base,
                                      personal=base * personal, employer=base * employer, employer_name=p.employer))
    if p.flex:
        package, grade, status, since = p.flex
        tx.add(m.FlexEnrolment(person_id=person.id, package_code=package, grade_code=grade, status=status,
                               effective_from=since))
    for reason, place, start, end, status in p.remote_medical:
        tx.add(m.RemoteMedicalRegistration(
            person_id=person.id, reason=reason, place=place, address="昆山市前进中路 88 号 2 幢 302 室",
            contact_mobile=p.mobile, start_date=start, end_date=end, status=status, created_at=seeded_at))
    tx.add(m.CitizenCard(card_number=p.card_number, person_id=person.id, status=p.card_status))
    tx.add(m.Credential(person_id=person.id, password_hash=_demo_hash(p.password), updated_at=seeded_at))
    for module in DOMAIN_MODULES:  # each domain writes its own rows (kiosk/demo/<domain>.py)
        if hasattr(module, "seed"):
            module.seed(tx, person, p)


def _demo_rows(tables: list[Table]) -> dict[Table, ColumnElement[bool]]:
    """For each table, which of its rows belong to demo personas: theirs by `person_id` or by a
    foreign key, or hanging on such a row (a loan's repayments)."""
    persons = m.Person.__table__
    demo_ids = select(persons.c.id).where(persons.c.demo_key.is_not(None))
    rows: dict[Table, ColumnElement[bool]] = {persons: persons.c.demo_key.is_not(None)}
    for table in tables:  # parents before children
        if table is persons:
            continue
        found = [table.c.person_id.in_(demo_ids)] if "person_id" in table.c else []
        for fk in table.foreign_keys:
            parent = fk.column.table
            if parent is persons:
                found.append(fk.parent.in_(demo_ids))
            elif parent in rows:
                found.append(fk.parent.in_(select(fk.column).where(rows[parent])))
        if found:
            rows[table] = or_(*found)
    return rows


def _remove_demo_personas(tx) -> None:  # noqa: ANN001 (Session)
    tables = list(m.Base.metadata.sorted_tables)
    rows = _demo_rows(tables)
    for table in reversed(tables):  # children first
        if table in rows:
            tx.execute(delete(table).where(rows[table]))


def seeded_for(store: Store) -> date | None:
    """The day the demo personas of this database were built for (None: never seeded)."""
    with store.transaction() as tx:
        return tx.scalar(select(DemoSeed.day))


def seed_demo(store: Store, today: date, subsidy: SubsidySection = SubsidySection()) -> int:
    """Creates the schema if needed and writes the personas built for `today`. Returns how many were added.

    `subsidy` is the kiosk's `[subsidy]` window, so the outcomes listed for that day are the kiosk's.
    """
    store.create_schema()
    seeded_at = datetime(today.year, 1, 1, tzinfo=CST)
    added = 0
    with store.transaction() as tx:
        mark = tx.get(DemoSeed, 1)
        if mark is None or mark.day != today:  # no mark: personas of an older kiosk, with fixed dates
            _remove_demo_personas(tx)
        existing = set(tx.scalars(select(m.Person.demo_key).where(m.Person.demo_key.is_not(None))))
        for persona in build(today, subsidy):
            if persona.key not in existing:
                _add_persona(tx, persona, seeded_at)
                added += 1
        if mark is None:
            tx.add(DemoSeed(id=1, day=today, seeded_at=datetime.now(CST)))
        elif mark.day != today:
            mark.day, mark.seeded_at = today, datetime.now(CST)
    return added


def persona_listing(today: date, subsidy: SubsidySection = SubsidySection()) -> list[dict]:
    """What `kiosk personas --json` prints: the outcomes listed for `today`."""
    from kiosk.services.idnumber import mask
    from kiosk.services.profile import CATEGORY_LABELS

    return [{
        "key": p.key, "name": p.name, "masked_id": mask(p.id_number), "category": p.category,
        "category_label": CATEGORY_LABELS[p.category] + ("（退休）" if p.retired else ""),
        "login": {"citizen_card": p.card_number, "password": p.password,
                  "methods": ["id_card_face", "citizen_card_password"]},
        "services": {sid: {"outcome": e.outcome, "reason": e.reason, **({"dates": e.dates} if e.dates else {})}
                     for sid, e in p.expected.items()},
    } for p in build(today, subsidy)]
