"""住房公积金贷款信息查询 (SERVICES.md row 9): the main borrower's latest SIP housing-fund loan."""

from __future__ import annotations


from decimal import Decimal

from kiosk.printing.document import DocTable
from kiosk.services.formatting import yuan
from kiosk.services.loan_math import schedule
from kiosk.services.outcome import Refused
from kiosk.services.profile import ServiceContext
from kiosk.services.refusal import refuse

from kiosk.services.registry import ELIGIBILITY, VIEWS
from kiosk.services.rules.housing_fund_facts import HousingFundFacts, LoanFact
from kiosk.services.views import ViewContent

# The guide: 如员工办理的是组合贷款，商贷信息请至贷款银行客户端查询。
COMBINED_NOTE = "您办理的是组合贷款，本机只显示住房公积金贷款部分；商业贷款信息请至贷款银行客户端查询。"
LENDERS = {"sip_hf": "园区住房公积金贷款", "suzhou_hf": "苏州市住房公积金贷款", "commercial": "商业贷款"}


def _loan(ctx: ServiceContext) -> LoanFact | None:
    """The latest SIP housing-fund loan the person is the main borrower of (the guide's 最近一笔)."""
    facts: HousingFundFacts = ctx.fact("housing_fund")
    return next((loan for loan in facts.loans if loan.lender == "sip_hf" and loan.main_borrower), None)


@ELIGIBILITY.register("sip_loan_main_borrower")
def sip_loan_main_borrower(ctx: ServiceContext) -> Refused | None:
    if _loan(ctx) is not None:
        return None
    facts: HousingFundFacts = ctx.fact("housing_fund")
    if any(loan.lender == "sip_hf" and not loan.main_borrower for loan in facts.loans):
        return refuse("贷款信息仅限主借款人查询", "您可以请主借款人本人登录查询")
    # The guide: 如员工办理的是组合贷款，商贷信息请至贷款银行客户端查询.
    return refuse("未查询到您作为主借款人的园区住房公积金贷款",
                  "您可以携带本人身份证到中心柜面咨询；商业贷款的信息请在贷款银行的客户端查询")



def _paid(loan: LoanFact) -> tuple[int, Decimal]:
    """(instalments repaid, principal still owed)."""
    repaid = sum((r.principal for r in loan.repayments), Decimal("0"))
    return len(loan.repayments), loan.principal - repaid


@VIEWS.register("loan_basic")
def loan_basic(ctx: ServiceContext) -> ViewContent:
    loan = _loan(ctx)
    plan = schedule(loan.principal, loan.annual_rate, loan.term_months, loan.disbursed_on)
    count, owed = _paid(loan)
    lines = (
        ("贷款编号", loan.loan_number),
        ("贷款类型", LENDERS[loan.lender] + ("（组合贷款）" if loan.combined else "")),
        ("房屋坐落", loan.house_address),
        ("贷款金额", f"{yuan(loan.principal)} 元"),
        ("年利率", f"{loan.annual_rate * 100:.2f}%"),
        ("贷款期限", f"{loan.term_months} 个月（{loan.term_months // 12} 年）"),
        ("发放日期", f"{loan.disbursed_on:%Y-%m-%d}"),
        ("还款方式", "等额本息，按月还款"),
        ("月还款额", f"{yuan(plan[0].payment)} 元"),
        ("已还期数", f"{count} / {loan.term_months} 期"),
        ("剩余本金", f"{yuan(owed)} 元"),
        ("贷款状态", "已结清" if loan.status == "settled" else "还款中"),
    )
    return ViewContent(title="住房公积金贷款基本信息", lines=lines, note=COMBINED_NOTE if loan.combined else "")


@VIEWS.register("loan_plan")
def loan_plan(ctx: ServiceContext) -> ViewContent:
    loan = _loan(ctx)
    rows = tuple((str(i.period), f"{i.due_on:%Y-%m-%d}", yuan(i.principal), yuan(i.interest), yuan(i.payment),
                  yuan(i.remaining)) for i in schedule(loan.principal, loan.annual_rate, loan.term_months,
                                                         loan.disbursed_on))
    table = DocTable(columns=("期次", "还款日", "本金", "利息", "月还款额", "剩余本金"), rows=rows)
    repaid, _ = _paid(loan)
    return ViewContent(title="住房公积金贷款还款计划",
                       lines=(("贷款编号", f"{loan.loan_number}，共 {loan.term_months} 期，已还 {repaid} 期"),),
                       table=table, note=COMBINED_NOTE if loan.combined else "",
                       start_row=min(repaid, len(rows) - 1))  # open at the next instalment due


@VIEWS.register("loan_records")
def loan_records(ctx: ServiceContext) -> ViewContent:
    loan = _loan(ctx)
    rows = tuple((str(r.period), f"{r.due_on:%Y-%m-%d}", f"{r.paid_on:%Y-%m-%d}", yuan(r.principal),
                  yuan(r.interest), f"逾期 {r.overdue_days} 天" if r.overdue_days else "按期")
                 for r in reversed(loan.repayments))  # newest first: what a resident looks for
    count, owed = _paid(loan)
    table = DocTable(columns=("期次", "应还日", "实还日", "本金", "利息", "状态"), rows=rows)
    return ViewContent(title="住房公积金贷款还款记录",
                       lines=(("贷款编号", loan.loan_number), ("已还期数", f"{count} 期"),
                              ("剩余本金", f"{yuan(owed)} 元")),
                       table=table, note=COMBINED_NOTE if loan.combined else "")


