"""Equal-instalment schedules: exact to the cent, ending at zero."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.services.loan_math import schedule


def test_thirty_year_loan_pays_back_exactly_the_principal() -> None:
    plan = schedule(Decimal("600000.00"), Decimal("0.0285"), 360, date(2020, 5, 31))
    assert len(plan) == 360
    assert plan[0].payment == Decimal("2481.34") and plan[0].interest == Decimal("1425.00")
    assert sum(i.principal for i in plan) == Decimal("600000.00")
    assert plan[-1].remaining == Decimal("0.00")
    assert plan[0].due_on == date(2020, 6, 30) and plan[8].due_on == date(2021, 2, 28)  # end of a short month


@given(principal=st.integers(1_000, 2_000_000), rate_bp=st.integers(0, 600), months=st.integers(1, 360))
def test_any_loan_ends_at_zero_with_every_amount_in_cents(principal: int, rate_bp: int, months: int) -> None:
    plan = schedule(Decimal(principal), Decimal(rate_bp) / 10000, months, date(2024, 1, 15))
    assert plan[-1].remaining == 0
    assert sum(i.principal for i in plan) == principal
    assert all(i.payment == i.principal + i.interest and i.interest >= 0 for i in plan)
    assert all(i.payment.as_tuple().exponent >= -2 for i in plan)


def test_nonsense_loans_are_refused() -> None:
    with pytest.raises(ValueError):
        schedule(Decimal("0"), Decimal("0.03"), 12, date(2024, 1, 1))
    with pytest.raises(ValueError):
        schedule(Decimal("1000"), Decimal("0.03"), 0, date(2024, 1, 1))
