"""补打码: a short code the resident takes away when a document could not be printed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base
from kiosk.store.types import CSTDateTime


class ReprintCode(Base):
    """Six digits stand for one business's unprinted documents until they are printed."""

    __tablename__ = "reprint_codes"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(CSTDateTime)
    used_at: Mapped[datetime | None] = mapped_column(CSTDateTime)


class ReprintEntryLock(Base):
    """Wrong 补打码 typed at one terminal's 凭补打码补打 screen and the lock they caused (outlives a restart)."""

    __tablename__ = "reprint_entry_locks"

    terminal_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(CSTDateTime)
