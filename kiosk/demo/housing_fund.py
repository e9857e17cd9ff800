"""Seeds a persona's housing-fund data from `persona.data["housing_fund"]`.

The format (every key optional):
    {"account": {<HfAccount columns>},                      # account_number defaults from the card
     "contributions": {"from": "2024-01", "to": "2026-02", "amount": "2400.00", "employer": "…",
                       "gaps": ["2025-07"]},                 # months with no deposit
     "loans": [{<Loan columns>, "repaid_until": date, "overdue_periods": [3, 4]}],
     "plans": [{<HousePlan columns>}],
     "withdrawals": [{<HfWithdrawal columns>}],
     "destination": {<HfLocalDestination columns>}}
Repayment records are generated from the loan's own schedule up to `repaid_until`.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from kiosk.demo.persona import Persona
from kiosk.services.loan_math import schedule
from kiosk.store import models as m
from kiosk.store.tables.housing_fund import (HfAccount, HfContribution, HfLocalDestination, HfWithdrawal, HousePlan,
                                             Loan, LoanRepayment)

MONEY_KEYS = {"balance", "pension_reserve", "principal", "amount"}


def _money(values: dict[str, Any]) -> dict[str, Any]:
    return {k: Decimal(v) if k in MONEY_KEYS or k == "annual_rate" else v for k, v in values.items()}


def _months(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def seed(tx, person: m.Person, persona: Persona) -> None:  # noqa: ANN001 (Session)
    data = persona.data.get("housing_fund")
    if not data:
        return
    if "account" in data:
        account = {"account_number": f"HF{persona.card_number[1:]}", **_money(data["account"])}
        tx.add(HfAccount(person_id=person.id, **account))
    if "contributions" in data:
        c = data["contributions"]
        for month in _months(c["from"], c["to"]):
            if month not in c.get("gaps", ()):
                tx.add(HfContribution(person_id=person.id, month=month, amount=Decimal(c["amount"]),
                                      employer=c.get("employer", persona.employer)))
    for i, spec in enumerate(data.get("loans", ())):
        spec = dict(spec)
        repaid_until: date | None = spec.pop("repaid_until", None)
        overdue = set(spec.pop("overdue_periods", ()))
        loan = Loan(person_id=person.id, loan_number=spec.pop("loan_number", f"DK{persona.card_number[1:]}{i}"),
                    **_money(spec))
        tx.add(loan)
        tx.flush()
        for inst in schedule(loan.principal, loan.annual_rate, loan.term_months, loan.disbursed_on):
            if repaid_until is None or inst.due_on > repaid_until:
                break
            late = 12 if inst.period in overdue else 0
            tx.add(LoanRepayment(loan_id=loan.id, period=inst.period, due_on=inst.due_on,
                                 paid_on=inst.due_on + timedelta(days=late), principal=inst.principal,
                                 interest=inst.interest, overdue_days=late))
    for plan in data.get("plans", ()):
        tx.add(HousePlan(person_id=person.id, **plan))
    for withdrawal in data.get("withdrawals", ()):
        tx.add(HfWithdrawal(person_id=person.id, **_money(withdrawal)))
    if "destination" in data:
        tx.add(HfLocalDestination(person_id=person.id, **data["destination"]))
