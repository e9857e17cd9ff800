"""Column types that keep money exact and times in China Standard Time on every database."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator

from kiosk.clock import CST

CENT = Decimal("0.01")


class Money(TypeDecorator[Decimal]):
    """Yuan with two decimals, stored as text so SQLite never rounds through a float."""

    impl = String(24)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: object) -> str | None:
        return None if value is None else str(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))

    def process_result_value(self, value: str | None, dialect: object) -> Decimal | None:
        return None if value is None else Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


class CSTDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as ISO text in CST (SQLite has no timezone-aware type)."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime reached the store; pass an aware time from the Clock")
        return value.astimezone(CST).isoformat()

    def process_result_value(self, value: str | None, dialect: object) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value).astimezone(CST)
