"""The day the demo personas in this database were built for (demo mode re-seeds on a new day)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base
from kiosk.store.types import CSTDateTime


class DemoSeed(Base):
    """One row: the seeding day of the demo personas and when they were written."""

    __tablename__ = "demo_seed"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    seeded_at: Mapped[datetime] = mapped_column(CSTDateTime)
