"""The four housing-fund services of A/B-class contributors (rows 14, 17, 19, 20): the guide's
conditions and their boundaries (6th vs 5th month, half a year sealed, statutory retirement age),
the amounts in Decimal, and what is stored and printed."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import delete, update

from kiosk.clock import CST
from kiosk.printing.document import Document
from kiosk.services import catalogue
from kiosk.services.outcome import Accepted, Refused
from kiosk.services.rules.housing_fund import bank_card_ok, stable_months, statutory_retirement_date
from kiosk.services.working_days import calendar_from_config
from kiosk.store import models as m
from kiosk.demo.hf_services import SERVICES
from kiosk.demo.personas import BY_KEY, PERSONAS
from kiosk.store.tables.housing_fund import HfAccount, HfContribution, HfLocalDestination, HfWithdrawal
from kiosk.store.tables.hf_applications import HfApplication
from kiosk.store.tables.social_insurance import SiTransferVoucher

from ..conftest import careful_values

if TYPE_CHECKING:
    from ..conftest import Kiosk

DEMO_NOW = datetime(2026, 3, 17, 10, 0, tzinfo=CST)
CASES = [(p.key, sid) for p in PERSONAS for sid in SERVICES if sid in p.expected]


def _at(kiosk: Kiosk, *args: int) -> None:
    kiosk.clock.set(datetime(*args, tzinfo=CST))


def _sql(kiosk: Kiosk, statement) -> None:  # noqa: ANN001
    with kiosk.store.transaction() as tx:
        tx.execute(statement)


def _reason(outcome) -> str:  # noqa: ANN001
    assert isinstance(outcome, Refused), outcome
    return outcome.reason


def _report(kiosk: Kiosk, serial: str) -> Document:
    [job] = kiosk.rows(m.PrintJob, serial=serial)
    return Document.model_validate(job.document)


@pytest.mark.parametrize(("key", "service_id"), CASES, ids=[f"{k}-{s}" for k, s in CASES])
def test_every_listed_outcome_holds(kiosk: Kiosk, key: str, service_id: str) -> None:
    kiosk.clock.set(DEMO_NOW)
    outcome = kiosk.run(service_id, key)
    assert outcome.status == BY_KEY[key].expected[service_id].outcome, getattr(outcome, "reason", outcome)


def test_institution_accounts_are_sent_to_their_own_services(kiosk: Kiosk) -> None:
    kiosk.clock.set(DEMO_NOW)
    for service_id, instead in (("hf_transfer_in", "gov_hf_transfer_in"),
                                ("hf_transfer_out_local", "gov_hf_transfer_out"),
                                ("sealed_hf_withdrawal", "gov_sealed_hf_withdrawal")):
        refused = kiosk.open(service_id, "hf_retiree_gov")
        assert refused.instead == instead
        tile = catalogue.get(instead).tile_label
        assert refused.next_step == f"您可以返回首页，在“机关事业单位”类别中点击“{tile}”办理"



# --- 园区离退休一次性提取住房账户 -------------------------------------------------------------------


def test_si_hf_retiree_gets_the_balance_less_the_reserve_and_a_report(kiosk: Kiosk) -> None:
    kiosk.clock.set(DEMO_NOW)
    wizard = kiosk.wizard("retirement_hf_withdrawal", "hf_retiree_si")
    shown = {d.label: d.value for d in wizard.details(wizard.spec.steps[1])}
    assert shown["账户余额"] == "68,540.30 元" and shown["留足应缴养老保险费"] == "12,360.00 元"
    assert shown["可提取金额"] == "56,180.30 元" and shown["审核依据"] == "养老金发放记录"
    kiosk.walk(wizard)
    review = {r.label: r.value for r in wizard.review()}
    assert review["提取金额"] == "56,180.30 元" and review["留足应缴养老保险费"] == "12,360.00 元"
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted) and outcome.status == "completed"
    [account] = kiosk.rows(HfAccount, person_id=kiosk.person_id("hf_retiree_si"))
    assert account.balance == Decimal("12360.00") and account.status == "sealed"
    [paid] = kiosk.rows(HfWithdrawal, serial=outcome.serial)
    assert (paid.kind, paid.amount) == ("retirement", Decimal("56180.30"))
    report = _report(kiosk, outcome.serial)
    assert report.title == "园区离退休一次性提取住房账户报表"
    lines = {ln.label: ln.value for s in report.sections for ln in s.lines}
    assert lines["账户余额"] == "68,540.30 元" and lines["留足应缴养老保险费"] == "12,360.00 元"
    assert lines["提取后余额"] == "12,360.00 元"
    assert report.holder_id_masked != BY_KEY["hf_retiree_si"].id_number  # masked on paper
    # 一次性: a second one is refused.
    assert "只能办理一次" in _reason(kiosk.open("retirement_hf_withdrawal", "hf_retiree_si"))


def test_institution_retiree_takes_the_whole_balance_and_the_account_closes(kiosk: Kiosk) -> None:
    kiosk.clock.set(DEMO_NOW)
    outcome = kiosk.run("retirement_hf_withdrawal", "hf_retiree_gov")
    [account] = kiosk.rows(HfAccount, person_id=kiosk.person_id("hf_retiree_gov"))
    assert (account.balance, account.status) == (Decimal("0.00"), "closed")
    lines = {ln.label: ln.value for s in _report(kiosk, outcome.serial).sections for ln in s.lines}
    assert "留足应缴养老保险费" not in lines and lines["提取金额"] == "45,210.00 元"


@pytest.mark.parametrize("record", ["approval", "pension_plan", "pension_paid"])
def test_each_retirement_record_is_enough(kiosk: Kiosk, record: str) -> None:
    kiosk.clock.set(DEMO_NOW)
    pid = kiosk.person_id("hf_retiree_si")
    _sql(kiosk, update(HfAccount).where(HfAccount.person_id == pid).values(retirement_record=record))
    assert kiosk.run("retirement_hf_withdrawal", "hf_retiree_si").status == "completed"


def test_no_retirement_record_or_reserve_too_large_is_refused(kiosk: Kiosk) -> None:
    kiosk.clock.set(DEMO_NOW)
    assert "未查询到您有效的园区机关退休或社保（公积金）退休审批记录" in _reason(
        kiosk.open("retirement_hf_withdrawal", "hf_stable_six"))
    assert "须留足应缴养老保险费 9,600.00 元" in _reason(kiosk.open("retirement_hf_withdrawal", "hf_retiree_reserve"))
    pid = kiosk.person_id("hf_retiree_reserve")
    _sql(kiosk, update(HfAccount).where(HfAccount.person_id == pid).values(balance=Decimal("9600.01")))
    wizard = kiosk.wizard("retirement_hf_withdrawal", "hf_retiree_reserve")
    kiosk.walk(wizard)
    assert {r.label: r.value for r in wizard.review()}["提取金额"] == "0.01 元"


# --- 大市外住房公积金转入申请 --------------------------------------------------------------------


def test_stable_months_count_back_from_the_latest_paid_month() -> None:
    months = ("2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02")
    assert stable_months(months, "2026-02") == 7
    assert stable_months(months[2:], "2026-02") == 5
    assert stable_months(tuple(m for m in months if m != "2025-11"), "2026-02") == 3  # a gap restarts
    assert stable_months(("2025-12", "2026-01"), "2026-01") == 2  # across the new year
    assert stable_months(months, None) == 0


def test_sixth_month_of_contributions_opens_transfer_in_fifth_does_not(kiosk: Kiosk) -> None:
    kiosk.clock.set(DEMO_NOW)
    refused = _reason(kiosk.open("hf_transfer_in", "hf_five_months"))
    assert "稳定缴存满 6 个月，您已连续缴存 5 个月（缴存至 2026-02）" in refused
    pid = kiosk.person_id("hf_five_months")
    with kiosk.store.transaction() as tx:
        tx.add(HfContribution(person_id=pid, month="2026-03", amount=Decimal("2330.00"), employer="某公司"))
        tx.execute(update(HfAccount).where(HfAccount.person_id == pid).values(latest_paid_month="2026-03"))
    assert kiosk.run("hf_transfer_in", "hf_five_months").status == "pending_review"


def test_transfer_in_stores_what_was_typed_and_is_due_in_three_working_days(kiosk: Kiosk) -> None:
    _at(kiosk, 2026, 9, 29, 10, 0)  # Tuesday before National Day: 9-30, then 10-09 (make-up 10-10 is Saturday)
    wizard = kiosk.wizard("hf_transfer_in", "hf_stable_six")
    assert kiosk.walk(wizard, mobile="13655556666", from_centre="苏州市住房公积金管理中心") == {
        "from_centre": "本业务用于苏州大市以外的住房公积金转入；苏州大市范围内的住房公积金，请向原缴存地中心申请转出至园区"}
    assert kiosk.walk(wizard, from_centre="南京住房公积金管理中心", old_account="12345",) == {
        "old_account": "原住房公积金账号应为 6 至 20 位数字，请按原缴存地的账户信息填写"}
    assert kiosk.walk(wizard, old_account="3201002345678", old_employer="南京某软件有限公司") == {}
    outcome = kiosk.submit(wizard)
    due = calendar_from_config(kiosk.config).add_working_days(date(2026, 9, 29), 3)
    assert outcome.status == "pending_review" and outcome.due == due
    [row] = kiosk.rows(HfApplication, serial=outcome.serial)
    assert (row.kind, row.status, row.mobile, row.due_on) == ("transfer_in", "pending", "13655556666", due)
    assert row.details == {"from_centre": "南京住房公积金管理中心", "old_account": "3201002345678",
                           "old_employer": "南京某软件有限公司"}
    assert ("原公积金账号", "3201*****5678") in outcome.lines
    assert "中心正在办理" in _reason(kiosk.open("hf_transfer_in", "hf_stable_six"))


def test_transfer_in_needs_the_declaration(kiosk: Kiosk) -> None:
    kiosk.clock.set(DEMO_NOW)
    wizard = kiosk.wizard("hf_transfer_in", "hf_stable_six")
    while wizard.step.kind != "declaration":
        assert wizard.check(careful_values(wizard, {"from_centre": "南京住房公积金管理中心"})) == {}
        wizard.advance()
    assert wizard.check({"agreed": False})
    assert not wizard.check({"agreed": True})


# --- 住房公积金转出至大市内 ----------------------------------------------------------------------


def test_transfer_out_needs_the_si_voucher_first(kiosk: Kiosk) -> None:
    kiosk.clock.set(DEMO_NOW)
    assert "须先办理社会保险关系转出，开具《基本养老保险参保缴费凭证》" in _reason(
        kiosk.open("hf_transfer_out_local", "hf_to_no_voucher"))


def test_transfer_out_shows_the_system_destination_and_goes_pending_for_five_days(kiosk: Kiosk) -> None:
    kiosk.clock.set(DEMO_NOW)
    wizard = kiosk.wizard("hf_transfer_out_local", "hf_to_kunshan")
    shown = {d.label: d.value for d in wizard.details(wizard.spec.steps[1])}
    assert shown == {"转入地": "苏州市昆山市", "转入地中心": "昆山市住房公积金管理中心",
                     "转入地公积金账号": "3215*******4016", "转入地缴存单位": "昆山市玉山镇某精密机械有限公司"}
    kiosk.walk(wizard)
    outcome = kiosk.submit(wizard)
    assert outcome.status == "pending_review"
    assert outcome.due == calendar_from_config(kiosk.config).add_working_days(DEMO_NOW.date(), 5)
    [row] = kiosk.rows(HfApplication, serial=outcome.serial)
    assert row.amount == Decimal("52360.00") and row.details["place"] == "kunshan"
    # Then neither a second transfer nor a sealed withdrawal while it is pending.
    assert "请勿重复提交" in _reason(kiosk.open("hf_transfer_out_local", "hf_to_kunshan"))


def test_transfer_out_only_to_suzhou_city_districts(kiosk: Kiosk) -> None:
    kiosk.clock.set(DEMO_NOW)
    pid = kiosk.person_id("hf_to_kunshan")
    _sql(kiosk, update(HfLocalDestination).where(HfLocalDestination.person_id == pid).values(place="nanjing"))
    assert "只能转往大市范围内（姑苏区、高新区" in _reason(kiosk.open("hf_transfer_out_local", "hf_to_kunshan"))
    _sql(kiosk, delete(HfLocalDestination).where(HfLocalDestination.person_id == pid))
    assert "未查询到您在苏州大市内转入地" in _reason(kiosk.open("hf_transfer_out_local", "hf_to_kunshan"))


# --- 封存住房公积金提取 --------------------------------------------------------------------------


@pytest.mark.parametrize(("birth", "sex", "retires"), [
    (date(1964, 12, 31), "1", date(2024, 12, 31)),  # before the reform: 60
    (date(1965, 1, 15), "1", date(2025, 2, 15)),  # first month affected: 60 and 1 month
    (date(1965, 5, 10), "1", date(2025, 7, 10)),  # 60 and 2 months
    (date(1980, 1, 1), "1", date(2043, 1, 1)),  # capped at 63
    (date(1974, 12, 1), "2", date(2024, 12, 1)),  # 50
    (date(1975, 3, 31), "2", date(2025, 5, 31)),  # 50 and 2 months
    (date(1990, 6, 1), "2", date(2045, 6, 1)),  # capped at 55
])
def test_statutory_retirement_date(birth: date, sex: str, retires: date) -> None:
    assert statutory_retirement_date(birth, sex) == retires


def test_half_a_year_sealed_is_full_on_the_same_day_six_months_on(kiosk: Kiosk) -> None:
    _at(kiosk, 2026, 7, 19, 23, 59)
    refused = kiosk.open("sealed_hf_withdrawal", "hf_sealed_recent")
    assert refused.next_step.startswith("您可以于 2026 年 7 月 20 日起再来办理") and refused.temporary

    _at(kiosk, 2026, 7, 20, 0, 0)
    assert kiosk.run("sealed_hf_withdrawal", "hf_sealed_recent").status == "pending_review"


def test_statutory_retirement_age_waives_the_half_year_and_the_job(kiosk: Kiosk) -> None:
    kiosk.clock.set(DEMO_NOW)
    wizard = kiosk.wizard("sealed_hf_withdrawal", "hf_sealed_retired_age")
    shown = {d.label: d.value for d in wizard.details(wizard.spec.steps[1])}
    assert shown["提取条件"] == "已达到法定退休年龄（2024-08-05）"


def test_sealed_refusals_name_the_condition(kiosk: Kiosk) -> None:
    kiosk.clock.set(DEMO_NOW)
    assert "已在苏州大市范围内就业" in _reason(kiosk.open("sealed_hf_withdrawal", "hf_to_kunshan"))
    assert "在园区以外继续缴存" in _reason(kiosk.open("sealed_hf_withdrawal", "hf_sealed_elsewhere"))
    assert "尚未封存" in _reason(kiosk.open("sealed_hf_withdrawal", "hf_stable_six"))
    assert "须先办理社会保险关系转出" in _reason(kiosk.open("sealed_hf_withdrawal", "hf_sealed_no_voucher"))
    pid = kiosk.person_id("hf_sealed_ready")
    _sql(kiosk, update(m.CitizenCard).where(m.CitizenCard.person_id == pid).values(status="lost"))
    assert "市民卡" in _reason(kiosk.open("sealed_hf_withdrawal", "hf_sealed_ready"))


def test_bank_card_check_digit() -> None:
    assert bank_card_ok("6228480123456789015")
    assert not bank_card_ok("6228480123456789016")  # one digit off
    assert not bank_card_ok("622848012345678")  # too short
    assert not bank_card_ok("62284801234567890a5")


@pytest.mark.parametrize("other", ["²", "٥", "５", "۵", "५"])
def test_bank_card_takes_only_ascii_digits_and_never_crashes(other: str) -> None:
    valid = "6228480123456789015"
    for position in range(len(valid)):
        assert not bank_card_ok(valid[:position] + other + valid[position + 1:])
    assert not bank_card_ok(valid.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")))


def test_sealed_withdrawal_to_the_bound_card_with_the_hukou_address(kiosk: Kiosk) -> None:
    kiosk.clock.set(DEMO_NOW)
    wizard = kiosk.wizard("sealed_hf_withdrawal", "hf_sealed_ready")
    assert kiosk.walk(wizard, hukou_address="合肥") == {
        "hukou_address": "请填写详细的户籍地址（至少 6 个字，写到门牌号）"}
    assert wizard.answers["hukou_address"] == "安徽省合肥市蜀山区长江西路 100 号"  # prefilled, kept
    assert kiosk.walk(wizard, hukou_address="安徽省合肥市包河区徽州大道 8 号", method="bound_card") == {}
    review = {r.label: r.value for r in wizard.review()}
    assert review["发放账户"] == "绑定银行卡 6228***********9015"
    outcome = kiosk.submit(wizard)
    [row] = kiosk.rows(HfApplication, serial=outcome.serial)
    assert row.details == {"method": "bound_card", "bank_account": "6228480123456789015",
                           "hukou_address": "安徽省合肥市包河区徽州大道 8 号"}
    assert row.amount == Decimal("52360.00")


def test_bound_card_option_is_off_without_a_valid_card(kiosk: Kiosk) -> None:
    kiosk.clock.set(DEMO_NOW)
    pid = kiosk.person_id("hf_sealed_ready")
    _sql(kiosk, update(HfAccount).where(HfAccount.person_id == pid).values(bound_bank_card="6228480123456789016"))
    wizard = kiosk.wizard("sealed_hf_withdrawal", "hf_sealed_ready")
    kiosk.walk(wizard, until="method")
    field = wizard.spec.field("method")
    assert wizard.disabled_options(field) == {"bound_card": "绑定的银行卡号校验未通过，请至中心柜面更正"}
    assert kiosk.walk(wizard) == {}  # the citizen card's account is still offered
    assert kiosk.submit(wizard).status == "pending_review"


def test_without_the_voucher_the_sealed_withdrawal_waits_for_it(kiosk: Kiosk) -> None:
    kiosk.clock.set(DEMO_NOW)
    pid = kiosk.person_id("hf_sealed_no_voucher")
    with kiosk.store.transaction() as tx:
        tx.add(SiTransferVoucher(person_id=pid, kind="pension", applied_on=date(2026, 3, 16), destination="合肥"))
    assert kiosk.run("sealed_hf_withdrawal", "hf_sealed_no_voucher").status == "pending_review"
