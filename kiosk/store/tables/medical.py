"""Medical-insurance tables: the resident-medical personal account and its one-off withdrawal, and
the record of each cancelled remote-medical registration."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base
from kiosk.store.types import CSTDateTime, Money


class ResidentMedicalAccount(Base):
    """居民医保个人账户: its balance and what makes the one-off withdrawal possible."""

    __tablename__ = "resident_medical_accounts"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    balance: Mapped[Decimal] = mapped_column(Money)
    # The guide's two grounds: 已办理企业职工退休审批 / 已办理转出 (the day each was done).
    retirement_approved_on: Mapped[date | None] = mapped_column(Date)
    transferred_out_on: Mapped[date | None] = mapped_column(Date)
    # A bank card of the person's own already on the centre's file (the kiosk cannot take a card number).
    bound_card_bank: Mapped[str | None] = mapped_column(String(40))
    bound_card_number: Mapped[str | None] = mapped_column(String(32))
    withdrawn_at: Mapped[datetime | None] = mapped_column(CSTDateTime)  # set once: 一次性提取


class ResidentMedicalWithdrawal(Base):
    """居民医保一次性提取: what was paid out, how, and when it is expected to arrive."""

    __tablename__ = "resident_medical_withdrawals"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), unique=True)  # once a person
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    withdrawal_type: Mapped[str] = mapped_column(String(20))  # retirement | transfer_out
    payout_method: Mapped[str] = mapped_column(String(20))  # citizen_card | bound_card
    mobile: Mapped[str] = mapped_column(String(11))
    amount: Mapped[Decimal] = mapped_column(Money)
    expected_arrival: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(CSTDateTime)


class RemoteMedicalCancellation(Base):
    """异地就医登记撤销: which registration a business cancelled (the registration row is kept)."""

    __tablename__ = "remote_medical_cancellations"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("remote_medical_registrations.id"), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    contact_mobile: Mapped[str] = mapped_column(String(11))
    cancelled_at: Mapped[datetime] = mapped_column(CSTDateTime)
