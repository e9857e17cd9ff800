"""What the housing-fund, loan and institution rules know about a person (profile fact "housing_fund")."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.services.registry import FACTS
from kiosk.store.tables.housing_fund import (HfAccount, HfContribution, HfLocalDestination, HfWithdrawal, HousePlan,
                                             Loan, LoanRepayment)


HF_CLASS_LABELS = {"A": "甲类", "B": "乙类", "institution": "机关住房公积金", "temporary": "临时缴费账户"}
ACCOUNT_STATUS_LABELS = {"normal": "正常缴存", "sealed": "封存", "closed": "销户"}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)


class AccountFact(_Frozen):
    account_number: str
    hf_class: str
    status: str
    opened_on: date
    sealed_on: date | None
    balance: Decimal
    latest_paid_month: str | None
    employed_in_city: bool
    contributing_elsewhere: bool
    hukou_local: bool
    hukou_address: str | None
    citizen_card_bank_account: str | None
    bound_bank_card: str | None
    retirement_kind: str | None
    retirement_record: str | None
    pension_reserve: Decimal


class RepaymentFact(_Frozen):
    period: int
    due_on: date
    paid_on: date
    principal: Decimal
    interest: Decimal
    overdue_days: int


class LoanFact(_Frozen):
    id: int
    loan_number: str
    lender: str
    combined: bool
    main_borrower: bool
    house_id: str
    house_address: str
    subsidised_housing: bool
    low_income_family: bool
    principal: Decimal
    annual_rate: Decimal
    term_months: int
    disbursed_on: date
    status: str
    settled_on: date | None
    repayments: tuple[RepaymentFact, ...] = ()


class PlanFact(_Frozen):
    id: int
    house_id: str
    kind: str
    loan_lender: str
    status: str
    started_on: date
    stopped_on: date | None
    stop_reason: str | None
    barred: bool


class WithdrawalFact(_Frozen):
    serial: str
    kind: str
    amount: Decimal
    created_at: datetime


class DestinationFact(_Frozen):
    place: str
    centre_name: str
    account_number: str
    employer: str


class HousingFundFacts(_Frozen):
    account: AccountFact | None = None
    contribution_months: tuple[str, ...] = ()  # months with a deposit, ascending
    loans: tuple[LoanFact, ...] = ()  # latest disbursement first
    plans: tuple[PlanFact, ...] = ()
    withdrawals: tuple[WithdrawalFact, ...] = ()
    destination: DestinationFact | None = None

    @property
    def latest_loan(self) -> LoanFact | None:
        """The latest loan the person is the main borrower of (the guide's 最近一笔)."""
        return next((loan for loan in self.loans if loan.main_borrower), None)


@FACTS.register("housing_fund")
def load_housing_fund(tx: Session, person_id: int) -> HousingFundFacts:
    account = tx.get(HfAccount, person_id)
    months = tx.scalars(select(HfContribution.month).where(HfContribution.person_id == person_id)
                        .order_by(HfContribution.month)).all()
    loans = []
    for loan in tx.scalars(select(Loan).where(Loan.person_id == person_id).order_by(Loan.disbursed_on.desc())):
        repayments = tx.scalars(select(LoanRepayment).where(LoanRepayment.loan_id == loan.id)
                                .order_by(LoanRepayment.period)).all()
        loans.append(LoanFact.model_validate(loan).model_copy(
            update={"repayments": tuple(RepaymentFact.model_validate(r) for r in repayments)}))
    plans = tx.scalars(select(HousePlan).where(HousePlan.person_id == person_id).order_by(HousePlan.id)).all()
    withdrawals = tx.scalars(select(HfWithdrawal).where(HfWithdrawal.person_id == person_id)
                             .order_by(HfWithdrawal.id)).all()
    destination = tx.get(HfLocalDestination, person_id)
    return HousingFundFacts(
        account=AccountFact.model_validate(account) if account else None,
        contribution_months=tuple(dict.fromkeys(months)),
        loans=tuple(loans),
        plans=tuple(PlanFact.model_validate(p) for p in plans),
        withdrawals=tuple(WithdrawalFact.model_validate(w) for w in withdrawals),
        destination=DestinationFact.model_validate(destination) if destination else None,
    )
