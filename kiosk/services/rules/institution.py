"""机关事业单位 services (SERVICES.md rows 15, 22–26): 机关住房还贷一年两次提取支出, 机关参保人员短信动账
提醒, 机关医疗保险转出, 机关住房公积金转入（大市外）, 机关住房公积金转出（至大市内）and 机关住房公积金
封存提取（出市区工作提取）.

The housing-fund account, loans, plans, withdrawals and Suzhou-city destination are the shared
profile fact "housing_fund"; what these six services keep themselves (the alert subscription, the
applications, where a sealed account's holder contributes outside Suzhou city, the citizen cards)
is the fact "institution" below. All six are for institution staff only (the guide's 适用对象:
机关事业单位参保人员); those about housing fund need an institution-class account (机关住房公积金).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.printing.document import DocLine, DocSection, DocTable, Document
from kiosk.services.formatting import add_months, mask_account, mask_mobile, money, ymd
from kiosk.services.outcome import Decision, Refused
from kiosk.services.places import place_label
from kiosk.services.profile import STATUS_LABELS, ServiceContext
from kiosk.services.refusal import (at_counter, choose_instead, come_back, counter_check, no_need, refuse,
                                    start_again, under_review)
from kiosk.services.registry import DETAILS, ELIGIBILITY, FACTS, FIELD_RULES, PREVIEW, STEP_CHECKS, SUBMIT
from kiosk.services.rules.common import due_date, month_label, person_basic, recorded_due
from kiosk.services.rules.housing_fund_facts import ACCOUNT_STATUS_LABELS, HF_CLASS_LABELS, AccountFact, HousingFundFacts, LoanFact, PlanFact
from kiosk.services.working_days import DueDate, calendar_from_config
from kiosk.store import models as m
from kiosk.store.tables.housing_fund import HfAccount, HfLocalDestination, HfWithdrawal
from kiosk.store.tables.institution import (GovHfElsewhere, GovHfTransferIn, GovHfTransferOut,
                                            GovMedicalTransferOut, GovSealedWithdrawal, GovSmsAlert)

# The guide's words for its counter cases (机关住房还贷一年两次提取支出, 注意事项 3).
# The 住房公积金 category's service for the same business, for a resident whose account is not 机关.
RESIDENT_SERVICE = {"gov_hf_transfer_in": "hf_transfer_in", "gov_hf_transfer_out": "hf_transfer_out_local",
                    "gov_sealed_hf_withdrawal": "sealed_hf_withdrawal"}
LENDERS = {"sip_hf": "园区住房公积金贷款", "suzhou_hf": "苏州市住房公积金贷款", "commercial": "商业贷款"}
CITIZEN_CARD_BANK = "苏州银行"
HALF_YEAR_MONTHS = 6
BIANNUAL_PER_YEAR = 2  # the guide: 每个自然年度，可自助提取两次本人公积金
BIANNUAL_KIND = "gov_biannual"  # HfWithdrawal.kind
# 苏州大市 (SERVICES.md). A housing-fund centre named with one of these is not 大市外 (高新区 is left
# out: other cities have one too, and 苏州高新区 already says 苏州).
SUZHOU_CITY_WORDS = ("苏州", "姑苏", "吴中", "相城", "吴江", "昆山", "太仓", "常熟", "张家港")


def still_pending(what: str, due: DueDate | None, today: date) -> Refused:
    """A second application while the first is under way: `what` says which and when it was made."""
    return under_review(f"{what}，中心正在办理，请勿重复提交", due, today)


def half_year_from(start: date) -> date:
    """The day a half year from `start` is complete (满半年).

    The guide's 封存满半年 / 稳定缴存半年以上 are counted in calendar months: the half year is full
    on the corresponding day six months on (the last day of the period under 民法典 第二百零二条,
    month end when that month has no such day). Sealed on 2025-09-17 → 2026-03-17; sealed on
    2025-08-31 → 2026-02-28.
    """
    return add_months(start, HALF_YEAR_MONTHS)


# --- facts ------------------------------------------------------------------------------------


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)


class AlertFact(_Frozen):
    mobile: str
    opened_at: datetime
    updated_at: datetime


class MedicalTransferFact(_Frozen):
    serial: str
    status: str
    submitted_at: datetime
    booked_due: date


class ApplicationFact(_Frozen):
    """A transfer-in, transfer-out or sealed-withdrawal application (the three share these fields)."""

    serial: str
    status: str
    submitted_at: datetime
    due_on: date


class ElsewhereFact(_Frozen):
    centre_name: str
    since: date


class InstitutionFacts(_Frozen):
    sms_alert: AlertFact | None = None
    medical_transfers: tuple[MedicalTransferFact, ...] = ()
    transfers_in: tuple[ApplicationFact, ...] = ()
    transfers_out: tuple[ApplicationFact, ...] = ()
    sealed_withdrawals: tuple[ApplicationFact, ...] = ()
    elsewhere: ElsewhereFact | None = None
    card_statuses: tuple[str, ...] = ()  # of the person's 社会保障·市民卡 (normal | lost)
    medical_months: tuple[str, ...] = ()  # months with an SIP medical contribution, ascending

    @property
    def medical_in_progress(self) -> MedicalTransferFact | None:
        return next((t for t in self.medical_transfers if t.status == "in_progress"), None)

    @property
    def transfer_in_pending(self) -> ApplicationFact | None:
        return next((t for t in self.transfers_in if t.status == "pending"), None)

    @property
    def balance_pending(self) -> tuple[str, ApplicationFact] | None:
        """A pending application that will move the whole balance (a transfer out or a withdrawal)."""
        for title, rows in (("机关住房公积金转出（至大市内）", self.transfers_out),
                            ("机关住房公积金封存提取", self.sealed_withdrawals)):
            pending = next((r for r in rows if r.status == "pending"), None)
            if pending:
                return title, pending
        return None


def _applications(tx: Session, table: type, person_id: int) -> tuple[ApplicationFact, ...]:
    rows = tx.scalars(select(table).where(table.person_id == person_id).order_by(table.id)).all()
    return tuple(ApplicationFact.model_validate(r) for r in rows)


@FACTS.register("institution")
def load_institution_facts(tx: Session, person_id: int) -> InstitutionFacts:
    alert = tx.get(GovSmsAlert, person_id)
    medical = tx.scalars(select(GovMedicalTransferOut).where(GovMedicalTransferOut.person_id == person_id)
                         .order_by(GovMedicalTransferOut.id)).all()
    elsewhere = tx.get(GovHfElsewhere, person_id)
    cards = tx.scalars(select(m.CitizenCard.status).where(m.CitizenCard.person_id == person_id)).all()
    months = tx.scalars(select(m.Contribution.month).where(m.Contribution.person_id == person_id,
                                                           m.Contribution.kind == "medical")
                        .order_by(m.Contribution.month)).all()
    return InstitutionFacts(
        sms_alert=AlertFact.model_validate(alert) if alert else None,
        medical_transfers=tuple(MedicalTransferFact.model_validate(t) for t in medical),
        transfers_in=_applications(tx, GovHfTransferIn, person_id),
        transfers_out=_applications(tx, GovHfTransferOut, person_id),
        sealed_withdrawals=_applications(tx, GovSealedWithdrawal, person_id),
        elsewhere=ElsewhereFact.model_validate(elsewhere) if elsewhere else None,
        card_statuses=tuple(cards),
        medical_months=tuple(dict.fromkeys(months)),
    )


def _gov(ctx: ServiceContext) -> InstitutionFacts:
    return ctx.fact("institution")


def _hf(ctx: ServiceContext) -> HousingFundFacts:
    return ctx.fact("housing_fund")


# --- who may use them -----------------------------------------------------------------------


def institution_refusal(ctx: ServiceContext, service_id: str = "") -> Refused | None:
    """All six services: 适用对象 机关事业单位参保人员; a resident is sent to the same business's own tile."""
    if ctx.person.category != "institution":
        return _not_institution("本业务仅限机关事业单位参保人员办理，系统未查询到您的机关事业单位参保记录", service_id)
    return None


def _not_institution(reason: str, service_id: str) -> Refused:
    instead = RESIDENT_SERVICE.get(service_id)
    return choose_instead(reason, instead) if instead else at_counter(reason, ask=True)


def medical_refusal(ctx: ServiceContext) -> Refused | None:
    """Rows 22 and 23: 缴纳园区医疗保险费用的机关事业单位参保人员."""
    refused = institution_refusal(ctx)
    if refused:
        return refused
    medical = ctx.profile.insurance("medical")
    if medical is None:
        return at_counter("本业务仅限缴纳园区医疗保险费用的机关事业单位参保人员办理，系统未查询到您的园区医疗保险参保记录",
                          ask=True)
    if medical.status != "normal":
        status = STATUS_LABELS.get(medical.status, medical.status)
        return at_counter(f"本业务仅限缴纳园区医疗保险费用的机关事业单位参保人员办理，您的园区医疗保险当前为“{status}”",
                          ask=True)
    return None


def hf_account(ctx: ServiceContext, service_id: str = "") -> AccountFact | Refused:
    """Rows 15, 24–26: an SIP institution-class (机关) housing-fund account that is not closed."""
    refused = institution_refusal(ctx, service_id)
    if refused:
        return refused
    account = _hf(ctx).account
    if account is None:
        return at_counter("本业务仅限缴纳园区住房公积金的机关事业单位参保人员办理，系统未查询到您的园区住房公积金账户",
                          ask=True)
    if account.hf_class != "institution":
        label = HF_CLASS_LABELS.get(account.hf_class, account.hf_class)
        return _not_institution(f"本业务仅限机关住房公积金缴存职工办理，您的园区住房公积金账户为{label}账户", service_id)
    if account.status == "closed":
        return at_counter("您的园区住房公积金账户已销户，无法办理本业务", ask=True)
    return account


def account_lines(account: AccountFact) -> list[tuple[str, str]]:
    status = ACCOUNT_STATUS_LABELS.get(account.status, account.status)
    if account.status == "sealed" and account.sealed_on:
        status += f"（{ymd(account.sealed_on)} 封存）"
    lines = [
        ("公积金账号", mask_account(account.account_number)),
        ("账户类别", HF_CLASS_LABELS.get(account.hf_class, account.hf_class)),
        ("账户状态", status),
        ("账户余额", money(account.balance)),
    ]
    if account.latest_paid_month:
        lines.append(("缴存至", month_label(account.latest_paid_month)))
    return lines


@DETAILS.register("gov_hf_account")
def hf_account_details(ctx: ServiceContext) -> list[tuple[str, str]]:
    account = _hf(ctx).account
    return person_basic(ctx)[:2] + (account_lines(account) if account else [])


def citizen_card_refusal(ctx: ServiceContext, account: AccountFact) -> str | None:
    """市民卡校验: the money goes to the citizen card's Bank of Suzhou account, so the card must be in use
    (not lost or cancelled) and that account must be on the housing-fund record."""
    statuses = _gov(ctx).card_statuses
    if not statuses:
        return "市民卡校验不通过：系统未查询到您的社会保障·市民卡"
    if "normal" not in statuses:
        return "市民卡校验不通过：您的社会保障·市民卡已挂失或停用，无法向市民卡苏州银行账户发放"
    if not account.citizen_card_bank_account:
        return "市民卡校验不通过：系统未查询到您社会保障·市民卡的苏州银行金融账户"
    return None


@DETAILS.register("gov_payout_bank")
def payout_bank(ctx: ServiceContext) -> list[tuple[str, str]]:
    """The guide: 参保人员核对系统中自动生成的发放银行相关信息 (the account masked)."""
    account = _hf(ctx).account
    number = account.citizen_card_bank_account if account else None
    return [
        ("收款人", ctx.person.name),
        ("发放银行", CITIZEN_CARD_BANK),
        ("账户类型", "社会保障·市民卡金融账户"),
        ("银行账号", mask_account(number) if number else "未查询到"),
    ]


def _payee(account: AccountFact | HfAccount) -> str:
    return f"{CITIZEN_CARD_BANK} {mask_account(account.citizen_card_bank_account or '')}（社会保障·市民卡）"


# --- stages dated with the working-day calendar ------------------------------------------------


@dataclass(frozen=True)
class Stage:
    """One stage of a transfer: what happens, its working days and its latest date."""

    label: str
    days: int
    total: int  # working days from the submission day to the end of this stage
    due: date
    estimated: bool = False  # counted over a year with no published holiday schedule

    @property
    def when(self) -> DueDate:
        return DueDate(self.due, self.estimated)

    @property
    def expected(self) -> str:
        return self.when.expected()

    @property
    def text(self) -> str:
        when = self.expected if self.estimated else ymd(self.due)
        return f"{self.days} 个工作日内，{when} 前（第 {self.total} 个工作日）"


def stages(ctx: ServiceContext, plan: tuple[tuple[str, int], ...], start: date | None = None) -> tuple[Stage, ...]:
    """Each stage's latest date, counted in working days from `start` (today): the start day never
    counts, holidays are skipped and make-up working days count (SERVICES.md)."""
    days = calendar_from_config(ctx.config)
    start = start or ctx.today
    out, total = [], 0
    for label, n in plan:
        total += n
        due = days.due(start, total)
        out.append(Stage(label, n, total, due.day, due.estimated))
    return tuple(out)


def _stage_lines(found: tuple[Stage, ...]) -> list[tuple[str, str]]:
    return [(stage.label, stage.text) for stage in found]


# --- 机关参保人员短信动账提醒 (SERVICES.md row 22) ---------------------------------------------
#
# The guide: 个人实名认证登录后开通及变更接受账户变化提醒短信的手机号码. The real-name log-in (ID card
# + face, or citizen card + query password) is the verification the guide asks for; unlike 园区掌上
# 医保 it asks for no SMS code. A mistyped number is caught instead by the confirmation text to the
# new number and, on a change, a notice to the old one.

@ELIGIBILITY.register("gov_sms_alerts")
def sms_alerts_eligible(ctx: ServiceContext) -> Refused | None:
    return medical_refusal(ctx)


@DETAILS.register("gov_sms_alert_current")
def sms_alert_current(ctx: ServiceContext) -> list[tuple[str, str]]:
    alert = _gov(ctx).sms_alert
    state = (f"已开通，接收号码 {mask_mobile(alert.mobile)}（{alert.opened_at:%Y-%m-%d} 开通）" if alert
             else "未开通")
    return [*person_basic(ctx)[:3], ("短信动账提醒", state)]


@STEP_CHECKS.register("gov_alert_mobile_new")
def alert_mobile_new(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    alert = _gov(ctx).sms_alert
    if alert and answers.get("alert_mobile") == alert.mobile:
        return {"alert_mobile": "该号码已是您的短信动账提醒接收号码，无需变更；如需变更，请输入新的手机号码"}
    return {}


@PREVIEW.register("gov_sms_alerts")
def sms_alerts_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    alert = _gov(ctx).sms_alert
    action = f"变更接收号码（原号码 {mask_mobile(alert.mobile)}）" if alert else "开通短信动账提醒"
    return [("办理事项", action, True), ("生效时间", "保存后立即生效", False)]


@SUBMIT.register("gov_sms_alerts")
def submit_sms_alerts(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Opens the subscription or changes its mobile, under the person's lock."""
    mobile = answers["alert_mobile"]
    tx.get(m.Person, ctx.person.id, with_for_update=True)  # two kiosks at once: the second waits here
    alert = tx.get(GovSmsAlert, ctx.person.id)
    if alert is not None and alert.mobile == mobile:
        return no_need("该号码已是您的短信动账提醒接收号码，无需变更")
    old = alert.mobile if alert else None
    if alert is None:
        tx.add(GovSmsAlert(person_id=ctx.person.id, mobile=mobile, serial=serial, opened_at=ctx.now,
                           updated_at=ctx.now))
    else:
        alert.mobile, alert.serial, alert.updated_at = mobile, serial, ctx.now
    masked = mask_mobile(mobile)
    done = "变更" if old else "开通"
    sms = [(mobile, f"【苏州工业园区社保中心】{ctx.person.name}，您的机关参保人员短信动账提醒已{done}，"
                    f"今后医保等账户资金变动将发送至本号码。如非本人操作，请致电 12333。业务流水号 {serial}。")]
    if old:
        sms.append((old, f"【苏州工业园区社保中心】您的短信动账提醒接收号码已于 {ctx.now:%Y-%m-%d %H:%M} 变更为 "
                         f"{masked}，本号码不再接收。如非本人操作，请致电 12333。"))
    lines = [("办理事项", "变更接收号码" if old else "开通短信动账提醒"), ("接收号码", masked)]
    if old:
        lines.append(("原接收号码", mask_mobile(old)))
    lines.append(("生效时间", "立即生效"))
    return Decision(headline=f"短信动账提醒已{done}，账户变动将发送至 {masked}", effective=ymd(ctx.today),
                    lines=tuple(lines), sms=tuple(sms), audit=f"gov sms alerts {'changed' if old else 'opened'}")


# --- 机关医疗保险转出 (SERVICES.md row 23) ----------------------------------------------------

MEDICAL_FORM = "基本医疗保障参保（合）凭证"
# The guide's steps 5–7, 15 working days each: 办理时限 15, 办结时限 45.
MEDICAL_STAGES = (
    ("转入地生成联系函并发至中心", 15),
    ("中心寄出信息表、划出基金并终止园区医疗关系", 15),
    ("转入地接续医疗个人账户（办结）", 15),
)


@ELIGIBILITY.register("gov_medical_transfer_out")
def medical_transfer_eligible(ctx: ServiceContext) -> Refused | None:
    refused = medical_refusal(ctx)
    if refused:
        return refused
    running = _gov(ctx).medical_in_progress
    if running:
        going = under_review(f"您已于 {running.submitted_at:%Y-%m-%d} 申请机关医疗保险转出并打印了《{MEDICAL_FORM}》"
                             f"（业务流水号 {running.serial}），转移接续正在办理中，无需重复申请",
                             recorded_due(ctx, running.submitted_at.date(), running.booked_due), ctx.today)
        lost = "；凭证遗失的，可携带本人身份证到中心柜面补打"
        return going.model_copy(update={"next_step": going.next_step + lost})
    return None


@DETAILS.register("gov_medical_insured")
def medical_insured(ctx: ServiceContext) -> list[tuple[str, str]]:
    medical = ctx.profile.insurance("medical")
    months = _gov(ctx).medical_months
    lines = person_basic(ctx)[:3]
    if medical:
        lines += [("险种", "基本医疗保险（机关事业单位）"),
                  ("参保状态", STATUS_LABELS.get(medical.status, medical.status)),
                  ("参保起始", f"{medical.since:%Y-%m}")]
    lines.append(("园区缴费记录", f"{months[0]} 至 {months[-1]}，共 {len(months)} 个月" if months else "无"))
    return lines


@PREVIEW.register("gov_medical_transfer_out")
def medical_transfer_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    found = stages(ctx, MEDICAL_STAGES)
    return [("打印", f"《{MEDICAL_FORM}》", True),
            *((label, text, False) for label, text in _stage_lines(found)),
            ("办理时限", "15 个工作日（中心收到联系函后）", False),
            ("办结时限", f"45 个工作日，{found[2].expected} 前办结", True)]


def _contribution_years(rows: list[m.Contribution]) -> DocTable:
    years: dict[str, list[m.Contribution]] = defaultdict(list)
    for r in rows:
        years[r.month[:4]].append(r)
    out = []
    for year, months in sorted(years.items()):
        out.append((year, str(len(months)), f"{sum((r.personal for r in months), Decimal('0')):,.2f}",
                    f"{sum((r.employer for r in months), Decimal('0')):,.2f}"))
    return DocTable(columns=("年度", "缴费月数", "个人缴纳", "单位缴纳"), rows=tuple(out))


@SUBMIT.register("gov_medical_transfer_out")
def submit_medical_transfer(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Prints the 《基本医疗保障参保（合）凭证》 with the three stages dated; the transfer is on record."""
    tx.get(m.Person, ctx.person.id, with_for_update=True)
    running = tx.scalars(select(GovMedicalTransferOut).where(GovMedicalTransferOut.person_id == ctx.person.id,
                                                             GovMedicalTransferOut.status == "in_progress")).first()
    if running is not None:
        return under_review(f"您已于 {running.submitted_at:%Y-%m-%d} 申请机关医疗保险转出（业务流水号 {running.serial}），"
                            "转移接续正在办理中，无需重复申请",
                            recorded_due(ctx, running.submitted_at.date(), running.booked_due), ctx.today)
    found = stages(ctx, MEDICAL_STAGES)
    tx.add(GovMedicalTransferOut(person_id=ctx.person.id, serial=serial, status="in_progress", submitted_at=ctx.now,
                                 letter_due=found[0].due, funds_due=found[1].due, booked_due=found[2].due))
    rows = list(tx.scalars(select(m.Contribution).where(m.Contribution.person_id == ctx.person.id,
                                                        m.Contribution.kind == "medical")
                           .order_by(m.Contribution.month)))
    months = sorted({r.month for r in rows})
    medical = ctx.profile.insurance("medical")
    info = [
        DocLine(label="险种", value="基本医疗保险（机关事业单位）"),
        DocLine(label="转出地", value="苏州工业园区社会保险基金和公积金管理中心"),
        DocLine(label="参保状态", value=STATUS_LABELS.get(medical.status, medical.status)),
        DocLine(label="参保起始", value=f"{medical.since:%Y-%m}"),
        DocLine(label="累计缴费月数", value=f"{len(months)} 个月"),
    ]
    if months:
        info.append(DocLine(label="缴费起止", value=f"{months[0]} 至 {months[-1]}"))
    timeline = [DocLine(value=f"自 {ymd(ctx.today)} 起按工作日计算（节假日顺延）：")]
    timeline += [DocLine(label=label, value=text) for label, text in _stage_lines(found)]
    timeline.append(DocLine(label="办结时限", value=f"45 个工作日，{found[2].expected} 前办结", bold=True))
    report = Document(
        kind="report", title=MEDICAL_FORM, serial=serial, issued_at=ctx.now, holder_name=ctx.person.name,
        holder_id_masked=ctx.person.masked_id,
        sections=(DocSection(heading="参保人员信息", lines=tuple(info)),
                  DocSection(heading="缴费情况", table=_contribution_years(rows)),
                  DocSection(heading="转移接续时限", lines=tuple(timeline))),
        footer=("请持本凭证向转入地医疗保险经办机构提出医疗保险转移接续申请。",
                "转入地受理后 15 个工作日内生成联系函发至中心；中心收到联系函后 15 个工作日内寄出信息表、划出基金并终止"
                "园区医疗关系；转入地收到信息表及基金后 15 个工作日内接续医疗个人账户。",
                "本凭证由苏州工业园区 24 小时自助服务终端打印，凭业务流水号可到中心柜面核验。"),
    )
    return Decision(
        headline=f"《{MEDICAL_FORM}》已打印，请持凭证向转入地经办机构申请转移接续",
        # No `due`: the result screen reads a completed business's due date as the day money arrives;
        # the three stage dates go in the lines (shown on the result screen) and on the form instead.
        lines=(("凭证", MEDICAL_FORM), *_stage_lines(found),
               ("办结时限", f"45 个工作日，{found[2].expected} 前办结")),
        documents=(report,), audit=f"institution medical transfer out, completion by {ymd(found[2].due)}",
    )


# --- 机关住房公积金转入（大市外） (SERVICES.md row 24) -----------------------------------------

TRANSFER_IN_DAYS = 11
# The guide's steps 3–5: 3 个工作日内 / 5 个工作日内 / 3 个工作日内, 11 个工作日办结.
TRANSFER_IN_STAGES = (
    ("中心生成联系函并上传全国转移接续平台", 3),
    ("转出地中心上传账户信息表并划转资金", 5),
    ("中心审核入账（办结）", 3),
)


@ELIGIBILITY.register("gov_hf_transfer_in")
def transfer_in_eligible(ctx: ServiceContext) -> Refused | None:
    """缴纳园区住房公积金的机关事业单位参保人员: the account must be paid into now to take money in."""
    account = hf_account(ctx, "gov_hf_transfer_in")
    if isinstance(account, Refused):
        return account
    if account.status != "normal":
        label = ACCOUNT_STATUS_LABELS.get(account.status, account.status)
        return refuse(f"转入需在园区正常缴存住房公积金，您的园区住房公积金账户当前为{label}状态，无法办理转入",
                      "您可以待单位恢复缴存后再来申请，或携带本人身份证到中心柜面咨询")
    pending = _gov(ctx).transfer_in_pending
    if pending:
        return still_pending(f"您已于 {pending.submitted_at:%Y-%m-%d} 提交机关住房公积金转入申请"
                             f"（业务流水号 {pending.serial}）",
                             recorded_due(ctx, pending.submitted_at.date(), pending.due_on), ctx.today)
    return None


@FIELD_RULES.register("gov_outside_centre")
def outside_centre(value: str, ctx: ServiceContext) -> str | None:
    """The transfer-out centre: a name, and not a centre of Suzhou city (this service is 大市外)."""
    if len(value) < 4:
        return "请填写转出地住房公积金管理中心的全称"
    if "公积金" in value and any(word in value for word in SUZHOU_CITY_WORDS):
        return ("本业务用于苏州大市以外的住房公积金转入；苏州大市范围内的住房公积金，"
                "请向原缴存地中心申请转出至园区")
    return None


@FIELD_RULES.register("gov_old_account")
def old_account(value: str, ctx: ServiceContext) -> str | None:
    return "原住房公积金账号应为 6 至 20 位数字，请按原缴存地的账户信息填写" if not 6 <= len(value) <= 20 else None


@FIELD_RULES.register("gov_old_employer")
def old_employer(value: str, ctx: ServiceContext) -> str | None:
    return "请填写原缴存单位的全称（至少 4 个字）" if len(value) < 4 else None


@PREVIEW.register("gov_hf_transfer_in")
def transfer_in_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    found = stages(ctx, TRANSFER_IN_STAGES)
    return [*((label, text, False) for label, text in _stage_lines(found)),
            ("办结期限", f"{TRANSFER_IN_DAYS} 个工作日内，{found[-1].expected} 前办结", True)]


@SUBMIT.register("gov_hf_transfer_in")
def submit_transfer_in(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Stores the application as pending, due on the 11th working day, with each stage dated."""
    tx.get(m.Person, ctx.person.id, with_for_update=True)
    pending = tx.scalars(select(GovHfTransferIn).where(GovHfTransferIn.person_id == ctx.person.id,
                                                       GovHfTransferIn.status == "pending")).first()
    if pending is not None:
        return still_pending(f"您已于 {pending.submitted_at:%Y-%m-%d} 提交机关住房公积金转入申请"
                             f"（业务流水号 {pending.serial}）", None, ctx.today)
    found = stages(ctx, TRANSFER_IN_STAGES)
    due = found[-1].when
    centre, number, employer, mobile = (answers["from_centre"], answers["old_account"], answers["old_employer"],
                                        answers["mobile"])
    tx.add(GovHfTransferIn(person_id=ctx.person.id, serial=serial, status="pending", from_centre=centre,
                           old_account=number, old_employer=employer, mobile=mobile, submitted_at=ctx.now,
                           letter_due=found[0].due, transfer_due=found[1].due, due_on=due.day))
    lines = (
        ("转出地中心", centre),
        ("原公积金账号", mask_account(number)),
        ("原缴存单位", employer),
        ("联系手机", mask_mobile(mobile)),
        *_stage_lines(found),
        ("未能转入时", "转出地中心将原因通过平台反馈，由中心告知您"),
    )
    return Decision(status="pending_review", due=due.day, due_estimated=due.estimated, lines=lines,
                    headline=f"转入申请已提交，中心将在 {TRANSFER_IN_DAYS} 个工作日内办结",
                    audit=f"institution hf transfer in from {centre}, due {ymd(due.day)}")


# --- 机关住房公积金转出（至大市内） (SERVICES.md row 25) ---------------------------------------

TRANSFER_OUT_DAYS = 5


def _destination_place(place: str) -> str:
    return f"苏州市{place_label(place)}"


@ELIGIBILITY.register("gov_hf_transfer_out")
def transfer_out_eligible(ctx: ServiceContext) -> Refused | None:
    """The guide: 系统自动生成该参保人员在大市内转入地参保相关信息 — refused when there is none."""
    account = hf_account(ctx, "gov_hf_transfer_out")
    if isinstance(account, Refused):
        return account
    if _hf(ctx).destination is None:
        return refuse("系统未查询到您在苏州大市内转入地的住房公积金缴存信息，无法生成转入地信息",
                      "您可以请新单位在转入地（苏州大市范围内）为您开立住房公积金账户并缴存后再来办理；"
                      "转往苏州大市以外的，请向转入地公积金中心申请异地转移接续")
    # 缴存职工与单位解除或终止劳动关系的，先办理个人账户封存 (the guide, 机关住房公积金封存提取).
    if account.status != "sealed":
        return refuse("您的园区住房公积金账户仍在正常缴存，转出前需由原单位为您办理个人账户封存"
                      "（与单位解除或终止劳动关系的，先办理个人账户封存）",
                      "您可以联系原单位办理封存后，再来申请转出")
    if account.balance <= 0:
        return at_counter("您的园区住房公积金账户余额为 0.00 元，没有可转出的余额", ask=True)
    pending = _gov(ctx).balance_pending
    if pending:
        title, row = pending
        return still_pending(f"您已于 {row.submitted_at:%Y-%m-%d} 提交{title}申请（业务流水号 {row.serial}）",
                             recorded_due(ctx, row.submitted_at.date(), row.due_on), ctx.today)
    return None


@DETAILS.register("gov_hf_destination")
def destination_details(ctx: ServiceContext) -> list[tuple[str, str]]:
    """What the system generated for the resident to check (masked account numbers)."""
    facts = _hf(ctx)
    lines = person_basic(ctx)[:2]
    dest = facts.destination
    if dest:
        lines += [("转入地", _destination_place(dest.place)), ("转入地中心", dest.centre_name),
                  ("转入地公积金账号", mask_account(dest.account_number)), ("转入地缴存单位", dest.employer)]
    if facts.account:
        lines += [("园区公积金账号", mask_account(facts.account.account_number)),
                  ("可转出余额", money(facts.account.balance))]
    return lines


@PREVIEW.register("gov_hf_transfer_out")
def transfer_out_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    facts = _hf(ctx)
    due = due_date(ctx, TRANSFER_OUT_DAYS)
    out = []
    if facts.account:
        out.append(("转出金额", f"{money(facts.account.balance)}（账户余额）", True))
    if facts.destination:
        out.append(("汇入账户", f"{facts.destination.centre_name} {mask_account(facts.destination.account_number)}",
                    True))
    out.append(("办结期限", f"{TRANSFER_OUT_DAYS} 个工作日内，{due.expected()} 前办结", True))
    return out


@SUBMIT.register("gov_hf_transfer_out")
def submit_transfer_out(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Stores the application as pending: the centre sends the balance to the destination account."""
    tx.get(m.Person, ctx.person.id, with_for_update=True)
    if _pending_balance_move(tx, ctx.person.id):
        return still_pending("您已提交转出或封存提取申请", None, ctx.today)
    account = tx.get(HfAccount, ctx.person.id)
    dest = tx.get(HfLocalDestination, ctx.person.id)
    if account is None or dest is None or account.status != "sealed" or account.balance <= 0:
        return start_again("您的住房公积金账户或转入地信息已变化")
    due = due_date(ctx, TRANSFER_OUT_DAYS)
    amount = account.balance
    tx.add(GovHfTransferOut(person_id=ctx.person.id, serial=serial, status="pending", place=dest.place,
                            centre_name=dest.centre_name, account_number=dest.account_number, employer=dest.employer,
                            amount=amount, submitted_at=ctx.now, due_on=due.day))
    lines = (
        ("转入地", _destination_place(dest.place)),
        ("转入地中心", dest.centre_name),
        ("转入地公积金账号", mask_account(dest.account_number)),
        ("转入地缴存单位", dest.employer),
        ("转出金额", f"{money(amount)}（以中心审核时的账户余额为准）"),
        ("办结期限", f"{TRANSFER_OUT_DAYS} 个工作日内，{due.expected()} 前办结"),
    )
    return Decision(status="pending_review", due=due.day, due_estimated=due.estimated, lines=lines,
                    headline=f"转出申请已提交，中心审核无误后将余额汇至转入地账户（{TRANSFER_OUT_DAYS} 个工作日内）",
                    audit=f"institution hf transfer out to {dest.place}, {amount}, due {ymd(due.day)}")


def _pending_balance_move(tx: Session, person_id: int) -> bool:
    """A pending transfer out or sealed withdrawal, read inside the submitting transaction."""
    return any(tx.scalars(select(table.id).where(table.person_id == person_id, table.status == "pending")).first()
               for table in (GovHfTransferOut, GovSealedWithdrawal))


# --- 机关住房公积金封存提取（出市区工作提取） (SERVICES.md row 26) -------------------------------

SEALED_DAYS = 5
SEALED_TITLE = "机关住房公积金封存提取"


def sealed_withdrawal_refusal(ctx: ServiceContext) -> Refused | None:
    """The guide's 注意事项 (根据国家、省、市相关政策要求), in its order:

    缴存职工与单位解除或终止劳动关系的，先办理个人账户封存 → the account must be sealed;
    账户封存期间，在异地开立住房公积金账户并稳定缴存半年以上的，办理异地转移接续手续 → transfer instead;
    外地户籍职工…封存满半年，未在苏州大市正常就业且未在异地继续缴存的可以办理销户提取手续 → every other
    case is refused with the condition it misses.
    """
    account = hf_account(ctx, "gov_sealed_hf_withdrawal")
    if isinstance(account, Refused):
        return account
    if account.status != "sealed":
        return refuse("您的园区住房公积金账户正在正常缴存，不能办理封存提取。缴存职工与单位解除或终止劳动关系的，"
                      "先由单位办理个人账户封存；封存满半年且符合条件的，方可办理销户提取",
                      "您可以在单位办理账户封存并满半年后再来办理")
    elsewhere = _gov(ctx).elsewhere
    if account.contributing_elsewhere or elsewhere:
        if elsewhere is None:
            return counter_check("系统记录您已在异地继续缴存住房公积金，不符合销户提取条件")
        stable = half_year_from(elsewhere.since)
        transfer = "您可以向现缴存地住房公积金中心申请将园区住房公积金转入（异地转移接续）"
        if ctx.today >= stable:
            return refuse(f"您自 {ymd(elsewhere.since)} 起在{elsewhere.centre_name}开立住房公积金账户并稳定缴存半年以上，"
                          "应办理异地转移接续手续，不能办理销户提取", transfer)
        return refuse(f"您自 {ymd(elsewhere.since)} 起在{elsewhere.centre_name}继续缴存住房公积金，不符合销户提取条件"
                      "（须未在异地继续缴存）", f"{transfer}，异地稳定缴存满半年（{ymd(stable)} 起）即可申请")
    if account.hukou_local:
        return counter_check("封存销户提取仅限外地户籍职工办理，您为苏州大市户籍，不符合出市区工作提取条件"
                             "（符合其他提取情形的，请到柜面办理）")
    if account.employed_in_city or _hf(ctx).destination is not None:
        return choose_instead("您已在苏州大市范围内正常就业，不符合出市区工作提取条件（须未在苏州大市正常就业）",
                              "gov_hf_transfer_out", then="（在大市内缴存的）")
    if account.sealed_on is None:
        return counter_check("系统未查询到您的账户封存日期，无法确认是否封存满半年")
    full = half_year_from(account.sealed_on)
    if ctx.today < full:
        return come_back(f"您的住房公积金账户于 {ymd(account.sealed_on)} 封存，须封存满半年方可办理销户提取", full)
    if account.balance <= 0:
        return at_counter("您的园区住房公积金账户余额为 0.00 元，没有可提取的余额", ask=True)
    card = citizen_card_refusal(ctx, account)
    if card:
        return refuse(card, "您可以补办市民卡或开通市民卡金融账户后再来办理，或携带相关材料到中心柜面审核办理")
    pending = _gov(ctx).balance_pending
    if pending:
        title, row = pending
        return still_pending(f"您已于 {row.submitted_at:%Y-%m-%d} 提交{title}申请（业务流水号 {row.serial}）",
                             recorded_due(ctx, row.submitted_at.date(), row.due_on), ctx.today)
    return None


@ELIGIBILITY.register("gov_sealed_hf_withdrawal")
def sealed_withdrawal_eligible(ctx: ServiceContext) -> Refused | None:
    return sealed_withdrawal_refusal(ctx)


@DETAILS.register("gov_sealed_account")
def sealed_account(ctx: ServiceContext) -> list[tuple[str, str]]:
    account = _hf(ctx).account
    lines = person_basic(ctx)[:2]
    if account:
        lines += account_lines(account)
        if account.sealed_on:
            lines.append(("封存满半年", f"{ymd(half_year_from(account.sealed_on))} 起"))
        lines += [("户籍", "苏州大市户籍" if account.hukou_local else "外地户籍"),
                  ("苏州大市就业", "是" if account.employed_in_city else "否"),
                  ("异地继续缴存", "是" if account.contributing_elsewhere or _gov(ctx).elsewhere else "否")]
    return lines


@PREVIEW.register("gov_sealed_hf_withdrawal")
def sealed_withdrawal_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    account = _hf(ctx).account
    due = due_date(ctx, SEALED_DAYS)
    out = [("提取类型", "销户提取（出市区工作）", False)]
    if account:
        out += [("提取金额", f"{money(account.balance)}（账户余额）", True), ("发放账户", _payee(account), True)]
    out.append(("办结期限", f"{SEALED_DAYS} 个工作日内，{due.expected()} 前办结", True))
    return out


@SUBMIT.register("gov_sealed_hf_withdrawal")
def submit_sealed_withdrawal(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Stores the account-closing withdrawal as pending: the centre pays the balance to the citizen card."""
    tx.get(m.Person, ctx.person.id, with_for_update=True)
    if _pending_balance_move(tx, ctx.person.id):
        return still_pending("您已提交转出或封存提取申请", None, ctx.today)
    account = tx.get(HfAccount, ctx.person.id)
    if account is None or account.status != "sealed" or account.balance <= 0 or not account.citizen_card_bank_account:
        return start_again("您的住房公积金账户信息已变化")
    due = due_date(ctx, SEALED_DAYS)
    amount = account.balance
    tx.add(GovSealedWithdrawal(person_id=ctx.person.id, serial=serial, status="pending",
                               bank_account=account.citizen_card_bank_account, amount=amount, submitted_at=ctx.now,
                               due_on=due.day))
    lines = (
        ("提取类型", "销户提取（出市区工作）"),
        ("提取金额", f"{money(amount)}（以中心审核时的账户余额为准）"),
        ("发放账户", _payee(account)),
        ("办结期限", f"{SEALED_DAYS} 个工作日内，{due.expected()} 前办结"),
        ("办结后", "园区住房公积金账户销户"),
    )
    return Decision(status="pending_review", due=due.day, due_estimated=due.estimated, lines=lines,
                    headline=f"提取申请已提交，中心审核无误后将余额汇至您的市民卡苏州银行账户（{SEALED_DAYS} 个工作日内）",
                    audit=f"institution sealed hf withdrawal {amount}, due {ymd(due.day)}")


# --- 机关住房还贷一年两次提取支出 (SERVICES.md row 15) -----------------------------------------

BIANNUAL_REPORT = "机关住房公积金还贷一年两次提取报表"
NOT_MAIN = "还贷一年两次提取仅支持园区住房公积金贷款主借款人本人自助提取，系统记录您不是该笔贷款的主借款人"
NO_QUALIFICATION = ("未查询到您已办理的该套房一年两次提取资格。主借款人须先至中心办理妥该套房一年两次提取资格，"
                    "之后在还贷期间每个自然年度可自助提取两次")


@dataclass(frozen=True)
class BiannualWithdrawal:
    """A withdrawal that may be made now: the plan, its loan, which of the year's two it is, the amount."""

    plan: PlanFact
    loan: LoanFact
    number: int  # 1 or 2 in this calendar year
    amount: Decimal


def withdrawals_in_year(facts: HousingFundFacts, year: int) -> list[datetime]:
    """When the twice-a-year withdrawals of `year` (a calendar year, China time) were made."""
    return sorted(w.created_at for w in facts.withdrawals if w.kind == BIANNUAL_KIND and w.created_at.year == year)


def third_in_year(year: int, made: list[datetime]) -> Refused:
    days = "、".join(f"{d:%Y-%m-%d}" for d in made[:BIANNUAL_PER_YEAR])
    return come_back(f"机关住房公积金还贷一年两次提取每个自然年度可提取两次，您 {year} 年已于 {days} 提取两次",
                     date(year + 1, 1, 1))


def _loan_reason(loan: LoanFact | None) -> str | None:
    """园区住房公积金贷款信息校验: the plan's house has an SIP loan, the person's as main borrower, unsettled."""
    if loan is None:
        return "园区住房公积金贷款信息校验不通过：未查询到该套房屋的园区住房公积金贷款"
    if not loan.main_borrower:
        return NOT_MAIN
    if loan.status == "settled":
        on = f"已于 {ymd(loan.settled_on)} 结清" if loan.settled_on else "已结清"
        return (f"园区住房公积金贷款信息校验不通过：您的园区住房公积金贷款（{loan.loan_number}）{on}，"
                "还贷提取仅限贷款未结清期间办理")
    return None


def assess_biannual(ctx: ServiceContext) -> BiannualWithdrawal | Refused:
    """The withdrawal the person may make now, or why not (the guide: 系统自动审核是否符合提取条件).

    The guide's 注意事项 3 sends every failed check to the counter (请您携带相关材料至柜台审核办理).
    """
    account = hf_account(ctx, "gov_biannual_withdrawal")
    if isinstance(account, Refused):
        return account
    facts = _hf(ctx)
    active = [p for p in facts.plans if p.kind == "biannual" and p.status == "active"]
    sip_plans = [p for p in active if p.loan_lender == "sip_hf"]
    if not sip_plans:
        # The guide's 注意事项 3: these go to the counter; 注意事项 2: the qualification comes first.
        unsettled = [loan for loan in facts.loans if loan.status != "settled"]
        if any(loan.lender == "sip_hf" and not loan.main_borrower for loan in unsettled):
            return counter_check(NOT_MAIN)
        lenders = {p.loan_lender for p in active} | {loan.lender for loan in unsettled}
        if "suzhou_hf" in lenders:
            return counter_check("您办理的是苏州市住房公积金贷款，自助终端的机关住房公积金还贷一年两次提取"
                                 "仅支持园区住房公积金贷款")
        if "commercial" in lenders:
            return counter_check("您办理的是商业贷款，自助终端的机关住房公积金还贷一年两次提取仅支持园区住房公积金贷款")
        return refuse(NO_QUALIFICATION, "您可以携带相关材料到中心柜面办理该套房的一年两次提取资格")
    reasons = []
    for plan in sip_plans:
        loan = next((ln for ln in facts.loans if ln.lender == "sip_hf" and ln.house_id == plan.house_id), None)
        reason = _loan_reason(loan)
        if reason is None:
            break
        reasons.append(reason)
    else:
        return counter_check(reasons[0])
    card = citizen_card_refusal(ctx, account)
    if card:
        return counter_check(card)
    made = withdrawals_in_year(facts, ctx.today.year)
    if len(made) >= BIANNUAL_PER_YEAR:
        return third_in_year(ctx.today.year, made)
    if account.balance <= 0:
        return at_counter("您的住房公积金账户余额为 0.00 元，暂无可提取的金额", ask=True)
    # The amount is the whole balance: the guide limits only how often (每个自然年度可提取两次本人公积金)
    # and, unlike the SI/HF retirees' withdrawal (留足应计养老后的余额), reserves nothing out of it.
    return BiannualWithdrawal(plan=plan, loan=loan, number=len(made) + 1, amount=account.balance)


@ELIGIBILITY.register("gov_biannual_withdrawal")
def biannual_eligible(ctx: ServiceContext) -> Refused | None:
    found = assess_biannual(ctx)
    return found if isinstance(found, Refused) else None


@DETAILS.register("gov_biannual_loan")
def biannual_loan(ctx: ServiceContext) -> list[tuple[str, str]]:
    """What the automatic check found (系统自动审核), for the resident to see."""
    found = assess_biannual(ctx)
    lines = person_basic(ctx)[:2]
    if isinstance(found, Refused):
        return lines
    account = _hf(ctx).account
    return lines + [
        ("贷款编号", found.loan.loan_number),
        ("贷款类型", LENDERS[found.loan.lender]),
        ("借款人", "主借款人（本人）"),
        ("贷款状态", "还款中（未结清）"),
        ("房屋坐落", found.loan.house_address),
        ("一年两次提取资格", f"{ymd(found.plan.started_on)} 起"),
        (f"{ctx.today.year} 年已提取", f"{found.number - 1} 次（每个自然年度可提取两次）"),
        ("账户余额", money(account.balance)),
    ]


@PREVIEW.register("gov_biannual_withdrawal")
def biannual_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    found = assess_biannual(ctx)
    if isinstance(found, Refused):
        return []
    return [("本次提取", f"{ctx.today.year} 年第 {found.number} 次", True),
            ("提取金额", f"{money(found.amount)}（账户余额）", True),
            ("发放账户", _payee(_hf(ctx).account), False)]


@SUBMIT.register("gov_biannual_withdrawal")
def submit_biannual(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Pays out the balance at once and prints the report; the count is read under the person's lock."""
    tx.get(m.Person, ctx.person.id, with_for_update=True)  # two kiosks at once: the second waits here
    year = ctx.today.year
    made = sorted(w.created_at for w in tx.scalars(select(HfWithdrawal).where(
        HfWithdrawal.person_id == ctx.person.id, HfWithdrawal.kind == BIANNUAL_KIND)) if w.created_at.year == year)
    if len(made) >= BIANNUAL_PER_YEAR:
        return third_in_year(year, made)
    found = assess_biannual(ctx)
    if isinstance(found, Refused):
        return found
    account = tx.get(HfAccount, ctx.person.id)
    amount = account.balance
    if amount <= 0:
        return at_counter("您的住房公积金账户余额为 0.00 元，暂无可提取的金额", ask=True)

    number = len(made) + 1
    account.balance -= amount
    tx.add(HfWithdrawal(person_id=ctx.person.id, serial=serial, kind=BIANNUAL_KIND, amount=amount, created_at=ctx.now))
    loan = found.loan
    info = [
        ("公积金账号", mask_account(account.account_number)),
        ("账户类别", HF_CLASS_LABELS["institution"]),
        ("贷款编号", loan.loan_number),
        ("贷款类型", f"{LENDERS[loan.lender]}（主借款人本人，未结清）"),
        ("房屋坐落", loan.house_address),
        ("一年两次提取资格", f"{ymd(found.plan.started_on)} 起"),
    ]
    paid = [
        ("提取次数", f"{year} 年第 {number} 次（每个自然年度可提取两次）"),
        ("提取金额", money(amount)),
        ("发放账户", _payee(account)),
        ("提取后余额", money(account.balance)),
    ]
    report = Document(
        kind="report", title=BIANNUAL_REPORT, serial=serial, issued_at=ctx.now, holder_name=ctx.person.name,
        holder_id_masked=ctx.person.masked_id,
        sections=(DocSection(heading="贷款及资格信息", lines=tuple(DocLine(label=k, value=v) for k, v in info)),
                  DocSection(heading="本次提取", lines=tuple(DocLine(label=k, value=v, bold=k == "提取金额")
                                                         for k, v in paid))),
        footer=("在还贷期间每个自然年度可自助提取两次本人住房公积金。",
                "本表由苏州工业园区 24 小时自助服务终端打印，凭业务流水号可到中心柜面核验。"),
    )
    return Decision(
        headline=f"{year} 年第 {number} 次还贷提取已办结，提取 {money(amount)}，请在下方出纸口取走报表",
        effective=ymd(ctx.today), lines=tuple(paid[:3]), documents=(report,),
        audit=f"institution biannual withdrawal {year} #{number}: {amount}",
    )
