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
    # The reader's reply failed the protocol (noise, torn frame, bad checksum or length): the line
    # or the reader is at fault, not the card. `kiosk devices check` calls such a reader 故障.
    line_fault: bool = False


class CardPresent(BaseModel):
    model_config = ConfigDict(frozen=True)
    card: IdCardData


IdCardStatus = NoReader | NoCard | CardError | CardPresent


def swapped(before: object, now: object) -> bool:
    """Whether one card replaced another between two polls with no empty poll between them.

    The ID number is compared on every successful read: a resident's session must end when the
    card it was opened with is taken away, even if another card is on the reader at the next poll.
    """
    return (isinstance(before, CardPresent) and isinstance(now, CardPresent)
            and before.card.id_number != now.card.id_number)


class IdCardReader(Protocol):
    def poll(self) -> IdCardStatus:
        """Looks for a card and reads it. Never raises: faults come back as statuses."""
        ...
