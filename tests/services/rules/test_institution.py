"""The six institution-staff services (rows 15, 22–26): who may use them, the guide's conditions and
their boundaries (calendar year, half a year, working days across National Day), what is stored."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import delete, update

from kiosk.clock import CST
from kiosk.printing.document import Document
from kiosk.services import catalogue, submission
from kiosk.services.outcome import Accepted, Refused
from kiosk.services.profile import ServiceContext, load_profile
from kiosk.services.formatting import add_months, mask_account
from kiosk.services.refusal import COUNTER_CHECK
from kiosk.services.rules.institution import half_year_from, submit_biannual
from kiosk.services.working_days import calendar_from_config
from kiosk.store import models as m
from kiosk.demo.institution import SERVICES
from kiosk.demo.personas import BY_KEY, PERSONAS
from kiosk.store.tables.housing_fund import HfAccount, HfLocalDestination, HfWithdrawal
from kiosk.store.tables.institution import (GovHfTransferIn, GovHfTransferOut, GovMedicalTransferOut,
                                            GovSealedWithdrawal, GovSmsAlert)

if TYPE_CHECKING:
    from ..conftest import Kiosk

DEMO_NOW = datetime(2026, 3, 17, 10, 0, tzinfo=CST)  # the scenario tests' time
CASES = [(p.key, sid) for p in PERSONAS for sid in SERVICES if sid in p.expected]


def _at(kiosk: Kiosk, *args: int) -> None:
    kiosk.clock.set(datetime(*args, tzinfo=CST))


def _days(kiosk: Kiosk, start: date, n: int) -> date:
    return calendar_from_config(kiosk.config).add_working_days(start, n)


def _document(kiosk: Kiosk, serial: str) -> tuple[m.PrintJob, Document]:
    [job] = kiosk.rows(m.PrintJob, serial=serial)
    return job, Document.model_validate(job.document)


def _sql(kiosk: Kiosk, statement) -> None:  # noqa: ANN001
    with kiosk.store.transaction() as tx:
        tx.execute(statement)


def _set_balance(kiosk: Kiosk, key: str, amount: str) -> None:
    _sql(kiosk, update(HfAccount).where(HfAccount.person_id == kiosk.person_id(key)).values(balance=Decimal(amount)))


def _reason(outcome) -> str:  # noqa: ANN001
    assert isinstance(outcome, Refused), outcome
    return outcome.reason


# --- every listed outcome, at the service level -------------------------------------------------


@pytest.mark.parametrize(("key", "service_id"), CASES, ids=[f"{k}-{s}" for k, s in CASES])
def test_every_listed_outcome_holds(kiosk: Kiosk, key: str, service_id: str) -> None:
    kiosk.clock.set(DEMO_NOW)
    outcome = kiosk.run(service_id, key)
    assert outcome.status == BY_KEY[key].expected[service_id].outcome, getattr(outcome, "reason", outcome)


def test_only_institution_staff(kiosk: Kiosk) -> None:
    for service_id in SERVICES:
        assert "仅限机关事业单位参保人员" in _reason(kiosk.open(service_id, "enterprise_employee"))


def test_housing_fund_services_need_an_institution_class_account(kiosk: Kiosk) -> None:
    for service_id in ("gov_hf_transfer_in", "gov_hf_transfer_out", "gov_sealed_hf_withdrawal",
                       "gov_biannual_withdrawal"):
        assert "仅限机关住房公积金缴存职工办理，您的园区住房公积金账户为甲类账户" in _reason(
            kiosk.open(service_id, "gov_hf_class_a"))
    _sql(kiosk, delete(HfAccount).where(HfAccount.person_id == kiosk.person_id("gov_hf_class_a")))
    assert "未查询到您的园区住房公积金账户" in _reason(kiosk.open("gov_hf_transfer_in", "gov_hf_class_a"))


def test_medical_services_need_sip_medical_insurance(kiosk: Kiosk) -> None:
    for service_id in ("gov_sms_alerts", "gov_medical_transfer_out"):
        assert "您的园区医疗保险当前为“已转出”" in _reason(kiosk.open(service_id, "gov_left_city"))


def test_account_numbers_are_masked() -> None:
    assert mask_account("6224800000050201") == "6224********0201"
    assert mask_account("HF00000502") == "HF****0502"
    assert mask_account("320500012345678") == "3205*******5678"


# --- 机关参保人员短信动账提醒 -------------------------------------------------------------------


def test_alerts_open_with_the_reserved_mobile_and_no_sms_code(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("gov_sms_alerts", "institution_staff")
    assert not any(f.kind == "sms_code" for s in wizard.spec.steps for f in s.fields)  # log-in suffices
    assert ("短信动账提醒", "未开通") in [(d.label, d.value) for d in wizard.details(wizard.spec.steps[1])]
    kiosk.walk(wizard)
    assert wizard.answers["alert_mobile"] == "13912345604"
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted) and outcome.status == "completed"
    assert outcome.headline == "短信动账提醒已开通，账户变动将发送至 139****5604"
    [alert] = kiosk.rows(GovSmsAlert, person_id=kiosk.person_id("institution_staff"))
    assert (alert.mobile, alert.serial) == ("13912345604", outcome.serial)
    [sms] = kiosk.rows(m.SmsMessage, serial=outcome.serial)
    assert sms.mobile == "13912345604" and "已开通" in sms.text


def test_alerts_change_texts_the_new_and_the_old_number(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("gov_sms_alerts", "gov_alert_change")
    shown = {d.label: d.value for d in wizard.details(wizard.spec.steps[1])}
    assert shown["短信动账提醒"] == "已开通，接收号码 137****5101（2024-05-10 开通）"
    assert kiosk.walk(wizard, alert_mobile="13700005101") == {
        "alert_mobile": "该号码已是您的短信动账提醒接收号码，无需变更；如需变更，请输入新的手机号码"}
    assert kiosk.walk(wizard, alert_mobile="13811112222") == {}
    assert ("办理事项", "变更接收号码（原号码 137****5101）") in [(r.label, r.value) for r in wizard.review()]
    outcome = kiosk.submit(wizard)
    assert ("原接收号码", "137****5101") in outcome.lines
    texts = {s.mobile: s.text for s in kiosk.rows(m.SmsMessage, serial=outcome.serial)}
    assert set(texts) == {"13811112222", "13700005101"}
    assert "变更为 138****2222" in texts["13700005101"]
    [alert] = kiosk.rows(GovSmsAlert, person_id=kiosk.person_id("gov_alert_change"))
    assert alert.mobile == "13811112222" and alert.opened_at.date() == date(2024, 5, 10)


def test_alerts_same_number_is_refused_at_submission(kiosk: Kiosk) -> None:
    spec = catalogue.get("gov_sms_alerts")
    pid = kiosk.person_id("gov_alert_change")
    wizard = kiosk.wizard("gov_sms_alerts", "gov_alert_change")
    kiosk.walk(wizard, alert_mobile="13811112222")
    _sql(kiosk, update(GovSmsAlert).where(GovSmsAlert.person_id == pid).values(mobile="13811112222"))
    outcome = submission.submit(kiosk.store, spec, pid, wizard.answers, kiosk.clock, kiosk.config)
    assert "无需变更" in _reason(outcome)


# --- 机关医疗保险转出 ---------------------------------------------------------------------------


def test_medical_transfer_prints_the_form_with_the_three_stage_dates(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("gov_medical_transfer_out", "institution_staff")
    kiosk.walk(wizard)
    letter, funds, booked = (_days(kiosk, date(2026, 3, 10), n) for n in (15, 30, 45))
    review = {r.label: r.value for r in wizard.review()}
    assert review["转入地生成联系函并发至中心"] == f"15 个工作日内，{letter:%Y-%m-%d} 前（第 15 个工作日）"
    assert review["中心寄出信息表、划出基金并终止园区医疗关系"] == f"15 个工作日内，{funds:%Y-%m-%d} 前（第 30 个工作日）"
    assert review["办结时限"] == f"45 个工作日，预计 {booked:%Y-%m-%d} 前办结"
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted) and outcome.status == "completed"
    assert outcome.due is None  # a completed business's due date would read as the day money arrives
    assert ("办结时限", f"45 个工作日，预计 {booked:%Y-%m-%d} 前办结") in outcome.lines
    job, doc = _document(kiosk, outcome.serial)
    assert (job.kind, job.title) == ("report", "基本医疗保障参保（合）凭证")
    text = doc.as_text()
    assert f"{letter:%Y-%m-%d} 前" in text and f"{funds:%Y-%m-%d} 前" in text and f"{booked:%Y-%m-%d} 前办结" in text
    assert "累计缴费月数：24 个月" in text and "3205**********" in text
    assert BY_KEY["institution_staff"].id_number not in text
    [row] = kiosk.rows(GovMedicalTransferOut, serial=outcome.serial)
    assert (row.status, row.letter_due, row.funds_due, row.booked_due) == ("in_progress", letter, funds, booked)
    # While it runs, a second application is refused.
    assert "转移接续正在办理中" in _reason(kiosk.open("gov_medical_transfer_out", "institution_staff"))


def test_medical_stages_across_national_day(kiosk: Kiosk) -> None:
    _at(kiosk, 2026, 9, 30, 16, 0)  # the last working day before National Day (1–7 October 2026)
    outcome = kiosk.run("gov_medical_transfer_out", "institution_staff")
    [row] = kiosk.rows(GovMedicalTransferOut, serial=outcome.serial)
    # By hand: 8, 9, 10 (make-up Saturday), 12–16, 19–23, 26, 27 October → the 15th is 27 October.
    assert row.letter_due == date(2026, 10, 27)
    assert (row.funds_due, row.booked_due) == (date(2026, 11, 17), date(2026, 12, 8))
    assert row.booked_due == _days(kiosk, date(2026, 9, 30), 45)


def test_medical_in_progress_reason_says_when_the_expected_date_has_passed(kiosk: Kiosk) -> None:
    refused = kiosk.open("gov_medical_transfer_out", "gov_local_transfer")  # applied 2025-12-30
    assert "2025-12-30" in refused.reason and refused.temporary
    assert "凭证遗失的，可携带本人身份证到中心柜面补打" in refused.next_step
    assert f"预计 {_days(kiosk, date(2025, 12, 30), 45):%Y-%m-%d} 前办结" in refused.next_step  # 10 March is today
    _at(kiosk, 2026, 3, 17, 10, 0)
    assert "已过" in kiosk.open("gov_medical_transfer_out", "gov_local_transfer").next_step


# --- 机关住房公积金转入（大市外） ---------------------------------------------------------------

_IN = {"from_centre": "南京住房公积金管理中心", "old_account": "3201009876543210", "old_employer": "南京市某设计院"}


def test_transfer_in_is_pending_with_each_stage_dated_across_national_day(kiosk: Kiosk) -> None:
    _at(kiosk, 2026, 9, 30, 10, 0)
    wizard = kiosk.wizard("gov_hf_transfer_in", "institution_staff")
    kiosk.walk(wizard, **_IN)
    review = {r.label: r.value for r in wizard.review()}
    # By hand: 8 Oct (1), 9 Oct (2), Saturday 10 Oct is a make-up working day (3); then 12–16 Oct (8);
    # then 19, 20, 21 Oct (11).
    assert review["中心生成联系函并上传全国转移接续平台"] == "3 个工作日内，2026-10-10 前（第 3 个工作日）"
    assert review["转出地中心上传账户信息表并划转资金"] == "5 个工作日内，2026-10-16 前（第 8 个工作日）"
    assert review["办结期限"] == "11 个工作日内，预计 2026-10-21 前办结"
    assert review["原住房公积金账号"] == "3201009876543210"  # the resident checks what was typed
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted) and outcome.status == "pending_review"
    assert outcome.due == date(2026, 10, 21) == _days(kiosk, date(2026, 9, 30), 11)
    assert ("原公积金账号", "3201********3210") in outcome.lines
    [row] = kiosk.rows(GovHfTransferIn, serial=outcome.serial)
    assert (row.status, row.from_centre, row.old_account, row.old_employer, row.mobile) == (
        "pending", "南京住房公积金管理中心", "3201009876543210", "南京市某设计院", "13912345604")
    assert (row.letter_due, row.transfer_due, row.due_on) == (date(2026, 10, 10), date(2026, 10, 16),
                                                              date(2026, 10, 21))
    [sub] = kiosk.rows(m.Submission, serial=outcome.serial)
    assert (sub.status, sub.due_date) == ("pending_review", date(2026, 10, 21))
    assert "请勿重复提交" in _reason(kiosk.open("gov_hf_transfer_in", "institution_staff"))


@pytest.mark.parametrize(("field", "value", "error"), [
    ("from_centre", "苏州市住房公积金管理中心", "苏州大市以外"),
    ("from_centre", "昆山市住房公积金管理中心", "苏州大市以外"),
    ("from_centre", "南京", "全称"),
    ("old_account", "12345", "6 至 20 位数字"),
    ("old_employer", "某单位", "全称"),
])
def test_transfer_in_fields(kiosk: Kiosk, field: str, value: str, error: str) -> None:
    wizard = kiosk.wizard("gov_hf_transfer_in", "institution_staff")
    errors = kiosk.walk(wizard, **{**_IN, field: value})
    assert error in errors[field]


def test_transfer_in_takes_any_centre_outside_suzhou_city(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("gov_hf_transfer_in", "institution_staff")
    assert kiosk.walk(wizard, **{**_IN, "from_centre": "成都住房公积金管理中心高新区分中心"}) == {}


def test_transfer_in_needs_a_normal_account(kiosk: Kiosk) -> None:
    assert "当前为封存状态" in _reason(kiosk.open("gov_hf_transfer_in", "gov_left_city"))


# --- 机关住房公积金转出（至大市内） -------------------------------------------------------------


def test_transfer_out_shows_the_generated_destination_masked(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("gov_hf_transfer_out", "gov_local_transfer")
    shown = {d.label: d.value for d in wizard.details(wizard.spec.steps[1])}
    assert shown["转入地"] == "苏州市姑苏区" and shown["转入地中心"] == "苏州市住房公积金管理中心"
    assert shown["转入地公积金账号"] == "3205*******5678" and shown["转入地缴存单位"] == "苏州市姑苏区某事业单位"
    assert shown["可转出余额"] == "52,360.80 元"
    kiosk.walk(wizard)
    review = {r.label: r.value for r in wizard.review()}
    assert review["转出金额"] == "52,360.80 元（账户余额）"
    assert review["办结期限"] == f"5 个工作日内，预计 {_days(kiosk, date(2026, 3, 10), 5):%Y-%m-%d} 前办结"
    outcome = kiosk.submit(wizard)
    assert outcome.status == "pending_review" and outcome.due == date(2026, 3, 17)
    [row] = kiosk.rows(GovHfTransferOut, serial=outcome.serial)
    assert (row.place, row.account_number, row.amount, row.status) == (
        "gusu", "320500012345678", Decimal("52360.80"), "pending")
    # The balance is committed: neither a second transfer nor a withdrawal may take it.
    assert "请勿重复提交" in _reason(kiosk.open("gov_hf_transfer_out", "gov_local_transfer"))


def test_transfer_out_refused_without_a_destination(kiosk: Kiosk) -> None:
    reason = _reason(kiosk.open("gov_hf_transfer_out", "institution_staff"))
    assert reason.startswith("系统未查询到您在苏州大市内转入地的住房公积金缴存信息")


def test_transfer_out_refused_when_the_destination_goes_before_submission(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("gov_hf_transfer_out", "gov_local_transfer")
    kiosk.walk(wizard)
    _sql(kiosk, delete(HfLocalDestination).where(HfLocalDestination.person_id == kiosk.person_id("gov_local_transfer")))
    assert "未查询到您在苏州大市内转入地" in _reason(kiosk.submit(wizard))
    assert kiosk.rows(GovHfTransferOut, person_id=kiosk.person_id("gov_local_transfer")) == []


def test_transfer_out_needs_a_sealed_account_with_a_balance(kiosk: Kiosk) -> None:
    assert "需由原单位为您办理个人账户封存" in _reason(kiosk.open("gov_hf_transfer_out", "gov_out_not_sealed"))
    _set_balance(kiosk, "gov_local_transfer", "0.00")
    assert "余额为 0.00 元" in _reason(kiosk.open("gov_hf_transfer_out", "gov_local_transfer"))


# --- 机关住房公积金封存提取 ---------------------------------------------------------------------


def test_sealed_withdrawal_pays_the_balance_to_the_citizen_card(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("gov_sealed_hf_withdrawal", "gov_left_city")
    payout = {d.label: d.value for d in wizard.details(next(s for s in wizard.spec.steps if s.key == "payout"))}
    assert payout == {"收款人": "郑宇航", "发放银行": "苏州银行", "账户类型": "社会保障·市民卡金融账户",
                      "银行账号": "6224********0201"}
    assert kiosk.walk(wizard) == {}
    assert wizard.answers["declaration"] is True
    outcome = kiosk.submit(wizard)
    assert outcome.status == "pending_review" and outcome.due == _days(kiosk, date(2026, 3, 10), 5)
    [row] = kiosk.rows(GovSealedWithdrawal, serial=outcome.serial)
    assert (row.amount, row.bank_account, row.status) == (Decimal("68420.35"), "6224800000050201", "pending")
    assert ("发放账户", "苏州银行 6224********0201（社会保障·市民卡）") in outcome.lines
    assert "请勿重复提交" in _reason(kiosk.open("gov_sealed_hf_withdrawal", "gov_left_city"))


@pytest.mark.parametrize(("now", "outcome"), [
    ((2026, 7, 19, 23, 59), "refused"),  # six months less a day
    ((2026, 7, 20, 0, 0), "pending_review"),  # exactly six months: sealed 2026-01-20
])
def test_sealed_half_a_year_is_the_corresponding_day_six_months_on(kiosk: Kiosk, now: tuple, outcome: str) -> None:
    _at(kiosk, *now)
    result = kiosk.run("gov_sealed_hf_withdrawal", "gov_sealed_recent")
    assert result.status == outcome
    if outcome == "refused":
        assert result.reason == "您的住房公积金账户于 2026-01-20 封存，须封存满半年方可办理销户提取"
        assert (result.next_step, result.heading) == ("您可以于 2026 年 7 月 20 日起再来办理", "暂时无法办理")


def test_half_year_at_a_month_end() -> None:
    assert half_year_from(date(2025, 8, 31)) == date(2026, 2, 28)
    assert half_year_from(date(2025, 9, 17)) == date(2026, 3, 17)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)


@pytest.mark.parametrize(("now", "says"), [
    ((2026, 7, 4, 12, 0), "继续缴存住房公积金，不符合销户提取条件"),
    ((2026, 7, 5, 9, 0), "稳定缴存半年以上，应办理异地转移接续手续"),
])
def test_contributing_elsewhere_refuses_then_sends_to_the_transfer(kiosk: Kiosk, now: tuple, says: str) -> None:
    _at(kiosk, *now)
    assert says in _reason(kiosk.open("gov_sealed_hf_withdrawal", "gov_outside_new"))


@pytest.mark.parametrize(("key", "says"), [
    ("institution_staff", "先由单位办理个人账户封存"),
    ("gov_local_transfer", "仅限外地户籍职工"),
    ("gov_out_pending", "已在苏州大市范围内正常就业"),
    ("gov_outside_stable", "应办理异地转移接续手续"),
])
def test_sealed_withdrawal_refusals(kiosk: Kiosk, key: str, says: str) -> None:
    assert says in _reason(kiosk.open("gov_sealed_hf_withdrawal", key))


def test_sealed_withdrawal_with_a_lost_card_or_nothing_left(kiosk: Kiosk) -> None:
    pid = kiosk.person_id("gov_left_city")
    _sql(kiosk, update(m.CitizenCard).where(m.CitizenCard.person_id == pid).values(status="lost"))
    assert "市民卡校验不通过：您的社会保障·市民卡已挂失或停用" in _reason(
        kiosk.open("gov_sealed_hf_withdrawal", "gov_left_city"))
    _sql(kiosk, update(m.CitizenCard).where(m.CitizenCard.person_id == pid).values(status="normal"))
    _set_balance(kiosk, "gov_left_city", "0.00")
    assert "余额为 0.00 元" in _reason(kiosk.open("gov_sealed_hf_withdrawal", "gov_left_city"))


# --- 机关住房还贷一年两次提取支出 ---------------------------------------------------------------


def test_biannual_withdraws_the_balance_and_prints_the_report(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("gov_biannual_withdrawal", "gov_biannual")
    loan = {d.label: d.value for d in wizard.details(wizard.spec.steps[1])}
    assert loan["借款人"] == "主借款人（本人）" and loan["2026 年已提取"] == "0 次（每个自然年度可提取两次）"
    kiosk.walk(wizard)
    review = {r.label: r.value for r in wizard.review()}
    assert review == {"本次提取": "2026 年第 1 次", "提取金额": "48,600.00 元（账户余额）",
                      "发放账户": "苏州银行 6224********1301（社会保障·市民卡）"}
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted) and outcome.status == "completed"
    pid = kiosk.person_id("gov_biannual")
    [withdrawal] = kiosk.rows(HfWithdrawal, serial=outcome.serial)
    assert (withdrawal.kind, withdrawal.amount, withdrawal.person_id) == ("gov_biannual", Decimal("48600.00"), pid)
    [account] = kiosk.rows(HfAccount, person_id=pid)
    assert account.balance == Decimal("0.00")
    job, doc = _document(kiosk, outcome.serial)
    assert (job.kind, job.title) == ("report", "机关住房公积金还贷一年两次提取报表")
    text = doc.as_text()
    assert "提取金额：48,600.00 元" in text and "2026 年第 1 次" in text and "6224800000051301" not in text


def test_biannual_twice_a_year_then_the_third_is_refused(kiosk: Kiosk) -> None:
    for number in (1, 2):
        outcome = kiosk.run("gov_biannual_withdrawal", "gov_biannual")
        assert outcome.status == "completed" and f"2026 年第 {number} 次" in outcome.headline
        _set_balance(kiosk, "gov_biannual", "3600.00")  # a month's deposit comes in
        kiosk.clock.advance(days=30)
    refused = kiosk.run("gov_biannual_withdrawal", "gov_biannual")
    assert refused == Refused(reason="机关住房公积金还贷一年两次提取每个自然年度可提取两次，您 2026 年已于 2026-03-10、"
                                     "2026-04-09 提取两次", next_step="您可以于 2027 年 1 月 1 日起再来办理",
                              temporary=True)



@pytest.mark.parametrize(("now", "outcome"), [
    ((2025, 12, 31, 23, 59), "refused"),  # 2025 already had two (30 June and 31 December)
    ((2026, 1, 1, 0, 0), "completed"),  # the first of 2026
])
def test_biannual_counts_by_calendar_year(kiosk: Kiosk, now: tuple, outcome: str) -> None:
    _at(kiosk, *now)
    result = kiosk.run("gov_biannual_withdrawal", "gov_biannual")
    assert result.status == outcome
    if outcome == "refused":
        assert "您 2025 年已于 2025-06-30、2025-12-31 提取两次" in result.reason
        assert result.next_step == "您可以于 2026 年 1 月 1 日起再来办理" and result.temporary
    else:
        assert "2026 年第 1 次" in result.headline


def test_biannual_count_is_read_under_the_lock_not_from_the_opening_snapshot(kiosk: Kiosk) -> None:
    pid = kiosk.person_id("gov_biannual")
    with kiosk.store.transaction() as tx:
        stale = ServiceContext(load_profile(tx, pid), kiosk.clock.now(), kiosk.config)
    # Meanwhile another kiosk made both of this year's withdrawals.
    with kiosk.store.transaction() as tx:
        for day in (5, 6):
            tx.add(HfWithdrawal(person_id=pid, serial=f"YW202603{day:02d}00200001", kind="gov_biannual",
                                amount=Decimal("100.00"), created_at=datetime(2026, 3, day, 9, 0, tzinfo=CST)))
    with kiosk.store.transaction() as tx:
        decision = submit_biannual(tx, stale, {}, "YW2026031000100099")
    assert isinstance(decision, Refused) and "2026-03-05、2026-03-06 提取两次" in decision.reason
    assert len(kiosk.rows(HfWithdrawal, person_id=pid)) == 4


@pytest.mark.parametrize(("key", "says"), [
    ("gov_out_not_sealed", "不是该笔贷款的主借款人"),
    ("gov_out_pending", "苏州市住房公积金贷款"),
    ("gov_outside_stable", "商业贷款"),
    ("gov_outside_new", "园区住房公积金贷款信息校验不通过：您的园区住房公积金贷款（DK000005070）已于 2025-11-28 结清"),
    ("gov_alert_change", "市民卡校验不通过：系统未查询到您社会保障·市民卡的苏州银行金融账户"),
])
def test_biannual_counter_cases_of_the_guide(kiosk: Kiosk, key: str, says: str) -> None:
    refused = kiosk.open("gov_biannual_withdrawal", key)
    assert says in refused.reason and refused.next_step == COUNTER_CHECK and not refused.temporary


def test_biannual_with_a_lost_citizen_card(kiosk: Kiosk) -> None:
    _sql(kiosk, update(m.CitizenCard).where(m.CitizenCard.person_id == kiosk.person_id("gov_biannual"))
         .values(status="lost"))
    refused = kiosk.open("gov_biannual_withdrawal", "gov_biannual")
    assert refused.reason == "市民卡校验不通过：您的社会保障·市民卡已挂失或停用，无法向市民卡苏州银行账户发放"
    assert refused.next_step == COUNTER_CHECK



def test_biannual_needs_the_qualification_and_a_balance(kiosk: Kiosk) -> None:
    assert "主借款人须先至中心办理妥该套房一年两次提取资格" in _reason(
        kiosk.open("gov_biannual_withdrawal", "institution_staff"))
    assert "余额为 0.00 元" in _reason(kiosk.open("gov_biannual_withdrawal", "gov_biannual_empty"))
