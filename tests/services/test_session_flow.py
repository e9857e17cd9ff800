"""The kiosk's session flow: every transition of the pure `next_state` function."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.services.login import LoginOk
from kiosk.services.outcome import Accepted, Refused
from kiosk.services.session_flow import (CARD_PASSWORD, HOME, ID_CARD_FACE, Back, CardLeft, CardRemoved, CardTaken,
                                         FaceChecked,
                                         FaceUnavailable, FlowState, GoHome, Identified, IdentifyFailed,
                                         IdleTimeout, MethodChosen, PasswordChecked, ReprintChosen, Screen,
                                         ServiceChosen,
                                         ServiceFinished, next_state)

BOTH = (ID_CARD_FACE, CARD_PASSWORD)
ZHOU = LoginOk(person_id=1, name="周建华", masked_id="3205**********131X", face_ref="flex_normal")
DONE = Accepted(status="completed", serial="YW2026031000100001", headline="缴费档次变更已保存")


def run(*events, state: FlowState = HOME, face_attempts: int = 3) -> FlowState:
    for event in events:
        state = next_state(state, event, face_attempts=face_attempts)
    return state


# Ways to reach every screen, each from HOME.
PATHS: dict[Screen, tuple] = {
    Screen.HOME: (),
    Screen.LOGIN_CHOICE: (ServiceChosen("flex_contribution_change", BOTH),),
    Screen.ID_INPUT: (ServiceChosen("flex_contribution_change", BOTH), MethodChosen(ID_CARD_FACE)),
    Screen.FACE: (ServiceChosen("flex_contribution_change", BOTH), MethodChosen(ID_CARD_FACE),
                  Identified(ZHOU, inserted=True)),
    Screen.CARD_INSERT: (ServiceChosen("flex_contribution_change", BOTH), MethodChosen(CARD_PASSWORD)),
    Screen.PASSWORD: (ServiceChosen("flex_contribution_change", BOTH), MethodChosen(CARD_PASSWORD),
                      Identified(ZHOU, inserted=True)),
    Screen.WIZARD: (ServiceChosen("flex_contribution_change", BOTH), MethodChosen(ID_CARD_FACE),
                    Identified(ZHOU, inserted=True), FaceChecked(ok=True)),
    Screen.RESULT: (ServiceChosen("flex_contribution_change", BOTH), MethodChosen(ID_CARD_FACE),
                    Identified(ZHOU, inserted=True), FaceChecked(ok=True), ServiceFinished(DONE)),
    Screen.REPRINT: (ReprintChosen(),),
    Screen.CARD_RETURN: (ServiceChosen("flex_contribution_change", BOTH), MethodChosen(CARD_PASSWORD),
                         Identified(ZHOU, inserted=True), PasswordChecked(ok=True), GoHome(), CardLeft("citizen_card")),
}


def test_paths_reach_their_screens() -> None:
    for screen, events in PATHS.items():
        assert run(*events).screen == screen


def test_home_to_result_through_id_card_and_face() -> None:
    state = next_state(HOME, ServiceChosen("flex_contribution_change", BOTH))
    assert state == FlowState(screen=Screen.LOGIN_CHOICE, service_id="flex_contribution_change", methods=BOTH)
    assert not state.has_person

    state = next_state(state, MethodChosen(ID_CARD_FACE))
    assert state.screen == Screen.ID_INPUT and state.method == ID_CARD_FACE

    state = next_state(state, Identified(ZHOU, inserted=False))
    assert state.screen == Screen.FACE
    assert state.candidate == ZHOU and state.person is None and state.has_person
    assert not state.card_inserted

    state = next_state(state, FaceChecked(ok=True))
    assert state.screen == Screen.WIZARD
    assert state.person == ZHOU and state.candidate is None and state.message == ""

    state = next_state(state, ServiceFinished(DONE))
    assert state == FlowState(screen=Screen.RESULT, service_id="flex_contribution_change", outcome=DONE)
    assert not state.has_person

    assert next_state(state, Back()) == HOME


def test_home_to_wizard_through_citizen_card_and_password() -> None:
    state = run(ServiceChosen("insurance_certificate", BOTH), MethodChosen(CARD_PASSWORD))
    assert state.screen == Screen.CARD_INSERT and state.method == CARD_PASSWORD
    state = next_state(state, Identified(ZHOU, inserted=True))
    assert state.screen == Screen.PASSWORD and state.candidate == ZHOU and state.card_inserted
    state = next_state(state, PasswordChecked(ok=False, message="密码不正确，还可以再试 4 次"))
    assert state.screen == Screen.PASSWORD and state.message == "密码不正确，还可以再试 4 次"
    assert state.person is None
    state = next_state(state, PasswordChecked(ok=True))
    assert state.screen == Screen.WIZARD and state.person == ZHOU and state.message == ""


def test_identify_failure_stays_on_the_screen_with_the_reason() -> None:
    for screen in (Screen.ID_INPUT, Screen.CARD_INSERT):
        state = run(*PATHS[screen])
        after = next_state(state, IdentifyFailed("未查询到该身份证号码的参保信息"))
        assert after == replace(state, message="未查询到该身份证号码的参保信息")
        assert not after.has_person


def test_a_method_the_service_does_not_allow_cannot_be_chosen() -> None:
    state = next_state(HOME, ServiceChosen("password_reset", (ID_CARD_FACE,)))
    assert next_state(state, MethodChosen(CARD_PASSWORD)) == state


def test_face_failures_count_down_then_offer_the_other_method() -> None:
    state = run(*PATHS[Screen.FACE])
    state = next_state(state, FaceChecked(ok=False, message="人脸比对未通过"))
    assert state.screen == Screen.FACE and state.face_attempts == 1
    assert state.message == "人脸比对未通过（还可以再试 2 次）"
    state = next_state(state, FaceChecked(ok=False, message="人脸比对未通过"))
    assert state.message == "人脸比对未通过（还可以再试 1 次）"
    state = next_state(state, FaceChecked(ok=False, message="人脸比对未通过"))
    assert state == FlowState(screen=Screen.LOGIN_CHOICE, service_id="flex_contribution_change",
                              methods=(CARD_PASSWORD,), message="人脸识别 3 次未通过，请改用市民卡 + 密码登录",
                              closed=((ID_CARD_FACE, "人脸识别已 3 次未通过，本次不能再用此方式"),))
    assert not state.has_person
    # the face method is gone for this session
    assert next_state(state, MethodChosen(ID_CARD_FACE)) == state
    assert next_state(state, MethodChosen(CARD_PASSWORD)).screen == Screen.CARD_INSERT


def test_face_attempt_limit_follows_the_config() -> None:
    state = run(*PATHS[Screen.FACE], FaceChecked(ok=False, message="未通过"), face_attempts=2)
    assert state.message == "未通过（还可以再试 1 次）"
    state = next_state(state, FaceChecked(ok=False, message="未通过"), face_attempts=2)
    assert state.screen == Screen.LOGIN_CHOICE and "人脸识别 2 次未通过" in state.message


def test_face_failures_with_no_other_method_go_home_with_the_message() -> None:
    state = run(ServiceChosen("password_reset", (ID_CARD_FACE,)), MethodChosen(ID_CARD_FACE),
                Identified(ZHOU, inserted=True))
    for _ in range(3):
        state = next_state(state, FaceChecked(ok=False, message="未通过"))
    assert state.screen == Screen.HOME and state.message == "人脸识别未通过，请到中心柜面办理"
    assert not state.has_person and state.service_id is None


def test_face_unavailable_offers_the_other_method_at_once() -> None:
    state = next_state(run(*PATHS[Screen.FACE]), FaceUnavailable("摄像头暂时无法使用，请改用市民卡 + 密码登录"))
    assert state == FlowState(screen=Screen.LOGIN_CHOICE, service_id="flex_contribution_change",
                              methods=(CARD_PASSWORD,), message="摄像头暂时无法使用，请改用市民卡 + 密码登录",
                              closed=((ID_CARD_FACE, "摄像头暂时无法使用"),))
    only_face = run(ServiceChosen("password_reset", (ID_CARD_FACE,)), MethodChosen(ID_CARD_FACE),
                    Identified(ZHOU, inserted=False), FaceUnavailable("摄像头故障"))
    assert only_face.screen == Screen.HOME and only_face.message == "摄像头故障" and not only_face.has_person


def test_password_locked_offers_the_other_method() -> None:
    locked = "密码连续输错次数过多，密码登录已锁定至 2026-03-11 00:00。"
    state = next_state(run(*PATHS[Screen.PASSWORD]), PasswordChecked(ok=False, message=locked, locked=True,
                                                                       note="密码输错次数过多，已锁定至 00:00"))
    assert state == FlowState(screen=Screen.LOGIN_CHOICE, service_id="flex_contribution_change",
                              methods=(ID_CARD_FACE,), message=locked,
                              closed=((CARD_PASSWORD, "密码输错次数过多，已锁定至 00:00"),))
    assert not state.has_person and not state.card_inserted
    assert next_state(state, MethodChosen(ID_CARD_FACE)).screen == Screen.ID_INPUT
    # Back from the log-in that is left keeps the reason for the one that is closed.
    back = next_state(next_state(state, MethodChosen(ID_CARD_FACE)), Back())
    assert back.closed == state.closed and back.methods == (ID_CARD_FACE,)


def test_password_locked_with_no_other_method_goes_home() -> None:
    state = run(ServiceChosen("x", (CARD_PASSWORD,)), MethodChosen(CARD_PASSWORD), Identified(ZHOU, inserted=True),
                PasswordChecked(ok=False, message="已锁定", locked=True))
    assert state.screen == Screen.HOME and state.message == "已锁定" and not state.has_person


@pytest.mark.parametrize("screen", [s for s in Screen if s != Screen.HOME])
def test_card_removal_logs_out_when_the_card_was_inserted(screen: Screen) -> None:
    state = run(*PATHS[screen])
    inserted = replace(state, card_inserted=True)
    after = next_state(inserted, CardRemoved())
    assert after == HOME and not after.has_person


@pytest.mark.parametrize("screen", list(Screen))
def test_card_removal_does_nothing_when_the_number_was_typed(screen: Screen) -> None:
    state = replace(run(*PATHS[screen]), card_inserted=False)
    assert next_state(state, CardRemoved()) == state


def test_typed_number_then_face_wizard_survives_a_card_pull() -> None:
    state = run(ServiceChosen("flex_contribution_change", BOTH), MethodChosen(ID_CARD_FACE),
                Identified(ZHOU, inserted=False), FaceChecked(ok=True))
    assert state.screen == Screen.WIZARD
    assert next_state(state, CardRemoved()) == state


def test_inserted_card_pulled_in_the_wizard_logs_out() -> None:
    state = run(*PATHS[Screen.WIZARD])
    assert state.card_inserted and state.person == ZHOU
    after = next_state(state, CardRemoved())
    assert after == HOME and not after.has_person


@pytest.mark.parametrize("event", [IdleTimeout(), GoHome()], ids=["idle", "home"])
@pytest.mark.parametrize("screen", list(Screen))
def test_idle_timeout_and_home_leave_no_person_from_every_screen(screen: Screen, event) -> None:
    state = run(*PATHS[screen])
    after = next_state(state, event)
    assert after == HOME
    assert after.screen == Screen.HOME
    assert not after.has_person
    assert after.person is None and after.candidate is None and after.outcome is None


def test_service_finished_drops_the_person_and_keeps_the_outcome() -> None:
    refused = Refused(reason="本业务仅限园区灵活就业参保人员办理")
    state = next_state(run(*PATHS[Screen.WIZARD]), ServiceFinished(refused))
    assert state.screen == Screen.RESULT
    assert state.person is None and state.candidate is None and not state.has_person
    assert state.outcome == refused
    assert not state.card_inserted  # pulling the card on the result screen changes nothing
    assert next_state(state, CardRemoved()) == state


def test_service_finished_outside_the_wizard_is_ignored() -> None:
    state = run(*PATHS[Screen.FACE])
    assert next_state(state, ServiceFinished(DONE)) == state


@pytest.mark.parametrize("screen", [Screen.ID_INPUT, Screen.CARD_INSERT, Screen.FACE, Screen.PASSWORD])
def test_back_from_a_log_in_screen_returns_to_the_choice_without_the_person(screen: Screen) -> None:
    state = run(*PATHS[screen])
    after = next_state(state, Back())
    assert after == FlowState(screen=Screen.LOGIN_CHOICE, service_id="flex_contribution_change", methods=BOTH)
    assert not after.has_person


def test_back_from_the_choice_goes_home() -> None:
    assert next_state(run(*PATHS[Screen.LOGIN_CHOICE]), Back()) == HOME


def test_back_in_the_wizard_is_the_wizards_own_business() -> None:
    state = run(*PATHS[Screen.WIZARD])
    assert next_state(state, Back()) == state


@pytest.mark.parametrize("event", [MethodChosen(ID_CARD_FACE), Identified(ZHOU, inserted=True),
                                   FaceChecked(ok=True), PasswordChecked(ok=True), ServiceFinished(DONE),
                                   IdentifyFailed("x"), FaceUnavailable("x"), CardRemoved(), Back()])
def test_events_that_do_not_belong_on_home_change_nothing(event) -> None:
    assert next_state(HOME, event) == HOME


def test_service_chosen_is_ignored_away_from_home() -> None:
    state = run(*PATHS[Screen.WIZARD])
    assert next_state(state, ServiceChosen("insurance_certificate", BOTH)) == state


def test_face_result_on_the_password_screen_cannot_log_in() -> None:
    state = run(*PATHS[Screen.PASSWORD])
    assert next_state(state, FaceChecked(ok=True)) == state
    state = run(*PATHS[Screen.FACE])
    assert next_state(state, PasswordChecked(ok=True)) == state


def test_result_state_after_logout_holds_no_personal_data(kiosk) -> None:
    from datetime import date

    outcome = kiosk.run("remote_medical_register", "enterprise_employee", end_date=date(2027, 3, 1))
    assert isinstance(outcome, Accepted)
    state = next_state(run(*PATHS[Screen.WIZARD]), ServiceFinished(outcome))
    assert not state.has_person
    assert "陈志强" not in repr(state)


def test_the_reprint_tile_opens_code_entry_without_a_person_and_back_or_home_leave_it() -> None:
    state = run(ReprintChosen())
    assert state == FlowState(screen=Screen.REPRINT) and not state.has_person
    for leave in (Back(), GoHome(), IdleTimeout()):
        assert next_state(state, leave) == HOME
    assert next_state(state, ServiceChosen("flex_contribution_change", BOTH)) == state  # home's tiles are not there
    assert next_state(state, CardRemoved()) == state


@pytest.mark.parametrize("screen", [s for s in Screen if s not in (Screen.HOME, Screen.REPRINT)])
def test_the_reprint_tile_opens_from_home_only(screen: Screen) -> None:
    state = run(*PATHS[screen])
    assert next_state(state, ReprintChosen()) == state
# -- cards back ----------------------------------------------------------------------------------
def test_a_card_left_after_logout_gets_its_own_screen_until_taken() -> None:
    state = run(*PATHS[Screen.CARD_RETURN])
    assert state == FlowState(screen=Screen.CARD_RETURN, card_left="citizen_card")
    assert not state.has_person
    assert next_state(state, CardTaken()) == HOME
    assert next_state(state, IdleTimeout()) == HOME  # [session] card_left_s passed


def test_a_card_left_on_the_result_screen_keeps_the_result() -> None:
    result = run(*PATHS[Screen.RESULT])
    asked = next_state(result, CardLeft("id_card"))
    assert asked == replace(result, card_left="id_card")
    assert asked.outcome == DONE  # the serial and the reprint code stay on screen
    assert next_state(asked, CardTaken()) == result


@pytest.mark.parametrize("screen", [s for s in Screen if s not in (Screen.HOME, Screen.RESULT)])
def test_a_card_is_asked_back_only_once_the_business_has_ended(screen: Screen) -> None:
    state = run(*PATHS[screen])
    assert next_state(state, CardLeft("id_card")) == state


def test_a_card_taken_elsewhere_changes_nothing() -> None:
    for screen in (Screen.HOME, Screen.WIZARD):
        state = run(*PATHS[screen])
        assert next_state(state, CardTaken()) == state


def test_why_the_session_ended_stays_on_the_card_screen() -> None:
    ended = next_state(replace(HOME, message="人脸识别未通过，请到中心柜面办理"), CardLeft("id_card"))
    assert ended == FlowState(screen=Screen.CARD_RETURN, card_left="id_card",
                              message="人脸识别未通过，请到中心柜面办理")
    assert next_state(ended, CardTaken()) == HOME
