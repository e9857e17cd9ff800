"""What any citizen-card reader gives the kiosk.

The card's own PIN is never used: the guide's log-in password is the centre's, checked by the
service layer (reference/device-protocols.md, "Critical for this project").
"""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, ConfigDict


class CitizenCardData(BaseModel):
    model_config = ConfigDict(frozen=True)

    card_number: str  # EF05 tag 07
    ssn: str  # EF06 tag 08, the social-security number (= ID number)
    name: str  # EF06 tag 09


class NoReader(BaseModel):
    model_config = ConfigDict(frozen=True)
    message: str = "市民卡读卡器未连接，暂停市民卡登录，请使用身份证登录"


class NoCard(BaseModel):
    model_config = ConfigDict(frozen=True)


class CardError(BaseModel):
    model_config = ConfigDict(frozen=True)
    message: str = "市民卡读取失败，请取出后重新插入"


class CardPresent(BaseModel):
    model_config = ConfigDict(frozen=True)
    card: CitizenCardData


CitizenCardStatus = NoReader | NoCard | CardError | CardPresent


class CitizenCardReader(Protocol):
    def poll(self) -> CitizenCardStatus:
        """Reads the inserted card, if any. Never raises: faults come back as statuses."""
        ...
