"""Demo personas for 住房公积金贷款信息查询: a main borrower, a combined loan, a co-borrower."""

from __future__ import annotations

from datetime import date

from kiosk.demo.builder import Days
from kiosk.demo.persona import Expectation, Persona

_NO_LOAN = Expectation("refused", "没有作为主借款人的园区住房公积金贷款")


def _loan(d: Days, **extra: object) -> dict:
    """An SIP loan (30 years from 2020 unless `extra` says otherwise), repaid up to the last instalment due."""
    return {"lender": "sip_hf", "house_id": "H-XH-0801", "house_address": "苏州工业园区星湖街 328 号 8 幢 801 室",
            "principal": "600000.00", "annual_rate": "0.0285", "term_months": 360,
            "disbursed_on": date(2020, 5, 31), "repaid_until": d.ago(1), **extra}


def personas(d: Days) -> tuple[Persona, ...]:
    return (
        Persona(
            key="loan_borrower", name="孙立伟", sex="1", birth=date(1984, 9, 9), sequence=171,
            category="enterprise", card_number="M00000701", password="602817", mobile="13912345701",
            insurances=(("housing_fund", "normal", date(2010, 7, 1)),),
            data={"housing_fund": {
                "account": {"hf_class": "A", "status": "normal", "opened_on": date(2010, 7, 1), "balance": "35210.00",
                            "latest_paid_month": d.month(-1)},
                "contributions": {"from": d.month(-26), "to": d.month(-1), "amount": "2600.00"},
                "loans": [_loan(d, overdue_periods=[30])],
            }},
            expected={"hf_loan_query": Expectation("completed", "主借款人，30 年园区公积金贷款，基本信息、还款计划（360 期分页）和还款记录")},
        ),
        Persona(
            key="combined_borrower", name="钱晓燕", sex="2", birth=date(1988, 3, 21), sequence=172,
            category="enterprise", card_number="M00000702", password="418093", mobile="13912345702",
            insurances=(("housing_fund", "normal", date(2013, 3, 1)),),
            data={"housing_fund": {
                "account": {"hf_class": "B", "status": "normal", "opened_on": date(2013, 3, 1), "balance": "18800.00",
                            "latest_paid_month": d.month(-1)},
                "loans": [_loan(d, loan_number="DK-COMB-0172", combined=True, principal="400000.00", term_months=240,
                                disbursed_on=date(2022, 10, 15), house_id="H-JJ-1203",
                                house_address="苏州工业园区金鸡湖大道 99 号 12 幢 1203 室")],
            }},
            expected={"hf_loan_query": Expectation("completed", "组合贷款：显示公积金部分并提示商贷信息请至银行查询")},
        ),
        Persona(
            key="co_borrower", name="周敏", sex="2", birth=date(1986, 1, 2), sequence=174,
            category="enterprise", card_number="M00000703", password="593701", mobile="13912345703",
            insurances=(("housing_fund", "normal", date(2011, 5, 1)),),
            data={"housing_fund": {"loans": [_loan(d, loan_number="DK-CO-0173", main_borrower=False)]}},
            expected={"hf_loan_query": Expectation("refused", "共同借款人，不是主借款人")},
        ),
    )


def expected(d: Days) -> dict[str, dict[str, Expectation]]:
    return {
        key: {"hf_loan_query": _NO_LOAN} for key in (
            "flex_normal", "flex_suspended", "enterprise_employee", "institution_staff", "retiree_resettled",
            "remote_registered", "no_sip_record")
    }
