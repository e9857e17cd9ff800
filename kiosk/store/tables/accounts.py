"""SMS verification codes and the 园区掌上医保 APP account."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base
from kiosk.store.types import CSTDateTime


class SmsCode(Base):
    """A 6-digit code texted to a mobile; kept hashed, expires, allows a few tries."""

    __tablename__ = "sms_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(40))
    mobile: Mapped[str] = mapped_column(String(11))
    code_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(CSTDateTime)
    expires_at: Mapped[datetime] = mapped_column(CSTDateTime)
    tries_left: Mapped[int] = mapped_column(Integer)
    verified_at: Mapped[datetime | None] = mapped_column(CSTDateTime)


class MobileMedicalAccount(Base):
    """园区掌上医保 APP: the bound mobile and the payment password for card-free payment."""

    __tablename__ = "mobile_medical_accounts"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    mobile: Mapped[str] = mapped_column(String(11))
    payment_password_hash: Mapped[str] = mapped_column(String(200))
    serial: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(CSTDateTime)
