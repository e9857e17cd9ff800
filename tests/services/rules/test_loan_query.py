"""Loan query rules: who may look, what each view holds."""

from __future__ import annotations

from decimal import Decimal

from kiosk.services.outcome import Refused
from kiosk.services.profile import ServiceContext
from kiosk.services.rules.loan_query import loan_basic, loan_plan, loan_records


def test_only_the_main_borrower_of_an_sip_loan(kiosk) -> None:  # noqa: ANN001
    assert isinstance(kiosk.open("hf_loan_query", "loan_borrower"), ServiceContext)
    assert "仅限主借款人" in kiosk.open("hf_loan_query", "co_borrower").reason
    refused = kiosk.open("hf_loan_query", "enterprise_employee")
    assert isinstance(refused, Refused) and "未查询到" in refused.reason


def test_views_of_a_thirty_year_loan(kiosk) -> None:  # noqa: ANN001
    ctx = kiosk.open("hf_loan_query", "loan_borrower")
    basic = dict(loan_basic(ctx).lines)
    assert basic["月还款额"] == "2,481.34 元" and basic["已还期数"] == "69 / 360 期"
    plan = loan_plan(ctx)
    assert len(plan.table.rows) == 360 and plan.start_row == 69 and plan.table.rows[69][0] == "70"
    assert sum(Decimal(r[2].replace(",", "")) for r in plan.table.rows) == Decimal("600000.00")
    records = loan_records(ctx)
    assert len(records.table.rows) == 69 and records.table.rows[0][0] == "69"
    assert plan.note == "" and basic["贷款类型"] == "园区住房公积金贷款"


def test_combined_loan_carries_the_guides_note(kiosk) -> None:  # noqa: ANN001
    ctx = kiosk.open("hf_loan_query", "combined_borrower")
    assert "商业贷款信息请至贷款银行客户端查询" in loan_basic(ctx).note
    assert loan_basic(ctx).document(ctx, "YW1").footer == (loan_basic(ctx).note,)
