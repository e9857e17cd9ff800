"""Account services: 社保查询密码重置 and 园区掌上医保 APP 申请 (SMS code + payment password)."""

from __future__ import annotations

import math
import re
import secrets
from datetime import timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.services.outcome import Decision, Refused
from kiosk.services.passwords import hash_password, verify_password
from kiosk.services.profile import ServiceContext
from kiosk.services.refusal import at_counter, start_again
from kiosk.services.registry import ACTIONS, ELIGIBILITY, FACTS, FIELD_RULES, STEP_CHECKS, SUBMIT, VERIFY
from kiosk.services.rules.common import voucher
from kiosk.store import journal
from kiosk.store import models as m
from kiosk.store.tables.accounts import MobileMedicalAccount, SmsCode

CODE_LIFETIME = timedelta(minutes=5)  # issue 3: the code expires in 5 minutes
CODE_TRIES = 3
RESEND_AFTER = timedelta(seconds=60)
MOBILE_MEDICAL = "mobile_medical_app"


class AccountFacts(BaseModel):
    model_config = ConfigDict(frozen=True)

    mobile_medical_mobile: str | None = None


@FACTS.register("accounts")
def account_facts(tx: Session, person_id: int) -> AccountFacts:
    account = tx.get(MobileMedicalAccount, person_id)
    return AccountFacts(mobile_medical_mobile=account.mobile if account else None)


# --- passwords --------------------------------------------------------------------------------


def weak_reason(password: str, ctx: ServiceContext) -> str | None:
    """Why a 6-digit password is too easy to guess (issue 3's rules), or None."""
    if len(set(password)) == 1:
        return "密码不能是同一个数字（如 111111）"
    steps = {int(b) - int(a) for a, b in zip(password, password[1:], strict=False)}
    if steps in ({1}, {-1}):
        return "密码不能是连续的数字（如 123456、654321）"
    birth = ctx.person.birth_date
    birth_forms = {f"{birth:%y%m%d}", f"{birth:%m%d%y}", f"{birth:%d%m%y}", ctx.person.id_number[-7:-1],
                   ctx.person.id_number[-6:]}
    if password in birth_forms:
        return "密码不能是您的出生日期或身份证号码的一部分"
    return None


@FIELD_RULES.register("strong_password")
def strong_password(value: str, ctx: ServiceContext) -> str | None:
    return weak_reason(value, ctx) if re.fullmatch(r"\d{6}", value) else None


@STEP_CHECKS.register("query_passwords_match")
def query_passwords_match(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    if answers.get("new_password_again") != answers.get("new_password"):
        return {"new_password_again": "两次输入的密码不一致，请重新输入"}
    return {}


@STEP_CHECKS.register("payment_passwords_match")
def payment_passwords_match(ctx: ServiceContext, answers: dict) -> dict[str, str]:
    if answers.get("payment_password_again") != answers.get("payment_password"):
        return {"payment_password_again": "两次输入的支付密码不一致，请重新输入"}
    return {}


# --- 社保查询密码重置 (SERVICES.md row 28) ---------------------------------------------------


@SUBMIT.register("password_reset")
def submit_password_reset(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    """Sets the new query password and lifts a lockout (log-in was ID card + face, never the password)."""
    cred = tx.get(m.Credential, ctx.person.id, with_for_update=True)
    new_hash = hash_password(answers["new_password"])
    if cred is None:
        tx.add(m.Credential(person_id=ctx.person.id, password_hash=new_hash, updated_at=ctx.now))
    else:
        cred.password_hash, cred.failed_attempts, cred.locked_until, cred.updated_at = new_hash, 0, None, ctx.now
    lines = [("办理结果", "社保和公积金查询密码已重置"), ("生效时间", "立即生效，密码登录已解除锁定")]
    sms = ()
    if ctx.person.mobile:
        sms = ((ctx.person.mobile, f"【苏州工业园区社保中心】您的社保和公积金查询密码已于 {ctx.now:%Y-%m-%d %H:%M} "
                                   f"在自助终端重置。如非本人操作，请立即致电 12333。业务流水号 {serial}。"),)
    return Decision(headline="查询密码已重置，请牢记新密码", lines=tuple(lines),
                    documents=(voucher(ctx, serial, "社保查询密码重置", lines,
                                       footer=("为保护您的信息安全，请勿将密码告诉他人。",)),),
                    sms=sms, audit="query password reset, lockout cleared")


# --- 园区掌上医保 APP 申请（脱卡支付） (SERVICES.md row 27) --------------------------------


@ELIGIBILITY.register("sip_medical_insured")
def sip_medical_insured(ctx: ServiceContext) -> Refused | None:
    """园区社保（公积金）、机关事业单位参保人员: card-free payment needs SIP medical insurance."""
    medical = ctx.profile.insurance("medical")
    if medical is None or medical.status != "normal":
        return at_counter("掌上医保用于园区医疗保险参保人员在指定医院脱卡支付，系统未查询到您正常参加园区医疗保险的记录",
                          ask=True)
    return None


@ACTIONS.register("send_mobile_medical_code")
def send_code(tx: Session, ctx: ServiceContext, answers: dict) -> str:
    """Texts a fresh 6-digit code to the mobile typed; the code is stored hashed only."""
    mobile = answers["mobile"]
    latest = tx.scalars(select(SmsCode).where(SmsCode.person_id == ctx.person.id, SmsCode.purpose == MOBILE_MEDICAL)
                        .order_by(SmsCode.id.desc())).first()
    if latest and latest.mobile == mobile and ctx.now - latest.created_at < RESEND_AFTER:
        wait = math.ceil((RESEND_AFTER - (ctx.now - latest.created_at)).total_seconds())
        return f"验证码已发送，如未收到请 {wait} 秒后再获取"
    code = f"{secrets.randbelow(1_000_000):06d}"
    tx.add(SmsCode(person_id=ctx.person.id, purpose=MOBILE_MEDICAL, mobile=mobile, code_hash=hash_password(code),
                   created_at=ctx.now, expires_at=ctx.now + CODE_LIFETIME, tries_left=CODE_TRIES))
    journal.queue_sms(tx, ctx.now, mobile, f"【苏州工业园区社保中心】您正在申请园区掌上医保，验证码 {code}，"
                                           "5 分钟内有效。请勿告诉他人。", None, ctx.config.kiosk.terminal_id,
                      code=code)
    return f"验证码已发送至 {mobile[:3]}****{mobile[-4:]}，5 分钟内有效"


@VERIFY.register("mobile_medical_code")
def verify_code(tx: Session, ctx: ServiceContext, answers: dict) -> dict[str, str]:
    """The code of the latest text to this mobile: unexpired, at most 3 tries."""
    code = tx.scalars(select(SmsCode).where(
        SmsCode.person_id == ctx.person.id, SmsCode.purpose == MOBILE_MEDICAL, SmsCode.mobile == answers.get("mobile"),
    ).order_by(SmsCode.id.desc())).first()
    if code is None:
        return {"sms_code": "请先点击“获取短信验证码”"}
    if code.verified_at is not None:
        return {}
    if ctx.now >= code.expires_at:
        return {"sms_code": "验证码已过期，请返回上一步重新获取"}
    if code.tries_left <= 0:
        return {"sms_code": "验证码输错次数过多，请返回上一步重新获取"}
    if not verify_password(answers.get("sms_code", ""), code.code_hash):
        code.tries_left -= 1
        if code.tries_left == 0:
            return {"sms_code": "验证码输错次数过多，请返回上一步重新获取"}
        return {"sms_code": f"验证码不正确，还可以再试 {code.tries_left} 次"}
    code.verified_at = ctx.now
    return {}


@SUBMIT.register("mobile_medical_app")
def submit_mobile_medical(tx: Session, ctx: ServiceContext, answers: dict, serial: str) -> Decision | Refused:
    mobile = answers["mobile"]
    verified = tx.scalars(select(SmsCode).where(
        SmsCode.person_id == ctx.person.id, SmsCode.purpose == MOBILE_MEDICAL, SmsCode.mobile == mobile,
        SmsCode.verified_at.is_not(None)).order_by(SmsCode.id.desc())).first()
    # The verified code must be recent: a session cannot reuse an old verification for a new mobile.
    if verified is None or ctx.now - verified.verified_at > 2 * CODE_LIFETIME:
        return start_again("手机号码未通过短信验证")

    account = tx.get(MobileMedicalAccount, ctx.person.id)
    new_hash = hash_password(answers["payment_password"])
    updating = account is not None
    if account is None:
        tx.add(MobileMedicalAccount(person_id=ctx.person.id, mobile=mobile, payment_password_hash=new_hash,
                                    serial=serial, updated_at=ctx.now))
    else:
        account.mobile, account.payment_password_hash, account.serial, account.updated_at = (
            mobile, new_hash, serial, ctx.now)
    masked = f"{mobile[:3]}****{mobile[-4:]}"
    lines = (("绑定手机", masked), ("支付密码", "已设置"), ("用途", "在指定医院就医时脱卡支付"))
    text = (f"【苏州工业园区社保中心】您的园区掌上医保已{'更新' if updating else '开通'}，绑定手机 {masked}。"
            f"请下载园区掌上医保 APP 并用本手机号登录。业务流水号 {serial}。")
    return Decision(headline=f"园区掌上医保已{'更新' if updating else '开通'}，可在指定医院脱卡支付", lines=lines,
                    sms=((mobile, text),), audit="mobile medical app " + ("updated" if updating else "opened"))
