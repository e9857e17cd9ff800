"""长辈版's one question per screen, in the Qt-free wizard: each question checked on its own screen,
back goes one question back, the step's own check still runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .conftest import Kiosk


def _to_mobile_step(kiosk: Kiosk, one_question: bool):  # noqa: ANN202
    wizard = kiosk.wizard("mobile_medical_app", "enterprise_employee")
    wizard.one_question = one_question
    while wizard.step.key != "mobile_step":
        assert wizard.next({}) == {}
    return wizard


def test_a_two_question_step_is_two_screens_each_checked_on_its_own(kiosk: Kiosk) -> None:
    wizard = _to_mobile_step(kiosk, one_question=True)
    assert [f.key for f in wizard.questions()] == ["mobile"] and wizard.question_position == (1, 2)
    assert "mobile" in wizard.next({"mobile": "1391234"})  # a short number stops the resident here
    assert wizard.question_position == (1, 2)
    assert wizard.next({"mobile": "13912345603"}) == {}
    assert wizard.step.key == "mobile_step" and [f.key for f in wizard.questions()] == ["sms_code"]
    assert wizard.next({}) == {"sms_code": "请填写短信验证码"}
    assert wizard.next({"sms_code": "123456"}) == {}  # checked; the store's check (verify) is the caller's
    assert wizard.step.key == "mobile_step" and wizard.last_question


def test_back_goes_one_question_back_and_into_the_last_question_of_the_step_before(kiosk: Kiosk) -> None:
    wizard = _to_mobile_step(kiosk, one_question=True)
    wizard.next({"mobile": "13912345603"})
    wizard.back()
    assert [f.key for f in wizard.questions()] == ["mobile"] and not wizard.at_first
    assert wizard.answers["mobile"] == "13912345603"  # kept for when the resident comes back
    wizard.back()
    assert wizard.step.key != "mobile_step"
    wizard.next({})
    assert [f.key for f in wizard.questions()] == ["mobile"]
    wizard.next({"mobile": "13912345603"})
    wizard.next({"sms_code": "123456"})
    wizard.advance()  # the store accepted the code
    assert wizard.step.key == "password_step"
    wizard.back()
    assert (wizard.step.key, [f.key for f in wizard.questions()]) == ("mobile_step", ["sms_code"])


def test_the_standard_wizard_shows_the_whole_step(kiosk: Kiosk) -> None:
    wizard = _to_mobile_step(kiosk, one_question=False)
    assert [f.key for f in wizard.questions()] == ["mobile", "sms_code"]
    assert wizard.question_position == (1, 1)
    assert set(wizard.next({"mobile": "13912345603"})) == {"sms_code"}
