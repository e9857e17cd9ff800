"""Housing-fund (住房公积金) accounts, contributions, loans and per-house plans.

Shared by the housing-fund, loan and institution-staff services.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.models import Base
from kiosk.store.types import CSTDateTime, Money


class HfAccount(Base):
    """A person's SIP housing-fund account."""

    __tablename__ = "hf_accounts"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    account_number: Mapped[str] = mapped_column(String(20), unique=True)
    # A | B (甲类 / 乙类 of the SIP CPF scheme), institution (机关), temporary (临时缴费账户)
    hf_class: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(16), default="normal")  # normal | sealed | closed
    opened_on: Mapped[date] = mapped_column(Date)
    sealed_on: Mapped[date | None] = mapped_column(Date)
    balance: Mapped[Decimal] = mapped_column(Money)
    latest_paid_month: Mapped[str | None] = mapped_column(String(7))  # YYYY-MM
    employed_in_city: Mapped[bool] = mapped_column(default=True)  # 在本市（苏州大市）就业
    contributing_elsewhere: Mapped[bool] = mapped_column(default=False)  # 在园区外继续缴存
    hukou_local: Mapped[bool] = mapped_column(default=True)  # 苏州户籍
    hukou_address: Mapped[str | None] = mapped_column(String(120))
    # 社会保障·市民卡 苏州银行 account, and an optional bound bank card, for payouts
    citizen_card_bank_account: Mapped[str | None] = mapped_column(String(24))
    bound_bank_card: Mapped[str | None] = mapped_column(String(24))
    # Retirement: institution | si_hf; the record that proves it: approval | pension_plan | pension_paid
    retirement_kind: Mapped[str | None] = mapped_column(String(12))
    retirement_record: Mapped[str | None] = mapped_column(String(16))
    # For SI/HF retirees: the pension contribution still due, reserved out of the balance
    pension_reserve: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))


class HfContribution(Base):
    """One month's housing-fund deposit (personal + employer)."""

    __tablename__ = "hf_contributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    month: Mapped[str] = mapped_column(String(7))
    amount: Mapped[Decimal] = mapped_column(Money)
    employer: Mapped[str] = mapped_column(String(80))


class Loan(Base):
    """A housing loan the person is the main borrower (主借款人) of."""

    __tablename__ = "loans"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    loan_number: Mapped[str] = mapped_column(String(24), unique=True)
    # sip_hf (园区公积金贷款) | suzhou_hf (苏州市公积金贷款) | commercial (商业贷款)
    lender: Mapped[str] = mapped_column(String(12))
    combined: Mapped[bool] = mapped_column(default=False)  # 组合贷款: the commercial part is the bank's
    main_borrower: Mapped[bool] = mapped_column(default=True)
    house_id: Mapped[str] = mapped_column(String(24))
    house_address: Mapped[str] = mapped_column(String(120))
    subsidised_housing: Mapped[bool] = mapped_column(default=False)  # 政府保障性住房
    low_income_family: Mapped[bool] = mapped_column(default=False)  # 中低收入家庭
    principal: Mapped[Decimal] = mapped_column(Money)
    annual_rate: Mapped[Decimal] = mapped_column(Numeric(6, 4))  # e.g. 0.0285
    term_months: Mapped[int] = mapped_column(Integer)
    disbursed_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="repaying")  # repaying | settled
    settled_on: Mapped[date | None] = mapped_column(Date)


class LoanRepayment(Base):
    """One instalment actually repaid (还款记录)."""

    __tablename__ = "loan_repayments"

    id: Mapped[int] = mapped_column(primary_key=True)
    loan_id: Mapped[int] = mapped_column(ForeignKey("loans.id"), index=True)
    period: Mapped[int] = mapped_column(Integer)  # 1-based instalment number
    due_on: Mapped[date] = mapped_column(Date)
    paid_on: Mapped[date] = mapped_column(Date)
    principal: Mapped[Decimal] = mapped_column(Money)
    interest: Mapped[Decimal] = mapped_column(Money)
    overdue_days: Mapped[int] = mapped_column(Integer, default=0)


class HousePlan(Base):
    """A per-house repayment arrangement: monthly amortization from the HF account (主动摊还) or
    the twice-a-year withdrawal plan (一年两次提取), and what has been stopped for that house."""

    __tablename__ = "house_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    house_id: Mapped[str] = mapped_column(String(24), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # amortization | biannual
    loan_lender: Mapped[str] = mapped_column(String(12))  # sip_hf | suzhou_hf | commercial
    status: Mapped[str] = mapped_column(String(10), default="active")  # active | stopped
    started_on: Mapped[date] = mapped_column(Date)
    stopped_on: Mapped[date | None] = mapped_column(Date)
    stop_reason: Mapped[str | None] = mapped_column(String(40))
    # After a stop the guide bars that house from the same plan: monthly repayment applications
    # after an amortization stop, any new twice-a-year plan after a biannual stop.
    barred: Mapped[bool] = mapped_column(default=False)


class HfWithdrawal(Base):
    """Money taken out of the HF account (提取), by kind, for the per-year and one-off limits."""

    __tablename__ = "hf_withdrawals"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    serial: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(20))  # retirement | gov_biannual | sealed | gov_sealed | …
    amount: Mapped[Decimal] = mapped_column(Money)
    created_at: Mapped[datetime] = mapped_column(CSTDateTime)


class HfLocalDestination(Base):
    """Where the person now contributes inside Suzhou city (generated by the system for transfers out)."""

    __tablename__ = "hf_local_destinations"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    place: Mapped[str] = mapped_column(String(20))  # code from kiosk.services.places
    centre_name: Mapped[str] = mapped_column(String(60))
    account_number: Mapped[str] = mapped_column(String(24))
    employer: Mapped[str] = mapped_column(String(80))
