"""失业金退支申请 and 失业保险关系接收函开具 (rows 7, 8): the detail and its total, the 7-day rule,
the 5 letters a day, and the counter referrals at their boundaries."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from kiosk.clock import CST
from kiosk.printing.document import Document
from kiosk.services.outcome import Accepted, Refused
from kiosk.services.profile import ServiceContext
from kiosk.services.refusal import COUNTER_DO
from kiosk.services.registry import SUBMIT
from kiosk.services.rules.unemployment import (BANK_COUNTER_NOTE, BenefitMonthFact, may_issue_until,
                                               refund_again_from, refund_blocked, refund_total)
from kiosk.store import models as m
from kiosk.demo.unemployment import INSTITUTIONS
from kiosk.demo.personas import BY_KEY
from kiosk.store.tables.unemployment import (UnemploymentEmployment, UnemploymentRefundAccount,
                                             UnemploymentRefundApplication, UnemploymentRefundCase,
                                             UnemploymentTransferable, UnemploymentTransferLetter)

if TYPE_CHECKING:
    from ..conftest import Kiosk

REFUND = "unemployment_refund"
LETTER = "unemployment_transfer_letter"


def _at(kiosk: Kiosk, *args: int) -> None:
    kiosk.clock.set(datetime(*args, tzinfo=CST))


def _report(kiosk: Kiosk, serial: str) -> Document:
    [job] = kiosk.rows(m.PrintJob, serial=serial)
    assert job.kind == "report"
    return Document.model_validate(job.document)


def _month(month: str, *items: str) -> BenefitMonthFact:
    benefit, price, top_up, outpatient = (Decimal(x) for x in items)
    return BenefitMonthFact(month=month, benefit=benefit, price_subsidy=price, top_up=top_up, outpatient=outpatient)


def _update(kiosk: Kiosk, model: type, key: str, **values: object) -> None:
    """Changes the persona's row(s) of `model` (a test's own store)."""
    with kiosk.store.transaction() as tx:
        rows = tx.scalars(select(model).where(model.person_id == kiosk.person_id(key))).all()
        assert rows
        for row in rows:
            for column, value in values.items():
                setattr(row, column, value)


# --- 失业金退支申请: the detail and its total ----------------------------------------------------


def test_refund_total_is_the_sum_of_every_item_in_exact_decimal() -> None:
    months = [_month("2025-11", "2088.00", "60.00", "0.10", "0.20"), _month("2025-12", "2088.00", "60.00", "0.00",
                                                                                "86.40")]
    total = refund_total(months)
    assert isinstance(total, Decimal) and total == Decimal("4382.70") and str(total) == "4382.70"
    assert refund_total([]) == Decimal("0.00") and str(refund_total([])) == "0.00"
    assert months[0].subtotal == Decimal("2148.30")  # 0.10 + 0.20 is exactly 0.30, no float


def test_refund_detail_by_month_and_item_with_the_total(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard(REFUND, "ue_refund_sip_employer")
    assert [s.key for s in wizard.steps] == ["notice", "basic", "detail", "review"]
    basic = {line.label: line.value for line in wizard.details(wizard.spec.steps[1])}
    assert basic["证件号码"] == "3205**********9513"
    assert basic["退支原因"].startswith("申请失业金待遇时") and "园区单位缴纳社保" in basic["退支原因"]
    assert basic["相关单位"] == "苏州工业园区金鸡湖电子科技有限公司"
    assert basic["涉及月份"] == "2025 年 8 月 至 2025 年 9 月"
    detail = [(line.label, line.value) for line in wizard.details(wizard.spec.steps[2])]
    assert detail == [
        ("2025 年 8 月", "失业金 2,088.00 元、临时物价补贴 60.00 元、失业金补差 0.00 元、失业门诊补助 40.00 元；"
                        "小计 2,188.00 元"),
        ("2025 年 9 月", "失业金 2,088.00 元、临时物价补贴 60.00 元、失业金补差 112.00 元、失业门诊补助 40.00 元；"
                        "小计 2,300.00 元"),
        ("各项合计", "失业金 4,176.00 元、临时物价补贴 120.00 元、失业金补差 112.00 元、失业门诊补助 80.00 元"),
        ("退支合计", "4,488.00 元"),
    ]
    kiosk.walk(wizard)
    review = {line.label: (line.value, line.emphasis) for line in wizard.review()}
    assert review["退支合计"] == ("4,488.00 元", True)
    assert "暂不支持网银或手机转账" in review["退款方式"][0]


def test_refund_prints_the_form_with_the_bank_counter_instructions_and_the_total(kiosk: Kiosk) -> None:
    outcome = kiosk.run(REFUND, "ue_refund_labour_contract")
    assert isinstance(outcome, Accepted) and outcome.status == "completed"
    assert ("退支合计", "4,382.40 元") in outcome.lines
    doc = _report(kiosk, outcome.serial)
    assert doc.title == "苏州工业园区失业金退支申请表"
    table = next(s.table for s in doc.sections if s.table is not None)
    assert table.columns == ("年月", "失业金", "临时物价补贴", "失业金补差", "失业门诊补助", "小计")
    assert table.rows == (("2025-11", "2,088.00", "60.00", "0.00", "0.00", "2,148.00"),
                          ("2025-12", "2,088.00", "60.00", "0.00", "86.40", "2,234.40"),
                          ("合计", "4,176.00", "120.00", "0.00", "86.40", "4,382.40"))
    text = doc.as_text()
    assert "退支金额合计：人民币 4,382.40 元" in text
    assert BANK_COUNTER_NOTE in text
    for words in ("中心指定银行指定账户", "银行柜面转账", "暂不支持网银或手机转账", "银行退款业务凭证/回单至中心柜面",
                  "七天内不可重复打印退支申请表", "请至中心柜面核算退支明细", "收款单位：苏州工业园区社会保险基金和公积金管理中心",
                  "账号：4660 5880 0000 0000 0401", "2026-03-18 起方可在自助终端再次申请打印"):
        assert words in text, words
    assert BY_KEY["ue_refund_labour_contract"].id_number not in text and "3205**********9534" in text
    [row] = kiosk.rows(UnemploymentRefundApplication, person_id=kiosk.person_id("ue_refund_labour_contract"))
    assert (row.serial, row.total, row.months, row.first_month, row.last_month, row.applied_on) == (
        outcome.serial, Decimal("4382.40"), 2, "2025-11", "2025-12", date(2026, 3, 10))


@pytest.mark.parametrize(("persona", "situation", "words"), [
    ("ue_refund_sip_employer", "sip_employer", "领取月份同时存在园区单位缴纳社保"),
    ("ue_refund_outside_employer", "outside_employer", "已领取失业金的月份同时存在区外单位缴纳社保"),
    ("ue_refund_labour_contract", "labour_contract", "合同开始月份存在领取失业金记录"),
])
def test_refund_records_which_of_the_three_situations_applies(kiosk: Kiosk, persona: str, situation: str,
                                                              words: str) -> None:
    outcome = kiosk.run(REFUND, persona)
    assert isinstance(outcome, Accepted)
    [row] = kiosk.rows(UnemploymentRefundApplication, person_id=kiosk.person_id(persona))
    assert row.situation == situation
    assert words in _report(kiosk, outcome.serial).as_text()


def test_outside_employer_refund_keeps_the_cents(kiosk: Kiosk) -> None:
    outcome = kiosk.run(REFUND, "ue_refund_outside_employer")  # outpatient subsidy 35.50 a month
    assert ("退支合计", "4,131.00 元") in outcome.lines
    [row] = kiosk.rows(UnemploymentRefundApplication, person_id=kiosk.person_id("ue_refund_outside_employer"))
    assert row.total == Decimal("4131.00")


# --- 失业金退支申请: 七天内 ----------------------------------------------------------------------


@pytest.mark.parametrize(("today", "blocked"), [
    (date(2026, 3, 10), True),  # the day of the application
    (date(2026, 3, 11), True),  # day 1
    (date(2026, 3, 17), True),  # day 7
    (date(2026, 3, 18), False),  # day 8
    (date(2026, 4, 1), False),
])
def test_seven_days_are_counted_from_the_day_after_the_application(today: date, blocked: bool) -> None:
    assert refund_blocked(date(2026, 3, 10), today) is blocked
    assert refund_again_from(date(2026, 3, 10)) == date(2026, 3, 18)
    assert refund_again_from(date(2026, 12, 28)) == date(2027, 1, 5)


def test_second_refund_on_day_7_goes_to_the_counter_day_8_is_allowed(kiosk: Kiosk) -> None:
    _at(kiosk, 2026, 3, 10, 10, 0)
    assert isinstance(kiosk.run(REFUND, "ue_refund_sip_employer"), Accepted)
    for moment in ((2026, 3, 10, 18, 0), (2026, 3, 17, 9, 0), (2026, 3, 17, 23, 59, 59)):
        _at(kiosk, *moment)
        refused = kiosk.open(REFUND, "ue_refund_sip_employer")
        assert isinstance(refused, Refused), moment
        assert refused == Refused(
            reason="您已于 2026-03-10 申请失业金退支并打印《苏州工业园区失业金退支申请表》（退支合计 4,488.00 元），"
                   "七天内不可重复打印退支申请表",
            next_step="您可以按已打印申请表上的金额及时到银行柜面退款；需要再次申请退支的，可到中心柜面核算退支明细，"
                      "或于 2026-03-18 起在本机再次申请", temporary=True)
    _at(kiosk, 2026, 3, 18, 0, 0)
    again = kiosk.run(REFUND, "ue_refund_sip_employer")
    assert isinstance(again, Accepted)
    rows = kiosk.rows(UnemploymentRefundApplication, person_id=kiosk.person_id("ue_refund_sip_employer"))
    assert [r.applied_on for r in rows] == [date(2026, 3, 10), date(2026, 3, 18)]


def test_the_seeded_application_of_10_march_refuses_through_the_17th(kiosk: Kiosk) -> None:
    _at(kiosk, 2026, 3, 17, 10, 0)  # the scenario tests' clock: day 7
    refused = kiosk.open(REFUND, "ue_refund_applied")
    assert isinstance(refused, Refused) and "可到中心柜面核算退支明细" in refused.next_step
    assert "2026-03-10" in refused.reason and "4,376.00 元" in refused.reason
    _at(kiosk, 2026, 3, 18, 8, 0)
    assert isinstance(kiosk.run(REFUND, "ue_refund_applied"), Accepted)


def test_two_kiosks_at_once_make_one_refund_application(kiosk: Kiosk) -> None:
    first, second = kiosk.wizard(REFUND, "ue_refund_sip_employer"), kiosk.wizard(REFUND, "ue_refund_sip_employer")
    kiosk.walk(first)
    kiosk.walk(second)
    assert isinstance(kiosk.submit(first), Accepted)
    kiosk.clock.advance(minutes=1)
    refused = kiosk.submit(second)
    assert isinstance(refused, Refused) and "七天内不可重复打印" in refused.reason
    assert len(kiosk.rows(UnemploymentRefundApplication, person_id=kiosk.person_id("ue_refund_sip_employer"))) == 1


def test_the_refund_handler_checks_the_7_days_itself_under_the_lock(kiosk: Kiosk) -> None:
    stale = kiosk.open(REFUND, "ue_refund_sip_employer")
    assert isinstance(stale, ServiceContext)
    assert isinstance(kiosk.run(REFUND, "ue_refund_sip_employer"), Accepted)
    with kiosk.store.transaction() as tx:
        refused = SUBMIT.resolve(REFUND)(tx, stale, {}, "YW-TEST")
    assert isinstance(refused, Refused) and "可到中心柜面核算退支明细" in refused.next_step


def test_a_settled_case_has_nothing_to_refund(kiosk: Kiosk) -> None:
    _update(kiosk, UnemploymentRefundCase, "ue_refund_sip_employer", status="settled")
    refused = kiosk.open(REFUND, "ue_refund_sip_employer")
    assert isinstance(refused, Refused) and refused.reason.startswith("系统未查询到您需要退支的失业金记录")


def test_no_refund_without_the_designated_account(kiosk: Kiosk) -> None:
    with kiosk.store.transaction() as tx:
        tx.execute(delete(UnemploymentRefundAccount))
    refused = kiosk.open(REFUND, "ue_refund_sip_employer")
    assert isinstance(refused, Refused) and refused.next_step == COUNTER_DO


# --- 失业保险关系接收函开具 ----------------------------------------------------------------------


def test_letter_details_and_the_institutions_outside_sip(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard(LETTER, "ue_letter_relation")
    assert [s.key for s in wizard.steps] == ["notice", "basic", "institution_step", "review"]
    details = {line.label: line.value for line in wizard.details(wizard.spec.steps[1])}
    assert details["证件号码"] == "3205**********9556"
    assert details["户籍"] == "园区户籍"
    assert details["最后参保地"] == "苏州工业园区"
    assert details["最后用人单位"] == "苏州工业园区方洲半导体有限公司"
    assert details["该单位缴费"] == "2024 年 3 月 至 2026 年 1 月，共 23 个月"
    assert details["园区失业保险缴费"] == "2024 年 3 月 至 2026 年 1 月，共 23 个月"
    assert details["离职日期"] == "2026-01-31"
    assert details["区外可转移"] == "上海市失业保险关系，缴费 48 个月"
    assert details["今天已开具接收函"] == "0 次（每人每天最多 5 次）"
    field = wizard.spec.field("institution")
    assert [o.label for o in wizard.options(field)] == [name for _, name, _ in INSTITUTIONS]
    assert not any("工业园区" in o.label for o in wizard.options(field))
    assert wizard.answers["institution"] == "shanghai"  # the place of the transferable record


def test_letter_to_the_chosen_institution(kiosk: Kiosk) -> None:
    outcome = kiosk.run(LETTER, "ue_letter_benefit")
    assert isinstance(outcome, Accepted)
    assert outcome.headline == ("《苏州工业园区失业保险关系接收函》已开具，请在下方出纸口取走，"
                                "并携带至南京市失业保险经办机构申请转出")
    doc = _report(kiosk, outcome.serial)
    assert doc.title == "苏州工业园区失业保险关系接收函"
    text = doc.as_text()
    assert text.splitlines()[4] == "南京市失业保险经办机构："
    for words in ("最后参保地为苏州工业园区，符合在园区领取失业金条件", "核算完成的失业金年限以及待遇总金额一同转入",
                  "区外可转移：南京市失业保险待遇，待遇 6 个月", "凭转出地开具的失业转移凭证至园区申请失业金转入",
                  "本函为今天第 1 次开具"):
        assert words in text, words
    # Addressed to the transfer-out office: the full ID number, so it can match the person there.
    number = BY_KEY["ue_letter_benefit"].id_number
    assert f"兹有 胡静（证件号码 {number}）" in text and f"证件号码：{number}" in text
    assert number not in doc.qr_text and "3205**********9561" in doc.qr_text
    assert all(number not in value for _, value in outcome.lines)
    [letter] = kiosk.rows(UnemploymentTransferLetter, person_id=kiosk.person_id("ue_letter_benefit"))
    assert (letter.institution_code, letter.issued_on, letter.seq_of_day, letter.serial) == (
        "nanjing", date(2026, 3, 10), 1, outcome.serial)


def test_the_resident_may_pick_another_institution(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard(LETTER, "ue_letter_relation")
    kiosk.walk(wizard, institution="kunshan")
    assert {line.label: line.value for line in wizard.review()}["转出地机构"] == "昆山市失业保险经办机构"
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted)
    assert "昆山市失业保险经办机构：" in _report(kiosk, outcome.serial).as_text()


def test_fifth_letter_of_the_day_is_issued_the_sixth_refused_the_next_day_allowed(kiosk: Kiosk) -> None:
    _at(kiosk, 2026, 3, 17, 8, 0)
    for n in range(1, 6):
        outcome = kiosk.run(LETTER, "ue_letter_relation")
        assert isinstance(outcome, Accepted), n
        assert ("开具次数", f"今天第 {n} 次（每人每天最多 5 次）") in outcome.lines
        kiosk.clock.advance(minutes=3)
    _at(kiosk, 2026, 3, 17, 23, 59, 59)
    refused = kiosk.open(LETTER, "ue_letter_relation")
    assert isinstance(refused, Refused)
    assert refused.reason == "失业保险关系接收函每人当天最多可开具 5 次，您今天已开具 5 次，超过 5 次不允许再次操作"
    assert refused.next_step == "您可以于 2026 年 3 月 18 日起再来办理，今天已开具的接收函可以继续使用"
    _at(kiosk, 2026, 3, 18, 0, 0)
    outcome = kiosk.run(LETTER, "ue_letter_relation")
    assert isinstance(outcome, Accepted) and ("开具次数", "今天第 1 次（每人每天最多 5 次）") in outcome.lines
    rows = kiosk.rows(UnemploymentTransferLetter, person_id=kiosk.person_id("ue_letter_relation"))
    assert [(r.issued_on.day, r.seq_of_day) for r in rows] == [(17, 1), (17, 2), (17, 3), (17, 4), (17, 5), (18, 1)]


def test_the_sixth_letter_is_refused_inside_the_submitting_transaction(kiosk: Kiosk) -> None:
    # Two kiosks: both open the service with 4 letters issued, one issues the 5th, the other's
    # submission must still be refused (the handler counts under the person's row lock).
    for _ in range(4):
        kiosk.run(LETTER, "ue_letter_relation")
    first, second = kiosk.wizard(LETTER, "ue_letter_relation"), kiosk.wizard(LETTER, "ue_letter_relation")
    kiosk.walk(first)
    kiosk.walk(second)
    assert isinstance(kiosk.submit(first), Accepted)
    refused = kiosk.submit(second)
    assert isinstance(refused, Refused) and "当天最多可开具 5 次" in refused.reason
    with kiosk.store.transaction() as tx:
        refused = SUBMIT.resolve(LETTER)(tx, second.ctx, {"institution": "shanghai"}, "YW-TEST")
    assert isinstance(refused, Refused) and "您今天已开具 5 次" in refused.reason
    assert len(kiosk.rows(UnemploymentTransferLetter, person_id=kiosk.person_id("ue_letter_relation"))) == 5


def test_the_database_refuses_a_sixth_letter_of_a_day_too(kiosk: Kiosk) -> None:
    pid = kiosk.person_id("ue_letter_relation")
    with pytest.raises(IntegrityError), kiosk.store.transaction() as tx:
        tx.add(UnemploymentTransferLetter(person_id=pid, serial="YW-X6", issued_on=date(2026, 3, 10), seq_of_day=6,
                                          institution_code="shanghai", institution_name="上海市失业保险经办机构",
                                          created_at=kiosk.clock.now()))


@pytest.mark.parametrize(("months_paid", "allowed"), [(4, True), (3, False)])
def test_last_employer_paid_4_months_is_enough_3_goes_to_the_counter(kiosk: Kiosk, months_paid: int,
                                                                     allowed: bool) -> None:
    _update(kiosk, UnemploymentEmployment, "ue_letter_relation", months_paid=months_paid)
    opened = kiosk.open(LETTER, "ue_letter_relation")
    if allowed:
        assert isinstance(opened, ServiceContext)
        return
    assert isinstance(opened, Refused)
    assert opened == Refused(reason="您失业前最后一家用人单位（苏州工业园区方洲半导体有限公司）缴费 3 个月，小于 4 个月。"
                                    "不能在本机开具失业保险关系接收函", next_step=COUNTER_DO)


@pytest.mark.parametrize(("left", "last_day"), [
    (date(2026, 1, 17), date(2026, 3, 17)),
    (date(2025, 12, 31), date(2026, 2, 28)),  # no 31 February: the month's last day
    (date(2025, 12, 29), date(2026, 2, 28)),
    (date(2027, 12, 31), date(2028, 2, 29)),  # a leap year
    (date(2026, 11, 30), date(2027, 1, 30)),
])
def test_two_months_after_leaving_end_on_the_corresponding_day(left: date, last_day: date) -> None:
    assert may_issue_until(left) == last_day


@pytest.mark.parametrize(("now", "allowed"), [
    ((2026, 3, 17, 23, 59), True),  # exactly 2 months after 2026-01-17: not "over"
    ((2026, 3, 18, 0, 0), False),  # 2 months and a day
])
def test_two_months_since_leaving_is_allowed_two_months_and_a_day_is_not(kiosk: Kiosk, now: tuple,
                                                                        allowed: bool) -> None:
    _update(kiosk, UnemploymentEmployment, "ue_letter_relation", left_job_on=date(2026, 1, 17))
    _at(kiosk, *now)
    opened = kiosk.open(LETTER, "ue_letter_relation")
    if allowed:
        assert isinstance(opened, ServiceContext)
        return
    assert isinstance(opened, Refused)
    assert opened == Refused(reason="您的离职日期为 2026-01-17，开具接收函日期距离职日期已超过 2 个月"
                                    "（自助开具截至 2026-03-17）。不能在本机开具失业保险关系接收函", next_step=COUNTER_DO)


def test_sip_hukou_with_benefit_outside_suzhou_that_returns_to_the_hukou_place(kiosk: Kiosk) -> None:
    refused = kiosk.open(LETTER, "ue_letter_hukou_return")
    assert isinstance(refused, Refused)
    assert refused == Refused(reason="您为园区户籍，在苏州大市范围外（上海市）存在可转移的失业保险待遇，按转出地政策规定需转回户籍"
                                     "所在地统一领取失业金。不能在本机开具失业保险关系接收函", next_step=COUNTER_DO)


@pytest.mark.parametrize("change", [
    {"returns_to_hukou": False},  # the transfer-out place lets the benefit move to SIP
    {"in_suzhou_city": True},  # inside Suzhou city: 统一在最后参保地申请, no return to the hukou place
    {"kind": "relation"},  # insurance months, not benefit
])
def test_the_hukou_rule_needs_every_condition_of_the_guide(kiosk: Kiosk, change: dict) -> None:
    _update(kiosk, UnemploymentTransferable, "ue_letter_hukou_return", **change)
    assert isinstance(kiosk.open(LETTER, "ue_letter_hukou_return"), ServiceContext)


def test_the_hukou_rule_is_for_sip_hukou_only(kiosk: Kiosk) -> None:
    with kiosk.store.transaction() as tx:
        tx.get(m.Person, kiosk.person_id("ue_letter_hukou_return")).sip_hukou = False
    assert isinstance(kiosk.open(LETTER, "ue_letter_hukou_return"), ServiceContext)


def test_every_counter_reason_is_given_at_once(kiosk: Kiosk) -> None:
    _update(kiosk, UnemploymentEmployment, "ue_letter_hukou_return", months_paid=2, left_job_on=date(2025, 10, 1))
    refused = kiosk.open(LETTER, "ue_letter_hukou_return")
    assert isinstance(refused, Refused)
    parts = refused.reason.split("；")
    assert len(parts) == 3
    assert "小于 4 个月" in parts[0] and "超过 2 个月" in parts[1] and "转回户籍所在地" in parts[2]
    assert refused.next_step == COUNTER_DO



@pytest.mark.parametrize(("change", "words"), [
    ({"last_insured_in_sip": False}, "仅限最后参保地为园区且符合在园区领取失业金条件的人员开具"),
    ({"benefit_entitled": False}, "您目前不符合在园区领取失业金的条件"),
])
def test_who_may_have_a_letter(kiosk: Kiosk, change: dict, words: str) -> None:
    _update(kiosk, UnemploymentEmployment, "ue_letter_relation", **change)
    refused = kiosk.open(LETTER, "ue_letter_relation")
    assert isinstance(refused, Refused) and words in refused.reason


def test_nothing_transferable_needs_no_letter(kiosk: Kiosk) -> None:
    with kiosk.store.transaction() as tx:
        tx.execute(delete(UnemploymentTransferable).where(
            UnemploymentTransferable.person_id == kiosk.person_id("ue_letter_relation")))
    refused = kiosk.open(LETTER, "ue_letter_relation")
    assert isinstance(refused, Refused) and "无需开具失业保险关系接收函" in refused.reason


@pytest.mark.parametrize(("persona", "words"), [
    ("enterprise_employee", "系统未查询到您最后在园区参保的失业记录"),
    ("ue_letter_short_job", "缴费 3 个月，小于 4 个月"),
    ("ue_letter_left_long_ago", "离职日期为 2025-12-15，开具接收函日期距离职日期已超过 2 个月（自助开具截至 2026-02-15）"),
])
def test_letter_refusals_say_why(kiosk: Kiosk, persona: str, words: str) -> None:
    refused = kiosk.open(LETTER, persona)
    assert isinstance(refused, Refused) and words in refused.reason


def test_the_seed_writes_the_lists_once(kiosk: Kiosk) -> None:
    from kiosk.demo.builder import REFERENCE_DAY
    from kiosk.demo.seed import seed_demo
    from kiosk.store.tables.unemployment import UnemploymentInstitution

    assert seed_demo(kiosk.store, REFERENCE_DAY) == 0
    assert len(kiosk.rows(UnemploymentInstitution)) == len(INSTITUTIONS)
    assert len(kiosk.rows(UnemploymentRefundAccount)) == 1
    [seeded] = kiosk.rows(UnemploymentRefundApplication, person_id=kiosk.person_id("ue_refund_applied"))
    assert (seeded.applied_on, seeded.total, seeded.situation) == (
        date(2026, 3, 10), Decimal("4376.00"), "sip_employer")
