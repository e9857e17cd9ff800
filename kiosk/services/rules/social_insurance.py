"""Social-insurance services: flexible-employment contribution change, insured certificates."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.config import FlexPackage
from kiosk.printing.document import DocLine, DocSection, DocTable, Document
from kiosk.services.outcome import Decision, Refused
from kiosk.services.profile import INSURANCE_LABELS, STATUS_LABELS, ServiceContext
from kiosk.services.refusal import at_counter, refuse, start_again
from kiosk.services.registry import DETAILS, ELIGIBILITY, OPTIONS, PREVIEW, STEP_CHECKS, SUBMIT
from kiosk.services.rules.common import month_label, person_basic, voucher
from kiosk.services.spec import Option
from kiosk.store import models as m

# --- 灵活就业人员办理缴费套餐或档次变更 (SERVICES.md row 1) ----------------------------------


@ELIGIBILITY.register("flexible_normal")
def flexible_normal(ctx: ServiceContext) -> Refused | None:
    """园区灵活就业正常参保缴费人员."""
    if ctx.person.category != "flexible" or ctx.profile.flex is None:
        return at_counter("本业务仅限园区灵活就业参保人员办理，系统未查询到您的灵活就业参保记录", ask=True)
    if ctx.profile.flex.status != "normal" or ctx.person.insured_status != "normal":
        return at_counter("您的灵活就业参保当前不是正常缴费状态，无法变更套餐或档次", ask=True)
    return None


def effective_month(now: datetime, deduction_day: int) -> str:
    """The month a change saved at `now` takes effect.

    The guide: saved before the first deduction day (normally the 18th) → this month; after
    it → next month. On the deduction day itself the month's deduction is already under way,
    so that day counts as "after".
    """
    if now.day < deduction_day:
        return f"{now.year:04d}-{now.month:02d}"
    year, month = (now.year + 1, 1) if now.month == 12 else (now.year, now.month + 1)
    return f"{year:04d}-{month:02d}"


def _package(ctx: ServiceContext, code: str | None) -> FlexPackage | None:
    return ctx.config.flex_package(code) if code else None


def _target(ctx: ServiceContext, answers: dict) -> tuple[FlexPackage | None, str | None]:
    if answers.get("change_type") == "package":
        return _package(ctx, answers.get("package")), answers.get("grade")
    return _package(ctx, ctx.profile.flex.package_code if ctx.profile.flex else None), answers.get("grade")


def _amount(package: FlexPackage | None, grade_code: str | None) -> Decimal | None:
    if package is None:
        return None
    grade = next((g for g in package.grades if g.code == grade_code), None)
    return grade.monthly_amount if grade else None


@DETAILS.register("flex_current")
def flex_current(ctx: ServiceContext) -> list[tuple[str, str]]:
    flex = ctx.profile.flex
    lines = person_basic(ctx)[:2]
    if flex:
        package = _package(ctx, flex.package_code)
        grade = next((g for g in package.grades if g.code == flex.grade_code), None) if package else None
        lines += [
            ("当前套餐", package.label if package else flex.package_code),
            ("当前档次", grade.label if grade else flex.grade_code),
            ("月缴费金额", f"{grade.monthly_amount:,.2f} 元" if grade else "—"),
            ("执行起始月", month_label(flex.effective_from)),
        ]
    return lines


@OPTIONS.register("flex_packages")
def flex_packages(ctx: ServiceContext, answers: dict) -> list[Option]:
    return [Option(value=p.code, label=f"{p.label}（{'、'.join(p.insurances)}）")
            for p in ctx.config.rules.flex_packages]


@OPTIONS.register("flex_packages:disabled")
def flex_packages_disabled(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    current = ctx.profile.flex.package_code if ctx.profile.flex else None
    return {current: "这是您当前的套餐，请选择新的套餐"} if current else {}


@OPTIONS.register("flex_grades")
def flex_grades(ctx: ServiceContext, answers: dict) -> list[Option]:
    package, _ = _target(ctx, answers)
    if package is None:
        return []
    return [Option(value=g.code, label=f"{g.label}  月缴 {g.monthly_amount:,.2f} 元") for g in package.grades]


@OPTIONS.register("flex_grades:disabled")
def flex_grades_disabled(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    flex = ctx.profile.flex
    if flex and answers.get("change_type") == "grade":
        return {flex.grade_code: "这是您当前的档次，请选择新的档次"}
    return {}


@PREVIEW.register("flex_change")
def flex_change_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    """The 校验 the guide asks for: the new monthly amount and the month it takes effect."""
    package, grade = _target(ctx, answers)
    amount = _amount(package, grade)
    month = effective_month(ctx.now, ctx.config.rules.flex_first_deduction_day)
    return [
        ("新月缴费金额", f"{amount:,.2f} 元" if amount is not None else "—", True),
        ("生效月份", month_label(month), True),
    ]


@SUBMIT.register("flex_contribution_change")
def submit_flex_change(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    enrolment = tx.get(m.FlexEnrolment, ctx.person.id)
    package, grade_code = _target(ctx, answers)
    amount = _amount(package, grade_code)
    if enrolment is None or package is None or amount is None:
        return start_again("所选套餐或档次已停用，请重新选择")
    if package.code == enrolment.package_code and grade_code == enrolment.grade_code:
        return refuse("所选套餐和档次与当前相同，无需变更", "您可以返回首页重新办理，选择与当前不同的套餐或档次")

    month = effective_month(ctx.now, ctx.config.rules.flex_first_deduction_day)
    old = _package(ctx, enrolment.package_code)
    old_grade = next((g for g in old.grades if g.code == enrolment.grade_code), None) if old else None
    tx.add(m.FlexChange(person_id=ctx.person.id, serial=serial, from_package=enrolment.package_code,
                        from_grade=enrolment.grade_code, to_package=package.code, to_grade=grade_code,
                        effective_month=month, created_at=ctx.now))
    enrolment.package_code, enrolment.grade_code, enrolment.effective_from = package.code, grade_code, month
    grade_label = next(g.label for g in package.grades if g.code == grade_code)
    kind = "缴费套餐变更" if answers.get("change_type") == "package" else "缴费档次变更"
    lines = [
        ("变更类型", kind),
        ("原套餐档次", f"{old.label if old else enrolment.package_code} {old_grade.label if old_grade else ''}".strip()),
        ("新套餐", package.label),
        ("新档次", grade_label),
        ("月缴费金额", f"{amount:,.2f} 元"),
        ("生效月份", month_label(month)),
    ]
    return Decision(
        headline=f"{kind}已保存，自 {month_label(month)} 起生效",
        effective=month, lines=tuple(lines),
        documents=(voucher(ctx, serial, "灵活就业人员缴费套餐或档次变更", lines),),
        audit=f"{kind}: {package.code}/{grade_code} from {month}",
    )


# --- 参保人员参保证明和参保明细出具 (SERVICES.md row 3) -------------------------------------

# The guide: 机关事业单位人员只能打印医疗、工伤、生育和住房公积金的参保证明和参保明细.
INSTITUTION_PRINTABLE = ("medical", "injury", "maternity", "housing_fund")
CERTIFICATE_KINDS = ("pension", "medical", "unemployment", "injury", "maternity", "housing_fund")


@ELIGIBILITY.register("sip_insured")
def sip_insured(ctx: ServiceContext) -> Refused | None:
    """园区社会保险和公积金参保人员以及机关事业单位参保人员."""
    if not ctx.profile.insurances:
        return at_counter("未查询到您在园区的社会保险或住房公积金参保记录，无法出具参保证明", ask=True)
    return None


@OPTIONS.register("certificate_insurances")
def certificate_insurances(ctx: ServiceContext, answers: dict) -> list[Option]:
    held = {i.kind for i in ctx.profile.insurances}
    return [Option(value=k, label=INSURANCE_LABELS[k]) for k in CERTIFICATE_KINDS if k in held]


@OPTIONS.register("certificate_insurances:disabled")
def certificate_insurances_disabled(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    if ctx.person.category != "institution":
        return {}
    reason = "机关事业单位人员只能打印医疗、工伤、生育和住房公积金的参保证明和参保明细"
    return {k: reason for k in CERTIFICATE_KINDS if k not in INSTITUTION_PRINTABLE}


@STEP_CHECKS.register("certificate_kinds_allowed")
def certificate_kinds_allowed(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    blocked = certificate_insurances_disabled(ctx, answers)
    chosen = [k for k in answers.get("insurances") or [] if k in blocked]
    return {"insurances": blocked[chosen[0]]} if chosen else {}


def _recent_months(now: datetime, count: int) -> set[str]:
    months, year, month = set(), now.year, now.month
    for _ in range(count):
        months.add(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


@SUBMIT.register("insurance_certificate")
def submit_certificate(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    kinds: list[str] = answers["insurances"]
    doc_type = answers["document"]
    rows = tx.scalars(select(m.Contribution).where(
        m.Contribution.person_id == ctx.person.id, m.Contribution.kind.in_(kinds),
    ).order_by(m.Contribution.month, m.Contribution.kind)).all()
    period = answers.get("period", "all")
    if doc_type == "details" and period != "all":
        wanted = _recent_months(ctx.now, int(period))
        rows = [r for r in rows if r.month in wanted]
    months_by_kind = Counter(r.kind for r in rows)
    # A 参保证明 goes to another office (a school, an employer, another city), which matches the
    # person by the full number; the 参保明细 is the resident's own record and stays masked.
    full_id = ctx.person.id_number if doc_type == "certificate" else None
    lines = [DocLine(value=f"兹证明 {ctx.person.name}（证件号码 {full_id or ctx.person.masked_id}）在苏州工业园区参加以下险种：")]
    for kind in kinds:
        ins = ctx.profile.insurance(kind)
        last = max((r.month for r in rows if r.kind == kind), default=None)
        lines.append(DocLine(label=INSURANCE_LABELS[kind], value=(
            f"{STATUS_LABELS.get(ins.status, ins.status) if ins else '无记录'}；"
            f"{ins.since:%Y-%m} 起参保；累计缴费 {months_by_kind[kind]} 个月"
            + (f"；最近缴费 {month_label(last)}" if last else ""))))
    sections = [DocSection(heading="参保情况", lines=tuple(lines))]
    if doc_type == "details":
        table = DocTable(columns=("年月", "险种", "缴费基数", "个人缴纳", "单位缴纳", "缴费单位"),
                         rows=tuple((r.month, INSURANCE_LABELS[r.kind], f"{r.base:,.2f}", f"{r.personal:,.2f}",
                                     f"{r.employer:,.2f}", r.employer_name) for r in rows))
        sections.append(DocSection(heading="缴费明细", table=table))
    title = "参保证明" if doc_type == "certificate" else "参保明细"
    report = Document(
        kind="report", title=title, serial=serial, issued_at=ctx.now, holder_name=ctx.person.name,
        holder_id_masked=ctx.person.masked_id, holder_id_full=full_id, sections=tuple(sections),
        footer=("本证明由苏州工业园区 24 小时自助服务终端出具，凭业务流水号可到中心柜面核验。",),
    )
    names = "、".join(INSURANCE_LABELS[k] for k in kinds)
    return Decision(headline=f"{title}已出具，请在下方出纸口取走报表",
                    lines=(("报表", title), ("险种", names), ("缴费记录", f"{len(rows)} 条")),
                    documents=(report,), audit=f"{doc_type}: {','.join(kinds)}")
