"""住房公积金 services of residents with an A/B-class account (SERVICES.md rows 14, 17, 19, 20):
园区离退休一次性提取住房账户, 大市外住房公积金转入申请, 住房公积金转出至大市内, 封存住房公积金提取.

What the person has is the shared fact "housing_fund"; the applications these services made are
the fact "hf_applications" below. Institution staff have their own rows (24–26, rules/institution.py);
the helpers for masking, half years and the citizen-card check are shared from there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.printing.document import DocLine, DocSection, Document
from kiosk.services.formatting import add_months, mask_account, mask_mobile, money, ymd
from kiosk.services.outcome import Decision, Refused
from kiosk.services.places import SUZHOU_CITY_OUTSIDE_SIP, place_label
from kiosk.services.profile import ServiceContext
from kiosk.services.refusal import (at_counter, choose_instead, come_back, counter_check, no_need, refuse,
                                    start_again)
from kiosk.services.registry import DETAILS, ELIGIBILITY, FACTS, OPTIONS, PREFILL, PREVIEW, SUBMIT
from kiosk.services.rules.common import due_date, person_basic, recorded_due
from kiosk.services.rules.housing_fund_facts import ACCOUNT_STATUS_LABELS, HF_CLASS_LABELS, AccountFact, HousingFundFacts
from kiosk.services.rules.institution import CITIZEN_CARD_BANK, account_lines, half_year_from, still_pending
from kiosk.services.spec import Option
from kiosk.store import models as m
from kiosk.store.tables.housing_fund import HfAccount, HfLocalDestination, HfWithdrawal
from kiosk.store.tables.hf_applications import HfApplication

TRANSFER_IN, TRANSFER_OUT, SEALED = "transfer_in", "transfer_out_local", "sealed_withdrawal"
APPLICATION_TITLES = {TRANSFER_IN: "大市外住房公积金转入申请", TRANSFER_OUT: "住房公积金转出至大市内",
                      SEALED: "封存住房公积金提取"}
# Rows 17, 19, 20 are for the SIP scheme's A/B accounts; institution accounts have rows 24–26.
INSTITUTION_SERVICE = {TRANSFER_IN: "gov_hf_transfer_in", TRANSFER_OUT: "gov_hf_transfer_out",
                       SEALED: "gov_sealed_hf_withdrawal"}
RESIDENT_CLASSES = ("A", "B")
STABLE_MONTHS = 6  # the guide: 稳定缴存满 6 个月
TRANSFER_IN_DAYS, TRANSFER_OUT_DAYS, SEALED_DAYS = 3, 5, 5
# The guide (住房公积金转出至大市内, 注意事项 1; 封存住房公积金提取, 注意事项): 请务必先办理社会保险关系转出
# 开具参保缴费凭证. 参保缴费凭证 is the pension form's name (基本养老保险参保缴费凭证).
VOUCHER_FIRST = "申请{service}前，须先办理社会保险关系转出，开具《基本养老保险参保缴费凭证》"
VOUCHER_STEP = "您可以到中心柜面或通过网上服务办理社会保险关系转出，开具凭证后再来申请"
RETIREMENT_KIND = "retirement"  # HfWithdrawal.kind
RETIREMENT_REPORT = "园区离退休一次性提取住房账户报表"
RETIREMENT_RECORDS = {"approval": "退休审批记录", "pension_plan": "养老金发放计划", "pension_paid": "养老金发放记录"}
RETIREMENT_KINDS = {"institution": "园区机关退休", "si_hf": "社保（公积金）退休"}
CITIZEN_CARD, BOUND_CARD = "citizen_card", "bound_card"


# --- facts ------------------------------------------------------------------------------------


class ApplicationFact(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)

    serial: str
    kind: str
    status: str
    submitted_at: datetime
    due_on: date


@FACTS.register("hf_applications")
def load_applications(tx: Session, person_id: int) -> tuple[ApplicationFact, ...]:
    rows = tx.scalars(select(HfApplication).where(HfApplication.person_id == person_id).order_by(HfApplication.id))
    return tuple(ApplicationFact.model_validate(r) for r in rows)


def _hf(ctx: ServiceContext) -> HousingFundFacts:
    return ctx.fact("housing_fund")


def _pending(ctx: ServiceContext, *kinds: str) -> ApplicationFact | None:
    return next((a for a in ctx.fact("hf_applications") if a.kind in kinds and a.status == "pending"), None)


def _pending_refusal(found: ApplicationFact, ctx: ServiceContext) -> Refused:
    return still_pending(f"您已于 {found.submitted_at:%Y-%m-%d} 提交{APPLICATION_TITLES[found.kind]}"
                         f"（业务流水号 {found.serial}）", recorded_due(ctx, found.submitted_at.date(), found.due_on),
                         ctx.today)


def _locked_pending(tx: Session, person_id: int, *kinds: str) -> HfApplication | None:
    """The same check inside the submitting transaction, after the person row is locked."""
    tx.get(m.Person, person_id, with_for_update=True)  # two kiosks at once: the second waits here
    return tx.scalars(select(HfApplication).where(HfApplication.person_id == person_id,
                                                  HfApplication.kind.in_(kinds),
                                                  HfApplication.status == "pending")).first()


# --- shared checks ----------------------------------------------------------------------------


def resident_account(ctx: ServiceContext, kind: str) -> AccountFact | Refused:
    """An SIP A/B-class account that is not closed; institution accounts are sent to their own row."""
    account = _hf(ctx).account
    if account is None:
        return at_counter("系统未查询到您的园区住房公积金账户，无法办理本业务", ask=True)
    if account.hf_class == "institution":
        return choose_instead("您缴存的是机关住房公积金，本业务仅限园区住房公积金甲类、乙类账户办理",
                              INSTITUTION_SERVICE[kind])

    if account.hf_class not in RESIDENT_CLASSES:
        label = HF_CLASS_LABELS.get(account.hf_class, account.hf_class)
        return counter_check(f"本业务仅限园区住房公积金甲类、乙类账户办理，您的账户为{label}")
    if account.status == "closed":
        return at_counter("您的园区住房公积金账户已销户，无法办理本业务", ask=True)
    return account


def voucher_refusal(ctx: ServiceContext, service: str) -> Refused | None:
    """The SI transfer-out voucher (社会保险关系转出开具参保缴费凭证) must come first."""
    if ctx.fact("si_accounts").transfer_voucher("pension") is None:
        return refuse(VOUCHER_FIRST.format(service=service), VOUCHER_STEP)
    return None


def stable_months(months: tuple[str, ...], last: str | None) -> int:
    """How many consecutive months with a deposit end at `last` (the latest paid month).

    The guide's 稳定缴存满 6 个月 is read as six calendar months in a row with no gap, the latest
    of them the account's latest paid month: a gap restarts the count.
    """
    if not last or last not in months:
        return 0
    paid = set(months)
    year, month = map(int, last.split("-"))
    count = 0
    while f"{year:04d}-{month:02d}" in paid:
        count += 1
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return count


# --- 园区离退休一次性提取住房账户 (row 14) ------------------------------------------------------


@dataclass(frozen=True)
class RetirementWithdrawal:
    """What the automatic check found: the balance, the reserve kept back, the amount paid out."""

    account: AccountFact
    balance: Decimal
    reserve: Decimal
    amount: Decimal


def assess_retirement(ctx: ServiceContext) -> RetirementWithdrawal | Refused:
    """The guide's 适用对象: a valid retirement approval record, pension plan or pension payment record
    (园区机关退休 or 社保（公积金）退休); the system checks it (系统自动审核是否符合提取条件)."""
    account = _hf(ctx).account
    if account is None:
        return at_counter("系统未查询到您的园区住房公积金账户，无法办理本业务", ask=True)
    if account.status == "closed":
        return at_counter("您的园区住房公积金账户已销户，无法办理本业务", ask=True)
    if account.retirement_kind not in RETIREMENT_KINDS or account.retirement_record not in RETIREMENT_RECORDS:
        return counter_check("系统未查询到您有效的园区机关退休或社保（公积金）退休审批记录、养老金发放计划或"
                             "养老金发放记录，不符合离退休一次性提取条件（已办理退休的，请到柜面审核办理）")
    done = next((w for w in _hf(ctx).withdrawals if w.kind == RETIREMENT_KIND), None)
    if done:
        return no_need(f"您已于 {done.created_at:%Y-%m-%d} 办理离退休一次性提取（业务流水号 {done.serial}），"
                       "一次性提取只能办理一次")
    balance = account.balance
    # For SI/HF retirees the pension contribution still due stays in the account (SERVICES.md row 14);
    # institution retirees have none reserved here.
    reserve = account.pension_reserve if account.retirement_kind == "si_hf" else Decimal("0.00")
    if balance <= 0:
        return at_counter("您的园区住房公积金账户余额为 0.00 元，没有可提取的金额", ask=True)
    if balance - reserve <= 0:
        return at_counter(f"您的账户余额 {money(balance)}，须留足应缴养老保险费 {money(reserve)}，暂无可提取的金额",
                          ask=True)
    if not account.citizen_card_bank_account:
        return counter_check("系统未查询到您社会保障·市民卡的苏州银行金融账户，无法发放提取款项")
    return RetirementWithdrawal(account=account, balance=balance, reserve=reserve, amount=balance - reserve)


@ELIGIBILITY.register("retirement_hf_withdrawal")
def retirement_eligible(ctx: ServiceContext) -> Refused | None:
    found = assess_retirement(ctx)
    return found if isinstance(found, Refused) else None


def _retirement_lines(found: RetirementWithdrawal) -> list[tuple[str, str]]:
    account = found.account
    lines = [("退休类别", RETIREMENT_KINDS[account.retirement_kind]),
             ("审核依据", RETIREMENT_RECORDS[account.retirement_record]),
             ("公积金账号", mask_account(account.account_number)),
             ("账户余额", money(found.balance))]
    if account.retirement_kind == "si_hf":
        lines.append(("留足应缴养老保险费", money(found.reserve)))
    lines.append(("可提取金额", money(found.amount)))
    return lines


@DETAILS.register("retirement_check")
def retirement_check(ctx: ServiceContext) -> list[tuple[str, str]]:
    found = assess_retirement(ctx)
    return person_basic(ctx)[:2] + ([] if isinstance(found, Refused) else _retirement_lines(found))


def _payee(number: str | None) -> str:
    return f"{CITIZEN_CARD_BANK} {mask_account(number or '')}（社会保障·市民卡）"


@PREVIEW.register("retirement_hf_withdrawal")
def retirement_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    found = assess_retirement(ctx)
    if isinstance(found, Refused):
        return []
    out = [("账户余额", money(found.balance), False)]
    if found.account.retirement_kind == "si_hf":
        out.append(("留足应缴养老保险费", money(found.reserve), True))
    return out + [("提取金额", money(found.amount), True),
                  ("发放账户", _payee(found.account.citizen_card_bank_account), False)]


@SUBMIT.register("retirement_hf_withdrawal")
def submit_retirement(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Pays out at once (即时办结) and prints the report; checked again under the person's lock."""
    tx.get(m.Person, ctx.person.id, with_for_update=True)
    done = tx.scalars(select(HfWithdrawal).where(HfWithdrawal.person_id == ctx.person.id,
                                                 HfWithdrawal.kind == RETIREMENT_KIND)).first()
    if done is not None:
        return no_need(f"您已于 {done.created_at:%Y-%m-%d} 办理离退休一次性提取，一次性提取只能办理一次")
    found = assess_retirement(ctx)
    if isinstance(found, Refused):
        return found
    account = tx.get(HfAccount, ctx.person.id)
    if account.balance != found.balance:
        return start_again("您的住房公积金账户余额已变化")
    amount = found.amount
    account.balance -= amount
    if account.balance == 0:
        account.status = "closed"
    tx.add(HfWithdrawal(person_id=ctx.person.id, serial=serial, kind=RETIREMENT_KIND, amount=amount,
                        created_at=ctx.now))
    paid = [("提取金额", money(amount)), ("发放账户", _payee(account.citizen_card_bank_account)),
            ("提取后余额", money(account.balance))]
    report = Document(
        kind="report", title=RETIREMENT_REPORT, serial=serial, issued_at=ctx.now, holder_name=ctx.person.name,
        holder_id_masked=ctx.person.masked_id,
        sections=(DocSection(heading="提取条件审核", lines=tuple(DocLine(label=k, value=v)
                                                                 for k, v in _retirement_lines(found))),
                  DocSection(heading="本次提取", lines=tuple(DocLine(label=k, value=v, bold=k == "提取金额")
                                                         for k, v in paid))),
        footer=("社保（公积金）退休人员的提取金额为账户余额扣除留足的应缴养老保险费后的余额。",
                "本表由苏州工业园区 24 小时自助服务终端打印，凭业务流水号可到中心柜面核验。"),
    )
    return Decision(headline=f"离退休一次性提取已办结，提取 {money(amount)}，请在下方出纸口取走报表",
                    effective=ymd(ctx.today), lines=tuple(paid), documents=(report,),
                    audit=f"retirement hf withdrawal {amount} (balance {found.balance}, reserve {found.reserve})")


# --- 大市外住房公积金转入申请 (row 17) -----------------------------------------------------------


@ELIGIBILITY.register("hf_transfer_in")
def transfer_in_eligible(ctx: ServiceContext) -> Refused | None:
    """在园区设立住房公积金账户并稳定缴存满 6 个月的员工."""
    account = resident_account(ctx, TRANSFER_IN)
    if isinstance(account, Refused):
        return account
    if account.status != "normal":
        label = ACCOUNT_STATUS_LABELS.get(account.status, account.status)
        return refuse(f"转入需在园区正常缴存住房公积金，您的园区住房公积金账户当前为{label}状态，无法办理转入",
                      "您可以待单位恢复缴存后再来申请")
    months = stable_months(_hf(ctx).contribution_months, account.latest_paid_month)
    if months < STABLE_MONTHS:
        return refuse(f"大市外住房公积金转入须在园区稳定缴存满 {STABLE_MONTHS} 个月，您已连续缴存 {months} 个月"
                      f"（缴存至 {account.latest_paid_month or '—'}）",
                      f"您可以在园区连续缴存满 {STABLE_MONTHS} 个月后再来申请", temporary=True)
    pending = _pending(ctx, TRANSFER_IN)
    return _pending_refusal(pending, ctx) if pending else None


@DETAILS.register("hf_resident_account")
def resident_account_details(ctx: ServiceContext) -> list[tuple[str, str]]:
    account = _hf(ctx).account
    lines = person_basic(ctx)[:2] + (account_lines(account) if account else [])
    if account and account.status == "normal":
        lines.append(("连续缴存", f"{stable_months(_hf(ctx).contribution_months, account.latest_paid_month)} 个月"))
    return lines


@PREVIEW.register("hf_transfer_in")
def transfer_in_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    due = due_date(ctx, TRANSFER_IN_DAYS)
    return [("审核期限", f"{TRANSFER_IN_DAYS} 个工作日内，{due.expected()} 前审核", True)]


@SUBMIT.register("hf_transfer_in")
def submit_transfer_in(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    pending = _locked_pending(tx, ctx.person.id, TRANSFER_IN)
    if pending is not None:
        return still_pending(f"您已于 {pending.submitted_at:%Y-%m-%d} 提交大市外住房公积金转入申请"
                             f"（业务流水号 {pending.serial}）",
                             recorded_due(ctx, pending.submitted_at.date(), pending.due_on), ctx.today)

    due = due_date(ctx, TRANSFER_IN_DAYS)
    centre, number, employer, mobile = (answers["from_centre"], answers["old_account"], answers["old_employer"],
                                        answers["mobile"])
    tx.add(HfApplication(person_id=ctx.person.id, serial=serial, kind=TRANSFER_IN, mobile=mobile,
                         details={"from_centre": centre, "old_account": number, "old_employer": employer},
                         submitted_at=ctx.now, due_on=due.day))
    lines = (
        ("转出地中心", centre),
        ("原公积金账号", mask_account(number)),
        ("原工作单位", employer),
        ("联系手机", mask_mobile(mobile)),
        ("审核期限", f"{TRANSFER_IN_DAYS} 个工作日内，{due.expected()} 前审核"),
        ("审核通过后", "中心与转出地住房公积金中心联系办理转移手续"),
        ("审核未通过", "中心通过短信或电话联系您，请保持手机畅通"),
    )
    return Decision(status="pending_review", due=due.day, due_estimated=due.estimated, lines=lines,
                    headline=f"转入申请已提交，中心将在 {TRANSFER_IN_DAYS} 个工作日内审核",
                    audit=f"hf transfer in from {centre}, due {ymd(due.day)}")


# --- 住房公积金转出至大市内 (row 19) -------------------------------------------------------------


@ELIGIBILITY.register("hf_transfer_out_local")
def transfer_out_eligible(ctx: ServiceContext) -> Refused | None:
    account = resident_account(ctx, TRANSFER_OUT)
    if isinstance(account, Refused):
        return account
    voucher = voucher_refusal(ctx, "住房公积金转出")
    if voucher:
        return voucher
    dest = _hf(ctx).destination
    if dest is None or dest.place not in dict(SUZHOU_CITY_OUTSIDE_SIP):
        districts = "、".join(label for _, label in SUZHOU_CITY_OUTSIDE_SIP)
        return refuse(f"系统未查询到您在苏州大市内转入地的住房公积金开户信息。本业务只能转往大市范围内（{districts}）",
                      "您可以请新单位在转入地为您开立住房公积金账户后再来办理；转往大市以外的，"
                      "请向转入地公积金中心申请异地转移接续")
    if account.balance <= 0:
        return at_counter("您的园区住房公积金账户余额为 0.00 元，没有可转出的余额", ask=True)
    pending = _pending(ctx, TRANSFER_OUT, SEALED)
    return _pending_refusal(pending, ctx) if pending else None


@DETAILS.register("hf_local_destination")
def local_destination(ctx: ServiceContext) -> list[tuple[str, str]]:
    """转入地信息 and 转入地开户信息, filled in by the system (account masked)."""
    dest = _hf(ctx).destination
    if dest is None:
        return []
    return [("转入地", f"苏州市{place_label(dest.place)}"), ("转入地中心", dest.centre_name),
            ("转入地公积金账号", mask_account(dest.account_number)), ("转入地缴存单位", dest.employer)]


@DETAILS.register("hf_transfer_person")
def transfer_person(ctx: ServiceContext) -> list[tuple[str, str]]:
    """转入地个人参保信息: who is transferred, and what."""
    account = _hf(ctx).account
    lines = person_basic(ctx)[:2]
    if account:
        lines += [("园区公积金账号", mask_account(account.account_number)), ("可转出余额", money(account.balance))]
    return lines


@PREVIEW.register("hf_transfer_out_local")
def transfer_out_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    facts = _hf(ctx)
    due = due_date(ctx, TRANSFER_OUT_DAYS)
    out = []
    if facts.account and facts.destination:
        out += [("转出金额", f"{money(facts.account.balance)}（账户余额）", True),
                ("转入账户", f"{facts.destination.centre_name} {mask_account(facts.destination.account_number)}",
                 True)]
    return out + [("审核期限", f"{TRANSFER_OUT_DAYS} 个工作日内，{due.expected()} 前审核", True)]


@SUBMIT.register("hf_transfer_out_local")
def submit_transfer_out(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    if _locked_pending(tx, ctx.person.id, TRANSFER_OUT, SEALED) is not None:
        return still_pending("您已提交住房公积金转出或封存提取申请", None, ctx.today)
    account = tx.get(HfAccount, ctx.person.id)
    dest = tx.get(HfLocalDestination, ctx.person.id)
    if account is None or dest is None or account.balance <= 0:
        return start_again("您的住房公积金账户或转入地信息已变化")
    due = due_date(ctx, TRANSFER_OUT_DAYS)
    tx.add(HfApplication(person_id=ctx.person.id, serial=serial, kind=TRANSFER_OUT, mobile=answers["mobile"],
                         amount=account.balance, submitted_at=ctx.now, due_on=due.day,
                         details={"place": dest.place, "centre_name": dest.centre_name,
                                  "account_number": dest.account_number, "employer": dest.employer}))
    lines = (
        ("转入地", f"苏州市{place_label(dest.place)}"),
        ("转入地中心", dest.centre_name),
        ("转入地公积金账号", mask_account(dest.account_number)),
        ("转出金额", f"{money(account.balance)}（以中心审核时的账户余额为准）"),
        ("联系手机", mask_mobile(answers["mobile"])),
        ("审核期限", f"{TRANSFER_OUT_DAYS} 个工作日内，{due.expected()} 前审核"),
        ("审核未通过", "中心通过短信或电话联系您，请保持手机畅通"),
    )
    return Decision(status="pending_review", due=due.day, due_estimated=due.estimated, lines=lines,
                    headline=f"转出申请已提交，审核通过后中心将余额转至转入地中心（{TRANSFER_OUT_DAYS} 个工作日内审核）",
                    audit=f"hf transfer out to {dest.place}, {account.balance}, due {ymd(due.day)}")


# --- 封存住房公积金提取 (row 20) -----------------------------------------------------------------

# 渐进式延迟法定退休年龄 (全国人大常委会决定, 2024-09-13, from 2025-01-01): men 60 → 63 and women
# workers 50 → 55, one month more for every 4 (men) or 2 (women) months of birth from the first
# month affected. Women cadres (55 → 58) cannot be told apart in the record, so the lower age is
# used: the kiosk lets them apply and the centre's review decides.
_RETIREMENT_RULES = {"1": (60, date(1965, 1, 1), 4, 36), "2": (50, date(1975, 1, 1), 2, 60)}


def statutory_retirement_date(birth: date, sex: str) -> date:
    """The day a person reaches statutory retirement age (sex "1" male, "2" female)."""
    years, first, step, cap = _RETIREMENT_RULES[sex]
    after = (birth.year - first.year) * 12 + birth.month - first.month
    delay = 0 if after < 0 else min(cap, after // step + 1)
    return add_months(birth, years * 12 + delay)


def sealed_refusal(ctx: ServiceContext) -> Refused | None:
    """The guide's 适用对象, in its order: sealed at least half a year, not employed in Suzhou city and
    not contributing outside SIP; or statutory retirement age. Then the SI voucher, the payout card."""
    account = resident_account(ctx, SEALED)
    if isinstance(account, Refused):
        return account
    if account.status != "sealed" or account.sealed_on is None:
        return refuse("您的园区住房公积金账户正在正常缴存，尚未封存，不能办理封存提取",
                      "您可以在与单位解除劳动关系、由单位为您办理账户封存后再来办理")
    retired_on = statutory_retirement_date(ctx.person.birth_date, ctx.person.sex)
    if ctx.today < retired_on:
        full = half_year_from(account.sealed_on)
        if ctx.today < full:
            return come_back(f"您的住房公积金账户于 {ymd(account.sealed_on)} 封存，须封存满半年方可提取", full,
                             then="（或达到法定退休年龄后办理）")
        if account.employed_in_city or _hf(ctx).destination is not None:
            return choose_instead("系统记录您已在苏州大市范围内就业，不符合封存提取条件（须未在本市就业）",
                                  "hf_transfer_out_local", then="（在大市内缴存的）")
        if account.contributing_elsewhere:
            return refuse("系统记录您在园区以外继续缴存住房公积金，不符合封存提取条件（须未在园区外继续缴存）",
                          "您可以向现缴存地住房公积金中心申请转移接续")
    voucher = voucher_refusal(ctx, "封存住房公积金提取")
    if voucher:
        return voucher
    if account.balance <= 0:
        return at_counter("您的园区住房公积金账户余额为 0.00 元，没有可提取的余额", ask=True)
    statuses = ctx.fact("institution").card_statuses
    if "normal" not in statuses or not account.citizen_card_bank_account:
        return refuse("提取款项汇至社会保障·市民卡苏州银行账户（或绑定银行卡账户），系统未查询到您正常使用的市民卡"
                      "苏州银行账户", "您可以补办市民卡或开通金融账户后再来办理，或携带相关材料到中心柜面审核办理")
    pending = _pending(ctx, TRANSFER_OUT, SEALED)
    return _pending_refusal(pending, ctx) if pending else None


@ELIGIBILITY.register("sealed_hf_withdrawal")
def sealed_eligible(ctx: ServiceContext) -> Refused | None:
    return sealed_refusal(ctx)


@DETAILS.register("hf_sealed_check")
def sealed_check(ctx: ServiceContext) -> list[tuple[str, str]]:
    """个人基本信息、账户结存信息、资金发放信息."""
    account = _hf(ctx).account
    lines = person_basic(ctx)[:2]
    if account is None:
        return lines
    lines += account_lines(account)
    retired_on = statutory_retirement_date(ctx.person.birth_date, ctx.person.sex)
    if ctx.today >= retired_on:
        lines.append(("提取条件", f"已达到法定退休年龄（{ymd(retired_on)}）"))
    elif account.sealed_on:
        lines.append(("提取条件", f"封存满半年（{ymd(half_year_from(account.sealed_on))} 起），未在本市就业，"
                                  "未在园区外继续缴存"))
    lines.append(("资金发放", _payee(account.citizen_card_bank_account)))
    if account.bound_bank_card:
        lines.append(("绑定银行卡", mask_account(account.bound_bank_card)))
    return lines


@PREFILL.register("hf_hukou_address")
def hukou_address(ctx: ServiceContext) -> str | None:
    account = _hf(ctx).account
    return account.hukou_address if account else None


def bank_card_ok(number: str) -> bool:
    """A bank card number: 16 to 19 digits whose last is the Luhn check digit (ISO/IEC 7812).

    Only the ASCII digits count: str.isdigit() also takes '²' (int() then fails) and Arabic-Indic digits.
    """
    if not re.fullmatch(r"[0-9]{16,19}", number):
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


@OPTIONS.register("hf_payout_methods")
def payout_methods(ctx: ServiceContext, answers: dict) -> list[Option]:
    account = _hf(ctx).account
    card = mask_account(account.citizen_card_bank_account or "") if account else ""
    bound = account.bound_bank_card if account else None
    return [Option(value=CITIZEN_CARD, label=f"社会保障·市民卡苏州银行账户（{card}）" if card else "社会保障·市民卡苏州银行账户"),
            Option(value=BOUND_CARD, label=f"绑定银行卡（{mask_account(bound)}）" if bound else "绑定银行卡")]


@OPTIONS.register("hf_payout_methods:disabled")
def payout_methods_disabled(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    account = _hf(ctx).account
    bound = account.bound_bank_card if account else None
    if not bound:
        return {BOUND_CARD: "未绑定银行卡，可至中心柜面绑定"}
    if not bank_card_ok(bound):
        return {BOUND_CARD: "绑定的银行卡号校验未通过，请至中心柜面更正"}
    return {}


def _payout_account(account: AccountFact | HfAccount, method: str) -> str:
    if method == BOUND_CARD:
        return f"绑定银行卡 {mask_account(account.bound_bank_card or '')}"
    return _payee(account.citizen_card_bank_account)


@PREVIEW.register("sealed_hf_withdrawal")
def sealed_preview(ctx: ServiceContext, answers: dict) -> list[tuple[str, str, bool]]:
    account = _hf(ctx).account
    due = due_date(ctx, SEALED_DAYS)
    out = []
    if account:
        out += [("提取金额", f"{money(account.balance)}（账户余额）", True),
                ("发放账户", _payout_account(account, answers.get("method", CITIZEN_CARD)), True)]
    return out + [("审核期限", f"{SEALED_DAYS} 个工作日内，{due.expected()} 前审核", True)]


@SUBMIT.register("sealed_hf_withdrawal")
def submit_sealed(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    if _locked_pending(tx, ctx.person.id, TRANSFER_OUT, SEALED) is not None:
        return still_pending("您已提交住房公积金转出或封存提取申请", None, ctx.today)
    account = tx.get(HfAccount, ctx.person.id)
    method = answers["method"]
    if account is None or account.status != "sealed" or account.balance <= 0:
        return start_again("您的住房公积金账户信息已变化")
    if method == BOUND_CARD and not (account.bound_bank_card and bank_card_ok(account.bound_bank_card)):
        return refuse("绑定的银行卡号校验未通过",
                      "您可以返回首页重新办理并选择市民卡苏州银行账户，或携带本人身份证到中心柜面更正银行卡号")

    bank = account.bound_bank_card if method == BOUND_CARD else account.citizen_card_bank_account
    due = due_date(ctx, SEALED_DAYS)
    address = answers["hukou_address"].strip()
    tx.add(HfApplication(person_id=ctx.person.id, serial=serial, kind=SEALED, amount=account.balance,
                         submitted_at=ctx.now, due_on=due.day,
                         details={"method": method, "bank_account": bank, "hukou_address": address}))
    lines = (
        ("提取金额", f"{money(account.balance)}（以中心审核时的账户余额为准）"),
        ("发放账户", _payout_account(account, method)),
        ("户籍地址", address),
        ("审核期限", f"{SEALED_DAYS} 个工作日内，{due.expected()} 前审核"),
        ("审核未通过", "中心通过短信或电话联系您，请保持手机畅通"),
    )
    return Decision(status="pending_review", due=due.day, due_estimated=due.estimated, lines=lines,
                    headline=f"提取申请已提交，审核通过后中心将提取金额汇至您选择的账户（{SEALED_DAYS} 个工作日内审核）",
                    audit=f"sealed hf withdrawal {account.balance} to {method}, due {ymd(due.day)}")
