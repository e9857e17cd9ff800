"""Equal-instalment (等额本息) repayment schedules, in exact Decimal yuan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Instalment:
    period: int
    due_on: date
    payment: Decimal
    principal: Decimal
    interest: Decimal
    remaining: Decimal


def _add_months(d: date, months: int) -> date:
    year, month = divmod(d.month - 1 + months, 12)
    year, month = d.year + year, month + 1
    # The due day is the disbursement day, or the month's last day when the month is shorter.
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)


def schedule(principal: Decimal, annual_rate: Decimal, term_months: int, disbursed_on: date) -> list[Instalment]:
    """The whole plan: each month's payment, its principal and interest, and what remains.

    Interest is the remaining principal × monthly rate, rounded half-up to the cent; the last
    instalment takes whatever principal is left, so the plan ends at exactly 0.00.
    """
    if term_months < 1 or principal <= 0:
        raise ValueError("a loan needs a positive principal and at least one month")
    monthly = annual_rate / 12
    if monthly == 0:
        payment = (principal / term_months).quantize(CENT, ROUND_HALF_UP)
    else:
        factor = (1 + monthly) ** term_months
        payment = (principal * monthly * factor / (factor - 1)).quantize(CENT, ROUND_HALF_UP)
    remaining = principal
    out: list[Instalment] = []
    for period in range(1, term_months + 1):
        interest = (remaining * monthly).quantize(CENT, ROUND_HALF_UP)
        part = remaining if period == term_months else min(payment - interest, remaining)
        remaining -= part
        out.append(Instalment(period, _add_months(disbursed_on, period), part + interest, part, interest, remaining))
    return out
