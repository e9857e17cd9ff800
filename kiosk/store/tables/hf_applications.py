"""Applications of the housing-fund services that the centre reviews (rows 17, 19, 20):
大市外住房公积金转入申请, 住房公积金转出至大市内 and 封存住房公积金提取.

One table for the three: they share the review life cycle (pending → approved | rejected) and
the due date; what each asked for is kept in `details` as the resident confirmed it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base
from kiosk.store.types import CSTDateTime, Money


class HfApplication(Base):
    __tablename__ = "hf_applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # transfer_in | transfer_out_local | sealed_withdrawal
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending | approved | rejected
    mobile: Mapped[str | None] = mapped_column(String(11))
    amount: Mapped[Decimal | None] = mapped_column(Money)  # the balance at submission, for a withdrawal/transfer
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    submitted_at: Mapped[datetime] = mapped_column(CSTDateTime)
    due_on: Mapped[date] = mapped_column(Date)
