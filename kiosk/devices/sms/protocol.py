"""What any SMS gateway does: take one message, say whether it went."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, ConfigDict


class SmsSent(BaseModel):
    model_config = ConfigDict(frozen=True)
    gateway_id: str


class SmsFailed(BaseModel):
    model_config = ConfigDict(frozen=True)
    message: str
    retryable: bool = True


SmsResult = SmsSent | SmsFailed


class SmsGateway(Protocol):
    def send(self, mobile: str, text: str) -> SmsResult:
        ...

    def probe(self) -> tuple[bool, str]:
        """Whether the gateway can take messages, in Chinese for staff; sends nothing."""
        ...
