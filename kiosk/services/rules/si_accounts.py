"""Social-insurance account services: 灵活就业人员中断参保, 个人纸质权益单退订（及恢复订阅）,
社保关系转出凭证补打印 and 临时缴费账户维护 (SERVICES.md rows 2, 16, 18, 21)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.printing.document import DocLine, DocSection, DocTable, Document
from kiosk.services.formatting import mask_mobile, yuan
from kiosk.services.outcome import Decision, Refused
from kiosk.services.profile import STATUS_LABELS, ServiceContext
from kiosk.services.refusal import at_counter, come_back, no_need, refuse, under_review
from kiosk.services.registry import (DETAILS, ELIGIBILITY, FACTS, FIELD_RULES, OPTIONS, PREFILL, PREVIEW,
                                     SUBMIT)
from kiosk.services.rules.common import due_date, month_label, person_basic, recorded_due, voucher
from kiosk.services.rules.social_insurance import effective_month
from kiosk.services.spec import Option
from kiosk.store import models as m
from kiosk.store.tables.social_insurance import (PaperStatementSubscription, SiTransferVoucher,
                                                 TempAccountUpgrade, TempContributionAccount)


def _day(day: date) -> str:
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


# --- facts ------------------------------------------------------------------------------------


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)


class PaperStatementFact(_Frozen):
    period: str
    paper: bool
    changed_at: datetime


class TransferVoucherFact(_Frozen):
    kind: str
    applied_on: date
    destination: str
    transferred_out_on: date | None
    reprints: int

    @property
    def transferred_out(self) -> bool:
        return self.transferred_out_on is not None


class TempAccountFact(_Frozen):
    account_type: str
    opened_on: date
    hukou_moved_on: date | None
    hukou_address: str | None


class UpgradeFact(_Frozen):
    serial: str
    status: str
    submitted_at: datetime
    due_on: date


class SiAccountFacts(_Frozen):
    """What these four services know about a person beyond the core profile."""

    paper_statements: tuple[PaperStatementFact, ...] = ()
    transfer_vouchers: tuple[TransferVoucherFact, ...] = ()
    temp_account: TempAccountFact | None = None
    upgrades: tuple[UpgradeFact, ...] = ()

    def paper(self, period: str) -> bool:
        """Whether the period's statement goes out on paper (the default when nothing was done)."""
        row = next((s for s in self.paper_statements if s.period == period), None)
        return True if row is None else row.paper

    def transfer_voucher(self, kind: str) -> TransferVoucherFact | None:
        return next((v for v in self.transfer_vouchers if v.kind == kind), None)

    @property
    def pending_upgrade(self) -> UpgradeFact | None:
        return next((u for u in self.upgrades if u.status == "pending"), None)


@FACTS.register("si_accounts")
def load_si_accounts(tx: Session, person_id: int) -> SiAccountFacts:
    statements = tx.scalars(select(PaperStatementSubscription).where(
        PaperStatementSubscription.person_id == person_id).order_by(PaperStatementSubscription.period)).all()
    vouchers = tx.scalars(select(SiTransferVoucher).where(SiTransferVoucher.person_id == person_id)
                          .order_by(SiTransferVoucher.id)).all()
    account = tx.get(TempContributionAccount, person_id)
    upgrades = tx.scalars(select(TempAccountUpgrade).where(TempAccountUpgrade.person_id == person_id)
                          .order_by(TempAccountUpgrade.id)).all()
    return SiAccountFacts(
        paper_statements=tuple(PaperStatementFact.model_validate(s) for s in statements),
        transfer_vouchers=tuple(TransferVoucherFact.model_validate(v) for v in vouchers),
        temp_account=TempAccountFact.model_validate(account) if account else None,
        upgrades=tuple(UpgradeFact.model_validate(u) for u in upgrades),
    )


def _facts(ctx: ServiceContext) -> SiAccountFacts:
    return ctx.fact("si_accounts")


# --- 灵活就业人员中断参保 (SERVICES.md row 2) --------------------------------------------------

FLEX_SUSPEND_TITLE = "灵活就业人员中断参保"


@ELIGIBILITY.register("flex_suspend")
def flex_suspend_eligible(ctx: ServiceContext) -> Refused | None:
    """The guide's 适用对象: 园区灵活就业正常参保缴费人员."""
    if ctx.person.category != "flexible" or ctx.profile.flex is None:
        return at_counter("本业务仅限园区灵活就业参保人员办理，系统未查询到您的灵活就业参保记录", ask=True)
    if ctx.profile.flex.status != "normal" or ctx.person.insured_status != "normal":
        return at_counter("您的灵活就业参保当前不是正常缴费状态（已中断或暂停缴费），无需办理中断参保", ask=True)
    return None


def suspend_month(ctx: ServiceContext) -> str:
    """The first month no contribution is deducted.

    The guide states no date for a suspension; the month's deduction starts on the first
    deduction day (一般为每月 18 日, the guide's note on changes), so from that day on the month
    is already being deducted and the stop applies from the next month.
    """
    return effective_month(ctx.now, ctx.config.rules.flex_first_deduction_day)


@PREVIEW.register("flex_suspend")
def flex_suspend_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    return [("停止缴费月份", f"自 {month_label(suspend_month(ctx))} 起不再扣缴", True),
            ("中断后参保状态", STATUS_LABELS["suspended"], True)]


@SUBMIT.register("flex_suspend")
def submit_flex_suspend(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Stops the flexible-employment contributions: enrolment, person and insurances suspended."""
    enrolment = tx.get(m.FlexEnrolment, ctx.person.id)
    if enrolment is None or enrolment.status != "normal":
        return no_need("您的灵活就业参保当前不是正常缴费状态，无需办理中断参保")
    month = suspend_month(ctx)
    enrolment.status = "suspended"
    tx.get(m.Person, ctx.person.id).insured_status = "suspended"
    held = tx.scalars(select(m.Insurance).where(m.Insurance.person_id == ctx.person.id,
                                                m.Insurance.status == "normal")).all()
    for insurance in held:
        insurance.status = "suspended"
    package = ctx.config.flex_package(enrolment.package_code)
    grade = next((g for g in package.grades if g.code == enrolment.grade_code), None) if package else None
    lines = [
        ("原套餐档次", f"{package.label if package else enrolment.package_code} "
                       f"{grade.label if grade else enrolment.grade_code}"),
        ("停止缴费月份", f"自 {month_label(month)} 起不再扣缴"),
        ("参保状态", STATUS_LABELS["suspended"]),
    ]
    return Decision(
        headline=f"灵活就业参保已中断，自 {month_label(month)} 起停止缴费",
        effective=month, lines=tuple(lines),
        documents=(voucher(ctx, serial, FLEX_SUSPEND_TITLE, lines,
                           footer=("如需恢复参保缴费，请至中心柜面办理。",)),),
        audit=f"flexible employment suspended from {month}",
    )


# --- 个人纸质权益单退订（及恢复订阅） (SERVICES.md row 16) -------------------------------------

PAPER_TITLE = "个人纸质权益单退订（及恢复订阅）"
PAPER_ACTIONS = {"optout": "确认退订纸质", "resume": "恢复订阅纸质"}


def statement_period(day: date) -> str:
    """The statement period a day falls in.

    The guide: 权益单对账期改为 7 月 1 日至次年 6 月 30 日，如 202006 期次权益单对账期为 2019 年
    7 月 1 日至 2020 年 6 月 30 日.
    """
    return f"{day.year + 1 if day.month >= 7 else day.year:04d}06"


def period_span(period: str) -> tuple[date, date]:
    """First and last day of a statement period ('202606' → 2025-07-01, 2026-06-30)."""
    year = int(period[:4])
    return date(year - 1, 7, 1), date(year, 6, 30)


def paper_window_refusal(day: date) -> Refused | None:
    """Why the opt-out/resume is closed on `day`, saying when it opens, or None when open.

    The guide: 参保人员退订纸质和恢复订阅纸质的操作时限为每年 1 月 1 日至 6 月 30 日.
    """
    if day.month <= 6:
        return None
    return come_back("纸质权益单退订和恢复订阅只能在每年 1 月 1 日至 6 月 30 日办理", date(day.year + 1, 1, 1))


def _period_label(period: str) -> str:
    first, last = period_span(period)
    return f"{period} 期（对账期 {first:%Y-%m-%d} 至 {last:%Y-%m-%d}）"


@ELIGIBILITY.register("paper_statement")
def paper_statement_eligible(ctx: ServiceContext) -> Refused | None:
    """The guide's 适用对象 (社会保险（公积金）参保人员和机关事业单位参保人员), its window, and
    参保状态正常的参保人员 … 恢复订阅纸质 when resuming is all that is left to do."""
    if not any(i.status != "transferred_out" for i in ctx.profile.insurances):
        return at_counter("未查询到您在园区的社会保险或住房公积金参保记录，无法办理纸质权益单退订", ask=True)
    closed = paper_window_refusal(ctx.today)
    if closed:
        return closed
    period = statement_period(ctx.today)
    if not _facts(ctx).paper(period) and ctx.person.insured_status != "normal":
        status = STATUS_LABELS.get(ctx.person.insured_status, ctx.person.insured_status)
        return at_counter(f"您已退订 {period} 期纸质权益单。恢复订阅纸质需参保状态正常，您当前为“{status}”，"
                          "无法恢复", ask=True)
    return None


@DETAILS.register("paper_statement_subscription")
def paper_statement_subscription(ctx: ServiceContext) -> list[tuple[str, str]]:
    """The guide's 纸质权益记录单订阅信息 to check before opting out."""
    period = statement_period(ctx.today)
    delivery = "纸质投递" if _facts(ctx).paper(period) else "已退订纸质"
    return [*person_basic(ctx)[:4], ("当期权益单", _period_label(period)), ("投递方式", delivery),
            ("投递地址", ctx.person.address or "未登记")]


@OPTIONS.register("paper_statement_actions")
def paper_statement_actions(ctx: ServiceContext, answers: dict) -> list[Option]:
    return [Option(value=k, label=v) for k, v in PAPER_ACTIONS.items()]


@OPTIONS.register("paper_statement_actions:disabled")
def paper_statement_actions_disabled(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    period = statement_period(ctx.today)
    if _facts(ctx).paper(period):
        return {"resume": f"{period} 期权益单正以纸质投递，无需恢复订阅"}
    disabled = {"optout": f"您已退订 {period} 期纸质权益单"}
    if ctx.person.insured_status != "normal":
        disabled["resume"] = "恢复订阅纸质需参保状态正常"
    return disabled


@PREVIEW.register("paper_statement")
def paper_statement_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    period = statement_period(ctx.today)
    after = "不再投递纸质权益单" if answers.get("paper_action") == "optout" else "恢复投递纸质权益单"
    return [("适用期次", f"{_period_label(period)}，仅限当期", True), ("办理后", after, True)]


@SUBMIT.register("paper_statement_optout")
def submit_paper_statement(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Opts the current period out of paper, or back in (操作均仅限当期权益记录单)."""
    period = statement_period(ctx.today)
    row = tx.scalars(select(PaperStatementSubscription).where(
        PaperStatementSubscription.person_id == ctx.person.id, PaperStatementSubscription.period == period)).first()
    paper = answers["paper_action"] == "resume"
    if (row.paper if row else True) == paper:
        return no_need(f"{period} 期权益单的投递方式已是您要办理的状态，无需重复办理")
    if row is None:
        tx.add(PaperStatementSubscription(person_id=ctx.person.id, period=period, paper=paper, serial=serial,
                                          changed_at=ctx.now))
    else:
        row.paper, row.serial, row.changed_at = paper, serial, ctx.now
    action = PAPER_ACTIONS[answers["paper_action"]]
    result = "已恢复投递当期纸质权益单" if paper else "当期不再投递纸质权益单"
    lines = [("办理事项", action), ("权益单期次", _period_label(period)), ("办理结果", result)]
    footer = ("退订仅限当期，下一期权益单仍默认以纸质形式发放。",) if not paper else ()
    headline = f"已恢复订阅 {period} 期纸质权益单" if paper else f"已退订 {period} 期纸质权益单"
    return Decision(headline=headline, lines=tuple(lines),
                    documents=(voucher(ctx, serial, PAPER_TITLE, lines, footer=footer),),
                    audit=f"paper statement {period}: {'resumed' if paper else 'opted out'}")


# --- 社保关系转出凭证补打印 (SERVICES.md row 18) -----------------------------------------------

# The two forms the guide lets the resident reprint, titled as the guide names them.
TRANSFER_FORMS = {"pension": "基本养老保险参保缴费凭证", "medical": "基本医疗保障参保（合）凭证"}
TRANSFER_INSURANCES = {"pension": "基本养老保险", "medical": "基本医疗保险"}
APPLY_TRANSFER_OUT = "您可以携带本人身份证到中心柜面申请社会保险关系转出"


def _transferred_reason(v: TransferVoucherFact) -> str:
    # The guide: 如中心已将险种办理转出，相应凭证无法补打印.
    return (f"中心已于 {v.transferred_out_on:%Y-%m-%d} 将{TRANSFER_INSURANCES[v.kind]}办理转出，"
            "相应凭证无法补打印")


@ELIGIBILITY.register("si_transfer_voucher_reprint")
def transfer_reprint_eligible(ctx: ServiceContext) -> Refused | None:
    """The guide's 适用对象: 已申请社会保险关系转出开具参保缴费凭证的参保人员."""
    vouchers = _facts(ctx).transfer_vouchers
    if not vouchers:
        return refuse("未查询到您申请社会保险关系转出开具参保缴费凭证的记录，本业务仅限已申请的人员补打印",
                      APPLY_TRANSFER_OUT)
    if all(v.transferred_out for v in vouchers):
        names = "和".join(TRANSFER_INSURANCES[v.kind] for v in vouchers)
        return at_counter(f"中心已将您的{names}办理转出，相应凭证无法补打印", ask=True)
    return None


@DETAILS.register("si_transfer_applications")
def transfer_applications(ctx: ServiceContext) -> list[tuple[str, str]]:
    lines = person_basic(ctx)[:2]
    for kind, title in TRANSFER_FORMS.items():
        v = _facts(ctx).transfer_voucher(kind)
        if v is None:
            state = "未申请"
        elif v.transferred_out:
            state = f"{v.applied_on:%Y-%m-%d} 申请，转往{v.destination}；已于 {v.transferred_out_on:%Y-%m-%d} 转出，无法补打印"
        else:
            state = f"{v.applied_on:%Y-%m-%d} 申请，转往{v.destination}；可补打印"
        lines.append((title, state))
    return lines


@OPTIONS.register("si_transfer_forms")
def transfer_forms(ctx: ServiceContext, answers: dict) -> list[Option]:
    return [Option(value=k, label=v) for k, v in TRANSFER_FORMS.items()]


@OPTIONS.register("si_transfer_forms:disabled")
def transfer_forms_disabled(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    disabled = {}
    for kind in TRANSFER_FORMS:
        v = _facts(ctx).transfer_voucher(kind)
        if v is None:
            disabled[kind] = "您未申请开具该凭证，无法补打印"
        elif v.transferred_out:
            disabled[kind] = _transferred_reason(v)
    return disabled


def _contribution_table(rows: list[m.Contribution]) -> DocTable:
    """The contributions by year: months paid, the base range, the personal and employer shares."""
    years: dict[str, list[m.Contribution]] = defaultdict(list)
    for r in rows:
        years[r.month[:4]].append(r)
    out = []
    for year, months in sorted(years.items()):
        bases = sorted({r.base for r in months})
        base = yuan(bases[0]) if len(bases) == 1 else f"{yuan(bases[0])}–{yuan(bases[-1])}"
        out.append((year, str(len(months)), base, yuan(sum((r.personal for r in months), Decimal("0"))),
                    yuan(sum((r.employer for r in months), Decimal("0")))))
    return DocTable(columns=("年度", "缴费月数", "月缴费基数", "个人缴纳", "单位缴纳"), rows=tuple(out))


@SUBMIT.register("si_transfer_voucher_reprint")
def submit_transfer_reprint(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Reprints the chosen transfer-out voucher as an A4 report titled as the guide names it."""
    kind = answers["form_type"]
    row = tx.scalars(select(SiTransferVoucher).where(SiTransferVoucher.person_id == ctx.person.id,
                                                     SiTransferVoucher.kind == kind)).first()
    if row is None:
        return refuse("您未申请开具该凭证，无法补打印", APPLY_TRANSFER_OUT)
    if row.transferred_out_on is not None:
        return at_counter(_transferred_reason(TransferVoucherFact.model_validate(row)), ask=True)
    row.reprints += 1
    row.last_reprinted_at = ctx.now
    contributions = list(tx.scalars(select(m.Contribution).where(
        m.Contribution.person_id == ctx.person.id, m.Contribution.kind == kind).order_by(m.Contribution.month)))
    title = TRANSFER_FORMS[kind]
    insurance = ctx.profile.insurance(kind)
    months = sorted({r.month for r in contributions})
    info = [
        DocLine(label="险种", value=TRANSFER_INSURANCES[kind]),
        DocLine(label="转出地", value="苏州工业园区"),
        DocLine(label="转入地", value=row.destination),
        DocLine(label="参保起始", value=f"{insurance.since:%Y-%m}" if insurance else "—"),
        DocLine(label="转出申请日期", value=f"{row.applied_on:%Y-%m-%d}"),
        DocLine(label="联系手机", value=mask_mobile(answers["mobile"])),
    ]
    paid = [DocLine(label="累计缴费月数", value=f"{len(months)} 个月")]
    if months:
        paid.append(DocLine(label="缴费起止", value=f"{months[0]} 至 {months[-1]}"))
    report = Document(
        kind="report", title=title, serial=serial, issued_at=ctx.now, holder_name=ctx.person.name,
        holder_id_masked=ctx.person.masked_id,
        sections=(DocSection(heading="参保人员信息", lines=tuple(info)),
                  DocSection(heading="缴费情况", lines=tuple(paid), table=_contribution_table(contributions))),
        footer=(f"本凭证为补打印件（第 {row.reprints} 次补打印），原凭证申请日期 {row.applied_on:%Y-%m-%d}。",
                "请持本凭证向转入地社会保险经办机构申请办理转移接续。"),
    )
    return Decision(
        headline=f"《{title}》已补打印，请在下方出纸口取走",
        lines=(("表单", title), ("转入地", row.destination), ("补打印", f"第 {row.reprints} 次")),
        documents=(report,), audit=f"transfer-out voucher reprinted: {kind}",
    )


# --- 临时缴费账户维护 (SERVICES.md row 21) -----------------------------------------------------

# The guide: 中心会在 3 个工作日内审核。如审核通过，账户类型将变更为一般账户.
UPGRADE_WORKING_DAYS = 3
ACCOUNT_TYPES = {"temporary": "临时缴费账户", "general": "一般账户"}


def first_application_day(moved_on: date) -> date:
    """The first day of the month after the hukou move (the guide: 请在户籍迁入园区后的次月申请)."""
    return date(moved_on.year + 1, 1, 1) if moved_on.month == 12 else date(moved_on.year, moved_on.month + 1, 1)


@ELIGIBILITY.register("temp_account_upgrade")
def temp_account_eligible(ctx: ServiceContext) -> Refused | None:
    """The guide's 适用对象 (已将户籍迁入园区的临时缴费账户参保人员) and its 次月 rule."""
    account = _facts(ctx).temp_account
    if account is None:
        return at_counter("本业务仅限临时缴费账户参保人员办理，系统未查询到您的临时缴费账户", ask=True)
    if account.account_type != "temporary":
        return no_need("您的缴费账户已是一般账户，无需办理临时缴费账户维护")
    if account.hukou_moved_on is None:
        return refuse("系统未查询到您户籍迁入园区的记录。本业务适用于已将户籍迁入园区的临时缴费账户参保人员",
                      "您可以在户籍迁入园区后的次月再来申请；户籍已迁入的，可携带本人身份证到中心柜面咨询")
    opens = first_application_day(account.hukou_moved_on)
    if ctx.today < opens:
        return come_back(f"请在户籍迁入园区后的次月申请：您的户籍于 {_day(account.hukou_moved_on)}迁入园区", opens)
    pending = _facts(ctx).pending_upgrade
    if pending is not None:
        return under_review(f"您已于 {_day(pending.submitted_at.date())}提交临时缴费账户维护申请"
                            f"（业务流水号 {pending.serial}），中心正在审核，请勿重复提交",
                            recorded_due(ctx, pending.submitted_at.date(), pending.due_on), ctx.today)
    return None



@DETAILS.register("temp_account")
def temp_account_details(ctx: ServiceContext) -> list[tuple[str, str]]:
    account = _facts(ctx).temp_account
    lines = person_basic(ctx)[:2]
    if account:
        lines += [("账户类型", ACCOUNT_TYPES.get(account.account_type, account.account_type)),
                  ("开户日期", f"{account.opened_on:%Y-%m-%d}"),
                  ("户籍迁入园区日期", f"{account.hukou_moved_on:%Y-%m-%d}" if account.hukou_moved_on else "未登记")]
    return lines


@PREFILL.register("temp_hukou_address")
def temp_hukou_address(ctx: ServiceContext) -> str | None:
    """The hukou address the centre has, for the resident to check (the guide: 填写或核实“户籍信息”)."""
    account = _facts(ctx).temp_account
    return account.hukou_address if account else None


@FIELD_RULES.register("hukou_address")
def hukou_address(value: str, ctx: ServiceContext) -> str | None:
    return "请填写详细的户籍地址（至少 6 个字，写到门牌号）" if len(value) < 6 else None


@PREVIEW.register("temp_account_upgrade")
def temp_account_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    due = due_date(ctx, UPGRADE_WORKING_DAYS)
    return [("审核期限", f"{UPGRADE_WORKING_DAYS} 个工作日内（{due.expected()} 前）", True),
            ("审核通过后", "账户类型由临时缴费账户变更为一般账户", True)]


@SUBMIT.register("temp_account_upgrade")
def submit_temp_account_upgrade(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Stores the application as pending review, due on the 3rd working day after today."""
    due = due_date(ctx, UPGRADE_WORKING_DAYS)
    address, mobile = answers["hukou_address"], answers["mobile"]
    tx.add(TempAccountUpgrade(person_id=ctx.person.id, serial=serial, hukou_address=address, mobile=mobile,
                              status="pending", submitted_at=ctx.now, due_on=due.day))
    lines = (
        ("申请事项", "临时缴费账户变更为一般账户"),
        ("户籍地址", address),
        ("联系手机", mask_mobile(mobile)),
        ("审核期限", f"{UPGRADE_WORKING_DAYS} 个工作日内，{due.expected()} 前完成"),
        ("审核通过后", "账户类型将由临时缴费账户变更为一般账户"),
        ("审核未通过", "中心会通过短信或电话联系您，请保持手机畅通"),
    )
    return Decision(status="pending_review", due=due.day, due_estimated=due.estimated, lines=lines,
                    headline=f"临时缴费账户维护申请已提交，中心将在 {UPGRADE_WORKING_DAYS} 个工作日内审核",
                    audit=f"temporary account upgrade applied, due {due.day:%Y-%m-%d}")
