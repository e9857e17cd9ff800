"""Remote medical cancellation (row 5) and the resident-medical one-off withdrawal (row 6)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from kiosk.clock import CST
from kiosk.printing.document import Document
from kiosk.services.outcome import Accepted, Refused
from kiosk.services.profile import ServiceContext, load_profile
from kiosk.services.refusal import COUNTER_ASK
from kiosk.services.rules.medical_more import ResidentMedicalFacts
from kiosk.store import models as m
from kiosk.store.tables.medical import (RemoteMedicalCancellation, ResidentMedicalAccount,
                                        ResidentMedicalWithdrawal)

if TYPE_CHECKING:
    from ..conftest import Kiosk

CANCEL = "remote_medical_cancel"
WITHDRAW = "resident_medical_withdrawal"
NO_REGISTRATION = Refused(reason="未查询到您有效的异地就医登记备案（已撤销或已到期的登记无需撤销）",
                          next_step="您可以返回首页，在“医疗保险”类别中点击“异地就医登记”办理（需要在异地就医的）",
                          instead="remote_medical_register")
NOT_RESIDENT = Refused(reason="本业务仅限园区居民医保参保人员办理，系统未查询到您的居民医保个人账户", next_step=COUNTER_ASK)
NO_GROUNDS = Refused(reason="居民医保一次性提取仅限已办理企业职工退休审批或已办理转出的居民医保参保人员，"
                            "系统未查询到您的退休审批或转出记录",
                     next_step="您可以携带本人身份证到中心柜面咨询退休审批或转出手续，办妥后再来提取")


def _field(wizard, key: str):  # noqa: ANN001, ANN202
    return next(f for f in wizard.fields() if f.key == key)


# --- 异地就医登记撤销 ---------------------------------------------------------------------------


def test_details_show_the_registration_to_cancel(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard(CANCEL, "remote_registered")
    assert [s.key for s in wizard.steps] == ["notice", "registration", "review"]
    assert wizard.spec.submit_label == "确认撤销"
    details = {line.label: line.value for line in wizard.details(wizard.spec.steps[1])}
    assert details == {
        "姓名": "李桂芳", "证件号码": "3205**********6821", "登记类型": "异地安置退休人员", "就医地": "苏州市昆山市",
        "居住地址": "昆山市前进中路 88 号 2 幢 302 室", "联系手机": "139****5606",
        "开始日期": "2025-12-01", "结束日期": "2027-12-31"}
    assert kiosk.walk(wizard) == {} and wizard.at_review
    review = {line.label: line.value for line in wizard.review()}
    assert review["撤销的登记"] == "苏州市昆山市，2025-12-01 至 2027-12-31"
    assert review["短信通知"] == "办理结果将发送至 139****5606"


def test_cancel_keeps_the_row_as_cancelled_and_texts_the_result(kiosk: Kiosk) -> None:
    outcome = kiosk.run(CANCEL, "remote_registered")
    assert isinstance(outcome, Accepted) and outcome.status == "completed"
    assert outcome.headline == "异地就医登记已撤销，结果将以短信通知您"
    assert outcome.effective == "2026-03-10" and outcome.due is None and outcome.printed == ()
    assert ("原有效期", "2025-12-01 至 2027-12-31") in outcome.lines
    pid = kiosk.person_id("remote_registered")
    [reg] = kiosk.rows(m.RemoteMedicalRegistration, person_id=pid)  # kept, not deleted
    assert reg.status == "cancelled" and reg.end_date == date(2027, 12, 31)
    [cancellation] = kiosk.rows(RemoteMedicalCancellation, person_id=pid)
    assert (cancellation.registration_id, cancellation.serial, cancellation.cancelled_at) == (
        reg.id, outcome.serial, datetime(2026, 3, 10, 10, 0, tzinfo=CST))
    [sms] = kiosk.rows(m.SmsMessage, serial=outcome.serial)
    assert sms.mobile == "13912345606" and sms.status == "queued"
    assert "已于 2026-03-10 撤销" in sms.text and "苏州市昆山市" in sms.text and outcome.serial in sms.text
    assert [a.action for a in kiosk.rows(m.AuditEntry, person_id=pid)] == ["submitted"]


def test_sms_goes_to_the_registrations_contact_mobile(kiosk: Kiosk) -> None:
    registered = kiosk.run("remote_medical_register", "enterprise_employee", contact_mobile="13700002222")
    assert isinstance(registered, Accepted)
    kiosk.clock.advance(minutes=3)
    outcome = kiosk.run(CANCEL, "enterprise_employee")
    assert isinstance(outcome, Accepted)
    [sms] = kiosk.rows(m.SmsMessage, serial=outcome.serial)
    assert sms.mobile == "13700002222"  # not the person's own 13912345603


def test_after_cancelling_registration_opens_again_and_cancel_closes(kiosk: Kiosk) -> None:
    assert isinstance(kiosk.open("remote_medical_register", "remote_registered"), Refused)
    assert isinstance(kiosk.run(CANCEL, "remote_registered"), Accepted)
    kiosk.clock.advance(minutes=2)
    assert kiosk.open(CANCEL, "remote_registered") == NO_REGISTRATION  # nothing left to cancel
    again = kiosk.run("remote_medical_register", "remote_registered", place="taicang")
    assert isinstance(again, Accepted)
    pid = kiosk.person_id("remote_registered")
    assert sorted(r.status for r in kiosk.rows(m.RemoteMedicalRegistration, person_id=pid)) == [
        "active", "cancelled"]
    assert isinstance(kiosk.open(CANCEL, "remote_registered"), ServiceContext)  # the new one can be cancelled


def test_registration_ending_today_can_be_cancelled_ending_yesterday_cannot(kiosk: Kiosk) -> None:
    kiosk.clock.set(datetime(2027, 12, 31, 23, 59, tzinfo=CST))  # the last day of the seeded registration
    assert isinstance(kiosk.open(CANCEL, "remote_registered"), ServiceContext)
    kiosk.clock.set(datetime(2028, 1, 1, 0, 0, tzinfo=CST))  # it ended yesterday
    assert kiosk.open(CANCEL, "remote_registered") == NO_REGISTRATION


def test_ended_and_cancelled_registrations_cannot_be_cancelled(kiosk: Kiosk) -> None:
    pid = kiosk.person_id("remote_lapsed")
    assert sorted((r.status, r.end_date) for r in kiosk.rows(m.RemoteMedicalRegistration, person_id=pid)) == [
        ("active", date(2025, 12, 31)), ("cancelled", date(2027, 2, 28))]
    assert kiosk.open(CANCEL, "remote_lapsed") == NO_REGISTRATION
    assert isinstance(kiosk.run("remote_medical_register", "remote_lapsed"), Accepted)


@pytest.mark.parametrize("key", ["flex_normal", "enterprise_employee", "no_sip_record", "resident_retiree"])
def test_without_a_registration_is_refused(kiosk: Kiosk, key: str) -> None:
    assert kiosk.open(CANCEL, key) == NO_REGISTRATION


def test_two_kiosks_cancelling_at_once_cancel_once(kiosk: Kiosk) -> None:
    first, second = kiosk.wizard(CANCEL, "remote_registered"), kiosk.wizard(CANCEL, "remote_registered")
    kiosk.walk(first)
    kiosk.walk(second)
    assert isinstance(kiosk.submit(first), Accepted)
    assert kiosk.submit(second) == NO_REGISTRATION  # re-checked against fresh data
    assert len(kiosk.rows(RemoteMedicalCancellation)) == 1
    assert len(kiosk.rows(m.SmsMessage)) == 1


# --- 居民医保一次性提取 -------------------------------------------------------------------------


def test_account_details_and_the_steps(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard(WITHDRAW, "resident_retiree")
    assert [s.key for s in wizard.steps] == ["notice", "account", "type_step", "payout_step", "mobile_step",
                                             "review"]
    assert wizard.spec.submit_label == "确认提取" and wizard.spec.outputs == ("receipt",)
    details = {line.label: line.value for line in wizard.details(wizard.spec.steps[1])}
    assert details == {"姓名": "孙美华", "证件号码": "3205**********9026", "人员类别": "居民医保参保人员（退休）",
                       "企业职工退休审批": "已办理（2025-10-15）", "居民医保转出": "未办理",
                       "个人账户余额": "3,268.45 元"}


@pytest.mark.parametrize(("key", "open_type", "closed"), [
    ("resident_retiree", "retirement",
     {"transfer_out": "系统未查询到您的居民医保转出记录，不能选择转出一次性提取"}),
    ("resident_transferred", "transfer_out",
     {"retirement": "系统未查询到您的企业职工退休审批记录，不能选择退休一次性提取"}),
])
def test_only_the_type_that_applies_is_enabled(kiosk: Kiosk, key: str, open_type: str, closed: dict) -> None:
    wizard = kiosk.wizard(WITHDRAW, key)
    kiosk.walk(wizard, until="withdrawal_type")
    field = _field(wizard, "withdrawal_type")
    assert [(o.value, o.label) for o in wizard.options(field)] == [
        ("retirement", "退休一次性提取"), ("transfer_out", "转出一次性提取")]
    assert wizard.disabled_options(field) == closed
    [(wrong, reason)] = closed.items()
    assert wizard.next({"withdrawal_type": wrong}) == {"withdrawal_type": reason}
    assert wizard.next({"withdrawal_type": open_type}) == {}


def test_other_bank_card_only_when_the_centre_holds_one(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard(WITHDRAW, "resident_retiree")
    kiosk.walk(wizard, until="payout_method")
    field = _field(wizard, "payout_method")
    assert [o.label for o in wizard.options(field)] == ["社会保障·市民卡银行账户", "本人其他银行卡"]
    assert wizard.next({"payout_method": "bound_card"}) == {"payout_method": (
        "中心未登记您本人的其他银行卡，自助终端不能录入卡号；如需发放到其他银行卡，请携本人身份证和银行卡至中心柜面办理")}

    wizard = kiosk.wizard(WITHDRAW, "resident_transferred")
    kiosk.walk(wizard, until="payout_method")
    field = _field(wizard, "payout_method")
    assert wizard.disabled_options(field) == {}
    assert [o.label for o in wizard.options(field)] == [
        "社会保障·市民卡银行账户", "本人其他银行卡（中国银行，尾号 5678）"]  # never the full card number
    assert kiosk.walk(wizard, payout_method="bound_card") == {}
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted)
    assert ("发放方式", "本人其他银行卡（中国银行，尾号 5678）") in outcome.lines
    [row] = kiosk.rows(ResidentMedicalWithdrawal, serial=outcome.serial)
    assert (row.withdrawal_type, row.payout_method) == ("transfer_out", "bound_card")


def test_withdrawal_pays_the_balance_with_arrival_in_5_working_days(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard(WITHDRAW, "resident_retiree")
    assert kiosk.walk(wizard, mobile="13700001111") == {}
    review = {line.label: line.value for line in wizard.review()}
    assert review["提取金额"] == "3,268.45 元" and review["手机号码"] == "137****1111"
    assert review["预计到账日期"] == "2026-03-17（5 个工作日内）"  # Tue 10 March + 5 working days
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted) and outcome.status == "completed"
    assert outcome.due == date(2026, 3, 17)
    assert outcome.headline == "居民医保一次性提取已办结，提取金额 3,268.45 元，预计 2026-03-17 前到账"
    assert ("联系手机", "137****1111") in outcome.lines and outcome.sms_count == 0

    pid = kiosk.person_id("resident_retiree")
    [row] = kiosk.rows(ResidentMedicalWithdrawal, person_id=pid)
    assert isinstance(row.amount, Decimal) and row.amount == Decimal("3268.45")
    assert (row.serial, row.withdrawal_type, row.payout_method, row.mobile, row.expected_arrival) == (
        outcome.serial, "retirement", "citizen_card", "13700001111", date(2026, 3, 17))
    [account] = kiosk.rows(ResidentMedicalAccount, person_id=pid)
    assert account.balance == Decimal("0.00") and account.withdrawn_at == datetime(2026, 3, 10, 10, tzinfo=CST)
    [submitted] = kiosk.rows(m.Submission, serial=outcome.serial)
    assert submitted.due_date == date(2026, 3, 17) and submitted.status == "completed"
    assert submitted.answers == {"withdrawal_type": "retirement", "payout_method": "citizen_card",
                                 "mobile": "13700001111"}

    [job] = kiosk.rows(m.PrintJob, serial=outcome.serial)
    text = Document.model_validate(job.document).as_text()
    assert job.kind == "receipt" and "业务办结凭证" in text and "居民医保一次性提取" in text
    assert "提取金额：3,268.45 元" in text and "预计到账日期：2026-03-17" in text
    assert "3205**********9026" in text and "320571197003099026" not in text


def test_arrival_skips_the_national_day_holiday(kiosk: Kiosk) -> None:
    # 2026: 1–7 October off, Saturday 10 October a make-up working day.
    kiosk.clock.set(datetime(2026, 9, 30, 15, 0, tzinfo=CST))
    outcome = kiosk.run(WITHDRAW, "resident_transferred")
    assert isinstance(outcome, Accepted) and outcome.due == date(2026, 10, 13)
    [row] = kiosk.rows(ResidentMedicalWithdrawal, serial=outcome.serial)
    assert row.expected_arrival == date(2026, 10, 13)


def test_a_second_withdrawal_is_refused(kiosk: Kiosk) -> None:
    first, second = kiosk.wizard(WITHDRAW, "resident_retiree"), kiosk.wizard(WITHDRAW, "resident_retiree")
    kiosk.walk(first)
    kiosk.walk(second)
    assert isinstance(kiosk.submit(first), Accepted)
    already = Refused(reason="您的居民医保个人账户余额已于 2026-03-10 一次性提取，不能重复提取", next_step=COUNTER_ASK)
    assert kiosk.submit(second) == already  # the kiosk opened before the first one saved
    kiosk.clock.advance(minutes=5)
    assert kiosk.open(WITHDRAW, "resident_retiree") == already
    assert len(kiosk.rows(ResidentMedicalWithdrawal)) == 1


def test_seeded_withdrawal_is_refused(kiosk: Kiosk) -> None:
    assert kiosk.open(WITHDRAW, "resident_withdrawn") == Refused(
        reason="您的居民医保个人账户余额已于 2025-06-03 一次性提取，不能重复提取", next_step=COUNTER_ASK)


def test_resident_without_retirement_approval_or_transfer_out_is_refused(kiosk: Kiosk) -> None:
    assert kiosk.open(WITHDRAW, "resident_insured") == NO_GROUNDS


def test_approval_counts_from_its_own_day(kiosk: Kiosk) -> None:
    kiosk.clock.set(datetime(2025, 10, 14, 16, 0, tzinfo=CST))  # the day before the approval
    assert kiosk.open(WITHDRAW, "resident_retiree") == NO_GROUNDS
    kiosk.clock.set(datetime(2025, 10, 15, 9, 0, tzinfo=CST))
    assert isinstance(kiosk.open(WITHDRAW, "resident_retiree"), ServiceContext)


@pytest.mark.parametrize("key", ["flex_normal", "enterprise_employee", "institution_staff", "remote_registered"])
def test_not_resident_medical_is_refused(kiosk: Kiosk, key: str) -> None:
    assert kiosk.open(WITHDRAW, key) == NOT_RESIDENT


def test_empty_account_is_refused(kiosk: Kiosk) -> None:
    pid = kiosk.person_id("resident_retiree")
    with kiosk.store.transaction() as tx:
        tx.get(ResidentMedicalAccount, pid).balance = Decimal("0.00")
    assert kiosk.open(WITHDRAW, "resident_retiree") == Refused(
        reason="您的居民医保个人账户余额为 0.00 元，没有可提取的金额", next_step=COUNTER_ASK)



@pytest.mark.parametrize("mobile", ["12345678901", "1391234567", "139123456789", "139-1234-567", "电话号码"])
def test_mobile_is_validated(kiosk: Kiosk, mobile: str) -> None:
    wizard = kiosk.wizard(WITHDRAW, "resident_retiree")
    kiosk.walk(wizard, until="mobile")
    assert wizard.answers["mobile"] == "13912345901"  # prefilled with the person's own
    assert wizard.next({"mobile": mobile}) == {"mobile": "手机号码应为 11 位数字，以 1 开头"}
    assert not wizard.at_review
    assert wizard.next({"mobile": "19912345678"}) == {}
    assert wizard.at_review


def test_facts_without_an_account(kiosk: Kiosk) -> None:
    with kiosk.store.transaction() as tx:  # every domain (the cancellation itself needs none)
        profile = load_profile(tx, kiosk.person_id("remote_registered"))
    assert profile.fact("resident_medical") == ResidentMedicalFacts(account=None)
