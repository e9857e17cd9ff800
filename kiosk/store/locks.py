"""What makes a limit hold when several kiosks share one database: a per-person lock, atomic counters.

Every writing transaction on SQLite starts with `BEGIN IMMEDIATE` (kiosk/store/database.py), so
there these are plain statements; on PostgreSQL they are the row locks that serialise.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.store.models import Base, Person

DIALECTS = {"sqlite": sqlite_insert, "postgresql": pg_insert}


def lock_person(tx: Session, person_id: int) -> None:
    """Serialises this transaction with every other one for the same person.

    Take it first, before reading what a limit counts: PostgreSQL then waits here until the
    other kiosk's transaction for this person has committed, and reads what it wrote.
    """
    tx.execute(select(Person.id).where(Person.id == person_id).with_for_update())


def insert_missing(tx: Session, model: type[Base], **values: Any) -> None:
    """`INSERT … ON CONFLICT DO NOTHING`: creates a counter row once, however many kiosks race."""
    insert = DIALECTS[tx.get_bind().dialect.name]
    tx.execute(insert(model).values(**values).on_conflict_do_nothing())
