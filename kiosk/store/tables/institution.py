"""机关事业单位 (institution-staff) tables: the account-change SMS subscription, the applications of the
five institution transfer and withdrawal services, and where a sealed account's holder now
contributes outside Suzhou city.

The housing-fund account, loans, plans and withdrawals themselves are the shared model
(kiosk/store/tables/housing_fund.py).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base
from kiosk.store.types import CSTDateTime, Money


class GovSmsAlert(Base):
    """机关参保人员短信动账提醒: the mobile that receives the account-change texts (one a person)."""

    __tablename__ = "gov_sms_alerts"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    mobile: Mapped[str] = mapped_column(String(11))
    serial: Mapped[str | None] = mapped_column(String(32))  # the business that last opened or changed it
    opened_at: Mapped[datetime] = mapped_column(CSTDateTime)
    updated_at: Mapped[datetime] = mapped_column(CSTDateTime)


class GovMedicalTransferOut(Base):
    """机关医疗保险转出: the printed 《基本医疗保障参保（合）凭证》 and the three stages' latest dates."""

    __tablename__ = "gov_medical_transfers_out"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="in_progress")  # in_progress | completed
    submitted_at: Mapped[datetime] = mapped_column(CSTDateTime)
    letter_due: Mapped[date] = mapped_column(Date)  # the new place's contact letter (15 working days)
    funds_due: Mapped[date] = mapped_column(Date)  # SIP's information form and funds (15 more)
    booked_due: Mapped[date] = mapped_column(Date)  # the new place books the account (15 more): 办结


class GovHfTransferIn(Base):
    """机关住房公积金转入（大市外）: the resident's details of the old account, and the stages."""

    __tablename__ = "gov_hf_transfers_in"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending | completed | rejected
    from_centre: Mapped[str] = mapped_column(String(60))
    old_account: Mapped[str] = mapped_column(String(24))
    old_employer: Mapped[str] = mapped_column(String(80))
    mobile: Mapped[str] = mapped_column(String(11))
    submitted_at: Mapped[datetime] = mapped_column(CSTDateTime)
    letter_due: Mapped[date] = mapped_column(Date)  # contact letter on the national platform (3)
    transfer_due: Mapped[date] = mapped_column(Date)  # the other centre transfers (5 more)
    due_on: Mapped[date] = mapped_column(Date)  # SIP books the money (3 more): 11 working days


class GovHfTransferOut(Base):
    """机关住房公积金转出（至大市内）: the destination as generated for the resident, and the balance."""

    __tablename__ = "gov_hf_transfers_out"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending | completed | rejected
    place: Mapped[str] = mapped_column(String(20))
    centre_name: Mapped[str] = mapped_column(String(60))
    account_number: Mapped[str] = mapped_column(String(24))
    employer: Mapped[str] = mapped_column(String(80))
    amount: Mapped[Decimal] = mapped_column(Money)  # the balance at submission
    submitted_at: Mapped[datetime] = mapped_column(CSTDateTime)
    due_on: Mapped[date] = mapped_column(Date)


class GovSealedWithdrawal(Base):
    """机关住房公积金封存提取（出市区工作提取）: the account-closing withdrawal applied for."""

    __tablename__ = "gov_sealed_withdrawals"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending | completed | rejected
    bank_account: Mapped[str] = mapped_column(String(24))  # the citizen card's Bank of Suzhou account
    amount: Mapped[Decimal] = mapped_column(Money)  # the balance at submission
    submitted_at: Mapped[datetime] = mapped_column(CSTDateTime)
    due_on: Mapped[date] = mapped_column(Date)


class GovHfElsewhere(Base):
    """Where a sealed account's holder contributes to housing fund outside Suzhou city (异地缴存), and
    since when: the guide's 异地…稳定缴存半年以上 needs the start, which the shared flag
    `HfAccount.contributing_elsewhere` does not keep."""

    __tablename__ = "gov_hf_elsewhere"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    centre_name: Mapped[str] = mapped_column(String(60))
    since: Mapped[date] = mapped_column(Date)
