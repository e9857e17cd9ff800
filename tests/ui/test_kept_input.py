"""Issue 12 point 4: a greyed log-in says why; a refused ID number stays to be corrected; errors clear."""

from __future__ import annotations

from kiosk.devices.face.simulated import NOBODY
from kiosk.services.session_flow import Screen
from kiosk.ui.demo_cards import id_card_of


def _note(kiosk, method: str) -> str:  # noqa: ANN001
    return kiosk.window.login_choice.notes[method].text()


def _at_face(kiosk, persona) -> None:  # noqa: ANN001
    """参保证明 with the ID card on the reader: the face screen."""
    kiosk.choose("insurance_certificate", "social_insurance")
    kiosk.tap("login_id_card_face")
    kiosk.devices.id_card.insert(id_card_of(persona))
    kiosk.poll()
    kiosk.wait_screen(Screen.FACE)


def test_face_tries_used_up_is_the_reason_under_the_greyed_face_log_in(kiosk, personas) -> None:  # noqa: ANN001
    _at_face(kiosk, personas["flex_normal"])
    kiosk.devices.face.present(NOBODY)
    for _ in range(3):
        kiosk.tap("face_start")
        kiosk.settle()
    assert kiosk.screen == Screen.LOGIN_CHOICE
    assert not kiosk.button("login_id_card_face").isEnabled()
    assert _note(kiosk, "id_card_face") == "人脸识别已 3 次未通过，本次不能再用此方式"
    assert _note(kiosk, "citizen_card_password") == ""
    # Back to the card log-in and back again: the reason stays with the greyed button.
    kiosk.tap("login_citizen_card_password")
    kiosk.wait_screen(Screen.CARD_INSERT)
    kiosk.tap("back")
    kiosk.wait_screen(Screen.LOGIN_CHOICE)
    assert _note(kiosk, "id_card_face") == "人脸识别已 3 次未通过，本次不能再用此方式"


def test_a_locked_password_says_until_when(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.login_card(personas["flex_normal"], password="000000")
    for _ in range(4):
        kiosk.enter_password("000000")
    assert kiosk.screen == Screen.LOGIN_CHOICE
    assert not kiosk.button("login_citizen_card_password").isEnabled()
    assert _note(kiosk, "citizen_card_password") == "密码输错次数过多，已锁定至 00:00"
    assert kiosk.button("login_id_card_face").isEnabled() and _note(kiosk, "id_card_face") == ""


def test_a_camera_fault_and_a_reader_fault_are_named_as_such(kiosk, personas) -> None:  # noqa: ANN001
    _at_face(kiosk, personas["flex_normal"])
    kiosk.devices.face.break_camera()
    kiosk.tap("face_start")
    kiosk.settle()
    assert kiosk.screen == Screen.LOGIN_CHOICE
    assert _note(kiosk, "id_card_face") == "摄像头暂时无法使用"
    kiosk.tap("back")
    kiosk.wait_screen(Screen.HOME)
    kiosk.devices.citizen_card.unplug()
    kiosk.poll()
    kiosk.choose("insurance_certificate", "social_insurance")
    assert not kiosk.button("login_citizen_card_password").isEnabled()
    assert _note(kiosk, "citizen_card_password").startswith("市民卡读卡器未连接")


def test_a_log_in_the_service_does_not_take_says_so(kiosk) -> None:  # noqa: ANN001
    kiosk.choose("password_reset", "social_insurance")
    assert not kiosk.button("login_citizen_card_password").isEnabled()
    assert _note(kiosk, "citizen_card_password") == "本业务不能使用此方式登录"


def test_a_number_with_a_wrong_last_digit_stays_to_be_corrected(kiosk, personas) -> None:  # noqa: ANN001
    number = personas["flex_normal"].id_number
    wrong = "0" if number[-1] != "0" else "1"
    kiosk.choose("insurance_certificate", "social_insurance")
    kiosk.tap("login_id_card_face")
    kiosk.wait_screen(Screen.ID_INPUT)
    kiosk.type_digits(number[:17] + wrong)
    kiosk.tap("confirm")
    kiosk.settle()
    assert kiosk.screen == Screen.ID_INPUT
    assert kiosk.message() == "身份证号码有误，请核对最后一位"
    assert kiosk.window.id_input.entry.text() == number[:17] + wrong  # nothing to type again but one digit
    kiosk.tap("key_back")
    kiosk.type_digits(number[-1])
    kiosk.tap("confirm")
    kiosk.settle()
    kiosk.wait_screen(Screen.FACE)


def test_a_field_error_clears_once_the_answer_is_valid(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.login_card(personas["flex_normal"])
    kiosk.wizard_ready()
    kiosk.next()
    kiosk.next()
    assert kiosk.step_key() == "change"
    kiosk.next()  # nothing chosen
    error = kiosk.window.wizard.fields["change_type"].error
    assert error.text() == "请选择变更类型"
    assert kiosk.message() != ""
    kiosk.pick("change_type", "grade")
    assert error.text() == "" and kiosk.message() == ""


def test_a_number_error_stays_while_the_number_is_still_wrong(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.withdrawal_to_mobile_step(personas["resident_transferred"])
    kiosk.tap("key_clear")
    kiosk.type_digits("137000033")
    kiosk.next()
    error = kiosk.window.wizard.fields["mobile"].error
    assert error.text() == "手机号码应为 11 位数字，以 1 开头"
    kiosk.type_digits("3")  # ten digits: still wrong, the error stays
    assert error.text() == "手机号码应为 11 位数字，以 1 开头" and kiosk.message() != ""
    kiosk.type_digits("3")
    assert error.text() == "" and kiosk.message() == ""
