"""长辈版 and high contrast through the real window: big text and targets, one question per screen."""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.services.presentation import STANDARD
from kiosk.services.session_flow import Screen
from kiosk.ui import theme
from kiosk.ui.scenario import Scenario, run_scenario
from kiosk.ui.widgets.buttons import TouchButton


def _code(kiosk, mobile: str) -> str:  # noqa: ANN001
    texts = [t for to, t in kiosk.devices.sms.sent if to == mobile]
    return re.search(r"验证码 (\d{6})", texts[-1]).group(1)


def _body_px() -> int:
    return QFontInfo(QApplication.instance().font()).pixelSize()


def _shown_buttons(kiosk) -> list[TouchButton]:  # noqa: ANN001
    QApplication.processEvents()
    screen = kiosk.window.screens[kiosk.screen]
    return [b for b in screen.findChildren(TouchButton) if b.isVisible()]


def _assert_big(kiosk) -> None:  # noqa: ANN001
    """Every visible button is a 120-px target; text is 36 px, the screen title 48 px."""
    assert _body_px() == 36
    small = [(b.objectName(), b.height()) for b in _shown_buttons(kiosk) if b.height() < 120]
    assert small == []
    title = kiosk.window.screens[kiosk.screen].title
    if title.text():
        assert QFontInfo(title.font()).pixelSize() == 48


def test_elder_mode_completes_the_mobile_app_one_question_per_screen(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["enterprise_employee"]
    kiosk.tap("mode_switch")
    assert kiosk.window.presentation.elder
    assert kiosk.button("mode_switch").text() == "标准版"
    assert kiosk.window.home.title.text() == "请选择业务类别"
    _assert_big(kiosk)
    kiosk.choose("mobile_medical_app", "medical")
    _assert_big(kiosk)
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    _assert_big(kiosk)
    kiosk.next()
    kiosk.next()
    host = kiosk.window.wizard
    # The mobile step asks two questions: the number, then the texted code, each on its own screen.
    assert kiosk.step_key() == "mobile_step" and list(host.fields) == ["mobile"]
    assert "第 1 问，共 2 问" in host.findChild(QLabel, "step_title").text()
    _assert_big(kiosk)
    kiosk.tap("action_mobile")
    kiosk.settle()
    kiosk.next()
    assert kiosk.step_key() == "mobile_step" and list(host.fields) == ["sms_code"]
    kiosk.next()  # nothing typed: checked on this screen, the resident stays here
    assert host.fields["sms_code"].error.text() == "请填写短信验证码"
    kiosk.tap("back")  # 返回上一步: back one question, not one step
    assert kiosk.step_key() == "mobile_step" and list(host.fields) == ["mobile"]
    assert host.fields["mobile"].value() == persona.mobile  # the answer kept
    kiosk.next()
    code = _code(kiosk, persona.mobile)
    kiosk.enter_digits("sms_code", f"{(int(code) + 1) % 1_000_000:06d}")
    kiosk.next()
    kiosk.settle()
    assert host.fields["sms_code"].error.text() == "验证码不正确，还可以再试 2 次"
    kiosk.enter_digits("sms_code", code)
    kiosk.next()
    kiosk.settle()
    assert kiosk.step_key() == "password_step"
    kiosk.type_digits("739146")
    kiosk.next()
    kiosk.type_digits("739146")
    kiosk.next()
    assert kiosk.step_key() == "review"
    _assert_big(kiosk)
    kiosk.submit()
    assert kiosk.window.result.status.text() == "办理成功"
    _assert_big(kiosk)
    kiosk.tap("finish")
    kiosk.wait_screen(Screen.HOME)
    # Logout: the next resident starts from the standard screens.
    assert kiosk.window.presentation == STANDARD
    assert _body_px() == theme.BODY_PX
    assert kiosk.button("mode_switch").text().startswith("长辈版")
    assert kiosk.window.home.title.text() == "请选择要办理的业务"


def test_elder_mode_chosen_on_the_login_screen_completes_a_grade_change(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.tap("mode_switch")  # the log-in choice screen offers the switch too
    assert kiosk.window.presentation.elder
    _assert_big(kiosk)
    kiosk.login_card(personas["flex_normal"])
    kiosk.wizard_ready()
    kiosk.next()
    kiosk.next()
    kiosk.pick("change_type", "grade")
    _assert_big(kiosk)
    kiosk.next()
    kiosk.pick("grade", "2")
    kiosk.next()
    assert kiosk.step_key() == "review"
    kiosk.submit()
    assert kiosk.window.result.status.text() in ("办理成功", "申请已提交，等待审核")
    kiosk.tap("finish")
    kiosk.wait_screen(Screen.HOME)
    assert kiosk.window.presentation == STANDARD


def test_switching_back_to_standard_restores_the_home_screen(kiosk) -> None:  # noqa: ANN001
    home = kiosk.window.home
    standard_tiles = sorted(b.objectName() for b in _shown_buttons(kiosk) if b.objectName().startswith("service_"))
    kiosk.tap("mode_switch")
    kiosk.tap("category_social_insurance")
    tiles = [b for b in _shown_buttons(kiosk) if b.objectName().startswith("service_")]
    assert len(tiles) == home.ELDER_PAGE  # seven services: four on the first page
    assert kiosk.button("home_next_page").isEnabled()
    kiosk.tap("home_next_page")
    assert len([b for b in _shown_buttons(kiosk) if b.objectName().startswith("service_")]) == 3
    kiosk.tap("home_categories")
    assert home.title.text() == "请选择业务类别"
    kiosk.tap("mode_switch")  # 标准版
    assert kiosk.window.presentation.mode == "standard"
    assert _body_px() == theme.BODY_PX
    assert all(b.height() >= theme.BUTTON_MIN_HEIGHT for b in _shown_buttons(kiosk))
    assert sorted(b.objectName() for b in _shown_buttons(kiosk)
                  if b.objectName().startswith("service_")) == standard_tiles
    assert all(b.isVisible() for b in home.findChildren(TouchButton) if b.objectName().startswith("category_"))


def test_high_contrast_switches_the_colours_live_and_logout_resets_it(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.tap("theme_switch")
    assert kiosk.window.presentation.theme == "high_contrast"
    assert kiosk.button("theme_switch").text() == "标准配色"
    assert theme.current().high_contrast and theme.HIGH_CONTRAST_COLOURS["text"] in QApplication.instance().styleSheet()
    kiosk.choose("mobile_medical_app", "medical")
    kiosk.login_card(personas["enterprise_employee"])
    kiosk.wizard_ready()
    kiosk.tap("home")
    kiosk.wait_screen(Screen.HOME)
    assert kiosk.window.presentation == STANDARD
    assert QApplication.instance().styleSheet() == theme.stylesheet()


def test_a_scenario_in_elder_mode_taps_the_switch_and_answers_one_question_at_a_time() -> None:
    scenario = Scenario(now=datetime.fromisoformat("2026-03-17T10:00:00+08:00"), persona="enterprise_employee",
                        login="citizen_card_password", service="mobile_medical_app", mode="elder",
                        theme="high_contrast")
    [result] = run_scenario(scenario)
    assert result["status"] == "completed", result["reason"]
    taps = [t["label"] for t in result["taps"]]
    assert taps[:2] == ["长辈版（大字）", "高对比度"]
    assert taps.count("下一步") > 4  # the mobile step took two screens
    assert theme.current() == theme.STANDARD_LOOK  # the closed kiosk left the standard look


def test_targets_built_in_elder_mode_and_before_it_are_120_px(qapp, qtbot) -> None:  # noqa: ANN001
    from kiosk.ui.looks import switch_look
    from kiosk.ui.widgets.text_input import TouchLineEdit

    before = TouchButton("下一步")
    qtbot.addWidget(before)
    try:
        switch_look(STANDARD.with_mode("elder"), before)
        entry = TouchLineEdit()
        qtbot.addWidget(entry)
        assert before.minimumHeight() == 120 and entry.minimumHeight() == 120
    finally:
        switch_look(STANDARD, before)
    assert before.minimumHeight() == theme.BUTTON_MIN_HEIGHT  # back to the standard size
