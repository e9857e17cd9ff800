"""Loan services (SERVICES.md rows 10–13): 异地贷款资格证明开具, 商贷主动摊还计划终止,
商贷还贷一年两次提取计划终止, 中低收入家庭住房公积金贷款贴息.

What the person has (account, contributions, loans, repayments, per-house plans) is the shared
profile fact "housing_fund"; what these services issued (certificates, subsidy claims) and the
list of centres outside Suzhou city are the fact "loans" below.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.printing.document import DocLine, DocSection, DocTable, Document
from kiosk.services.formatting import add_months, mask_account, money, ymd
from kiosk.services.loan_math import schedule
from kiosk.services.outcome import Decision, Refused
from kiosk.services.profile import ServiceContext
from kiosk.services.refusal import at_counter, come_back, no_need, refuse, start_again
from kiosk.services.registry import DETAILS, ELIGIBILITY, FACTS, FIELD_RULES, OPTIONS, PREFILL, PREVIEW, SUBMIT
from kiosk.services.rules.common import month_label, person_basic, voucher
from kiosk.services.rules.housing_fund_facts import ACCOUNT_STATUS_LABELS, HF_CLASS_LABELS, HousingFundFacts, LoanFact, PlanFact, RepaymentFact
from kiosk.services.rules.loan_query import LENDERS
from kiosk.services.spec import Option
from kiosk.store import models as m
from kiosk.store.tables.housing_fund import HfAccount, HfContribution, HousePlan
from kiosk.store.tables.loans import InterestSubsidyClaim, RemoteLoanCentre, RemoteLoanCertificate

# The guide (异地贷款资格证明开具, 适用对象 2): 缴纳住房公积金的甲乙类、机关住房公积金参保人员.
CERTIFICATE_CLASSES = ("A", "B", "institution")
CERTIFICATE_TITLE = "异地贷款职工住房公积金缴存使用证明"
CERTIFICATE_VALID_MONTHS = 2  # the guide: 该证明有效期 2 个月
OTHER_CENTRE = "other"
# 苏州大市 (SERVICES.md): a centre here is no "异地" centre; the certificate is for buying outside it.
SUZHOU_CITY_NAMES = ("苏州", "姑苏", "吴中", "相城", "吴江", "昆山", "太仓", "常熟", "张家港")
SUBSIDY_TITLE = "中低收入家庭住房公积金贷款贴息申请表"
SUBSIDY_YEARS = 3  # the guide: 贷款还贷贴息期限为自公积金贷款发放之日起的三年内


def _md_label(month_day: str) -> str:
    """'06-30' → '6 月 30 日'."""
    month, day = month_day.split("-")
    return f"{int(month)} 月 {int(day)} 日"


def certificate_valid_until(issued_on: date) -> date:
    """Last day (included) of a certificate issued on `issued_on`: 有效期 2 个月 under art. 202.

    2026-03-17 → 2026-05-17; 2026-12-31 → 2027-02-28 (February has no 31st: its last day).
    """
    return add_months(issued_on, CERTIFICATE_VALID_MONTHS)


def subsidy_period(disbursed_on: date) -> tuple[date, date]:
    """The 3 years from disbursement, both ends included: 2024-05-20 → (2024-05-20, 2027-05-19).

    A loan disbursed on 29 February runs to 27 February three years on (28 February is the
    anniversary, not part of the period).
    """
    return disbursed_on, add_months(disbursed_on, 12 * SUBSIDY_YEARS) - timedelta(days=1)


def _next_month_first(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


# --- facts ------------------------------------------------------------------------------------


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)


class CentreFact(_Frozen):
    code: str
    name: str


class CertificateFact(_Frozen):
    serial: str
    centre_name: str
    issued_on: date
    valid_until: date


class SubsidyClaimFact(_Frozen):
    serial: str
    loan_id: int
    covered_year: int
    interest: Decimal
    created_at: datetime


class LoanServiceFacts(_Frozen):
    centres: tuple[CentreFact, ...] = ()
    certificates: tuple[CertificateFact, ...] = ()  # newest first
    subsidy_claims: tuple[SubsidyClaimFact, ...] = ()
    # The deposit of the account's latest paid month and the months paid up to it (the certificate).
    monthly_deposit: Decimal | None = None
    months_contributed: int = 0
    employer: str | None = None


@FACTS.register("loans")
def load_loan_facts(tx: Session, person_id: int) -> LoanServiceFacts:
    centres = tx.scalars(select(RemoteLoanCentre).order_by(RemoteLoanCentre.sort, RemoteLoanCentre.code)).all()
    certificates = tx.scalars(select(RemoteLoanCertificate).where(RemoteLoanCertificate.person_id == person_id)
                              .order_by(RemoteLoanCertificate.issued_on.desc(), RemoteLoanCertificate.id.desc()))
    claims = tx.scalars(select(InterestSubsidyClaim).where(InterestSubsidyClaim.person_id == person_id)
                        .order_by(InterestSubsidyClaim.covered_year))
    deposit = months = employer = None
    account = tx.get(HfAccount, person_id)
    if account is not None and account.latest_paid_month:
        paid = select(HfContribution).where(HfContribution.person_id == person_id,
                                            HfContribution.month <= account.latest_paid_month)
        rows = tx.scalars(paid.order_by(HfContribution.month.desc(), HfContribution.id)).all()
        if rows:
            latest = [r for r in rows if r.month == rows[0].month]
            deposit = sum((r.amount for r in latest), Decimal("0.00"))
            employer = latest[0].employer
            months = tx.scalar(select(func.count(func.distinct(HfContribution.month))).where(
                HfContribution.person_id == person_id, HfContribution.month <= account.latest_paid_month))
    return LoanServiceFacts(
        centres=tuple(CentreFact.model_validate(c) for c in centres),
        certificates=tuple(CertificateFact.model_validate(c) for c in certificates),
        subsidy_claims=tuple(SubsidyClaimFact.model_validate(c) for c in claims),
        monthly_deposit=deposit, months_contributed=months or 0, employer=employer,
    )


def _hf(ctx: ServiceContext) -> HousingFundFacts:
    return ctx.fact("housing_fund")


def _mine(ctx: ServiceContext) -> LoanServiceFacts:
    return ctx.fact("loans")


# --- 异地贷款资格证明开具 (SERVICES.md row 10) --------------------------------------------------


def _issued_this_month(ctx: ServiceContext) -> CertificateFact | None:
    return next((c for c in _mine(ctx).certificates
                 if (c.issued_on.year, c.issued_on.month) == (ctx.today.year, ctx.today.month)), None)


def once_a_month(issued: CertificateFact, today: date) -> Refused:
    """The guide: 同一参保人在一个自然月内只允许开具一次 — and the certificate already issued still serves."""
    return come_back(f"同一参保人在一个自然月内只能开具一次异地贷款资格证明。您已于 {ymd(issued.issued_on)} 开具"
                     f"（出具给{issued.centre_name}，有效期至 {ymd(issued.valid_until)}），请使用该证明",
                     _next_month_first(today), then="（本月已开具的证明在有效期内可以继续使用）")


@ELIGIBILITY.register("remote_loan_certificate")
def may_issue_certificate(ctx: ServiceContext) -> Refused | None:
    """The guide: 系统自动审核参保人员是否符合开具条件 — 甲乙类、机关住房公积金 contributors paying now."""
    account = _hf(ctx).account
    if account is None:
        return at_counter("未查询到您在园区缴存住房公积金的账户，不能开具异地贷款资格证明", ask=True)
    if account.hf_class not in CERTIFICATE_CLASSES:
        label = HF_CLASS_LABELS.get(account.hf_class, account.hf_class)
        return at_counter(f"异地贷款资格证明仅限缴存园区住房公积金的甲乙类职工和机关住房公积金缴存职工开具，"
                          f"您的住房公积金账户为{label}，不能开具", ask=True)
    if account.status != "normal":
        label = ACCOUNT_STATUS_LABELS.get(account.status, account.status)
        since = f"（{ymd(account.sealed_on)} 起）" if account.sealed_on else ""
        return refuse(f"您的住房公积金账户当前为{label}状态{since}，不是正常缴存，不能开具异地贷款资格证明",
                      "您可以与单位确认恢复缴存后再来开具，或携带本人身份证到中心柜面咨询")
    if not account.latest_paid_month or _mine(ctx).monthly_deposit is None:
        return refuse("未查询到您的住房公积金缴存记录，不能开具异地贷款资格证明",
                      "您可以先与缴费单位确认缴存情况，再来开具")
    issued = _issued_this_month(ctx)
    return once_a_month(issued, ctx.today) if issued else None


def _certificate_lines(ctx: ServiceContext) -> list[tuple[str, str]]:
    account, mine = _hf(ctx).account, _mine(ctx)
    if account is None or account.latest_paid_month is None or mine.monthly_deposit is None:
        return []
    return [
        ("公积金账号", mask_account(account.account_number)),
        ("账户类别", HF_CLASS_LABELS.get(account.hf_class, account.hf_class)),
        ("账户状态", ACCOUNT_STATUS_LABELS.get(account.status, account.status)),
        ("缴存单位", mine.employer or "—"),
        ("缴存至", month_label(account.latest_paid_month)),
        ("月缴存额", money(mine.monthly_deposit)),
        ("累计缴存", f"{mine.months_contributed} 个月"),
        ("账户余额", money(account.balance)),
    ]


@DETAILS.register("remote_loan_contributions")
def certificate_details(ctx: ServiceContext) -> list[tuple[str, str]]:
    """What the certificate will say (the guide: 以确保资格证明信息反映账户最新缴存记录)."""
    return person_basic(ctx)[:2] + _certificate_lines(ctx)


@OPTIONS.register("remote_loan_centres")
def remote_loan_centres(ctx: ServiceContext, answers: dict) -> list[Option]:
    """The centres on file, then typing the full name (the guide: 确认…全称，并准确填写)."""
    return [Option(value=c.code, label=c.name) for c in _mine(ctx).centres] + [
        Option(value=OTHER_CENTRE, label="其他（手工输入）")]


@FIELD_RULES.register("remote_centre_full_name")
def remote_centre_full_name(value: str, ctx: ServiceContext) -> str | None:
    """A typed centre must be a full name outside Suzhou city (the guide's 注意事项 1 and 4)."""
    if any(place in value for place in SUZHOU_CITY_NAMES):
        return ("本证明用于在苏州大市以外购房、向当地公积金中心申请异地贷款；"
                "苏州大市范围内的住房公积金中心无需开具本证明")
    if "公积金" not in value or not value.endswith("中心") or len(value) < 8:
        return "请填写贷款地住房公积金管理中心的全称，例如：常州市住房公积金管理中心"
    return None


def centre_name(ctx: ServiceContext, answers: dict) -> str | None:
    """The full name of the centre the resident chose or typed (None if the choice is gone)."""
    if answers.get("centre") == OTHER_CENTRE:
        return (answers.get("centre_name") or "").strip() or None
    return next((c.name for c in _mine(ctx).centres if c.code == answers.get("centre")), None)


@PREVIEW.register("remote_loan_certificate")
def certificate_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    account = _hf(ctx).account
    again = _next_month_first(ctx.today)
    return [
        ("证明名称", CERTIFICATE_TITLE, False),
        ("出具给", centre_name(ctx, answers) or "—", True),
        ("反映缴存至", month_label(account.latest_paid_month) if account and account.latest_paid_month else "—",
         True),
        ("有效期", f"{ymd(ctx.today)} 至 {ymd(certificate_valid_until(ctx.today))}（2 个月）", True),
        ("开具次数", f"本月只能开具一次，下次最早 {again.year} 年 {again.month} 月 {again.day} 日可再开具", False),
    ]


def _hf_loans_unsettled(facts: HousingFundFacts) -> str:
    unsettled = [loan for loan in facts.loans if loan.lender != "commercial" and loan.status != "settled"]
    if not unsettled:
        return "无未结清的住房公积金贷款"
    return "；".join(f"{LENDERS.get(loan.lender, loan.lender)}（{ymd(loan.disbursed_on)} 发放，尚未结清）"
                    for loan in unsettled)


@SUBMIT.register("remote_loan_certificate")
def submit_certificate(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Issues the certificate: at most one a person a calendar month, checked under the person's lock."""
    tx.get(m.Person, ctx.person.id, with_for_update=True)  # two kiosks at once: the second waits here
    month = f"{ctx.today:%Y-%m}"
    issued = tx.scalars(select(RemoteLoanCertificate).where(RemoteLoanCertificate.person_id == ctx.person.id,
                                                            RemoteLoanCertificate.issued_month == month)).first()
    if issued is not None:
        return once_a_month(CertificateFact.model_validate(issued), ctx.today)
    name = centre_name(ctx, answers)
    if name is None:
        return start_again("所选的公积金管理中心已不在列表中，请重新选择或手工输入中心全称")
    account, mine = _hf(ctx).account, _mine(ctx)
    valid_until = certificate_valid_until(ctx.today)
    tx.add(RemoteLoanCertificate(
        person_id=ctx.person.id, serial=serial, centre_name=name, issued_on=ctx.today, issued_month=month,
        valid_until=valid_until, latest_paid_month=account.latest_paid_month, monthly_deposit=mine.monthly_deposit,
        months_contributed=mine.months_contributed, balance=account.balance, created_at=ctx.now))
    validity = f"{ymd(ctx.today)} 至 {ymd(valid_until)}"
    report = Document(
        kind="report", title=CERTIFICATE_TITLE, serial=serial, issued_at=ctx.now, holder_name=ctx.person.name,
        # Addressed to the lending centre, which matches the person by the full number.
        holder_id_masked=ctx.person.masked_id, holder_id_full=ctx.person.id_number,
        sections=(
            DocSection(lines=(
                DocLine(value=f"{name}："),
                DocLine(value=f"兹证明 {ctx.person.name}（证件号码 {ctx.person.id_number}）在苏州工业园区缴存住房公积金，"
                              f"截至 {month_label(account.latest_paid_month)}的缴存情况如下：")),),
            DocSection(heading="缴存情况", lines=tuple(DocLine(label=k, value=v) for k, v in _certificate_lines(ctx))),
            DocSection(heading="使用情况", lines=(DocLine(label="住房公积金贷款", value=_hf_loans_unsettled(_hf(ctx))),)),
            DocSection(heading="有效期", lines=(
                DocLine(value=f"本证明自开具之日起 2 个月内有效：{validity}。", bold=True),
                DocLine(value="同一职工在一个自然月内只能开具一次。"))),
        ),
        footer=("本证明由苏州工业园区 24 小时自助服务终端出具，凭业务流水号或二维码可核验。",
                "请先与当地公积金中心确认受理异地贷款，并在正式申请贷款前使用。"),
    )
    return Decision(
        headline=f"异地贷款资格证明已开具，有效期至 {ymd(valid_until)}，请在下方出纸口取走证明",
        effective=ymd(ctx.today),
        lines=(("出具给", name), ("缴存至", month_label(account.latest_paid_month)), ("有效期", validity)),
        documents=(report,),
        audit=f"remote loan certificate for {name}, valid until {ymd(valid_until)}",
    )


# --- 商贷主动摊还计划终止 / 商贷还贷一年两次提取计划终止 (SERVICES.md rows 11 and 12) ----------------


@dataclass(frozen=True)
class PlanStop:
    """What differs between the two plan stops; the guide describes them in the same words."""

    kind: str  # HousePlan.kind
    title: str  # the service
    plan_name: str
    not_online: str  # the guide's 注意事项 1, word for word
    barred: str  # the guide's 注意事项 2: what the house can no longer have


AMORTIZATION = PlanStop(
    kind="amortization", title="商贷主动摊还计划终止", plan_name="商业贷款主动摊还计划",
    not_online="住房公积金贷款主动摊还计划不允许线上终止",
    barred="不得再以该套房办理每月还贷申请")
BIANNUAL = PlanStop(
    kind="biannual", title="商贷还贷一年两次提取计划终止", plan_name="商业贷款还贷一年两次提取计划",
    not_online="苏州大市内的住房公积金贷款还贷一年两次提取不允许线上终止",
    barred="不得再以该套房重新申请还贷一年两次提取")
STOP_REASONS = {"settled": "贷款已结清", "personal": "个人原因"}  # the guide: 因贷款结清或个人原因


def _house(facts: HousingFundFacts, house_id: str) -> str:
    address = next((loan.house_address for loan in facts.loans if loan.house_id == house_id), None)
    return address or f"房屋编号 {house_id}"


def _plans(ctx: ServiceContext, stop: PlanStop) -> list[PlanFact]:
    return [p for p in _hf(ctx).plans if p.kind == stop.kind]


def _stoppable(ctx: ServiceContext, stop: PlanStop) -> list[PlanFact]:
    """Active plans of a commercial loan: the only ones the kiosk may stop."""
    return [p for p in _plans(ctx, stop) if p.status == "active" and p.loan_lender == "commercial"]


def _plan_label(ctx: ServiceContext, plan: PlanFact) -> str:
    return (f"{_house(_hf(ctx), plan.house_id)}（{LENDERS.get(plan.loan_lender, plan.loan_lender)}，"
            f"{ymd(plan.started_on)} 起）")


def _may_stop(ctx: ServiceContext, stop: PlanStop) -> Refused | None:
    if _stoppable(ctx, stop):
        return None
    plans = _plans(ctx, stop)
    if any(p.status == "active" for p in plans):  # only housing-fund-loan plans are running
        return at_counter(stop.not_online)
    stopped = [p for p in plans if p.status == "stopped" and p.loan_lender == "commercial"]
    if stopped:
        last = stopped[-1]
        on = f"已于 {ymd(last.stopped_on)} 终止" if last.stopped_on else "已终止"
        return no_need(f"您的{stop.plan_name}{on}，无需重复办理（终止后{stop.barred}）")
    return no_need(f"未查询到您正在执行的{stop.plan_name}，无需办理终止")


def _plan_options(ctx: ServiceContext, stop: PlanStop) -> list[Option]:
    return [Option(value=str(p.id), label=_plan_label(ctx, p)) for p in _plans(ctx, stop) if p.status == "active"]


def _plan_options_disabled(ctx: ServiceContext, stop: PlanStop) -> dict[str, str]:
    return {str(p.id): f"{stop.not_online}，请至中心柜面办理" for p in _plans(ctx, stop)
            if p.status == "active" and p.loan_lender != "commercial"}


def _only_plan(ctx: ServiceContext, stop: PlanStop) -> str | None:
    stoppable = _stoppable(ctx, stop)
    return str(stoppable[0].id) if len(stoppable) == 1 else None


def _stop_preview(ctx: ServiceContext, answers: dict, stop: PlanStop) -> list[tuple[str, str, bool]]:
    return [("终止后", f"{stop.barred}，终止后不能恢复", True)]


def _submit_stop(tx: Session, ctx: ServiceContext, answers: dict, serial: str, stop: PlanStop) -> Decision | Refused:
    """Stops the chosen commercial-loan plan today and bars the house from that plan for good."""
    plan = tx.get(HousePlan, int(answers["plan"]), with_for_update=True)
    if plan is None or plan.person_id != ctx.person.id or plan.kind != stop.kind:
        return start_again("未查询到所选的计划")
    if plan.loan_lender != "commercial":
        return at_counter(stop.not_online)
    if plan.status != "active":
        return no_need(f"该{stop.plan_name}已终止，无需重复办理")
    reason = STOP_REASONS[answers["reason"]]
    plan.status, plan.stopped_on, plan.stop_reason, plan.barred = "stopped", ctx.today, reason, True
    house = _house(_hf(ctx), plan.house_id)
    lines = [
        ("终止计划", stop.plan_name),
        ("房屋", house),
        ("计划起始日期", ymd(plan.started_on)),
        ("终止原因", reason),
        ("终止日期", ymd(ctx.today)),
        ("该套房屋", f"已终止，{stop.barred}"),
    ]
    return Decision(
        headline=f"{stop.plan_name}已终止，请取走业务办结凭证",
        effective=ymd(ctx.today), lines=tuple(lines),
        documents=(voucher(ctx, serial, stop.title, lines, footer=(f"办理终止后，{stop.barred}。",)),),
        audit=f"{stop.kind} plan {plan.id} of house {plan.house_id} stopped ({answers['reason']}); house barred",
    )


@ELIGIBILITY.register("commercial_amortization_stop")
def may_stop_amortization(ctx: ServiceContext) -> Refused | None:
    """适用对象：因贷款结清或个人原因需终止住房商业贷款主动摊还计划的参保员工."""
    return _may_stop(ctx, AMORTIZATION)


@OPTIONS.register("amortization_plans")
def amortization_plans(ctx: ServiceContext, answers: dict) -> list[Option]:
    return _plan_options(ctx, AMORTIZATION)


@OPTIONS.register("amortization_plans:disabled")
def amortization_plans_disabled(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    return _plan_options_disabled(ctx, AMORTIZATION)


@PREFILL.register("only_amortization_plan")
def only_amortization_plan(ctx: ServiceContext) -> str | None:
    return _only_plan(ctx, AMORTIZATION)


@PREVIEW.register("commercial_amortization_stop")
def amortization_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    return _stop_preview(ctx, answers, AMORTIZATION)


@SUBMIT.register("commercial_amortization_stop")
def submit_amortization_stop(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    return _submit_stop(tx, ctx, answers, serial, AMORTIZATION)


@ELIGIBILITY.register("commercial_biannual_stop")
def may_stop_biannual(ctx: ServiceContext) -> Refused | None:
    """适用对象：因贷款结清或个人原因需终止住房商业贷款还贷一年两次提取计划的参保员工."""
    return _may_stop(ctx, BIANNUAL)


@OPTIONS.register("biannual_plans")
def biannual_plans(ctx: ServiceContext, answers: dict) -> list[Option]:
    return _plan_options(ctx, BIANNUAL)


@OPTIONS.register("biannual_plans:disabled")
def biannual_plans_disabled(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    return _plan_options_disabled(ctx, BIANNUAL)


@PREFILL.register("only_biannual_plan")
def only_biannual_plan(ctx: ServiceContext) -> str | None:
    return _only_plan(ctx, BIANNUAL)


@PREVIEW.register("commercial_biannual_stop")
def biannual_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    return _stop_preview(ctx, answers, BIANNUAL)


@SUBMIT.register("commercial_biannual_stop")
def submit_biannual_stop(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    return _submit_stop(tx, ctx, answers, serial, BIANNUAL)


# --- 中低收入家庭住房公积金贷款贴息 (SERVICES.md row 13) ----------------------------------------


@dataclass(frozen=True)
class SubsidyYear:
    """A claim that may be made: the loan, the year claimed and its repayments within the period."""

    loan: LoanFact
    covered_year: int
    period: tuple[date, date]
    repayments: tuple[RepaymentFact, ...]

    @property
    def interest(self) -> Decimal:
        return sum((r.interest for r in self.repayments), Decimal("0.00"))

    @property
    def period_text(self) -> str:
        return f"{ymd(self.period[0])} 至 {ymd(self.period[1])}"


def _qualifying_loans(facts: HousingFundFacts) -> list[LoanFact]:
    """适用对象：中低收入家庭购买政府保障性住房并办理园区住房公积金贷款的 (the main borrower claims)."""
    return [loan for loan in facts.loans if loan.lender == "sip_hf" and loan.main_borrower
            and loan.subsidised_housing and loan.low_income_family]


def _window_day(year: int, month_day: str) -> date:
    """'MM-DD' in `year`; a 02-29 start in a common year opens on 1 March."""
    month, day = map(int, month_day.split("-"))
    return date(year, 3, 1) if (month, day) == (2, 29) and not calendar.isleap(year) else date(year, month, day)


def window_reason(ctx: ServiceContext) -> Refused | None:

    """The guide: 贴息申请每年上半年受理…请在通知规定时间内提交申请，逾期视为自动放弃."""
    window = ctx.config.subsidy
    today, year = f"{ctx.today:%m-%d}", ctx.today.year
    span = f"每年 {_md_label(window.window_start)}至 {_md_label(window.window_end)}"
    if today < window.window_start:
        return come_back(f"中低收入家庭住房公积金贷款贴息{span}受理（以园区公积金中心网站通知为准），"
                         f"{year} 年的受理期尚未开始", _window_day(year, window.window_start))
    if today > window.window_end:
        return refuse(f"中低收入家庭住房公积金贷款贴息{span}受理（以园区公积金中心网站通知为准），"
                      f"{year} 年的受理期已于 {_md_label(window.window_end)}结束，逾期视为自动放弃",
                      f"您可以留意园区公积金中心网站通知，在 {year + 1} 年的受理期内申请", temporary=True)

    return None


def _unpaid(ctx: ServiceContext, loan: LoanFact, year: int) -> list[int]:
    """Instalments due in `year` (up to today, before any settlement) with no repayment record."""
    paid = {r.period for r in loan.repayments}
    return [i.period for i in schedule(loan.principal, loan.annual_rate, loan.term_months, loan.disbursed_on)
            if i.due_on.year == year and i.due_on <= ctx.today and i.period not in paid
            and (loan.settled_on is None or i.due_on <= loan.settled_on)]


def _claimed(on: datetime, covered: int, serial: str) -> Refused:
    """One claim a year: the next year's claim opens with the next year's window."""
    return refuse(f"您已于 {on:%Y-%m-%d} 申请 {covered} 年度的贷款贴息（业务流水号 {serial}），每年只能申请一次",
                  "您可以在下一年的受理期内申请下一年度的贴息（贴息期限内）", temporary=True)


def assess_subsidy(ctx: ServiceContext) -> SubsidyYear | Refused:
    """The claim the person may make today, or why not (the guide's 系统自动审核是否符合申请条件)."""
    facts = _hf(ctx)
    covered = ctx.today.year - 1  # the guide: 于次年起按规定申请贴息 — this year claims last year's
    loans = _qualifying_loans(facts)
    if not loans:
        if any(loan.lender == "sip_hf" and loan.main_borrower for loan in facts.loans):
            return at_counter("贷款贴息仅限中低收入家庭购买政府保障性住房所办理的园区住房公积金贷款。系统记录您的贷款"
                              "所购房屋不是政府保障性住房或未认定为中低收入家庭，不能申请贴息", ask=True)
        if any(loan.lender == "sip_hf" for loan in facts.loans):
            return refuse("贷款贴息由贷款的主借款人申请", "您可以请主借款人本人登录办理")
        return at_counter("贷款贴息仅限中低收入家庭购买政府保障性住房并办理园区住房公积金贷款的职工申请，"
                          "系统未查询到您作为主借款人的园区住房公积金贷款", ask=True)
    loan = next((ln for ln in loans if subsidy_period(ln.disbursed_on)[0].year <= covered
                 <= subsidy_period(ln.disbursed_on)[1].year), loans[0])
    window = window_reason(ctx)
    if window:
        return window
    start, end = subsidy_period(loan.disbursed_on)
    if covered < start.year:
        return refuse(f"贷款还贷贴息自贷款发放次年起申请。您的贷款于 {ymd(start)} 发放，{start.year} 年度的贴息"
                      f"须于 {start.year + 1} 年的受理期内申请", f"您可以在 {start.year + 1} 年的受理期内再来申请",
                      temporary=True)
    if covered > end.year:
        return at_counter(f"贷款还贷贴息期限为自公积金贷款发放之日起的三年内（{ymd(start)} 至 {ymd(end)}），"
                          "贴息期限已满，不能再申请贴息", ask=True)
    claimed = next((c for c in _mine(ctx).subsidy_claims if c.covered_year == covered), None)
    if claimed:
        return _claimed(claimed.created_at, covered, claimed.serial)
    late = [r for r in loan.repayments if r.due_on.year == covered and r.overdue_days > 0]
    if late:
        first = late[0]
        return at_counter(f"您的贷款 {covered} 年度有逾期还款（第 {first.period} 期，应还日 {ymd(first.due_on)}，"
                          f"逾期 {first.overdue_days} 天），未按期足额偿还住房公积金贷款，不能申请该年度贴息", ask=True)
    unpaid = _unpaid(ctx, loan, covered)
    if unpaid:
        return refuse(f"您的贷款 {covered} 年度第 {unpaid[0]} 期尚未还款，未按期足额偿还住房公积金贷款，"
                      "不能申请该年度贴息", "您可以先还清欠款，再携带本人身份证到中心柜面咨询")
    repayments = tuple(r for r in loan.repayments if r.due_on.year == covered and start <= r.due_on <= end)
    if not repayments:
        return at_counter(f"您的贷款在 {covered} 年度没有属于贴息期限（{ymd(start)} 至 {ymd(end)}）内的还款，"
                          "没有可申请贴息的利息", ask=True)
    return SubsidyYear(loan=loan, covered_year=covered, period=(start, end), repayments=repayments)


@ELIGIBILITY.register("hf_interest_subsidy")
def may_claim_subsidy(ctx: ServiceContext) -> Refused | None:
    found = assess_subsidy(ctx)
    return found if isinstance(found, Refused) else None


def _subsidy_lines(claim: SubsidyYear) -> list[tuple[str, str]]:
    loan = claim.loan
    return [
        ("贷款编号", mask_account(loan.loan_number)),
        ("房屋坐落", loan.house_address),
        ("房屋性质", "政府保障性住房"),
        ("家庭类型", "中低收入家庭"),
        ("贷款金额", money(loan.principal)),
        ("发放日期", ymd(loan.disbursed_on)),
        ("贴息期限", f"{claim.period_text}（自贷款发放之日起三年）"),
        ("申请贴息年度", f"{claim.covered_year} 年度"),
        ("该年度还款", f"{len(claim.repayments)} 期，均按期足额偿还"),
        ("该年度已还利息", money(claim.interest)),
    ]


@DETAILS.register("interest_subsidy_loan")
def subsidy_details(ctx: ServiceContext) -> list[tuple[str, str]]:
    claim = assess_subsidy(ctx)
    return person_basic(ctx)[:2] + (_subsidy_lines(claim) if isinstance(claim, SubsidyYear) else [])


@PREVIEW.register("hf_interest_subsidy")
def subsidy_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    claim = assess_subsidy(ctx)
    if not isinstance(claim, SubsidyYear):
        return []
    return [
        ("申请贴息年度", f"{claim.covered_year} 年度", True),
        ("该年度已还利息", money(claim.interest), True),
        ("贴息期限", claim.period_text, False),
        ("贴息金额", "由中心按规定核定后发放", False),
    ]


@SUBMIT.register("hf_interest_subsidy")
def submit_subsidy(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Records the year's claim (one a year, checked under the person's lock) and prints the form."""
    tx.get(m.Person, ctx.person.id, with_for_update=True)
    claim = assess_subsidy(ctx)
    if isinstance(claim, Refused):
        return claim
    done = tx.scalars(select(InterestSubsidyClaim).where(
        InterestSubsidyClaim.person_id == ctx.person.id, InterestSubsidyClaim.covered_year == claim.covered_year)).first()
    if done is not None:
        return _claimed(done.created_at, claim.covered_year, done.serial)
    tx.add(InterestSubsidyClaim(
        person_id=ctx.person.id, loan_id=claim.loan.id, serial=serial, covered_year=claim.covered_year,
        period_start=claim.period[0], period_end=claim.period[1], instalments=len(claim.repayments),
        interest=claim.interest, created_at=ctx.now))
    table = DocTable(columns=("期次", "应还日", "实还日", "本金", "利息", "状态"), rows=tuple(
        (str(r.period), ymd(r.due_on), ymd(r.paid_on), f"{r.principal:,.2f}", f"{r.interest:,.2f}", "按期")
        for r in claim.repayments))
    report = Document(
        kind="report", title=SUBSIDY_TITLE, serial=serial, issued_at=ctx.now, holder_name=ctx.person.name,
        holder_id_masked=ctx.person.masked_id,
        sections=(
            DocSection(heading="申请信息", lines=tuple(DocLine(label=k, value=v, bold=k == "该年度已还利息")
                                                   for k, v in _subsidy_lines(claim))),
            DocSection(heading=f"{claim.covered_year} 年度贴息期限内的还款记录", table=table),
        ),
        footer=("贴息金额由园区公积金中心按规定核定后发放。",
                "贷款还贷贴息期限为自公积金贷款发放之日起的三年内，于次年起按年申请；请按期足额偿还贷款，以免影响贴息。",
                "本表由苏州工业园区 24 小时自助服务终端打印，凭业务流水号可到中心柜面核验。"),
    )
    return Decision(
        headline=f"{claim.covered_year} 年度贷款贴息申请已递交，请在下方出纸口取走报表",
        effective=ymd(ctx.today),
        lines=(("申请贴息年度", f"{claim.covered_year} 年度"), ("该年度已还利息", money(claim.interest)),
               ("贴息期限", claim.period_text)),
        documents=(report,),
        audit=f"interest subsidy {claim.covered_year}: loan {claim.loan.id}, interest {claim.interest}",
    )
