"""Flexible-employment contribution change (row 1) and insured certificates (row 3)."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from kiosk.clock import CST
from kiosk.printing.document import Document
from kiosk.services import catalogue, submission
from kiosk.services.outcome import Accepted, Refused
from kiosk.services.refusal import COUNTER_ASK, start_again
from kiosk.services.rules.social_insurance import effective_month
from kiosk.store import models as m
from kiosk.demo.personas import BY_KEY

if TYPE_CHECKING:
    from ..conftest import Kiosk

INSTITUTION_SENTENCE = "机关事业单位人员只能打印医疗、工伤、生育和住房公积金的参保证明和参保明细"


def _job_document(kiosk: Kiosk, serial: str) -> tuple[m.PrintJob, Document]:
    jobs = kiosk.rows(m.PrintJob, serial=serial)
    assert len(jobs) == 1
    return jobs[0], Document.model_validate(jobs[0].document)


# --- 灵活就业人员办理缴费套餐或档次变更 ----------------------------------------------------------------


@pytest.mark.parametrize(("now", "month"), [
    (datetime(2026, 3, 1, 0, 0), "2026-03"),
    (datetime(2026, 3, 17, 23, 59, 59), "2026-03"),
    (datetime(2026, 3, 18, 0, 0), "2026-04"),
    (datetime(2026, 3, 31, 23, 59), "2026-04"),
    (datetime(2026, 12, 17, 12, 0), "2026-12"),
    (datetime(2026, 12, 18, 0, 0), "2027-01"),
    (datetime(2026, 12, 31, 23, 59), "2027-01"),
])
def test_effective_month_around_the_first_deduction_day(now: datetime, month: str) -> None:
    assert effective_month(now.replace(tzinfo=CST), 18) == month


def test_effective_month_follows_a_moved_deduction_day() -> None:
    assert effective_month(datetime(2026, 3, 19, tzinfo=CST), 20) == "2026-03"
    assert effective_month(datetime(2026, 3, 20, tzinfo=CST), 20) == "2026-04"


@pytest.mark.parametrize(("now", "month", "label"), [
    (datetime(2026, 3, 17, 23, 59), "2026-03", "2026 年 3 月"),
    (datetime(2026, 3, 18, 0, 0), "2026-04", "2026 年 4 月"),
    (datetime(2026, 12, 31, 10, 0), "2027-01", "2027 年 1 月"),
])
def test_saved_change_takes_effect_in_the_right_month(kiosk: Kiosk, now: datetime, month: str, label: str) -> None:
    kiosk.clock.set(now.replace(tzinfo=CST))
    outcome = kiosk.run("flex_contribution_change", "flex_normal", change_type="grade", grade="2")
    assert isinstance(outcome, Accepted) and outcome.status == "completed"
    assert outcome.effective == month
    assert outcome.headline == f"缴费档次变更已保存，自 {label} 起生效"
    assert ("生效月份", label) in outcome.lines
    pid = kiosk.person_id("flex_normal")
    [enrolment] = kiosk.rows(m.FlexEnrolment, person_id=pid)
    assert enrolment.effective_from == month
    [change] = kiosk.rows(m.FlexChange, person_id=pid)
    assert change.effective_month == month


def test_grade_change_writes_enrolment_change_and_voucher(kiosk: Kiosk) -> None:
    outcome = kiosk.run("flex_contribution_change", "flex_normal", change_type="grade", grade="3")
    assert isinstance(outcome, Accepted)
    pid = kiosk.person_id("flex_normal")

    [enrolment] = kiosk.rows(m.FlexEnrolment, person_id=pid)
    assert (enrolment.package_code, enrolment.grade_code, enrolment.status) == ("pension_medical", "3", "normal")
    [change] = kiosk.rows(m.FlexChange, person_id=pid)
    assert (change.serial, change.from_package, change.from_grade, change.to_package, change.to_grade) == (
        outcome.serial, "pension_medical", "1", "pension_medical", "3")
    assert change.created_at == kiosk.clock.now()

    [submitted] = kiosk.rows(m.Submission, serial=outcome.serial)
    assert submitted.service_id == "flex_contribution_change" and submitted.effective == "2026-03"
    assert submitted.answers == {"change_type": "grade", "grade": "3"}

    job, doc = _job_document(kiosk, outcome.serial)
    assert (job.kind, job.title, job.status) == ("receipt", "业务办结凭证", "pending")
    assert [(p.kind, p.title, p.job_id) for p in outcome.printed] == [("receipt", "业务办结凭证", job.id)]
    text = doc.as_text()
    assert doc.title == "业务办结凭证" and doc.holder_name == "周建华"
    assert doc.holder_id_masked == "3205**********131X"
    for expected in ("业务名称：灵活就业人员缴费套餐或档次变更", "变更类型：缴费档次变更", "月缴费金额：2,380.00 元",
                     "生效月份：2026 年 3 月", f"业务流水号：{outcome.serial}"):
        assert expected in text
    assert BY_KEY["flex_normal"].id_number not in json.dumps(job.document, ensure_ascii=False)


def test_package_change_writes_the_new_package(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    kiosk.walk(wizard, until="package", change_type="package")
    package = wizard.fields()[0]
    assert [o.value for o in wizard.options(package)] == ["pension_medical", "medical_only"]
    assert wizard.disabled_options(package) == {"pension_medical": "这是您当前的套餐，请选择新的套餐"}
    assert wizard.next({"package": "medical_only"}) == {}
    grade = wizard.fields()[0]
    assert grade.key == "grade"
    assert [o.value for o in wizard.options(grade)] == ["1", "2"]  # the new package's grades
    assert wizard.disabled_options(grade) == {}
    kiosk.walk(wizard, grade="1")
    assert ("新月缴费金额", "390.40 元", True) in [(x.label, x.value, x.emphasis) for x in wizard.review()]
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted)
    assert outcome.headline == "缴费套餐变更已保存，自 2026 年 3 月 起生效"
    [enrolment] = kiosk.rows(m.FlexEnrolment, person_id=kiosk.person_id("flex_normal"))
    assert (enrolment.package_code, enrolment.grade_code) == ("medical_only", "1")
    [change] = kiosk.rows(m.FlexChange, serial=outcome.serial)
    assert (change.from_package, change.to_package, change.to_grade) == ("pension_medical", "medical_only", "1")


def test_choosing_the_current_grade_is_refused_on_the_step(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    kiosk.walk(wizard, until="grade", change_type="grade")
    grade = wizard.fields()[0]
    assert wizard.disabled_options(grade) == {"1": "这是您当前的档次，请选择新的档次"}
    before = wizard.position
    assert wizard.next({"grade": "1"}) == {"grade": "这是您当前的档次，请选择新的档次"}
    assert wizard.position == before and "grade" not in wizard.answers


def test_choosing_the_current_package_is_refused_on_the_step(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    kiosk.walk(wizard, until="package", change_type="package")
    assert wizard.next({"package": "pension_medical"}) == {"package": "这是您当前的套餐，请选择新的套餐"}


def test_submitting_the_current_grade_directly_is_refused_and_nothing_changes(kiosk: Kiosk) -> None:
    pid = kiosk.person_id("flex_normal")
    spec = catalogue.get("flex_contribution_change")
    outcome = submission.submit(kiosk.store, spec, pid, {"change_type": "grade", "grade": "1"}, kiosk.clock,
                                kiosk.config)
    assert outcome == start_again("这是您当前的档次，请选择新的档次")
    assert kiosk.rows(m.FlexChange) == [] and kiosk.rows(m.Submission) == []
    [enrolment] = kiosk.rows(m.FlexEnrolment, person_id=pid)
    assert enrolment.grade_code == "1" and enrolment.effective_from == "2024-01"


@pytest.mark.parametrize(("key", "reason"), [
    ("flex_suspended", "您的灵活就业参保当前不是正常缴费状态，无法变更套餐或档次"),
    ("enterprise_employee", "本业务仅限园区灵活就业参保人员办理，系统未查询到您的灵活就业参保记录"),
    ("retiree_resettled", "本业务仅限园区灵活就业参保人员办理，系统未查询到您的灵活就业参保记录"),
])
def test_who_may_not_change_is_refused_at_opening(kiosk: Kiosk, key: str, reason: str) -> None:
    assert kiosk.open("flex_contribution_change", key) == Refused(reason=reason, next_step=COUNTER_ASK)


def test_two_changes_in_a_row_chain_from_the_new_grade(kiosk: Kiosk) -> None:
    first = kiosk.run("flex_contribution_change", "flex_normal", change_type="grade", grade="2")
    second = kiosk.run("flex_contribution_change", "flex_normal", change_type="grade", grade="3")
    assert isinstance(first, Accepted) and isinstance(second, Accepted)
    changes = kiosk.rows(m.FlexChange)
    assert [(c.from_grade, c.to_grade) for c in changes] == [("1", "2"), ("2", "3")]
    # the second wizard refuses grade 2, the new current grade
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    kiosk.walk(wizard, until="grade", change_type="grade")
    assert wizard.disabled_options(wizard.fields()[0]) == {"3": "这是您当前的档次，请选择新的档次"}


# --- 参保人员参保证明和参保明细出具 ------------------------------------------------------------------


def test_institution_staff_cannot_pick_pension_or_unemployment(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("insurance_certificate", "institution_staff")
    kiosk.walk(wizard, until="insurances")
    field = wizard.fields()[0]
    assert [o.value for o in wizard.options(field)] == [
        "pension", "medical", "unemployment", "injury", "maternity", "housing_fund"]
    assert wizard.disabled_options(field) == {"pension": INSTITUTION_SENTENCE, "unemployment": INSTITUTION_SENTENCE}
    for chosen in (["pension"], ["medical", "unemployment"], ["pension", "housing_fund"]):
        assert wizard.next({"insurances": chosen}) == {"insurances": INSTITUTION_SENTENCE}
        assert "insurances" not in wizard.answers


def test_institution_staff_gets_medical_injury_maternity_and_housing_fund(kiosk: Kiosk) -> None:
    outcome = kiosk.run("insurance_certificate", "institution_staff", document="certificate")
    assert isinstance(outcome, Accepted) and outcome.status == "completed"
    assert ("险种", "医疗保险、工伤保险、生育保险、住房公积金") in outcome.lines
    job, doc = _job_document(kiosk, outcome.serial)
    assert (job.kind, job.title) == ("report", "参保证明")
    labels = [line.label for line in doc.sections[0].lines if line.label]
    assert labels == ["医疗保险", "工伤保险", "生育保险", "住房公积金"]
    assert all(s.table is None for s in doc.sections)


def test_submitting_pension_for_institution_staff_directly_is_refused(kiosk: Kiosk) -> None:
    spec = catalogue.get("insurance_certificate")
    outcome = submission.submit(kiosk.store, spec, kiosk.person_id("institution_staff"),
                                {"document": "certificate", "insurances": ["pension"]}, kiosk.clock, kiosk.config)
    assert outcome == start_again(INSTITUTION_SENTENCE)
    assert kiosk.rows(m.PrintJob) == []


def test_enterprise_employee_may_pick_every_insurance(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("insurance_certificate", "enterprise_employee")
    kiosk.walk(wizard, until="insurances")
    assert wizard.disabled_options(wizard.fields()[0]) == {}
    assert wizard.next({"insurances": ["pension", "unemployment"]}) == {}


def test_only_insurances_the_person_holds_are_offered(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("insurance_certificate", "retiree_resettled")
    kiosk.walk(wizard, until="insurances")
    assert [o.label for o in wizard.options(wizard.fields()[0])] == ["养老保险", "医疗保险"]


def test_period_is_asked_only_for_details(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("insurance_certificate", "enterprise_employee")
    kiosk.walk(wizard, until="document")
    wizard.next({"document": "certificate"})
    assert "period" not in [f.key for s in wizard.steps for f in s.fields]
    wizard.back()
    wizard.next({"document": "details"})
    assert "period" in [f.key for s in wizard.steps for f in s.fields]


@pytest.mark.parametrize(("period", "first", "last", "months"), [
    ("12", "2025-04", "2025-12", 9),   # 2025-04 .. 2026-03; contributions end 2025-12
    ("24", "2024-04", "2025-12", 21),
    ("36", "2023-04", "2025-12", 33),
    ("all", "2023-01", "2025-12", 36),
])
def test_details_table_is_limited_to_the_chosen_period(kiosk: Kiosk, period: str, first: str, last: str,
                                                       months: int) -> None:
    outcome = kiosk.run("insurance_certificate", "enterprise_employee", document="details",
                        insurances=["pension", "medical"], period=period)
    assert isinstance(outcome, Accepted)
    job, doc = _job_document(kiosk, outcome.serial)
    assert (job.kind, job.title) == ("report", "参保明细")
    [table] = [s.table for s in doc.sections if s.table is not None]
    assert table.columns == ("年月", "险种", "缴费基数", "个人缴纳", "单位缴纳", "缴费单位")
    listed = [row[0] for row in table.rows]
    assert min(listed) == first and max(listed) == last
    assert len(table.rows) == months * 2
    assert {row[1] for row in table.rows} == {"养老保险", "医疗保险"}
    assert ("缴费记录", f"{months * 2} 条") in outcome.lines
    pension = next(row for row in table.rows if row[1] == "养老保险")
    assert pension[2:] == ("12,000.00", "960.00", "1,920.00", "苏州星湖精密制造有限公司")


def test_details_of_a_flexible_person_show_exact_amounts(kiosk: Kiosk) -> None:
    outcome = kiosk.run("insurance_certificate", "flex_normal", document="details", insurances=["medical"],
                        period="12")
    _, doc = _job_document(kiosk, outcome.serial)
    [table] = [s.table for s in doc.sections if s.table is not None]
    assert set(table.rows) == {(f"2025-{mm:02d}", "医疗保险", "4,880.00", "97.60", "341.60", "灵活就业（个人缴纳）")
                               for mm in range(4, 13)}


def test_certificate_counts_every_month(kiosk: Kiosk) -> None:
    outcome = kiosk.run("insurance_certificate", "enterprise_employee", document="certificate",
                        insurances=["housing_fund"])
    _, doc = _job_document(kiosk, outcome.serial)
    text = doc.as_text()
    assert "住房公积金：正常参保；2012-09 起参保；累计缴费 36 个月；最近缴费 2025 年 12 月" in text
    # A 参保证明 is addressed to another office: the full number, so it can match the person.
    number = BY_KEY["enterprise_employee"].id_number
    assert doc.holder_id_full == number and f"证件号码：{number}" in text
    assert f"兹证明 陈志强（证件号码 {number}）" in text
    assert doc.holder_id_masked == "3205**********3516"
    assert "|3205**********3516|" in doc.qr_text and number not in doc.qr_text  # the QR stays masked
    assert all(number not in value for _, value in outcome.lines)  # the result screen too


def test_contribution_details_are_the_residents_own_and_stay_masked(kiosk: Kiosk) -> None:
    outcome = kiosk.run("insurance_certificate", "enterprise_employee", document="details",
                        insurances=["housing_fund"])
    _, doc = _job_document(kiosk, outcome.serial)
    assert doc.holder_id_full is None
    assert "3205**********3516" in doc.as_text() and BY_KEY["enterprise_employee"].id_number not in doc.as_text()


def test_no_sip_record_is_refused_at_opening(kiosk: Kiosk) -> None:
    assert kiosk.open("insurance_certificate", "no_sip_record") == Refused(
        reason="未查询到您在园区的社会保险或住房公积金参保记录，无法出具参保证明", next_step=COUNTER_ASK)



def test_contribution_amounts_are_exact_decimals(kiosk: Kiosk) -> None:
    rows = kiosk.rows(m.Contribution, person_id=kiosk.person_id("flex_normal"), kind="pension", month="2025-06")
    assert [(r.base, r.personal, r.employer) for r in rows] == [
        (Decimal("4880.00"), Decimal("390.40"), Decimal("780.80"))]
