"""Voice guidance through the touch screen: 重听, 语音播报, headphones, and what is never said."""

from __future__ import annotations

from PySide6.QtCore import QRect

from kiosk.services.session_flow import Screen
from kiosk.ui.app import build_window
from kiosk.ui.demo_cards import citizen_card_of
from kiosk.ui.touch import Finger

HOME = "请选择要办理的业务。二十四小时自助服务·操作中如需帮助，请按服务台呼叫按钮或拨打一、二、三、三、三。"


def _heard(kiosk) -> list[str]:  # noqa: ANN001
    kiosk.qtbot.wait(1)  # a screen is read on the next turn of the event loop
    return kiosk.devices.speech.spoken


def test_repeat_reads_the_screen_even_with_the_voice_off_and_nothing_else_is_said(kiosk) -> None:  # noqa: ANN001
    assert _heard(kiosk) == []
    kiosk.tap_widget(kiosk.window.repeat_button)
    assert _heard(kiosk) == [HOME]
    kiosk.choose("flex_suspend", "social_insurance")
    assert _heard(kiosk) == [HOME]  # the voice is off: only 重听 speaks
    kiosk.tap_widget(kiosk.window.repeat_button)
    assert _heard(kiosk)[-1] == "请选择登录方式。办理业务：灵活就业人员中断参保。"


def test_the_voice_button_reads_each_screen_and_stops_at_the_next(kiosk, personas) -> None:  # noqa: ANN001
    speech = kiosk.devices.speech
    kiosk.tap("voice_toggle")
    assert kiosk.window.presentation.voice and kiosk.button("voice_toggle").text() == "关闭语音播报"
    assert _heard(kiosk) == [HOME]
    stops = speech.stops
    kiosk.choose("flex_suspend", "social_insurance")
    assert speech.stops > stops  # the home screen's words end when the next screen comes
    assert _heard(kiosk)[-1] == "请选择登录方式。办理业务：灵活就业人员中断参保。"
    kiosk.tap("login_citizen_card_password")
    kiosk.wait_screen(Screen.CARD_INSERT)
    persona = personas["flex_normal"]
    kiosk.devices.citizen_card.insert(citizen_card_of(persona))
    kiosk.poll()
    kiosk.wait_screen(Screen.PASSWORD)
    kiosk.settle()
    password_screen = _heard(kiosk)[-1]
    assert password_screen.startswith(f"请输入社保和公积金查询密码。{persona.name[0]}，您好。")
    assert "●" not in password_screen and "○" not in password_screen
    before = len(_heard(kiosk))
    kiosk.enter_password("000000")  # wrong: the error is read, no digit ever is
    heard = _heard(kiosk)[before:]
    assert heard and "密码" in heard[-1]
    assert not any(d in said for said in speech.spoken for d in "0123456789") and "零" not in "".join(heard)
    kiosk.tap("home")
    kiosk.wait_screen(Screen.HOME)
    assert not kiosk.window.presentation.voice and kiosk.button("voice_toggle").text() == "开启语音播报"


def _poll_jack(kiosk) -> None:  # noqa: ANN001
    voice = kiosk.window.voice
    kiosk.qtbot.waitUntil(lambda: voice.bridge.busy == 0)  # the timer's own poll, if one is under way
    voice.poll_headphones()
    kiosk.qtbot.waitUntil(lambda: voice.bridge.busy == 0)


def test_headphones_plugged_in_start_the_voice_and_unplugged_stop_it(kiosk) -> None:  # noqa: ANN001
    jack, window = kiosk.devices.headphones, kiosk.window
    _poll_jack(kiosk)
    jack.plug()
    _poll_jack(kiosk)
    assert window.presentation.voice and _heard(kiosk) == [HOME]
    jack.unplug()
    _poll_jack(kiosk)
    assert not window.presentation.voice and not kiosk.devices.speech.speaking


def test_the_demo_panel_plugs_the_headphones_in(qtbot, kiosk) -> None:  # noqa: ANN001
    panel = build_window(kiosk.config, kiosk.store, kiosk.devices, kiosk.clock, windowed=True).dev_panel
    qtbot.addWidget(panel)
    panel.show()
    finger = Finger(panel, area=panel.rect())
    finger.tap_named(panel, "dev_toggle")
    finger = Finger(panel, area=QRect(panel.rect()))
    finger.tap_named(panel, "dev_headphones")
    assert kiosk.devices.headphones.plugged and panel.status.text() == "耳机：已插入"
