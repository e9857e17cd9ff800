"""A blind resident with the numeric keypad alone: every key a real key event, every word asserted."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from kiosk.services import voice_script
from kiosk.services.session_flow import Screen
from kiosk.ui.demo_cards import id_card_of
from tests.ui.keypad import face_check, keys_of, voice_heard


def test_paper_statement_resumed_by_keypad_alone(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["paper_opted_out"]
    window = kiosk.window
    keys = keys_of(kiosk)
    keys.send("8")  # the first key wakes the voice and reads where the resident is
    assert window.presentation.voice and window.presentation.input == "keypad"
    assert voice_heard(kiosk) == ["请选择要办理的业务。二十四小时自助服务·操作中如需帮助，请按服务台呼叫按钮或拨打"
                             "一、二、三、三、三。" + voice_script.KEYPAD_HINT]
    keys.send("*")
    assert voice_heard(kiosk)[-1] == voice_script.KEYPAD_HELP
    keys.choose(window.home.findChild(QPushButton, "service_paper_statement_optout"))
    kiosk.wait_screen(Screen.LOGIN_CHOICE)
    heard = voice_heard(kiosk)
    assert heard[2:5] == ["重听，按钮。", "社会保险，选项，已选中。", "医疗保险，选项，未选中。"]  # the categories first
    assert "纸质版权益单退订，按钮。" in heard  # the tile says the name the guide tells residents to tap
    assert heard[-1].startswith("请选择登录方式。办理业务：个人纸质权益单退订（及恢复订阅）。")

    mark = len(kiosk.devices.speech.spoken)
    keys.choose(window.login_choice.buttons["id_card_face"])
    kiosk.wait_screen(Screen.ID_INPUT)
    assert voice_heard(kiosk, mark)[-1].startswith("请放置身份证，或输入身份证号码。")
    kiosk.devices.id_card.insert(id_card_of(persona))
    kiosk.poll()
    kiosk.wait_screen(Screen.FACE)
    face = voice_heard(kiosk)[-1]
    assert face.startswith(f"人脸识别。{persona.name[0]}，您好。") and persona.name[1:] not in face
    face_check(kiosk, keys, persona)
    assert voice_heard(kiosk)[-1].startswith("个人纸质权益单退订（及恢复订阅）。第一步")

    keys.send("6")  # 须知 → 核对信息
    details = voice_heard(kiosk)[-1]
    assert "核对" in details and "尾号" in details
    assert not any(persona.id_number[:6] in said for said in kiosk.devices.speech.spoken)
    keys.send("6")
    assert "paper_action" in window.wizard.fields
    mark = len(kiosk.devices.speech.spoken)
    keys.choose(window.wizard.fields["paper_action"].input.findChild(QPushButton, "choice_resume"))
    heard = voice_heard(kiosk, mark)
    assert heard == ["重听，按钮。", "确认退订纸质，选项，未选中，不可用，您已退订二、零、二、六、零、六期纸质权益单。",
                     "恢复订阅纸质，选项，未选中。", "恢复订阅纸质，选项，已选中。"]  # the greyed option and why
    keys.send("6")
    assert kiosk.step_key() == "review"
    keys.send("6")  # on the review 6 only finds 确认提交: submitting takes a 5 on it
    assert voice_heard(kiosk)[-1].endswith(voice_script.SUBMIT_HINT) and kiosk.screen == Screen.WIZARD
    keys.send("5")
    kiosk.wait_screen(Screen.RESULT)
    kiosk.settle()
    result = voice_heard(kiosk)
    assert any(s.startswith("办理结果。办理成功。已恢复订阅二、零、二、六、零、六期纸质权益单。") for s in result)
    keys.send("#")  # 完成，返回首页
    kiosk.wait_screen(Screen.HOME)
    assert not window.presentation.voice  # the next resident starts without it


def test_the_focused_control_has_a_4_px_ring_and_the_highlight(kiosk) -> None:  # noqa: ANN001
    from kiosk.ui import theme

    keys = keys_of(kiosk)
    keys.send("88")  # wake, then the first control
    focused = keys.focused()
    assert focused is kiosk.window.repeat_button
    image = focused.grab().toImage()
    middle = image.height() // 2
    ring = [image.pixelColor(x, middle).name() for x in range(theme.FOCUS_RING_PX)]
    assert ring == [theme.FOCUS_RING.lower()] * theme.FOCUS_RING_PX
    assert image.pixelColor(theme.FOCUS_RING_PX + 2, middle).name() == theme.FOCUS_FILL.lower()
    keys.send("8")
    assert not kiosk.window.repeat_button.hasFocus()
    assert kiosk.window.repeat_button.grab().toImage().pixelColor(theme.FOCUS_RING_PX + 2, middle).name() != \
        theme.FOCUS_FILL.lower()


def test_the_idle_warning_is_read_and_6_carries_on(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("flex_suspend", "social_insurance")
    keys = keys_of(kiosk)
    keys.send("0")  # the first key: voice and keypad on, the log-in choice read
    kiosk.clock.advance(46)
    kiosk.window.check_idle()
    assert kiosk.window.overlay.isVisible()
    assert voice_heard(kiosk)[-1] == "您已较长时间未操作，十四秒后将自动退出。要继续办理，请按六继续办理。"
    keys.send("6")  # 继续办理
    assert not kiosk.window.overlay.isVisible() and kiosk.screen == Screen.LOGIN_CHOICE
