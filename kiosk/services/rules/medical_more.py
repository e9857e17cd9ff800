"""Medical-insurance services: remote medical cancellation, resident-medical one-off withdrawal."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from kiosk.services.formatting import mask_mobile, money
from kiosk.services.outcome import Decision, Refused
from kiosk.services.profile import ServiceContext
from kiosk.services.refusal import at_counter, choose_instead, no_need, refuse
from kiosk.services.registry import DETAILS, ELIGIBILITY, FACTS, OPTIONS, PREVIEW, SUBMIT
from kiosk.services.rules.common import due_date, person_basic, voucher
from kiosk.services.rules.medical import REASONS, active_registration, place_label
from kiosk.services.spec import Option
from kiosk.store import models as m
from kiosk.store.tables.medical import (RemoteMedicalCancellation, ResidentMedicalAccount,
                                        ResidentMedicalWithdrawal)

# The guide (居民医保一次性提取): 即时办结，5 个工作日到账.
ARRIVAL_WORKING_DAYS = 5
WITHDRAWAL_TITLE = "居民医保一次性提取"
WITHDRAWAL_TYPES = {"retirement": "退休一次性提取", "transfer_out": "转出一次性提取"}
PAYOUT_METHODS = {"citizen_card": "社会保障·市民卡银行账户", "bound_card": "本人其他银行卡"}


# --- facts ------------------------------------------------------------------------------------


class ResidentMedicalAccountRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    balance: Decimal
    retirement_approved_on: date | None
    transferred_out_on: date | None
    bound_card_bank: str | None
    bound_card_number: str | None
    withdrawn_at: datetime | None

    @property
    def bound_card_label(self) -> str | None:
        """The bound card as a resident may see it: bank and last four digits only."""
        if not (self.bound_card_bank and self.bound_card_number):
            return None
        return f"{self.bound_card_bank}，尾号 {self.bound_card_number[-4:]}"


class ResidentMedicalFacts(BaseModel):
    model_config = ConfigDict(frozen=True)

    account: ResidentMedicalAccountRecord | None = None


@FACTS.register("resident_medical")
def resident_medical_facts(tx: Session, person_id: int) -> ResidentMedicalFacts:
    account = tx.get(ResidentMedicalAccount, person_id)
    return ResidentMedicalFacts(
        account=ResidentMedicalAccountRecord.model_validate(account, from_attributes=True) if account else None)


def _account(ctx: ServiceContext) -> ResidentMedicalAccountRecord | None:
    return ctx.fact("resident_medical").account


# --- 异地就医登记撤销 (SERVICES.md row 5) -------------------------------------------------------


@ELIGIBILITY.register("remote_medical_cancel")
def may_cancel(ctx: ServiceContext) -> Refused | None:
    """适用对象：已办理过异地就医登记备案的人员 (a registration still in force: active, not yet ended)."""
    if active_registration(ctx) is None:
        return choose_instead("未查询到您有效的异地就医登记备案（已撤销或已到期的登记无需撤销）",
                              "remote_medical_register", then="（需要在异地就医的）")
    return None


def _registration_lines(ctx: ServiceContext) -> list[tuple[str, str]]:
    reg = active_registration(ctx)
    if reg is None:
        return []
    return [
        ("登记类型", REASONS.get(reg.reason, reg.reason)),
        ("就医地", f"苏州市{place_label(reg.place)}"),
        ("居住地址", reg.address),
        ("联系手机", mask_mobile(reg.contact_mobile)),
        ("开始日期", f"{reg.start_date:%Y-%m-%d}"),
        ("结束日期", f"{reg.end_date:%Y-%m-%d}"),
    ]


@DETAILS.register("remote_medical_registration")
def registration_details(ctx: ServiceContext) -> list[tuple[str, str]]:
    """The guide: 确认信息后，点击“撤销”按钮 — the person, then the registration to be cancelled."""
    return person_basic(ctx)[:2] + _registration_lines(ctx)


@PREVIEW.register("remote_medical_cancel")
def cancel_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    reg = active_registration(ctx)
    if reg is None:
        return []
    return [
        ("撤销的登记", f"苏州市{place_label(reg.place)}，{reg.start_date:%Y-%m-%d} 至 {reg.end_date:%Y-%m-%d}", True),
        ("撤销后", "该登记立即失效；如需再次异地就医，可重新办理异地就医登记备案", False),
        ("短信通知", f"办理结果将发送至 {mask_mobile(reg.contact_mobile)}", False),
    ]


@SUBMIT.register("remote_medical_cancel")
def submit_cancel(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Marks the registration cancelled (kept for the record) and texts the registration's mobile."""
    current = active_registration(ctx)
    reg = tx.get(m.RemoteMedicalRegistration, current.id, with_for_update=True) if current else None
    if reg is None or reg.status != "active":
        return no_need("该异地就医登记已撤销，无需重复办理")
    reg.status = "cancelled"
    tx.add(RemoteMedicalCancellation(registration_id=reg.id, person_id=ctx.person.id, serial=serial,
                                     contact_mobile=reg.contact_mobile, cancelled_at=ctx.now))
    place = place_label(reg.place)
    period = f"{reg.start_date:%Y-%m-%d} 至 {reg.end_date:%Y-%m-%d}"
    today = f"{ctx.today:%Y-%m-%d}"
    # The guide: 中心向参保人员发送短信通知，告知办理结果 — to the contact mobile of the registration.
    sms = (f"【苏州工业园区社保中心】{ctx.person.name}，您的异地就医登记（就医地苏州市{place}，有效期 {period}）"
           f"已于 {today} 撤销。如需再次异地就医，可重新办理异地就医登记备案。业务流水号 {serial}。")
    return Decision(
        headline="异地就医登记已撤销，结果将以短信通知您",
        effective=today,
        lines=(("撤销的登记", f"苏州市{place}"), ("原有效期", period), ("撤销日期", today)),
        sms=((reg.contact_mobile, sms),),
        audit=f"remote medical cancelled: registration {reg.id} {reg.place} {period}",
    )


# --- 居民医保一次性提取 (SERVICES.md row 6) -----------------------------------------------------


def _grounds(ctx: ServiceContext, account: ResidentMedicalAccountRecord) -> dict[str, date]:
    """Which of the guide's grounds hold today: 已办理企业职工退休审批 / 已办理转出."""
    found = {"retirement": account.retirement_approved_on, "transfer_out": account.transferred_out_on}
    return {k: d for k, d in found.items() if d is not None and d <= ctx.today}


@ELIGIBILITY.register("resident_medical_withdrawal")
def may_withdraw(ctx: ServiceContext) -> Refused | None:
    """适用对象：已办理企业职工退休审批或已办理转出的居民医保参保人员."""
    account = _account(ctx)
    if ctx.person.category != "resident_medical" or account is None:
        return at_counter("本业务仅限园区居民医保参保人员办理，系统未查询到您的居民医保个人账户", ask=True)
    if account.withdrawn_at is not None:
        return at_counter(f"您的居民医保个人账户余额已于 {account.withdrawn_at:%Y-%m-%d} 一次性提取，不能重复提取",
                          ask=True)
    if not _grounds(ctx, account):
        return refuse("居民医保一次性提取仅限已办理企业职工退休审批或已办理转出的居民医保参保人员，"
                      "系统未查询到您的退休审批或转出记录",
                      "您可以携带本人身份证到中心柜面咨询退休审批或转出手续，办妥后再来提取")
    if account.balance <= 0:
        return at_counter("您的居民医保个人账户余额为 0.00 元，没有可提取的金额", ask=True)
    return None


def _done_on(day: date | None) -> str:
    return f"已办理（{day:%Y-%m-%d}）" if day else "未办理"


@DETAILS.register("resident_medical_account")
def account_details(ctx: ServiceContext) -> list[tuple[str, str]]:
    """Who, the two grounds of the guide, and the balance that will be withdrawn."""
    account = _account(ctx)
    lines = person_basic(ctx)[:3]
    if account is None:
        return lines
    return lines + [
        ("企业职工退休审批", _done_on(account.retirement_approved_on)),
        ("居民医保转出", _done_on(account.transferred_out_on)),
        ("个人账户余额", money(account.balance)),
    ]


@OPTIONS.register("resident_withdrawal_types")
def withdrawal_types(ctx: ServiceContext, answers: dict) -> list[Option]:
    return [Option(value=k, label=v) for k, v in WITHDRAWAL_TYPES.items()]


@OPTIONS.register("resident_withdrawal_types:disabled")
def withdrawal_types_disabled(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    """Only the type the person's situation gives is open (the guide's two grounds)."""
    account = _account(ctx)
    grounds = _grounds(ctx, account) if account else {}
    reasons = {"retirement": "系统未查询到您的企业职工退休审批记录，不能选择退休一次性提取",
               "transfer_out": "系统未查询到您的居民医保转出记录，不能选择转出一次性提取"}
    return {k: v for k, v in reasons.items() if k not in grounds}


@OPTIONS.register("resident_payout_methods")
def payout_methods(ctx: ServiceContext, answers: dict) -> list[Option]:
    account = _account(ctx)
    card = account.bound_card_label if account else None
    return [Option(value="citizen_card", label=PAYOUT_METHODS["citizen_card"]),
            Option(value="bound_card", label=f"{PAYOUT_METHODS['bound_card']}（{card}）" if card
                   else PAYOUT_METHODS["bound_card"])]


@OPTIONS.register("resident_payout_methods:disabled")
def payout_methods_disabled(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    """The guide's step 3 takes only the type, the method and a mobile: no card number can be
    entered here, so another card is possible only when the centre already holds it."""
    account = _account(ctx)
    if account and account.bound_card_label:
        return {}
    return {"bound_card": "中心未登记您本人的其他银行卡，自助终端不能录入卡号；"
                          "如需发放到其他银行卡，请携本人身份证和银行卡至中心柜面办理"}


def _payout_label(account: ResidentMedicalAccountRecord, method: str) -> str:
    if method == "bound_card" and account.bound_card_label:
        return f"{PAYOUT_METHODS['bound_card']}（{account.bound_card_label}）"
    return PAYOUT_METHODS[method]


@PREVIEW.register("resident_medical_withdrawal")
def withdrawal_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    account = _account(ctx)
    if account is None:
        return []
    arrival = due_date(ctx, ARRIVAL_WORKING_DAYS)
    return [
        ("提取金额", money(account.balance), True),
        ("预计到账日期", f"{arrival.label()}（{ARRIVAL_WORKING_DAYS} 个工作日内）", True),
    ]


@SUBMIT.register("resident_medical_withdrawal")
def submit_withdrawal(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Pays out the whole balance once (即时办结), due to arrive within 5 working days."""
    account = tx.get(ResidentMedicalAccount, ctx.person.id, with_for_update=True)
    if account is None or account.withdrawn_at is not None:
        return no_need("您的居民医保个人账户余额已一次性提取，不能重复提取")

    record = ResidentMedicalAccountRecord.model_validate(account, from_attributes=True)
    amount = account.balance
    arrival = due_date(ctx, ARRIVAL_WORKING_DAYS)
    kind, method, mobile = answers["withdrawal_type"], answers["payout_method"], answers["mobile"]
    tx.add(ResidentMedicalWithdrawal(person_id=ctx.person.id, serial=serial, withdrawal_type=kind,
                                     payout_method=method, mobile=mobile, amount=amount,
                                     expected_arrival=arrival.day, created_at=ctx.now))
    account.balance, account.withdrawn_at = Decimal("0.00"), ctx.now
    lines = [
        ("提取类型", WITHDRAWAL_TYPES[kind]),
        ("发放方式", _payout_label(record, method)),
        ("提取金额", money(amount)),
        ("预计到账日期", arrival.label()),
        ("联系手机", mask_mobile(mobile)),
    ]
    return Decision(
        headline=f"居民医保一次性提取已办结，提取金额 {money(amount)}，{arrival.expected()} 前到账",
        due=arrival.day, due_estimated=arrival.estimated, lines=tuple(lines),
        documents=(voucher(ctx, serial, WITHDRAWAL_TITLE, lines, footer=(
            f"中心进行社会化发放，款项将在 {ARRIVAL_WORKING_DAYS} 个工作日内到账。",)),),
        audit=f"resident medical withdrawal: {kind} {method} {amount} due {arrival.day:%Y-%m-%d}",
    )
