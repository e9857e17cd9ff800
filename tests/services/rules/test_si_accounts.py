"""Flexible-employment suspension (row 2), paper statement opt-out and resume (row 16), SI transfer-out
voucher reprint (row 18) and the temporary-account upgrade (row 21)."""

from __future__ import annotations

from kiosk.services.idnumber import mask
from kiosk.demo.personas import BY_KEY

from datetime import date, datetime
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import delete, select

from kiosk.clock import CST
from kiosk.printing.document import Document
from kiosk.services import catalogue, submission
from kiosk.services.outcome import Accepted, Refused
from kiosk.services.profile import ServiceContext
from kiosk.services.refusal import COUNTER_ASK, start_again
from kiosk.services.rules.si_accounts import (first_application_day, paper_window_refusal, period_span,
                                              statement_period)
from kiosk.services.working_days import calendar_from_config
from kiosk.store import models as m
from kiosk.store.tables.social_insurance import (PaperStatementSubscription, SiTransferVoucher,
                                                 TempAccountUpgrade, TempContributionAccount)

if TYPE_CHECKING:
    from ..conftest import Kiosk


def _at(kiosk: Kiosk, *args: int) -> None:
    kiosk.clock.set(datetime(*args, tzinfo=CST))


def _document(kiosk: Kiosk, serial: str) -> tuple[m.PrintJob, Document]:
    [job] = kiosk.rows(m.PrintJob, serial=serial)
    return job, Document.model_validate(job.document)


def _submit(kiosk: Kiosk, service_id: str, key: str, answers: dict):  # noqa: ANN202
    return submission.submit(kiosk.store, catalogue.get(service_id), kiosk.person_id(key), answers, kiosk.clock,
                             kiosk.config)


# --- 灵活就业人员中断参保 -----------------------------------------------------------------------


@pytest.mark.parametrize(("now", "month", "label"), [
    ((2026, 3, 17, 23, 59), "2026-03", "2026 年 3 月"),
    ((2026, 3, 18, 0, 0), "2026-04", "2026 年 4 月"),
    ((2026, 12, 17, 12, 0), "2026-12", "2026 年 12 月"),
    ((2026, 12, 18, 0, 0), "2027-01", "2027 年 1 月"),
])
def test_contributions_stop_this_month_before_the_deduction_day_else_next(kiosk: Kiosk, now: tuple, month: str,
                                                                         label: str) -> None:
    _at(kiosk, *now)
    outcome = kiosk.run("flex_suspend", "flex_normal")
    assert isinstance(outcome, Accepted) and outcome.status == "completed"
    assert outcome.effective == month
    assert outcome.headline == f"灵活就业参保已中断，自 {label} 起停止缴费"
    assert ("停止缴费月份", f"自 {label} 起不再扣缴") in outcome.lines


def test_suspension_stops_contributions_and_prints_a_voucher(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("flex_suspend", "flex_normal")
    assert [s.key for s in wizard.steps] == ["notice", "current", "review"]
    assert wizard.spec.submit_label == "确认终止"  # the guide: 点击终止按钮
    kiosk.walk(wizard)
    review = {x.label: x.value for x in wizard.review()}
    assert review == {"停止缴费月份": "自 2026 年 3 月 起不再扣缴", "中断后参保状态": "暂停缴费"}
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted)
    pid = kiosk.person_id("flex_normal")
    [enrolment] = kiosk.rows(m.FlexEnrolment, person_id=pid)
    assert enrolment.status == "suspended"
    [person] = kiosk.rows(m.Person, id=pid)
    assert person.insured_status == "suspended"
    assert {(i.kind, i.status) for i in kiosk.rows(m.Insurance, person_id=pid)} == {
        ("pension", "suspended"), ("medical", "suspended")}
    job, doc = _document(kiosk, outcome.serial)
    assert (job.kind, job.title) == ("receipt", "业务办结凭证")
    text = doc.as_text()
    for line in ("业务名称：灵活就业人员中断参保", "原套餐档次：", "停止缴费月份：自 2026 年 3 月 起不再扣缴",
                 "参保状态：暂停缴费", "3205**********131X"):
        assert line in text
    assert BY_KEY["flex_normal"].id_number not in text
    # Once suspended, neither a second suspension nor a grade change is possible.
    assert isinstance(kiosk.open("flex_suspend", "flex_normal"), Refused)
    assert isinstance(kiosk.open("flex_contribution_change", "flex_normal"), Refused)


@pytest.mark.parametrize(("key", "reason"), [
    ("flex_suspended", "您的灵活就业参保当前不是正常缴费状态（已中断或暂停缴费），无需办理中断参保"),
    ("enterprise_employee", "本业务仅限园区灵活就业参保人员办理，系统未查询到您的灵活就业参保记录"),
    ("institution_staff", "本业务仅限园区灵活就业参保人员办理，系统未查询到您的灵活就业参保记录"),
])
def test_who_may_not_suspend_is_refused_at_opening(kiosk: Kiosk, key: str, reason: str) -> None:
    assert kiosk.open("flex_suspend", key) == Refused(reason=reason, next_step=COUNTER_ASK)


# --- 个人纸质权益单退订（及恢复订阅） ------------------------------------------------------------


@pytest.mark.parametrize(("day", "period"), [
    (date(2019, 7, 1), "202006"),  # the guide's example: 202006 = 2019-07-01 .. 2020-06-30
    (date(2020, 6, 30), "202006"),
    (date(2025, 7, 1), "202606"),
    (date(2025, 12, 31), "202606"),
    (date(2026, 1, 1), "202606"),
    (date(2026, 3, 17), "202606"),
    (date(2026, 6, 30), "202606"),
    (date(2026, 7, 1), "202706"),
    (date(2027, 6, 30), "202706"),
])
def test_statement_period(day: date, period: str) -> None:
    assert statement_period(day) == period
    first, last = period_span(period)
    assert first <= day <= last


def test_period_span() -> None:
    assert period_span("202006") == (date(2019, 7, 1), date(2020, 6, 30))
    assert period_span("202606") == (date(2025, 7, 1), date(2026, 6, 30))


@pytest.mark.parametrize(("day", "opens"), [
    (date(2026, 1, 1), None),
    (date(2026, 6, 30), None),
    (date(2026, 7, 1), 2027),
    (date(2026, 12, 31), 2027),
    (date(2025, 12, 31), 2026),
    (date(2027, 1, 1), None),
])
def test_the_window_is_1_january_to_30_june(day: date, opens: int | None) -> None:
    reason = paper_window_refusal(day)
    if opens is None:
        assert reason is None
    else:
        assert reason == Refused(reason="纸质权益单退订和恢复订阅只能在每年 1 月 1 日至 6 月 30 日办理",
                                 next_step=f"您可以于 {opens} 年 1 月 1 日起再来办理", temporary=True)


@pytest.mark.parametrize(("now", "opens"), [
    ((2026, 6, 30, 23, 59), None),
    ((2026, 7, 1, 0, 0), "2027 年 1 月 1 日"),
    ((2025, 12, 31, 23, 59), "2026 年 1 月 1 日"),
    ((2026, 1, 1, 0, 0), None),
])
def test_opening_the_service_at_the_window_edges(kiosk: Kiosk, now: tuple, opens: str | None) -> None:
    _at(kiosk, *now)
    opened = kiosk.open("paper_statement_optout", "enterprise_employee")
    if opens is None:
        assert isinstance(opened, ServiceContext)
    else:
        assert isinstance(opened, Refused) and opened.next_step == f"您可以于 {opens}起再来办理"
        assert "每年 1 月 1 日至 6 月 30 日" in opened.reason


def test_opt_out_of_the_current_period_then_resume(kiosk: Kiosk) -> None:
    pid = kiosk.person_id("enterprise_employee")
    wizard = kiosk.wizard("paper_statement_optout", "enterprise_employee")
    details = {x.label: x.value for x in wizard.details(wizard.spec.steps[1])}
    assert details["当期权益单"] == "202606 期（对账期 2025-07-01 至 2026-06-30）"
    assert details["投递方式"] == "纸质投递" and details["证件号码"] == "3205**********3516"
    kiosk.walk(wizard, until="paper_action")
    field = wizard.fields()[0]
    assert [(o.value, o.label) for o in wizard.options(field)] == [("optout", "确认退订纸质"),
                                                                   ("resume", "恢复订阅纸质")]
    assert wizard.disabled_options(field) == {"resume": "202606 期权益单正以纸质投递，无需恢复订阅"}
    assert wizard.next({"paper_action": "resume"}) == {"paper_action": "202606 期权益单正以纸质投递，无需恢复订阅"}
    kiosk.walk(wizard, paper_action="optout")
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted) and outcome.headline == "已退订 202606 期纸质权益单"
    [row] = kiosk.rows(PaperStatementSubscription, person_id=pid)
    assert (row.period, row.paper, row.serial) == ("202606", False, outcome.serial)
    _, doc = _document(kiosk, outcome.serial)
    assert doc.title == "业务办结凭证"
    assert "办理事项：确认退订纸质" in doc.as_text() and "退订仅限当期" in doc.as_text()

    kiosk.clock.advance(minutes=5)
    again = kiosk.wizard("paper_statement_optout", "enterprise_employee")
    kiosk.walk(again, until="paper_action")
    assert again.disabled_options(again.fields()[0]) == {"optout": "您已退订 202606 期纸质权益单"}
    kiosk.walk(again, paper_action="resume")
    resumed = kiosk.submit(again)
    assert isinstance(resumed, Accepted) and resumed.headline == "已恢复订阅 202606 期纸质权益单"
    [row] = kiosk.rows(PaperStatementSubscription, person_id=pid)
    assert (row.paper, row.serial) == (True, resumed.serial)


def test_an_opt_out_holds_only_for_its_own_period(kiosk: Kiosk) -> None:
    assert isinstance(kiosk.run("paper_statement_optout", "enterprise_employee", paper_action="optout"), Accepted)
    _at(kiosk, 2027, 1, 4, 9, 0)  # period 202706: paper again by default
    wizard = kiosk.wizard("paper_statement_optout", "enterprise_employee")
    details = {x.label: x.value for x in wizard.details(wizard.spec.steps[1])}
    assert details["当期权益单"].startswith("202706 期（对账期 2026-07-01 至 2027-06-30）")
    assert details["投递方式"] == "纸质投递"
    outcome = kiosk.run("paper_statement_optout", "enterprise_employee")
    assert isinstance(outcome, Accepted) and outcome.headline == "已退订 202706 期纸质权益单"
    rows = kiosk.rows(PaperStatementSubscription, person_id=kiosk.person_id("enterprise_employee"))
    assert sorted((r.period, r.paper) for r in rows) == [("202606", False), ("202706", False)]


def test_resuming_needs_normal_insured_status(kiosk: Kiosk) -> None:
    assert kiosk.open("paper_statement_optout", "paper_optout_suspended") == Refused(reason=(
        "您已退订 202606 期纸质权益单。恢复订阅纸质需参保状态正常，您当前为“暂停缴费”，无法恢复"), next_step=COUNTER_ASK)
    # A suspended person may opt out (the rule binds only resuming), and then cannot resume.
    assert isinstance(kiosk.run("paper_statement_optout", "flex_suspended"), Accepted)
    kiosk.clock.advance(minutes=1)
    assert isinstance(kiosk.open("paper_statement_optout", "flex_suspended"), Refused)


def test_resume_for_a_normal_person_who_opted_out(kiosk: Kiosk) -> None:
    outcome = kiosk.run("paper_statement_optout", "paper_opted_out")  # the only allowed action: resume
    assert isinstance(outcome, Accepted) and outcome.headline == "已恢复订阅 202606 期纸质权益单"
    rows = kiosk.rows(PaperStatementSubscription, person_id=kiosk.person_id("paper_opted_out"))
    assert sorted((r.period, r.paper) for r in rows) == [("202506", False), ("202606", True)]


def test_submitting_what_is_already_so_is_refused(kiosk: Kiosk) -> None:
    outcome = _submit(kiosk, "paper_statement_optout", "paper_opted_out", {"paper_action": "optout"})
    assert outcome == start_again("您已退订 202606 期纸质权益单")
    assert kiosk.rows(m.Submission) == []


def test_the_window_is_checked_again_at_submission(kiosk: Kiosk) -> None:
    _at(kiosk, 2026, 6, 30, 23, 59)
    wizard = kiosk.wizard("paper_statement_optout", "enterprise_employee")
    kiosk.walk(wizard)
    _at(kiosk, 2026, 7, 1, 0, 0)
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Refused) and outcome.next_step == "您可以于 2027 年 1 月 1 日起再来办理"
    pid = kiosk.person_id("enterprise_employee")
    assert kiosk.rows(PaperStatementSubscription, person_id=pid) == [] and kiosk.rows(m.PrintJob) == []


@pytest.mark.parametrize("key", ["no_sip_record", "si_transfer_done"])
def test_no_sip_insurance_left_is_refused(kiosk: Kiosk, key: str) -> None:
    assert kiosk.open("paper_statement_optout", key) == Refused(
        reason="未查询到您在园区的社会保险或住房公积金参保记录，无法办理纸质权益单退订", next_step=COUNTER_ASK)


# --- 社保关系转出凭证补打印 -------------------------------------------------------------------


def test_both_forms_are_offered_and_the_pension_voucher_is_reprinted(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("si_transfer_voucher_reprint", "si_transfer_applied")
    assert [s.key for s in wizard.steps] == ["notice", "applications", "mobile_step", "form_step", "review"]
    details = dict((x.label, x.value) for x in wizard.details(wizard.spec.steps[1]))
    assert details["基本养老保险参保缴费凭证"] == "2025-11-10 申请，转往上海市；可补打印"
    assert wizard.answers["mobile"] == "13912345203"  # prefilled
    kiosk.walk(wizard, until="form_type", mobile="13700002222")
    field = wizard.fields()[0]
    assert [o.label for o in wizard.options(field)] == ["基本养老保险参保缴费凭证", "基本医疗保障参保（合）凭证"]
    assert wizard.disabled_options(field) == {}
    kiosk.walk(wizard, form_type="pension")
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted) and outcome.status == "completed"
    assert outcome.headline == "《基本养老保险参保缴费凭证》已补打印，请在下方出纸口取走"
    job, doc = _document(kiosk, outcome.serial)
    assert (job.kind, job.title, doc.title) == ("report", "基本养老保险参保缴费凭证", "基本养老保险参保缴费凭证")
    text = doc.as_text()
    for line in ("险种：基本养老保险", "转入地：上海市", "转出申请日期：2025-11-10", "联系手机：137****2222",
                 "累计缴费月数：111 个月", "缴费起止：2016-07 至 2025-09", "2017  12  10,000.00  9,600.00  19,200.00",
                 "本凭证为补打印件（第 1 次补打印）", mask(BY_KEY["si_transfer_applied"].id_number)):
        assert line in text, line
    assert BY_KEY["si_transfer_applied"].id_number not in text and "13700002222" not in text
    [submitted] = kiosk.rows(m.Submission, serial=outcome.serial)
    assert submitted.answers == {"mobile": "13700002222", "form_type": "pension"}
    [row] = kiosk.rows(SiTransferVoucher, person_id=kiosk.person_id("si_transfer_applied"), kind="pension")
    assert (row.reprints, row.last_reprinted_at) == (1, kiosk.clock.now())


def test_a_second_reprint_counts_and_the_medical_form_has_its_own_title(kiosk: Kiosk) -> None:
    kiosk.run("si_transfer_voucher_reprint", "si_transfer_applied", form_type="medical")
    kiosk.clock.advance(minutes=1)
    outcome = kiosk.run("si_transfer_voucher_reprint", "si_transfer_applied", form_type="medical")
    assert ("补打印", "第 2 次") in outcome.lines
    job, doc = _document(kiosk, outcome.serial)
    assert job.title == "基本医疗保障参保（合）凭证"
    assert "险种：基本医疗保险" in doc.as_text()


def test_a_transferred_out_insurance_cannot_be_reprinted(kiosk: Kiosk) -> None:
    reason = "中心已于 2025-12-20 将基本养老保险办理转出，相应凭证无法补打印"
    wizard = kiosk.wizard("si_transfer_voucher_reprint", "si_transfer_partial")
    kiosk.walk(wizard, until="form_type")
    field = wizard.fields()[0]
    assert wizard.disabled_options(field) == {"pension": reason}
    assert wizard.next({"form_type": "pension"}) == {"form_type": reason}
    assert _submit(kiosk, "si_transfer_voucher_reprint", "si_transfer_partial",
                   {"mobile": "13912345204", "form_type": "pension"}) == start_again(reason)
    assert kiosk.rows(m.PrintJob) == []
    outcome = kiosk.run("si_transfer_voucher_reprint", "si_transfer_partial")  # the one left: medical
    assert isinstance(outcome, Accepted) and outcome.lines[0] == ("表单", "基本医疗保障参保（合）凭证")


def test_transferred_out_between_opening_and_confirming_is_refused(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("si_transfer_voucher_reprint", "si_transfer_applied")
    kiosk.walk(wizard, form_type="medical")
    with kiosk.store.transaction() as tx:
        row = tx.scalars(select(SiTransferVoucher).where(SiTransferVoucher.person_id == wizard.ctx.person.id,
                                                         SiTransferVoucher.kind == "medical")).one()
        row.transferred_out_on = date(2026, 3, 10)
    outcome = kiosk.submit(wizard)
    assert outcome == start_again("中心已于 2026-03-10 将基本医疗保险办理转出，相应凭证无法补打印")
    assert kiosk.rows(m.PrintJob) == [] and kiosk.rows(m.Submission) == []


def test_not_applied_form_is_greyed_out(kiosk: Kiosk) -> None:
    with kiosk.store.transaction() as tx:
        pid = kiosk.person_id("si_transfer_applied")
        tx.execute(delete(SiTransferVoucher).where(SiTransferVoucher.person_id == pid,
                                                   SiTransferVoucher.kind == "medical"))
    wizard = kiosk.wizard("si_transfer_voucher_reprint", "si_transfer_applied")
    kiosk.walk(wizard, until="form_type")
    assert wizard.disabled_options(wizard.fields()[0]) == {"medical": "您未申请开具该凭证，无法补打印"}


@pytest.mark.parametrize(("key", "reason", "next_step"), [
    ("si_transfer_done", "中心已将您的基本养老保险和基本医疗保险办理转出，相应凭证无法补打印", COUNTER_ASK),
    ("enterprise_employee", "未查询到您申请社会保险关系转出开具参保缴费凭证的记录，本业务仅限已申请的人员补打印",
     "您可以携带本人身份证到中心柜面申请社会保险关系转出"),
])
def test_who_may_not_reprint_is_refused_at_opening(kiosk: Kiosk, key: str, reason: str, next_step: str) -> None:
    assert kiosk.open("si_transfer_voucher_reprint", key) == Refused(reason=reason, next_step=next_step)


# --- 临时缴费账户维护 -------------------------------------------------------------------------


@pytest.mark.parametrize(("moved", "first"), [
    (date(2026, 3, 2), date(2026, 4, 1)),
    (date(2026, 3, 31), date(2026, 4, 1)),
    (date(2026, 1, 31), date(2026, 2, 1)),
    (date(2025, 12, 1), date(2026, 1, 1)),
    (date(2025, 12, 31), date(2026, 1, 1)),
])
def test_first_application_day_is_the_first_of_the_next_month(moved: date, first: date) -> None:
    assert first_application_day(moved) == first


def _move_hukou(kiosk: Kiosk, key: str, moved: date) -> None:
    with kiosk.store.transaction() as tx:
        tx.get(TempContributionAccount, kiosk.person_id(key)).hukou_moved_on = moved


@pytest.mark.parametrize(("moved", "now", "opens"), [
    (date(2026, 3, 2), (2026, 3, 31, 23, 59), True),
    (date(2026, 3, 2), (2026, 4, 1, 0, 0), False),
    (date(2026, 12, 15), (2026, 12, 31, 23, 59), True),
    (date(2026, 12, 15), (2027, 1, 1, 0, 0), False),
])
def test_refused_in_the_month_of_the_move_allowed_from_the_next(kiosk: Kiosk, moved: date, now: tuple,
                                                                opens: bool) -> None:
    _move_hukou(kiosk, "temp_account_holder", moved)
    _at(kiosk, *now)
    opened = kiosk.open("temp_account_upgrade", "temp_account_holder")
    if opens:
        first = first_application_day(moved)
        assert opened == Refused(reason=(
            f"请在户籍迁入园区后的次月申请：您的户籍于 {moved.year} 年 {moved.month} 月 {moved.day} 日迁入园区"),
            next_step=f"您可以于 {first.year} 年 {first.month} 月 1 日起再来办理", temporary=True)
    else:
        assert isinstance(opened, ServiceContext)


def test_the_just_moved_persona_is_refused_until_april(kiosk: Kiosk) -> None:
    assert isinstance(kiosk.open("temp_account_upgrade", "temp_account_just_moved"), Refused)
    _at(kiosk, 2026, 4, 1, 9, 0)
    assert kiosk.run("temp_account_upgrade", "temp_account_just_moved").status == "pending_review"


@pytest.mark.parametrize(("now", "due"), [
    ((2026, 9, 30, 10, 0), date(2026, 10, 10)),  # National Day: 10-01..10-07 off (and 10-08), 10-10 a make-up Saturday
    ((2026, 3, 17, 10, 0), date(2026, 3, 20)),
    ((2026, 3, 20, 16, 0), date(2026, 3, 25)),  # a Friday: the weekend does not count
])
def test_due_on_the_third_working_day(kiosk: Kiosk, now: tuple, due: date) -> None:
    _at(kiosk, *now)
    assert calendar_from_config(kiosk.config).add_working_days(date(*now[:3]), 3) == due
    outcome = kiosk.run("temp_account_upgrade", "temp_account_holder")
    assert isinstance(outcome, Accepted) and outcome.status == "pending_review"
    assert outcome.due == due
    [submitted] = kiosk.rows(m.Submission, serial=outcome.serial)
    assert (submitted.status, submitted.due_date) == ("pending_review", due)
    [application] = kiosk.rows(TempAccountUpgrade, serial=outcome.serial)
    assert (application.status, application.due_on) == ("pending", due)


def test_application_is_stored_pending_and_the_account_stays_temporary(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("temp_account_upgrade", "temp_account_holder")
    assert [s.kind for s in wizard.steps] == ["notice", "details", "form", "form", "declaration", "review"]
    details = {x.label: x.value for x in wizard.details(wizard.spec.steps[1])}
    assert details == {"姓名": "李明轩", "证件号码": "3205**********2755", "账户类型": "临时缴费账户",
                       "开户日期": "2021-03-01", "户籍迁入园区日期": "2025-11-20"}
    assert wizard.answers["hukou_address"] == "苏州工业园区唯亭街道浦田路 58 号 3 幢 402 室"  # to check
    assert kiosk.walk(wizard, hukou_address="唯亭") == {"hukou_address": "请填写详细的户籍地址（至少 6 个字，写到门牌号）"}
    kiosk.walk(wizard, until="mobile", hukou_address="苏州工业园区唯亭街道浦田路 58 号 3 幢 402 室")
    assert wizard.next({"mobile": "13700004444"}) == {}
    assert wizard.step.kind == "declaration"
    assert wizard.next({"agreed": False}) == {"": "请阅读声明后点击“我已阅读并同意以上声明”"}
    assert wizard.next({"agreed": True}) == {}
    review = {x.label: x.value for x in wizard.review()}
    assert review["审核期限"] == "3 个工作日内（预计 2026-03-13 前）"  # from Tuesday 10 March
    assert review["审核通过后"] == "账户类型由临时缴费账户变更为一般账户"
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted) and outcome.status == "pending_review"
    assert outcome.headline == "临时缴费账户维护申请已提交，中心将在 3 个工作日内审核"
    assert ("审核通过后", "账户类型将由临时缴费账户变更为一般账户") in outcome.lines
    assert ("联系手机", "137****4444") in outcome.lines
    assert outcome.printed == () and kiosk.rows(m.PrintJob) == []
    pid = kiosk.person_id("temp_account_holder")
    [application] = kiosk.rows(TempAccountUpgrade, person_id=pid)
    assert (application.hukou_address, application.mobile, application.status, application.submitted_at) == (
        "苏州工业园区唯亭街道浦田路 58 号 3 幢 402 室", "13700004444", "pending", kiosk.clock.now())
    [account] = kiosk.rows(TempContributionAccount, person_id=pid)
    assert account.account_type == "temporary"  # general only once the centre approves
    [submitted] = kiosk.rows(m.Submission, serial=outcome.serial)
    assert submitted.answers["declaration"] is True
    # A second application while this one is under review is refused.
    kiosk.clock.advance(minutes=1)
    refused = kiosk.open("temp_account_upgrade", "temp_account_holder")
    assert isinstance(refused, Refused) and f"业务流水号 {outcome.serial}" in refused.reason


def test_the_declaration_must_be_agreed_at_submission_too(kiosk: Kiosk) -> None:
    outcome = _submit(kiosk, "temp_account_upgrade", "temp_account_holder",
                      {"hukou_address": "苏州工业园区唯亭街道浦田路 58 号", "mobile": "13912345206"})
    assert outcome == start_again("请阅读声明后点击“我已阅读并同意以上声明”")
    assert kiosk.rows(TempAccountUpgrade, person_id=kiosk.person_id("temp_account_holder")) == []


def test_an_empty_hukou_address_must_be_filled_in(kiosk: Kiosk) -> None:
    with kiosk.store.transaction() as tx:
        tx.get(TempContributionAccount, kiosk.person_id("temp_account_holder")).hukou_address = None
    wizard = kiosk.wizard("temp_account_upgrade", "temp_account_holder")
    assert "hukou_address" not in wizard.answers
    kiosk.walk(wizard, until="hukou_address")
    assert wizard.next({"hukou_address": ""}) == {"hukou_address": "请填写户籍地址"}


@pytest.mark.parametrize(("key", "reason", "next_step"), [
    ("enterprise_employee", "本业务仅限临时缴费账户参保人员办理，系统未查询到您的临时缴费账户", COUNTER_ASK),
    ("temp_account_upgraded", "您的缴费账户已是一般账户，无需办理临时缴费账户维护", "您可以返回首页办理其他业务"),
    ("temp_account_no_hukou", "系统未查询到您户籍迁入园区的记录。本业务适用于已将户籍迁入园区的临时缴费账户参保人员",
     "您可以在户籍迁入园区后的次月再来申请"),
    ("temp_account_just_moved", "请在户籍迁入园区后的次月申请：您的户籍于 2026 年 3 月 2 日迁入园区",
     "您可以于 2026 年 4 月 1 日起再来办理"),
    ("temp_account_pending", "您已于 2025 年 12 月 29 日提交临时缴费账户维护申请（业务流水号 YS2025122900000007），"
                             "中心正在审核，请勿重复提交", "您可以拨打咨询电话或到中心柜面了解办理进度"),
])
def test_who_may_not_apply_is_refused_at_opening(kiosk: Kiosk, key: str, reason: str, next_step: str) -> None:
    refused = kiosk.open("temp_account_upgrade", key)
    assert refused.reason == reason and refused.next_step.startswith(next_step)

