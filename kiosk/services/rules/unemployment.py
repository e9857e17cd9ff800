"""Unemployment-insurance services (SERVICES.md rows 7 and 8): 失业金退支申请 and
失业保险关系接收函开具.

What these services know about a person is the profile fact "unemployment" (loaded below from
kiosk/store/tables/unemployment.py). The rules quote the guide's sections of the same names.

Two periods are counted here, both as the Civil Code counts periods:
- 七天内 (refund): 民法典 第二百零一条 — the day of the application does not count, the 7 days
  are the next 7 calendar days, and (第二百零三条) the last one ends at 24:00. Applied on
  2026-03-10 at any hour: 2026-03-17 is day 7 (refused), 2026-03-18 is day 8 (allowed).
- 超过 2 个月 (letter): 第二百零二条 — 2 months after the leaving date end on the corresponding
  day (or that month's last day). Left 2026-01-17: 2026-03-17 is exactly 2 months (allowed),
  2026-03-18 is over 2 months (counter).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.printing.document import DocLine, DocSection, DocTable, Document
from kiosk.services.formatting import add_months, money, ymd, yuan
from kiosk.services.outcome import Decision, Refused
from kiosk.services.profile import ServiceContext
from kiosk.services.refusal import at_counter, come_back, refuse, start_again
from kiosk.services.registry import DETAILS, ELIGIBILITY, FACTS, OPTIONS, PREFILL, PREVIEW, SUBMIT
from kiosk.services.rules.common import month_label, person_basic
from kiosk.services.spec import Option
from kiosk.store import models as m
from kiosk.store.tables.unemployment import (UnemploymentBenefitMonth, UnemploymentEmployment,
                                             UnemploymentInstitution, UnemploymentRefundAccount,
                                             UnemploymentRefundApplication, UnemploymentRefundCase,
                                             UnemploymentTransferable, UnemploymentTransferLetter)

ZERO = Decimal("0.00")
SIP = "苏州工业园区"

REFUND_TITLE = "失业金退支申请"
REFUND_FORM_TITLE = "苏州工业园区失业金退支申请表"
# The guide (失业金退支申请, 适用对象 1–3), in its words: which one applies is recorded.
SITUATIONS = {
    "sip_employer": "申请失业金待遇时，系统提示前次领取失业金期间就业，且领取月份同时存在园区单位缴纳社保",
    "outside_employer": "申请失业金转出时，比对发现已领取失业金的月份同时存在区外单位缴纳社保",
    "labour_contract": "参保单位进行劳动合同报送时，合同开始月份存在领取失业金记录",
}
# The guide (注意事项 3): 失业金、临时物价补贴、失业金补差金额以及失业门诊补助.
REFUND_ITEMS = (("benefit", "失业金"), ("price_subsidy", "临时物价补贴"), ("top_up", "失业金补差"),
                ("outpatient", "失业门诊补助"))
REFUND_REPRINT_DAYS = 7  # the guide (注意事项 2): 七天内不可重复打印退支申请表
# The guide (注意事项 1 and 2, 办理流程 4–5), for the form, the notice and the result.
BANK_COUNTER_NOTE = ("请按本申请表上的金额至中心指定银行指定账户打款。当前仍需通过银行柜面转账形式办理，"
                     "暂不支持网银或手机转账。")
SLIP_NOTE = "打款后请携带银行退款业务凭证/回单至中心柜面，办理业务退支及财务入账。"
REPRINT_NOTE = ("确认失业金退支并打印申请表后请及时至银行进行退款，七天内不可重复打印退支申请表；"
                "若七天内再次进行退支申请，请至中心柜面核算退支明细。")

LETTER_TITLE = "苏州工业园区失业保险关系接收函"
LETTERS_PER_DAY = 5  # the guide (注意事项 3): 当天最多可开具 5 次，超过 5 次则不允许再次操作
MIN_MONTHS_PAID = 4  # the guide (注意事项 5): 最后一家用人单位缴费小于 4 个月 → 柜面
MAX_MONTHS_SINCE_LEAVING = 2  # the guide (注意事项 5): 距离职日期超过 2 个月 → 柜面
TRANSFER_KINDS = {"relation": "失业保险关系", "benefit": "失业保险待遇"}


# --- facts ------------------------------------------------------------------------------------


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)


class BenefitMonthFact(_Frozen):
    month: str
    benefit: Decimal
    price_subsidy: Decimal
    top_up: Decimal
    outpatient: Decimal

    @property
    def subtotal(self) -> Decimal:
        return self.benefit + self.price_subsidy + self.top_up + self.outpatient


class RefundCaseFact(_Frozen):
    situation: str
    employer: str
    found_on: date
    first_month: str
    last_month: str

    def covers(self, month: str) -> bool:
        return self.first_month <= month <= self.last_month


class RefundApplicationFact(_Frozen):
    serial: str
    total: Decimal
    applied_on: date
    applied_at: datetime


class RefundAccountFact(_Frozen):
    payee: str
    bank: str
    account_number: str


class EmploymentFact(_Frozen):
    last_insured_in_sip: bool
    benefit_entitled: bool
    last_employer: str
    first_paid_month: str
    last_paid_month: str
    months_paid: int
    left_job_on: date


class TransferableFact(_Frozen):
    kind: str
    place: str
    in_suzhou_city: bool
    months: int
    returns_to_hukou: bool


class InstitutionFact(_Frozen):
    code: str
    name: str
    place: str


class LetterFact(_Frozen):
    serial: str
    issued_on: date
    seq_of_day: int
    institution_name: str


class UnemploymentFacts(_Frozen):
    """What the two unemployment services know about a person beyond the core profile."""

    benefit_months: tuple[BenefitMonthFact, ...] = ()
    open_cases: tuple[RefundCaseFact, ...] = ()
    last_refund: RefundApplicationFact | None = None
    refund_account: RefundAccountFact | None = None
    employment: EmploymentFact | None = None
    transferables: tuple[TransferableFact, ...] = ()
    institutions: tuple[InstitutionFact, ...] = ()
    recent_letters: tuple[LetterFact, ...] = ()  # the latest LETTERS_PER_DAY, newest first
    # SIP unemployment-insurance contributions (the 参保明细 rows): months, first and last.
    insured_months: int = 0
    insured_first: str | None = None
    insured_last: str | None = None

    def refund_months(self) -> tuple[BenefitMonthFact, ...]:
        """The benefit months an open case covers, each once, in order."""
        return tuple(b for b in self.benefit_months if any(c.covers(b.month) for c in self.open_cases))

    def letters_on(self, day: date) -> int:
        return sum(1 for letter in self.recent_letters if letter.issued_on == day)


@FACTS.register("unemployment")
def load_unemployment_facts(tx: Session, person_id: int) -> UnemploymentFacts:
    benefits = tx.scalars(select(UnemploymentBenefitMonth).where(UnemploymentBenefitMonth.person_id == person_id)
                          .order_by(UnemploymentBenefitMonth.month)).all()
    cases = tx.scalars(select(UnemploymentRefundCase).where(
        UnemploymentRefundCase.person_id == person_id, UnemploymentRefundCase.status == "open",
    ).order_by(UnemploymentRefundCase.first_month, UnemploymentRefundCase.id)).all()
    last_refund = tx.scalars(select(UnemploymentRefundApplication).where(
        UnemploymentRefundApplication.person_id == person_id,
    ).order_by(UnemploymentRefundApplication.applied_at.desc(), UnemploymentRefundApplication.id.desc())).first()
    account = tx.scalars(select(UnemploymentRefundAccount).order_by(UnemploymentRefundAccount.code)).first()
    employment = tx.get(UnemploymentEmployment, person_id)
    transferables = tx.scalars(select(UnemploymentTransferable).where(
        UnemploymentTransferable.person_id == person_id).order_by(UnemploymentTransferable.id)).all()
    institutions = tx.scalars(select(UnemploymentInstitution)
                              .order_by(UnemploymentInstitution.sort, UnemploymentInstitution.code)).all()
    letters = tx.scalars(select(UnemploymentTransferLetter).where(UnemploymentTransferLetter.person_id == person_id)
                         .order_by(UnemploymentTransferLetter.issued_on.desc(), UnemploymentTransferLetter.id.desc())
                         .limit(LETTERS_PER_DAY)).all()
    insured = tx.execute(select(func.count(func.distinct(m.Contribution.month)), func.min(m.Contribution.month),
                                func.max(m.Contribution.month)).where(
        m.Contribution.person_id == person_id, m.Contribution.kind == "unemployment")).one()
    return UnemploymentFacts(
        benefit_months=tuple(BenefitMonthFact.model_validate(b) for b in benefits),
        open_cases=tuple(RefundCaseFact.model_validate(c) for c in cases),
        last_refund=RefundApplicationFact.model_validate(last_refund) if last_refund else None,
        refund_account=RefundAccountFact.model_validate(account) if account else None,
        employment=EmploymentFact.model_validate(employment) if employment else None,
        transferables=tuple(TransferableFact.model_validate(t) for t in transferables),
        institutions=tuple(InstitutionFact.model_validate(i) for i in institutions),
        recent_letters=tuple(LetterFact.model_validate(letter) for letter in letters),
        insured_months=insured[0] or 0, insured_first=insured[1], insured_last=insured[2],
    )


def _facts(ctx: ServiceContext) -> UnemploymentFacts:
    return ctx.fact("unemployment")


# --- 失业金退支申请 (SERVICES.md row 7) ---------------------------------------------------------


def refund_total(months: tuple[BenefitMonthFact, ...] | list[BenefitMonthFact]) -> Decimal:
    """The amount to refund: every item of every month, in exact yuan."""
    return sum((b.subtotal for b in months), ZERO)


def item_totals(months: tuple[BenefitMonthFact, ...] | list[BenefitMonthFact]) -> dict[str, Decimal]:
    return {key: sum((getattr(b, key) for b in months), ZERO) for key, _ in REFUND_ITEMS}


def refund_again_from(applied_on: date) -> date:
    """The first day a new application may be made at a kiosk: day 8 after the application day.

    民法典 第二百零一条: the day of the application does not count, so 七天内 is the 7 calendar
    days after it, the 7th ending at 24:00 (第二百零三条). Applied 2026-03-10 → 2026-03-18.
    """
    return applied_on + timedelta(days=REFUND_REPRINT_DAYS + 1)


def refund_blocked(applied_on: date, today: date) -> bool:
    """Whether `today` is still within the 7 days of an application made on `applied_on`."""
    return today < refund_again_from(applied_on)


def repeat_refund(last: RefundApplicationFact) -> Refused:
    """The guide (注意事项 2): 七天内不可重复打印退支申请表。若七天内再次进行退支申请，请至中心柜面核算退支明细."""
    again = refund_again_from(last.applied_on)
    return refuse(f"您已于 {ymd(last.applied_on)} 申请失业金退支并打印《{REFUND_FORM_TITLE}》（退支合计 "
                  f"{money(last.total)}），七天内不可重复打印退支申请表",
                  "您可以按已打印申请表上的金额及时到银行柜面退款；需要再次申请退支的，可到中心柜面核算退支明细，"
                  f"或于 {ymd(again)} 起在本机再次申请", temporary=True)


def _refund_refusal(facts: UnemploymentFacts, today: date) -> Refused | None:
    if not facts.refund_months():
        return at_counter("系统未查询到您需要退支的失业金记录。失业金退支适用于领取失业金的月份同时存在单位缴纳社保"
                          "或劳动合同报送记录的人员", ask=True)
    if facts.last_refund is not None and refund_blocked(facts.last_refund.applied_on, today):
        return repeat_refund(facts.last_refund)
    if facts.refund_account is None:
        return at_counter("系统暂未设置失业金退支的指定收款账户，暂不能在本机申请")
    return None


@ELIGIBILITY.register("unemployment_refund")
def may_apply_refund(ctx: ServiceContext) -> Refused | None:
    """The guide's 适用对象: benefit months overlapping with employment (three situations), and
    no application in the last 7 days (注意事项 2)."""
    return _refund_refusal(_facts(ctx), ctx.today)


def _months_text(months: tuple[BenefitMonthFact, ...]) -> str:
    return f"{'、'.join(month_label(b.month) for b in months)}（共 {len(months)} 个月）"


def _month_items(b: BenefitMonthFact) -> str:
    items = "、".join(f"{label} {money(getattr(b, key))}" for key, label in REFUND_ITEMS)
    return f"{items}；小计 {money(b.subtotal)}"


def _situation_lines(facts: UnemploymentFacts) -> list[tuple[str, str]]:
    lines = []
    for case in facts.open_cases:
        months = month_label(case.first_month) + (
            "" if case.first_month == case.last_month else f" 至 {month_label(case.last_month)}")
        lines += [("退支原因", SITUATIONS.get(case.situation, case.situation)),
                  ("相关单位", case.employer), ("涉及月份", months)]
    return lines


@DETAILS.register("unemployment_refund_basic")
def refund_basic(ctx: ServiceContext) -> list[tuple[str, str]]:
    """核对本人信息: who, and which of the guide's situations the refund comes from."""
    return person_basic(ctx)[:3] + [("预留手机", ctx.person.masked_mobile)] + _situation_lines(_facts(ctx))


@DETAILS.register("unemployment_refund_detail")
def refund_detail(ctx: ServiceContext) -> list[tuple[str, str]]:
    """核对退支明细: each month's four items, the item totals and the amount to refund."""
    months = _facts(ctx).refund_months()
    totals = item_totals(months)
    lines = [(month_label(b.month), _month_items(b)) for b in months]
    lines.append(("各项合计", "、".join(f"{label} {money(totals[key])}" for key, label in REFUND_ITEMS)))
    lines.append(("退支合计", money(refund_total(months))))
    return lines


@PREVIEW.register("unemployment_refund")
def refund_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    months = _facts(ctx).refund_months()
    return [
        ("退支月份", _months_text(months), False),
        ("退支合计", money(refund_total(months)), True),
        ("退款方式", "按申请表金额至中心指定银行指定账户，通过银行柜面转账（暂不支持网银或手机转账）", True),
        ("打印", f"确认后打印《{REFUND_FORM_TITLE}》，七天内不可重复打印", False),
    ]


def refund_form(ctx: ServiceContext, serial: str, facts: UnemploymentFacts,
                account: RefundAccountFact) -> Document:
    """《苏州工业园区失业金退支申请表》: the detail by month and item, the total, how to pay."""
    months = facts.refund_months()
    totals = item_totals(months)
    total = refund_total(months)
    rows = [(b.month, *(yuan(getattr(b, key)) for key, _ in REFUND_ITEMS), yuan(b.subtotal)) for b in months]
    rows.append(("合计", *(yuan(totals[key]) for key, _ in REFUND_ITEMS), yuan(total)))
    again = refund_again_from(ctx.today)
    return Document(
        kind="report", title=REFUND_FORM_TITLE, serial=serial, issued_at=ctx.now, holder_name=ctx.person.name,
        holder_id_masked=ctx.person.masked_id,
        sections=(
            DocSection(heading="申请人信息", lines=(
                DocLine(label="姓名", value=ctx.person.name),
                DocLine(label="证件号码", value=ctx.person.masked_id),
                DocLine(label="联系手机", value=ctx.person.masked_mobile),
                *(DocLine(label=k, value=v) for k, v in _situation_lines(facts)),
            )),
            DocSection(heading="退支明细（元）",
                       table=DocTable(columns=("年月", *(label for _, label in REFUND_ITEMS), "小计"),
                                      rows=tuple(rows)),
                       lines=(DocLine(label="退支月份", value=_months_text(months)),)),
            DocSection(heading="退支金额", lines=(
                DocLine(label="退支金额合计", value=f"人民币 {money(total)}", bold=True),)),
            DocSection(heading="退款方式", lines=(
                DocLine(label="收款单位", value=account.payee),
                DocLine(label="开户银行", value=account.bank),
                DocLine(label="账号", value=account.account_number),
                DocLine(value=BANK_COUNTER_NOTE, bold=True),
                DocLine(value=SLIP_NOTE, bold=True),
            )),
            DocSection(heading="注意事项", lines=(
                DocLine(value=REPRINT_NOTE),
                DocLine(value=f"本申请表于 {ymd(ctx.today)} 打印，{ymd(again)} 起方可在自助终端再次申请打印。"),
                DocLine(value="退支办结后，可再进行失业金申请、失业保险关系（待遇）转移，或由参保单位进行劳动合同报送。"),
            )),
            DocSection(lines=(DocLine(label="申请人签名", value="________________"),
                              DocLine(label="日期", value="________________"))),
        ),
        footer=("本申请表由苏州工业园区 24 小时自助服务终端打印，凭业务流水号可到中心柜面核验。",),
    )


@SUBMIT.register("unemployment_refund")
def submit_refund(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Records the application and prints the form; the 7-day rule is checked under the person's lock."""
    tx.get(m.Person, ctx.person.id, with_for_update=True)  # two kiosks at once: the second waits here
    facts = load_unemployment_facts(tx, ctx.person.id)  # read again after the lock
    refusal = _refund_refusal(facts, ctx.today)
    if refusal:
        return refusal
    assert facts.refund_account is not None
    months = facts.refund_months()
    total = refund_total(months)
    situations = ",".join(dict.fromkeys(c.situation for c in facts.open_cases))
    tx.add(UnemploymentRefundApplication(
        person_id=ctx.person.id, serial=serial, situation=situations, first_month=months[0].month,
        last_month=months[-1].month, months=len(months), total=total, applied_on=ctx.today, applied_at=ctx.now))
    again = refund_again_from(ctx.today)
    lines = (
        ("退支月份", _months_text(months)),
        ("退支合计", money(total)),
        ("退款方式", "按申请表金额至中心指定银行指定账户，通过银行柜面转账（暂不支持网银或手机转账）"),
        ("下一步", "携带银行退款业务凭证/回单至中心柜面办理业务退支及财务入账"),
        ("再次申请", f"七天内不可重复打印申请表，{ymd(again)} 起可在本机再次申请"),
    )
    return Decision(
        headline=f"失业金退支申请已提交，请取走《{REFUND_FORM_TITLE}》，按表上金额 {money(total)}至银行柜面转账退款",
        lines=lines, documents=(refund_form(ctx, serial, facts, facts.refund_account),),
        audit=f"unemployment refund {situations}: {len(months)} months, total {total}",
    )


# --- 失业保险关系接收函开具 (SERVICES.md row 8) ---------------------------------------------------


def may_issue_until(left_job_on: date) -> date:
    """The last day a letter may be issued here: 2 months after leaving, that day included.

    The guide sends 距离职日期超过 2 个月 to the counter; exactly 2 months is not "over" (民法典
    第二百零二条: the period ends on the corresponding day, or the month's last day).
    Left 2026-01-17 → 2026-03-17; left 2025-12-31 → 2026-02-28.
    """
    return add_months(left_job_on, MAX_MONTHS_SINCE_LEAVING)


def _transfer_text(t: TransferableFact) -> str:
    where = t.place + ("（苏州大市范围内）" if t.in_suzhou_city else "")
    count = f"缴费 {t.months} 个月" if t.kind == "relation" else f"待遇 {t.months} 个月"
    return f"{where}{TRANSFER_KINDS.get(t.kind, t.kind)}，{count}"


def counter_reasons(ctx: ServiceContext) -> list[str]:
    """Why the letter must be issued at the counter (the guide's 注意事项 1 and 5), or []."""
    facts = _facts(ctx)
    e = facts.employment
    reasons = []
    if e is None:
        return reasons
    if e.months_paid < MIN_MONTHS_PAID:
        reasons.append(f"您失业前最后一家用人单位（{e.last_employer}）缴费 {e.months_paid} 个月，小于 4 个月")
    until = may_issue_until(e.left_job_on)
    if ctx.today > until:
        reasons.append(f"您的离职日期为 {ymd(e.left_job_on)}，开具接收函日期距离职日期已超过 2 个月"
                       f"（自助开具截至 {ymd(until)}）")
    # 注意事项 1: 园区户籍人员，在苏州大市范围外存在可转移的失业保险待遇，按转出地政策规定需转回户籍
    # 所在地统一领取失业金的人员，可至中心柜面开具园区失业金接收函.
    returning = [t for t in facts.transferables
                 if t.kind == "benefit" and not t.in_suzhou_city and t.returns_to_hukou]
    if ctx.person.sip_hukou and returning:
        places = "、".join(dict.fromkeys(t.place for t in returning))
        reasons.append(f"您为园区户籍，在苏州大市范围外（{places}）存在可转移的失业保险待遇，"
                       "按转出地政策规定需转回户籍所在地统一领取失业金")
    return reasons


def daily_limit(today: date, issued: int) -> Refused:
    return come_back(f"失业保险关系接收函每人当天最多可开具 {LETTERS_PER_DAY} 次，您今天已开具 {issued} 次，"
                     f"超过 {LETTERS_PER_DAY} 次不允许再次操作", today + timedelta(days=1),
                     then="，今天已开具的接收函可以继续使用")


@ELIGIBILITY.register("unemployment_transfer_letter")
def may_issue_letter(ctx: ServiceContext) -> Refused | None:
    """The guide's 适用对象: 最后参保地为园区且符合在园区领取失业金条件，需将区外可转移的失业保险关系
    或待遇转移至园区后合并计算失业金的人员; then the counter cases and the 5 letters a day."""
    facts = _facts(ctx)
    e = facts.employment
    if e is None or not e.last_insured_in_sip:
        return at_counter("失业保险关系接收函仅限最后参保地为园区且符合在园区领取失业金条件的人员开具，"
                          "系统未查询到您最后在园区参保的失业记录", ask=True)
    if not e.benefit_entitled:
        return at_counter("您目前不符合在园区领取失业金的条件，不能开具失业保险关系接收函", ask=True)
    if not facts.transferables:
        return at_counter("系统未查询到您在园区以外可转移的失业保险关系或待遇，无需开具失业保险关系接收函", ask=True)
    reasons = counter_reasons(ctx)
    if reasons:
        return at_counter("；".join(reasons) + "。不能在本机开具失业保险关系接收函")
    issued = facts.letters_on(ctx.today)
    if issued >= LETTERS_PER_DAY:
        return daily_limit(ctx.today, issued)
    return None


@DETAILS.register("unemployment_letter_basic")
def letter_basic(ctx: ServiceContext) -> list[tuple[str, str]]:
    """核对本人基本信息、缴费情况 (the guide's 办理流程 3)."""
    facts = _facts(ctx)
    e = facts.employment
    lines = person_basic(ctx)[:3] + [("户籍", "园区户籍" if ctx.person.sip_hukou else "非园区户籍")]
    if e is not None:
        lines += [
            ("最后参保地", SIP if e.last_insured_in_sip else "园区以外"),
            ("最后用人单位", e.last_employer),
            ("该单位缴费", f"{month_label(e.first_paid_month)} 至 {month_label(e.last_paid_month)}，"
                         f"共 {e.months_paid} 个月"),
            ("离职日期", ymd(e.left_job_on)),
        ]
    if facts.insured_months:
        lines.append(("园区失业保险缴费", f"{month_label(facts.insured_first)} 至 {month_label(facts.insured_last)}，"
                                       f"共 {facts.insured_months} 个月"))
    lines += [("区外可转移", _transfer_text(t)) for t in facts.transferables]
    lines.append(("今天已开具接收函", f"{facts.letters_on(ctx.today)} 次（每人每天最多 {LETTERS_PER_DAY} 次）"))
    return lines


@OPTIONS.register("unemployment_institutions")
def institutions(ctx: ServiceContext, answers: dict) -> list[Option]:
    return [Option(value=i.code, label=i.name) for i in _facts(ctx).institutions]


@PREFILL.register("unemployment_institution")
def institution_of_transfer(ctx: ServiceContext) -> str | None:
    """The institution of the place the transferable record is in (the resident may change it)."""
    facts = _facts(ctx)
    places = [t.place for t in facts.transferables]
    return next((i.code for place in places for i in facts.institutions if i.place == place), None)


def _institution(ctx: ServiceContext, code: str | None) -> InstitutionFact | None:
    return next((i for i in _facts(ctx).institutions if i.code == code), None)


@PREVIEW.register("unemployment_transfer_letter")
def letter_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    chosen = _institution(ctx, answers.get("institution"))
    issued = _facts(ctx).letters_on(ctx.today)
    return [
        ("接收函", f"《{LETTER_TITLE}》", False),
        ("转出地机构", chosen.name if chosen else "—", True),
        ("开具次数", f"今天第 {issued + 1} 次（每人每天最多 {LETTERS_PER_DAY} 次）", False),
    ]


def letter_document(ctx: ServiceContext, serial: str, institution: InstitutionFact, seq_of_day: int) -> Document:
    """《苏州工业园区失业保险关系接收函》 addressed to the chosen transfer-out institution."""
    facts = _facts(ctx)
    e = facts.employment
    assert e is not None
    person = ctx.person
    return Document(
        kind="report", title=LETTER_TITLE, serial=serial, issued_at=ctx.now, holder_name=person.name,
        # Addressed to the transfer-out office, which matches the person by the full number.
        holder_id_masked=person.masked_id, holder_id_full=person.id_number,
        sections=(
            DocSection(lines=(
                DocLine(value=f"{institution.name}："),
                DocLine(value=f"兹有 {person.name}（证件号码 {person.id_number}），最后参保地为苏州工业园区，"
                              "符合在园区领取失业金条件。经审核，同意将其在贵地可转移的失业保险关系（待遇）"
                              "转移至苏州工业园区后合并计算失业金。"),
                # The guide (注意事项 2): 需转出地将核算完成的失业金年限以及待遇总金额一同转入至园区.
                DocLine(value="请贵单位按规定办理转出手续，并将核算完成的失业金年限以及待遇总金额一同转入苏州工业园区。",
                        bold=True),
            )),
            DocSection(heading="参保人员信息", lines=(
                DocLine(label="姓名", value=person.name),
                DocLine(label="证件号码", value=person.id_number),
                DocLine(label="最后用人单位", value=e.last_employer),
                DocLine(label="离职日期", value=ymd(e.left_job_on)),
                *(DocLine(label="区外可转移", value=_transfer_text(t)) for t in facts.transferables),
            )),
            DocSection(heading="接收地", lines=(
                DocLine(label="接收单位", value="苏州工业园区社会保险基金和公积金管理中心"),
                DocLine(label="开具日期", value=ymd(ctx.today)),
            )),
            DocSection(heading="办理提示", lines=(
                DocLine(value="1. 请携带本接收函至转出地申请转出；"),
                DocLine(value="2. 凭转出地开具的失业转移凭证至园区申请失业金转入。"),
                DocLine(value=f"本接收函每人当天最多可开具 {LETTERS_PER_DAY} 次，本函为今天第 {seq_of_day} 次开具。"),
            )),
        ),
        footer=("本接收函由苏州工业园区 24 小时自助服务终端开具，可通过扫描二维码或凭业务流水号验证原件。",),
    )


@SUBMIT.register("unemployment_transfer_letter")
def submit_letter(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Issues the letter: at most 5 a person a calendar day, counted under the person's row lock."""
    tx.get(m.Person, ctx.person.id, with_for_update=True)  # several kiosks on one database: one at a time
    issued = tx.scalar(select(func.count()).select_from(UnemploymentTransferLetter).where(
        UnemploymentTransferLetter.person_id == ctx.person.id,
        UnemploymentTransferLetter.issued_on == ctx.today)) or 0
    if issued >= LETTERS_PER_DAY:
        return daily_limit(ctx.today, issued)
    institution = _institution(ctx, answers.get("institution"))
    if institution is None:
        return start_again("所选的转出地机构已不在列表中")

    seq = issued + 1
    tx.add(UnemploymentTransferLetter(
        person_id=ctx.person.id, serial=serial, issued_on=ctx.today, seq_of_day=seq,
        institution_code=institution.code, institution_name=institution.name, created_at=ctx.now))
    lines = (
        ("转出地机构", institution.name),
        ("开具次数", f"今天第 {seq} 次（每人每天最多 {LETTERS_PER_DAY} 次）"),
        ("下一步", "携带接收函至转出地申请转出，再凭转出地开具的失业转移凭证至园区申请失业金转入"),
    )
    return Decision(
        headline=f"《{LETTER_TITLE}》已开具，请在下方出纸口取走，并携带至{institution.name}申请转出",
        lines=lines,
        documents=(letter_document(ctx, serial, institution, seq),),
        audit=f"unemployment transfer letter {seq}/{LETTERS_PER_DAY} of the day to {institution.code}",
    )
