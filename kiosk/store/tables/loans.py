"""Loan-service tables: the housing-fund centres outside Suzhou city a resident may pick, each
异地贷款资格证明 issued, and each 中低收入家庭住房公积金贷款贴息 claim.

The loans, repayments and per-house plans themselves are the shared housing-fund tables
(kiosk/store/tables/housing_fund.py).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base
from kiosk.store.types import CSTDateTime, Money


class RemoteLoanCentre(Base):
    """A housing-fund centre outside Suzhou city that lends to SIP contributors (picked by full name)."""

    __tablename__ = "remote_loan_centres"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)  # the centre's full name (全称)
    city: Mapped[str] = mapped_column(String(20))
    sort: Mapped[int] = mapped_column(Integer, default=0)


class RemoteLoanCertificate(Base):
    """异地贷款资格证明: what one certificate said. The guide allows one a person a calendar month;
    the unique (person, month) pair backs up the check made under the person's row lock."""

    __tablename__ = "remote_loan_certificates"
    __table_args__ = (UniqueConstraint("person_id", "issued_month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    centre_name: Mapped[str] = mapped_column(String(60))
    issued_on: Mapped[date] = mapped_column(Date)
    issued_month: Mapped[str] = mapped_column(String(7))  # YYYY-MM of issued_on
    valid_until: Mapped[date] = mapped_column(Date)  # last day of validity, included
    latest_paid_month: Mapped[str] = mapped_column(String(7))
    monthly_deposit: Mapped[Decimal] = mapped_column(Money)
    months_contributed: Mapped[int] = mapped_column(Integer)
    balance: Mapped[Decimal] = mapped_column(Money)
    created_at: Mapped[datetime] = mapped_column(CSTDateTime)


class InterestSubsidyClaim(Base):
    """中低收入家庭住房公积金贷款贴息: one claim for one year's repayments (one a person a year)."""

    __tablename__ = "interest_subsidy_claims"
    __table_args__ = (UniqueConstraint("person_id", "covered_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    loan_id: Mapped[int] = mapped_column(ForeignKey("loans.id"), index=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    covered_year: Mapped[int] = mapped_column(Integer)  # the year whose repayments are claimed
    period_start: Mapped[date] = mapped_column(Date)  # the loan's 3-year subsidy period
    period_end: Mapped[date] = mapped_column(Date)
    instalments: Mapped[int] = mapped_column(Integer)
    interest: Mapped[Decimal] = mapped_column(Money)  # interest repaid in covered_year, in the period
    created_at: Mapped[datetime] = mapped_column(CSTDateTime)
