"""The UI-agnostic wizard, and every demo persona through every built service."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from kiosk.services import catalogue
from kiosk.services.outcome import Accepted, Refused
from kiosk.services.profile import ServiceContext
from kiosk.services.wizard import ReviewLine, Wizard
from kiosk.store import models as m
from kiosk.demo.personas import PERSONAS

if TYPE_CHECKING:
    from .conftest import Kiosk

MATRIX = [(p.key, service_id, e.outcome) for p in PERSONAS for service_id, e in p.expected.items()]


def test_every_built_service_has_a_persona_for_success_and_one_for_refusal() -> None:
    built = {s.id for s in catalogue.built()}
    outcomes = {(sid, e.outcome) for p in PERSONAS for sid, e in p.expected.items()}
    for spec in catalogue.built():
        assert any(sid == spec.id and o in ("completed", "pending_review") for sid, o in outcomes), spec.id
        if spec.eligibility:
            assert (spec.id, "refused") in outcomes, spec.id
    for persona in PERSONAS:
        assert set(persona.expected) <= built, persona.key  # no expectation for an unbuilt service


@pytest.mark.parametrize(("key", "service_id", "expected"), MATRIX,
                         ids=[f"{k}-{s}" for k, s, _ in MATRIX])
def test_demo_persona_gets_the_listed_outcome(kiosk: Kiosk, key: str, service_id: str, expected: str) -> None:
    outcome = kiosk.run(service_id, key)
    assert outcome.status == expected, outcome
    pid = kiosk.person_id(key)
    submissions = kiosk.rows(m.Submission, person_id=pid, service_id=service_id)
    audit = [a.action for a in kiosk.rows(m.AuditEntry, person_id=pid, service_id=service_id)]
    if expected == "refused":
        assert isinstance(outcome, Refused) and outcome.reason
        assert submissions == []
        assert audit == ["refused"]
    elif catalogue.get(service_id).query:
        assert submissions == []  # a query writes no business
    else:
        assert isinstance(outcome, Accepted)
        assert [s.serial for s in submissions] == [outcome.serial]
        assert submissions[0].status == expected
        assert audit == ["submitted"]


# --- navigation -------------------------------------------------------------------------------------


def test_steps_follow_the_answers(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    assert wizard.at_first and not wizard.at_review
    kiosk.walk(wizard, until="change_type")
    asked = [f.key for s in wizard.steps for f in s.fields]
    assert "package" not in asked  # nothing chosen yet: the package step is hidden
    without = len(wizard.steps)
    assert wizard.next({"change_type": "package"}) == {}
    assert [f.key for f in wizard.fields()] == ["package"]
    assert len(wizard.steps) == without + 1
    assert wizard.position == (wizard.steps.index(wizard.step) + 1, without + 1)


def test_back_keeps_the_answers_and_stops_at_the_first_step(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    kiosk.walk(wizard, until="grade", change_type="grade")
    here = wizard.position
    wizard.back()
    assert wizard.position == (here[0] - 1, here[1])
    assert [f.key for f in wizard.fields()] == ["change_type"]
    assert wizard.answers["change_type"] == "grade"
    for _ in range(10):
        wizard.back()
    assert wizard.at_first and wizard.position[0] == 1


def test_changing_an_earlier_answer_reroutes(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    kiosk.walk(wizard, until="grade", change_type="package", package="medical_only")
    wizard.back()
    assert [f.key for f in wizard.fields()] == ["package"]
    wizard.back()
    assert wizard.next({"change_type": "grade"}) == {}
    assert [f.key for f in wizard.fields()] == ["grade"]
    # grades of the person's own package again, the current one not allowed
    assert [o.value for o in wizard.options(wizard.fields()[0])] == ["1", "2", "3"]
    assert wizard.disabled_options(wizard.fields()[0]) == {"1": "这是您当前的档次，请选择新的档次"}


def test_the_review_step_does_not_move_on(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("insurance_certificate", "enterprise_employee")
    assert kiosk.walk(wizard) == {}
    assert wizard.at_review
    position = wizard.position
    assert wizard.next() == {}
    assert wizard.at_review and wizard.position == position


# --- validation messages --------------------------------------------------------------------------


def test_a_choice_left_empty_asks_for_it(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    kiosk.walk(wizard, until="change_type")
    assert wizard.next({}) == {"change_type": "请选择变更类型"}
    assert wizard.next({"change_type": ""}) == {"change_type": "请选择变更类型"}


def test_a_value_not_among_the_options_is_refused(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    kiosk.walk(wizard, until="change_type")
    assert wizard.next({"change_type": "suspend"}) == {"change_type": "请从列出的选项中选择变更类型"}


def test_an_empty_multichoice_asks_for_at_least_one(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("insurance_certificate", "enterprise_employee")
    kiosk.walk(wizard, until="insurances")
    assert wizard.next({"insurances": []}) == {"insurances": "请至少选择一项险种"}
    assert wizard.next({"insurances": ["medical", "nonsense"]}) == {"insurances": "请从列出的选项中选择险种"}


def test_multichoice_answers_are_kept_in_option_order(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("insurance_certificate", "enterprise_employee")
    kiosk.walk(wizard, until="insurances")
    assert wizard.next({"insurances": ["housing_fund", "pension", "medical"]}) == {}
    assert wizard.answers["insurances"] == ["pension", "medical", "housing_fund"]


@pytest.mark.parametrize(("typed", "message"), [
    ("1390000000", "手机号码应为 11 位数字，以 1 开头"),
    ("23900000000", "手机号码应为 11 位数字，以 1 开头"),
    ("1290000000a", "手机号码应为 11 位数字，以 1 开头"),
])
def test_a_wrong_mobile_number_is_explained(kiosk: Kiosk, typed: str, message: str) -> None:
    wizard = kiosk.wizard("remote_medical_register", "enterprise_employee")
    kiosk.walk(wizard, until="contact_mobile")
    assert wizard.next({"contact_mobile": typed}) == {"contact_mobile": message}


def test_the_mobile_on_record_is_prefilled(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("remote_medical_register", "enterprise_employee")
    assert wizard.answers["contact_mobile"] == "13912345603"
    assert wizard.answers["start_date"] == kiosk.clock.now().date()


@pytest.mark.parametrize(("typed", "message"), [
    ("   ", "请填写居住地址"),
    ("姑苏区", "请填写详细的居住地址（至少 6 个字，写到门牌号）"),
    ("姑" * 61, "居住地址最多 60 个字，现在是 61 个字，请删减"),
])
def test_address_rules(kiosk: Kiosk, typed: str, message: str) -> None:
    wizard = kiosk.wizard("remote_medical_register", "enterprise_employee")
    kiosk.walk(wizard, until="address")
    assert wizard.next({"address": typed}) == {"address": message}


def test_address_is_trimmed(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("remote_medical_register", "enterprise_employee")
    kiosk.walk(wizard, until="address")
    assert wizard.next({"address": "  姑苏区人民路 100 号  "}) == {}
    assert wizard.answers["address"] == "姑苏区人民路 100 号"


def test_a_step_with_errors_does_not_store_its_answers(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("remote_medical_register", "enterprise_employee")
    kiosk.walk(wizard, until="address")
    wizard.next({"address": "短"})
    assert "address" not in wizard.answers


# --- what the screens show ------------------------------------------------------------------------


def test_details_and_review_lines_mask_personal_data(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("remote_medical_register", "enterprise_employee")
    details = {line.label: line.value for s in wizard.steps for line in wizard.details(s)}
    assert details["姓名"] == "陈志强"
    assert details["证件号码"] == "3205**********3516"
    assert details["预留手机"] == "139****5603"
    kiosk.walk(wizard)
    review = {line.label: line.value for line in wizard.review()}
    assert review["联系手机"] == "139****5603"
    assert review["就医地"] == "姑苏区"
    assert review["开始日期"] == "2026 年 3 月 10 日"
    assert review["结束日期"] == "2027 年 3 月 10 日"


def test_flex_review_shows_the_new_amount_and_month(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    kiosk.walk(wizard, change_type="grade", grade="2")
    review = wizard.review()
    assert ReviewLine("新月缴费金额", "1,820.00 元", True) in review
    assert ReviewLine("生效月份", "2026 年 3 月", True) in review
    assert ReviewLine("变更类型", "缴费档次变更", step="change") in review  # 修改 goes back to that step


def test_the_review_goes_back_to_the_step_of_a_line_with_the_answers_kept(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    kiosk.walk(wizard, change_type="grade", grade="2")
    steps = {line.label: line.step for line in wizard.review()}
    assert steps["缴费档次"] == "grade_step" and steps["生效月份"] == ""  # computed: nothing to change
    wizard.go_to("change")
    assert wizard.step.key == "change" and wizard.answers["change_type"] == "grade"
    with pytest.raises(ValueError, match="no earlier step"):
        wizard.go_to("review")  # forward is walked, not jumped


def test_flex_details_show_the_current_package(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    lines = {line.label: line.value for s in wizard.steps for line in wizard.details(s)}
    assert lines["当前套餐"] == "养老+医疗综合套餐"
    assert lines["当前档次"] == "一档（基数 4,880 元）"
    assert lines["月缴费金额"] == "1,366.40 元"
    assert lines["执行起始月"] == "2024 年 1 月"


def test_open_service_gives_a_context_for_the_person(kiosk: Kiosk) -> None:
    ctx = kiosk.open("insurance_certificate", "institution_staff")
    assert isinstance(ctx, ServiceContext)
    assert ctx.person.name == "王秀英" and ctx.now == kiosk.clock.now()
    assert len(ctx.profile.insurances) == 6
    assert isinstance(Wizard(catalogue.get("insurance_certificate"), ctx).step.kind, str)


def test_answers_of_a_step_no_longer_shown_are_not_kept(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("flex_contribution_change", "flex_normal")
    kiosk.walk(wizard, until="grade", change_type="package", package="medical_only")
    wizard.back()
    wizard.back()
    assert wizard.next({"change_type": "grade"}) == {}
    kiosk.walk(wizard, grade="2")
    outcome = kiosk.submit(wizard)
    assert isinstance(outcome, Accepted)  # the business itself is right: pension_medical grade 2
    [record] = kiosk.rows(m.Submission, serial=outcome.serial)
    assert record.answers == {"change_type": "grade", "grade": "2"}
