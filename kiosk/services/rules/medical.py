"""Medical-insurance services: remote medical registration."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from kiosk.services.outcome import Decision, Refused
from kiosk.services.places import SUZHOU_CITY_OUTSIDE_SIP, place_label
from kiosk.services.profile import RemoteMedicalRecord, ServiceContext
from kiosk.services.refusal import at_counter, choose_instead
from kiosk.services.registry import ELIGIBILITY, FIELD_RULES, OPTIONS, STEP_CHECKS, SUBMIT
from kiosk.services.spec import Option
from kiosk.store import models as m

REASONS = {"retiree_resettled": "异地安置退休人员", "long_term_residence": "异地长期居住人员"}


def active_registration(ctx: ServiceContext) -> RemoteMedicalRecord | None:
    return next((r for r in ctx.profile.remote_medical
                 if r.status == "active" and r.end_date >= ctx.today), None)


# --- 异地就医登记备案（个人申请） (SERVICES.md row 4) ---------------------------------------


@ELIGIBILITY.register("remote_medical_register")
def may_register(ctx: ServiceContext) -> Refused | None:
    medical = ctx.profile.insurance("medical")
    if medical is None or medical.status != "normal":
        return at_counter("未查询到您在园区正常参加医疗保险的记录，无法办理异地就医登记", ask=True)
    current = active_registration(ctx)
    if current:
        return choose_instead(f"您已有有效的异地就医登记（就医地{place_label(current.place)}，"
                              f"至 {current.end_date:%Y-%m-%d}），需要变更的，请先撤销原登记",
                              "remote_medical_cancel", then="，撤销后再重新登记")

    return None


@OPTIONS.register("remote_medical_reasons")
def reasons(ctx: ServiceContext, answers: dict) -> list[Option]:
    return [Option(value=k, label=v) for k, v in REASONS.items()]


@OPTIONS.register("remote_medical_reasons:disabled")
def reasons_disabled(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    return {} if ctx.person.retired else {"retiree_resettled": "异地安置仅限已退休人员选择"}


@OPTIONS.register("suzhou_places")
def suzhou_places(ctx: ServiceContext, answers: dict) -> list[Option]:
    return [Option(value=code, label=label) for code, label in SUZHOU_CITY_OUTSIDE_SIP]


@FIELD_RULES.register("full_address")
def full_address(value: str, ctx: ServiceContext) -> str | None:
    return "请填写详细的居住地址（至少 6 个字，写到门牌号）" if len(value) < 6 else None


@FIELD_RULES.register("remote_start_window")
def remote_start_window(value: date, ctx: ServiceContext) -> str | None:
    if value < ctx.today:
        return "开始日期不能早于今天"
    limit = ctx.today + timedelta(days=ctx.config.rules.remote_medical_max_start_days)
    if value > limit:
        return f"开始日期最晚可选 {limit:%Y-%m-%d}"
    return None


@STEP_CHECKS.register("remote_dates")
def remote_dates(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    start, end = answers.get("start_date"), answers.get("end_date")
    if not isinstance(start, date) or not isinstance(end, date):
        return {}
    if end <= start:
        return {"end_date": "结束日期应晚于开始日期"}
    years = ctx.config.rules.remote_medical_max_years
    try:
        limit = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        limit = start.replace(year=start.year + years, day=28)
    if end > limit:
        return {"end_date": f"一次登记最长 {years} 年，结束日期最晚为 {limit:%Y-%m-%d}"}
    return {}


@SUBMIT.register("remote_medical_register")
def submit_register(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    place = place_label(answers["place"])
    tx.add(m.RemoteMedicalRegistration(
        person_id=ctx.person.id, serial=serial, reason=answers["reason"], place=answers["place"],
        address=answers["address"], contact_mobile=answers["contact_mobile"],
        start_date=answers["start_date"], end_date=answers["end_date"], created_at=ctx.now,
    ))
    period = f"{answers['start_date']:%Y-%m-%d} 至 {answers['end_date']:%Y-%m-%d}"
    sms = (f"【苏州工业园区社保中心】{ctx.person.name}，您的异地就医登记备案已办理成功：就医地苏州市{place}，"
           f"有效期 {period}。在就医地开通联网结算的医疗机构可使用社会保障·市民卡实时结算。业务流水号 {serial}。")
    return Decision(
        headline="异地就医登记备案已办理成功，结果将以短信通知您",
        effective=f"{answers['start_date']:%Y-%m-%d}",
        lines=(("登记类型", REASONS[answers["reason"]]), ("就医地", f"苏州市{place}"), ("有效期", period)),
        sms=((answers["contact_mobile"], sms),),
        audit=f"remote medical: {answers['place']} {period}",
    )
