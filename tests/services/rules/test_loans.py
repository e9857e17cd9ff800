"""The loan services (rows 10–13): remote-loan certificate, the two plan stops, the interest subsidy."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from pydantic import ValidationError

from kiosk.clock import CST
from kiosk.config import SubsidySection
from kiosk.printing.document import Document
from kiosk.services.loan_math import schedule
from kiosk.services.outcome import Accepted, Refused
from kiosk.services.profile import ServiceContext
from kiosk.services.refusal import COUNTER_DO, no_need
from kiosk.services.registry import SUBMIT
from kiosk.services.rules.housing_fund_facts import LoanFact, RepaymentFact
from kiosk.services.formatting import add_months, mask_account
from kiosk.services.rules.loans import (SubsidyYear, assess_subsidy, certificate_valid_until, subsidy_period)
from kiosk.store import models as m
from kiosk.demo.loans import CENTRES
from kiosk.store.tables.housing_fund import HousePlan
from kiosk.store.tables.loans import InterestSubsidyClaim, RemoteLoanCentre, RemoteLoanCertificate

if TYPE_CHECKING:
    from ..conftest import Kiosk

CERT = "hf_remote_loan_certificate"
AMORT = "commercial_amortization_stop"
BIANN = "commercial_biannual_stop"
SUBSIDY = "hf_interest_subsidy"


def _at(kiosk: Kiosk, *args: int) -> None:
    kiosk.clock.set(datetime(*args, tzinfo=CST))


def _report(kiosk: Kiosk, serial: str) -> Document:
    [job] = kiosk.rows(m.PrintJob, serial=serial)
    return Document.model_validate(job.document)


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("issued", "last_valid_day"), [
    (date(2026, 3, 17), date(2026, 5, 17)),
    (date(2026, 12, 31), date(2027, 2, 28)),  # no 31 February: the month's last day (民法典 第二百零二条)
    (date(2026, 12, 29), date(2027, 2, 28)),
    (date(2027, 12, 31), date(2028, 2, 29)),  # a leap year
    (date(2026, 1, 31), date(2026, 3, 31)),
    (date(2026, 11, 30), date(2027, 1, 30)),
])
def test_certificate_is_valid_two_months_to_the_corresponding_day(issued: date, last_valid_day: date) -> None:
    assert certificate_valid_until(issued) == last_valid_day


def test_subsidy_period_is_the_three_years_from_disbursement() -> None:
    assert subsidy_period(date(2024, 5, 20)) == (date(2024, 5, 20), date(2027, 5, 19))
    assert subsidy_period(date(2024, 2, 29)) == (date(2024, 2, 29), date(2027, 2, 27))
    assert subsidy_period(date(2023, 12, 31)) == (date(2023, 12, 31), date(2026, 12, 30))
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_account_numbers_are_masked() -> None:
    assert mask_account("HF00000103") == "HF****0103"
    assert mask_account("123456") == "1*****"  # a short number shows only its first character


def test_subsidy_window_must_be_real_days_in_order() -> None:
    assert (SubsidySection().window_start, SubsidySection().window_end) == ("01-01", "06-30")
    assert SubsidySection(window_start="02-29").window_start == "02-29"
    for bad in ({"window_start": "02-30"}, {"window_end": "6-30"}, {"window_start": "07-01"}):
        with pytest.raises(ValidationError):
            SubsidySection(**bad)


# --- 异地贷款资格证明开具 ------------------------------------------------------------------------


def test_certificate_details_and_centres(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard(CERT, "enterprise_employee")
    details = {line.label: line.value for line in wizard.details(wizard.spec.steps[1])}
    assert details == {
        "姓名": "陈志强", "证件号码": "3205**********3516", "公积金账号": "HF****0103", "账户类别": "甲类",
        "账户状态": "正常缴存", "缴存单位": "苏州星湖精密制造有限公司", "缴存至": "2026 年 2 月",
        "月缴存额": "2,400.00 元", "累计缴存": "38 个月", "账户余额": "86,520.00 元"}
    options = wizard.options(wizard.spec.field("centre"))
    assert [o.label for o in options] == [name for _, name, _ in CENTRES] + ["其他（手工输入）"]
    assert [s.key for s in wizard.steps] == ["notice", "contributions", "centre_step", "review"]


def test_certificate_for_a_listed_centre(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard(CERT, "enterprise_employee")
    assert kiosk.walk(wizard, centre="hangzhou") == {}
    review = {line.label: line.value for line in wizard.review()}
    assert review["出具给"] == "杭州住房公积金管理中心"
    assert review["有效期"] == "2026-03-10 至 2026-05-10（2 个月）"
    assert review["反映缴存至"] == "2026 年 2 月"
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted) and outcome.status == "completed"
    assert outcome.headline == "异地贷款资格证明已开具，有效期至 2026-05-10，请在下方出纸口取走证明"
    [row] = kiosk.rows(RemoteLoanCertificate, person_id=kiosk.person_id("enterprise_employee"))
    assert (row.serial, row.centre_name, row.issued_on, row.issued_month, row.valid_until) == (
        outcome.serial, "杭州住房公积金管理中心", date(2026, 3, 10), "2026-03", date(2026, 5, 10))
    assert (row.latest_paid_month, row.monthly_deposit, row.months_contributed, row.balance) == (
        "2026-02", Decimal("2400.00"), 38, Decimal("86520.00"))
    doc = _report(kiosk, outcome.serial)
    assert doc.kind == "report" and doc.title == "异地贷款职工住房公积金缴存使用证明"
    text = doc.as_text()
    for line in ("杭州住房公积金管理中心：", "截至 2026 年 2 月的缴存情况如下", "公积金账号：HF****0103",
                 "缴存至：2026 年 2 月", "月缴存额：2,400.00 元", "累计缴存：38 个月", "账户余额：86,520.00 元",
                 "本证明自开具之日起 2 个月内有效：2026-03-10 至 2026-05-10。", "住房公积金贷款：无未结清的住房公积金贷款"):
        assert line in text, line
    # Addressed to the lending centre: the full ID number (so it can match the person), account masked.
    assert "证件号码：320571198508203516" in text and "兹证明 陈志强（证件号码 320571198508203516）" in text
    assert "HF00000103" not in text
    assert doc.qr_text and "320571198508203516" not in doc.qr_text  # signed A4 document, its code masked
    assert all("320571198508203516" not in value for _, value in outcome.lines)


def test_typed_centre_must_be_a_full_name_outside_suzhou_city(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard(CERT, "institution_staff")
    assert kiosk.walk(wizard, until="centre") == {}
    assert wizard.next({"centre": "other"}) == {}
    assert wizard.step.key == "centre_name_step"
    assert "苏州大市范围内的住房公积金中心无需开具" in wizard.next({"centre_name": "昆山市住房公积金管理中心"})["centre_name"]
    assert wizard.next({"centre_name": "常州公积金"}) == {
        "centre_name": "请填写贷款地住房公积金管理中心的全称，例如：常州市住房公积金管理中心"}
    assert wizard.next({"centre_name": "  常州市住房公积金管理中心 "}) == {}
    assert wizard.at_review
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted)
    [row] = kiosk.rows(RemoteLoanCertificate, serial=outcome.serial)
    assert row.centre_name == "常州市住房公积金管理中心"
    assert "常州市住房公积金管理中心：" in _report(kiosk, outcome.serial).as_text()
    assert "账户类别：机关住房公积金" in _report(kiosk, outcome.serial).as_text()


def test_going_back_to_a_listed_centre_drops_the_typed_name(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard(CERT, "enterprise_employee")
    kiosk.walk(wizard, until="centre")
    wizard.next({"centre": "other"})
    wizard.next({"centre_name": "常州市住房公积金管理中心"})
    wizard.back()
    wizard.back()
    assert wizard.step.key == "centre_step"
    wizard.next({"centre": "wuxi"})
    assert wizard.at_review and "centre_name" not in wizard.answers
    outcome = kiosk.submit(wizard)
    assert kiosk.rows(RemoteLoanCertificate, serial=outcome.serial)[0].centre_name == "无锡市住房公积金管理中心"


def test_second_certificate_in_a_month_is_refused_the_first_of_next_month_allowed(kiosk: Kiosk) -> None:
    _at(kiosk, 2026, 3, 1, 0, 0)
    assert isinstance(kiosk.run(CERT, "enterprise_employee"), Accepted)
    _at(kiosk, 2026, 3, 31, 23, 59)
    refused = kiosk.open(CERT, "enterprise_employee")
    assert isinstance(refused, Refused)
    assert refused.reason == (
        "同一参保人在一个自然月内只能开具一次异地贷款资格证明。您已于 2026-03-01 开具（出具给上海市公积金管理中心，"
        "有效期至 2026-05-01），请使用该证明")
    assert refused.next_step == "您可以于 2026 年 4 月 1 日起再来办理（本月已开具的证明在有效期内可以继续使用）"
    assert refused.heading == "暂时无法办理"
    _at(kiosk, 2026, 4, 1, 0, 0)
    outcome = kiosk.run(CERT, "enterprise_employee")
    assert isinstance(outcome, Accepted)
    rows = kiosk.rows(RemoteLoanCertificate, person_id=kiosk.person_id("enterprise_employee"))
    assert [r.issued_month for r in rows] == ["2026-03", "2026-04"]


def test_two_kiosks_at_once_issue_one_certificate(kiosk: Kiosk) -> None:
    first, second = kiosk.wizard(CERT, "enterprise_employee"), kiosk.wizard(CERT, "enterprise_employee")
    kiosk.walk(first)
    kiosk.walk(second)
    assert isinstance(kiosk.submit(first), Accepted)
    kiosk.clock.advance(minutes=1)
    refused = kiosk.submit(second)
    assert isinstance(refused, Refused) and "一个自然月内只能开具一次" in refused.reason
    assert len(kiosk.rows(RemoteLoanCertificate, person_id=kiosk.person_id("enterprise_employee"))) == 1


def test_the_submit_handler_checks_the_month_itself_under_the_lock(kiosk: Kiosk) -> None:
    # A snapshot taken before the other kiosk's certificate passes eligibility; the handler,
    # reading the store after locking the person's row, still refuses.
    stale = kiosk.open(CERT, "enterprise_employee")
    assert isinstance(kiosk.run(CERT, "enterprise_employee"), Accepted)
    with kiosk.store.transaction() as tx:
        refused = SUBMIT.resolve("remote_loan_certificate")(tx, stale, {"centre": "nanjing"}, "YW-TEST")
    assert isinstance(refused, Refused) and "一个自然月内只能开具一次" in refused.reason


def test_certificate_issued_on_new_years_eve_is_valid_to_the_end_of_february(kiosk: Kiosk) -> None:
    _at(kiosk, 2026, 12, 31, 16, 0)
    outcome = kiosk.run(CERT, "plans_stopped")  # 乙类
    assert isinstance(outcome, Accepted)
    assert ("有效期", "2026-12-31 至 2027-02-28") in outcome.lines
    text = _report(kiosk, outcome.serial).as_text()
    assert "2026-12-31 至 2027-02-28" in text and "账户类别：乙类" in text
    _at(kiosk, 2027, 1, 1, 8, 0)
    assert isinstance(kiosk.run(CERT, "plans_stopped"), Accepted)  # a new calendar month


@pytest.mark.parametrize(("persona", "reason"), [
    ("flex_normal", "未查询到您在园区缴存住房公积金的账户"),
    ("hf_temporary", "仅限缴存园区住房公积金的甲乙类职工和机关住房公积金缴存职工开具，您的住房公积金账户为临时缴费账户"),
    ("sealed_old_loan", "您的住房公积金账户当前为封存状态（2025-06-30 起），不是正常缴存"),
    ("issued_and_claimed", "您已于 2026-03-02 开具（出具给南京住房公积金管理中心，有效期至 2026-05-02）"),
])
def test_certificate_refusals_say_why(kiosk: Kiosk, persona: str, reason: str) -> None:
    refused = kiosk.open(CERT, persona)
    assert isinstance(refused, Refused) and reason in refused.reason


def test_the_seed_writes_the_centres_once_and_the_earlier_certificate(kiosk: Kiosk) -> None:
    assert [c.name for c in sorted(kiosk.rows(RemoteLoanCentre), key=lambda c: c.sort)] == [n for _, n, _ in CENTRES]
    [cert] = kiosk.rows(RemoteLoanCertificate, person_id=kiosk.person_id("issued_and_claimed"))
    assert (cert.issued_on, cert.valid_until, cert.months_contributed) == (date(2026, 3, 2), date(2026, 5, 2), 38)


# --- 商贷主动摊还计划终止 / 商贷还贷一年两次提取计划终止 -------------------------------------------


def _plan(kiosk: Kiosk, person: str, house_id: str, kind: str) -> HousePlan:
    [plan] = kiosk.rows(HousePlan, person_id=kiosk.person_id(person), house_id=house_id, kind=kind)
    return plan


def test_amortization_stop_offers_the_commercial_plan_and_greys_the_housing_fund_one(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard(AMORT, "commercial_plans")
    assert [s.key for s in wizard.steps] == ["tips", "plan_step", "reason_step", "review"]
    assert "住房公积金贷款主动摊还计划不允许线上终止" in wizard.spec.steps[0].text
    commercial = _plan(kiosk, "commercial_plans", "H-XD-1502", "amortization")
    housing_fund = _plan(kiosk, "commercial_plans", "H-ZY-0301", "amortization")
    field = wizard.spec.field("plan")
    assert [(o.value, o.label) for o in wizard.options(field)] == [
        (str(commercial.id), "苏州工业园区现代大道 88 号 5 幢 1502 室（商业贷款，2021-10-01 起）"),
        (str(housing_fund.id), "苏州工业园区钟园路 66 号 2 幢 301 室（园区住房公积金贷款，2017-07-01 起）")]
    assert wizard.disabled_options(field) == {
        str(housing_fund.id): "住房公积金贷款主动摊还计划不允许线上终止，请至中心柜面办理"}
    assert wizard.answers["plan"] == str(commercial.id)  # the only plan that can be stopped
    wizard.advance()
    assert wizard.next({"plan": str(housing_fund.id)}) == {
        "plan": "住房公积金贷款主动摊还计划不允许线上终止，请至中心柜面办理"}
    assert wizard.next({"plan": str(commercial.id)}) == {}
    assert wizard.next({"reason": "personal"}) == {}
    review = {line.label: line.value for line in wizard.review()}
    assert review["终止原因"] == "个人原因"
    assert review["终止后"] == "不得再以该套房办理每月还贷申请，终止后不能恢复"


def test_amortization_stop_stops_the_plan_and_bars_the_house(kiosk: Kiosk) -> None:
    outcome = kiosk.run(AMORT, "commercial_plans", reason="settled")
    assert isinstance(outcome, Accepted) and outcome.status == "completed"
    assert outcome.headline == "商业贷款主动摊还计划已终止，请取走业务办结凭证"
    assert outcome.effective == "2026-03-10"
    plan = _plan(kiosk, "commercial_plans", "H-XD-1502", "amortization")
    assert (plan.status, plan.stopped_on, plan.stop_reason, plan.barred) == (
        "stopped", date(2026, 3, 10), "贷款已结清", True)
    other = _plan(kiosk, "commercial_plans", "H-ZY-0301", "amortization")
    assert (other.status, other.barred) == ("active", False)
    assert _plan(kiosk, "commercial_plans", "H-DSH-0602", "biannual").status == "active"
    [job] = kiosk.rows(m.PrintJob, serial=outcome.serial)
    text = Document.model_validate(job.document).as_text()
    assert job.kind == "receipt" and "业务办结凭证" in text and "业务名称：商贷主动摊还计划终止" in text
    assert "该套房屋：已终止，不得再以该套房办理每月还贷申请" in text
    assert "房屋：苏州工业园区现代大道 88 号 5 幢 1502 室" in text and "终止原因：贷款已结清" in text
    again = kiosk.open(AMORT, "commercial_plans")
    assert isinstance(again, Refused)
    assert again == Refused(reason="住房公积金贷款主动摊还计划不允许线上终止", next_step=COUNTER_DO)


def test_biannual_stop_bars_the_house_from_a_new_twice_a_year_plan(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard(BIANN, "commercial_plans")
    assert "苏州大市内的住房公积金贷款还贷一年两次提取不允许线上终止" in wizard.spec.steps[0].text
    outcome = kiosk.run(BIANN, "commercial_plans", reason="personal")
    assert isinstance(outcome, Accepted)
    plan = _plan(kiosk, "commercial_plans", "H-DSH-0602", "biannual")
    assert (plan.status, plan.stop_reason, plan.barred) == ("stopped", "个人原因", True)
    text = Document.model_validate(kiosk.rows(m.PrintJob, serial=outcome.serial)[0].document).as_text()
    assert "该套房屋：已终止，不得再以该套房重新申请还贷一年两次提取" in text
    again = kiosk.open(BIANN, "commercial_plans")
    assert again.reason == ("您的商业贷款还贷一年两次提取计划已于 2026-03-10 终止，无需重复办理"
                            "（终止后不得再以该套房重新申请还贷一年两次提取）")


def test_housing_fund_loan_plans_are_not_stopped_online(kiosk: Kiosk) -> None:
    assert kiosk.open(AMORT, "hf_loan_plans") == Refused(
        reason="住房公积金贷款主动摊还计划不允许线上终止", next_step=COUNTER_DO)
    assert kiosk.open(BIANN, "hf_loan_plans") == Refused(
        reason="苏州大市内的住房公积金贷款还贷一年两次提取不允许线上终止", next_step=COUNTER_DO)


def test_a_forged_housing_fund_plan_is_refused_at_submission(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard(AMORT, "commercial_plans")
    kiosk.walk(wizard)
    wizard.answers["plan"] = str(_plan(kiosk, "commercial_plans", "H-ZY-0301", "amortization").id)
    refused = kiosk.submit(wizard)
    assert isinstance(refused, Refused) and "住房公积金贷款主动摊还计划不允许线上终止" in refused.reason
    assert _plan(kiosk, "commercial_plans", "H-ZY-0301", "amortization").status == "active"


def test_a_plan_stopped_meanwhile_is_not_stopped_twice(kiosk: Kiosk) -> None:
    first, second = kiosk.wizard(BIANN, "commercial_plans"), kiosk.wizard(BIANN, "commercial_plans")
    kiosk.walk(first)
    kiosk.walk(second)
    assert isinstance(kiosk.submit(first), Accepted)
    refused = kiosk.submit(second)
    assert isinstance(refused, Refused) and "已于 2026-03-10 终止，无需重复办理" in refused.reason


@pytest.mark.parametrize(("service", "persona", "reason"), [
    (AMORT, "enterprise_employee", "未查询到您正在执行的商业贷款主动摊还计划，无需办理终止"),
    (BIANN, "enterprise_employee", "未查询到您正在执行的商业贷款还贷一年两次提取计划，无需办理终止"),
    (AMORT, "plans_stopped", "您的商业贷款主动摊还计划已于 2025-12-05 终止，无需重复办理"
                             "（终止后不得再以该套房办理每月还贷申请）"),
])
def test_plan_stop_refusals(kiosk: Kiosk, service: str, persona: str, reason: str) -> None:
    assert kiosk.open(service, persona) == no_need(reason)


# --- 中低收入家庭住房公积金贷款贴息 ----------------------------------------------------------------


def _interest(disbursed_on: date, principal: str, rate: str, months: int, first: date, last: date) -> Decimal:
    plan = schedule(Decimal(principal), Decimal(rate), months, disbursed_on)
    return sum((i.interest for i in plan if first <= i.due_on <= last), Decimal("0.00"))


def test_subsidy_for_last_years_interest(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard(SUBSIDY, "subsidy_family")
    assert [s.key for s in wizard.steps] == ["notice", "loan", "review"]
    interest = _interest(date(2024, 5, 20), "300000.00", "0.0285", 240, date(2025, 1, 1), date(2025, 12, 31))
    details = {line.label: line.value for line in wizard.details(wizard.spec.steps[1])}
    assert details["贴息期限"] == "2024-05-20 至 2027-05-19（自贷款发放之日起三年）"
    assert details["申请贴息年度"] == "2025 年度"
    assert details["该年度还款"] == "12 期，均按期足额偿还"
    assert details["该年度已还利息"] == f"{interest:,.2f} 元" == "8,214.15 元"
    outcome = kiosk.run(SUBSIDY, "subsidy_family")
    assert isinstance(outcome, Accepted) and outcome.status == "completed"
    assert outcome.headline == "2025 年度贷款贴息申请已递交，请在下方出纸口取走报表"
    [claim] = kiosk.rows(InterestSubsidyClaim, person_id=kiosk.person_id("subsidy_family"))
    assert (claim.serial, claim.covered_year, claim.period_start, claim.period_end, claim.instalments,
            claim.interest) == (outcome.serial, 2025, date(2024, 5, 20), date(2027, 5, 19), 12, interest)
    doc = _report(kiosk, outcome.serial)
    assert doc.title == "中低收入家庭住房公积金贷款贴息申请表" and doc.kind == "report"
    table = doc.sections[1].table
    assert [r[0] for r in table.rows] == [str(p) for p in range(8, 20)]
    assert table.rows[0][1] == "2025-01-20" and table.rows[-1][1] == "2025-12-20"
    text = doc.as_text()
    assert "该年度已还利息：8,214.15 元" in text and "申请贴息年度：2025 年度" in text
    assert "贴息期限：2024-05-20 至 2027-05-19" in text
    assert "320571197907081400" not in text and "3205**********1400" in text
    assert "贷款编号：DK*****6070" in text and "DK000006070" not in text


def test_one_claim_a_year_and_the_next_year_claims_again(kiosk: Kiosk) -> None:
    assert isinstance(kiosk.run(SUBSIDY, "subsidy_family"), Accepted)
    refused = kiosk.open(SUBSIDY, "subsidy_family")
    assert isinstance(refused, Refused)
    assert refused.reason.startswith("您已于 2026-03-10 申请 2025 年度的贷款贴息（业务流水号 YW20260310")
    assert refused.reason.endswith("每年只能申请一次") and refused.temporary
    assert isinstance(kiosk.open(SUBSIDY, "issued_and_claimed"), Refused)


def test_two_kiosks_at_once_record_one_claim(kiosk: Kiosk) -> None:
    first, second = kiosk.wizard(SUBSIDY, "subsidy_family"), kiosk.wizard(SUBSIDY, "subsidy_family")
    kiosk.walk(first)
    kiosk.walk(second)
    assert isinstance(kiosk.submit(first), Accepted)
    refused = kiosk.submit(second)
    assert isinstance(refused, Refused) and "每年只能申请一次" in refused.reason
    assert len(kiosk.rows(InterestSubsidyClaim)) == 2  # hers and the seeded one of issued_and_claimed


def test_the_subsidy_handler_checks_the_year_itself_under_the_lock(kiosk: Kiosk) -> None:
    stale = kiosk.open(SUBSIDY, "subsidy_family")
    assert isinstance(kiosk.run(SUBSIDY, "subsidy_family"), Accepted)
    with kiosk.store.transaction() as tx:
        refused = SUBMIT.resolve("hf_interest_subsidy")(tx, stale, {}, "YW-TEST")
    assert isinstance(refused, Refused) and "每年只能申请一次" in refused.reason


@pytest.mark.parametrize(("when", "open_"), [
    ((2026, 1, 1, 0, 0), True),
    ((2026, 6, 30, 23, 59), True),
    ((2026, 7, 1, 0, 0), False),
    ((2026, 12, 31, 12, 0), False),
])
def test_subsidy_is_accepted_in_the_first_half_of_the_year(kiosk: Kiosk, when: tuple, open_: bool) -> None:
    _at(kiosk, *when)
    opened = kiosk.open(SUBSIDY, "subsidy_family")
    if open_:
        assert isinstance(opened, ServiceContext)
        return
    assert opened.reason == ("中低收入家庭住房公积金贷款贴息每年 1 月 1 日至 6 月 30 日受理（以园区公积金中心网站通知为准），"
                             "2026 年的受理期已于 6 月 30 日结束，逾期视为自动放弃")
    assert opened.next_step == "您可以留意园区公积金中心网站通知，在 2027 年的受理期内申请"


def test_subsidy_window_comes_from_config(kiosk: Kiosk) -> None:
    later = dataclasses.replace(kiosk, config=kiosk.config.model_copy(
        update={"subsidy": SubsidySection(window_start="03-15", window_end="05-31")}))
    _at(later, 2026, 3, 14, 23, 59)
    assert later.open(SUBSIDY, "subsidy_family").reason == (
        "中低收入家庭住房公积金贷款贴息每年 3 月 15 日至 5 月 31 日受理（以园区公积金中心网站通知为准），"
        "2026 年的受理期尚未开始")
    assert later.open(SUBSIDY, "subsidy_family").next_step == "您可以于 2026 年 3 月 15 日起再来办理"
    _at(later, 2026, 3, 15, 0, 0)
    assert isinstance(later.run(SUBSIDY, "subsidy_family"), Accepted)


@pytest.mark.parametrize(("persona", "reason"), [
    ("enterprise_employee", "系统未查询到您作为主借款人的园区住房公积金贷款"),
    ("commercial_plans", "所购房屋不是政府保障性住房或未认定为中低收入家庭，不能申请贴息"),
    ("sealed_old_loan", "贷款还贷贴息期限为自公积金贷款发放之日起的三年内（2021-03-10 至 2024-03-09），贴息期限已满"),
    ("subsidy_new_loan", "您的贷款于 2026-01-08 发放，2026 年度的贴息须于 2027 年的受理期内申请"),
    ("subsidy_overdue", "2025 年度有逾期还款（第 15 期，应还日 2025-08-20，逾期 12 天），未按期足额偿还住房公积金贷款"),
    ("subsidy_unpaid", "2025 年度第 12 期尚未还款"),
    ("issued_and_claimed", "您已于 2026-02-10 申请 2025 年度的贷款贴息（业务流水号 YS2026021000000007）"),
])
def test_subsidy_refusals_say_why(kiosk: Kiosk, persona: str, reason: str) -> None:
    refused = kiosk.open(SUBSIDY, persona)
    assert isinstance(refused, Refused) and reason in refused.reason


def _with_loan(ctx: ServiceContext, now: datetime, disbursed_on: date, *, paid_until: date,
               overdue: dict[int, int] | None = None, **loan: object) -> ServiceContext:
    """`ctx` with one subsidised SIP loan repaid per its schedule up to `paid_until`."""
    overdue = overdue or {}
    plan = schedule(Decimal("300000.00"), Decimal("0.0285"), 240, disbursed_on)
    repayments = tuple(RepaymentFact(period=i.period, due_on=i.due_on,
                                     paid_on=i.due_on + timedelta(days=overdue.get(i.period, 0)),
                                     principal=i.principal, interest=i.interest,
                                     overdue_days=overdue.get(i.period, 0))
                       for i in plan if i.due_on <= paid_until)
    fact = LoanFact(id=1, loan_number="DK-T", lender="sip_hf", combined=False, main_borrower=True, house_id="H",
                    house_address="苏州工业园区湖东安居苑 1 幢 101 室", subsidised_housing=True, low_income_family=True,
                    principal=Decimal("300000.00"), annual_rate=Decimal("0.0285"), term_months=240,
                    disbursed_on=disbursed_on, status="repaying", settled_on=None, repayments=repayments)
    fact = fact.model_copy(update=loan)
    hf = ctx.fact("housing_fund").model_copy(update={"loans": (fact,)})
    profile = ctx.profile.model_copy(update={"facts": {**ctx.profile.facts, "housing_fund": hf}})
    return ServiceContext(profile, now, ctx.config)


def _assess(kiosk: Kiosk, now: datetime, disbursed_on: date, **kwargs: object) -> SubsidyYear | str:
    """The claim, or the reason it is refused."""
    ctx = kiosk.open(CERT, "enterprise_employee")  # any person with no loan of their own
    found = assess_subsidy(_with_loan(ctx, now, disbursed_on, **kwargs))
    return found.reason if isinstance(found, Refused) else found


def test_subsidy_years_at_the_three_year_edge(kiosk: Kiosk) -> None:
    disbursed = date(2024, 5, 20)
    paid = date(2030, 1, 1)
    march = lambda year: datetime(year, 3, 1, 10, 0, tzinfo=CST)  # noqa: E731
    assert "2024 年度的贴息须于 2025 年的受理期内申请" in _assess(kiosk, march(2024), disbursed, paid_until=paid)
    first = _assess(kiosk, march(2025), disbursed, paid_until=paid)  # 2024: June to December
    assert [r.due_on for r in first.repayments][0] == date(2024, 6, 20) and len(first.repayments) == 7
    full = _assess(kiosk, march(2027), disbursed, paid_until=paid)
    assert full.covered_year == 2026 and len(full.repayments) == 12
    last = _assess(kiosk, march(2028), disbursed, paid_until=paid)  # 2027 up to 19 May
    assert [r.due_on for r in last.repayments] == [date(2027, m, 20) for m in (1, 2, 3, 4)]  # not 20 May
    assert last.interest == _interest(disbursed, "300000.00", "0.0285", 240, date(2027, 1, 1), date(2027, 5, 19))
    assert "贴息期限已满" in _assess(kiosk, march(2029), disbursed, paid_until=paid)


def test_a_period_ending_before_the_years_last_instalment(kiosk: Kiosk) -> None:
    # Disbursed on 31 December: the period ends on 30 December three years on, the day before the
    # instalment of 31 December 2026, so that year counts 11 instalments.
    last = _assess(kiosk, datetime(2027, 2, 1, tzinfo=CST), date(2023, 12, 31), paid_until=date(2027, 1, 31))
    assert last.covered_year == 2026 and len(last.repayments) == 11
    assert last.repayments[-1].due_on == date(2026, 11, 30)
    # Disbursed 10 January 2023: its period ended 9 January 2026, before that month's instalment.
    none = _assess(kiosk, datetime(2027, 2, 1, tzinfo=CST), date(2023, 1, 10), paid_until=date(2027, 1, 31))
    assert "没有属于贴息期限（2023-01-10 至 2026-01-09）内的还款" in none


def test_only_the_claimed_years_overdue_repayments_count(kiosk: Kiosk) -> None:
    now = datetime(2026, 3, 1, tzinfo=CST)
    # Period 5 fell due on 2024-10-20 (late); 2025 is claimed and was repaid on time.
    assert isinstance(_assess(kiosk, now, date(2024, 5, 20), paid_until=date(2026, 2, 28), overdue={5: 3}),
                      SubsidyYear)
    late = _assess(kiosk, now, date(2024, 5, 20), paid_until=date(2026, 2, 28), overdue={19: 1})
    assert "第 19 期，应还日 2025-12-20，逾期 1 天" in late


def test_a_loan_settled_early_needs_no_later_instalments(kiosk: Kiosk) -> None:
    now = datetime(2026, 3, 1, tzinfo=CST)
    unpaid = _assess(kiosk, now, date(2024, 5, 20), paid_until=date(2025, 6, 30))
    assert "2025 年度第 14 期尚未还款" in unpaid
    settled = _assess(kiosk, now, date(2024, 5, 20), paid_until=date(2025, 6, 30), status="settled",
                      settled_on=date(2025, 7, 5))
    assert isinstance(settled, SubsidyYear) and len(settled.repayments) == 6


def test_the_main_borrower_claims(kiosk: Kiosk) -> None:
    ctx = kiosk.open(CERT, "enterprise_employee")
    co = _with_loan(ctx, datetime(2026, 3, 1, tzinfo=CST), date(2024, 5, 20), paid_until=date(2026, 2, 28),
                    main_borrower=False)
    assert assess_subsidy(co) == Refused(reason="贷款贴息由贷款的主借款人申请", next_step="您可以请主借款人本人登录办理")

