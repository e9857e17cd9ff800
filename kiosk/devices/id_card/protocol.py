"""What any ID-card reader gives the kiosk: a status you poll, with the card's data when present."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from pydantic import BaseModel, ConfigDict


class IdCardData(BaseModel):
    """The text block of the card (GA/T 490), decoded."""

    model_config = ConfigDict(frozen=True)

    name: str
    sex: str  # GB/T 2261.1 code: 1 male, 2 female
    nation: str  # GB 3304 code, "01" = 汉
    birth_date: date
    address: str
    id_number: str
    issuer: str
    valid_from: date
    valid_to: date | None  # None = 长期 (permanent)

    def expired(self, today: date) -> bool:
        return self.valid_to is not None and self.valid_to < today


class NoReader(BaseModel):
    model_config = ConfigDict(frozen=True)
    message: str = "身份证读卡器未连接，暂停身份证登录，请使用市民卡登录"


class NoCard(BaseModel):
    model_config = ConfigDict(frozen=True)


class CardError(BaseModel):
    model_config = ConfigDict(frozen=True)
    message: str = "身份证读取失败，请取出后重新放置"


class CardPresent(BaseModel):
    model_config = ConfigDict(frozen=True)
    card: IdCardData


IdCardStatus = NoReader | NoCard | CardError | CardPresent


class IdCardReader(Protocol):
    def poll(self) -> IdCardStatus:
        """Looks for a card and reads it. Never raises: faults come back as statuses."""
        ...
