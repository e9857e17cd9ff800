"""Cards back: a card left in a reader after the business is asked back, and the result is never lost."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from kiosk.services.session_flow import Screen
from kiosk.store import models as m
from kiosk.ui.demo_cards import id_card_of
from kiosk.ui.widgets.card_picture import CardPicture


def _secrets(persona) -> list[str]:  # noqa: ANN001
    return [persona.name, persona.id_number, persona.id_number[-4:], persona.mobile[-4:]]


def _shown_texts(kiosk) -> list[str]:  # noqa: ANN001
    """The texts of the labels the resident can see now."""
    return [w.text() for w in kiosk.window.findChildren(QLabel) if w.isVisible() and w.text()]


def _home_from_the_wizard(kiosk, persona, login) -> None:  # noqa: ANN001
    """Logs in with `login` (kiosk.login_card / kiosk.login_id_card) and taps 返回首页 in the wizard."""
    kiosk.choose("flex_contribution_change", "social_insurance")
    login(persona)
    kiosk.wizard_ready()
    kiosk.tap("home")
    assert kiosk.screen == Screen.CARD_RETURN


def _grade_change_result(kiosk, persona) -> None:  # noqa: ANN001
    kiosk.flex_grade_change_to_review(persona, "3")
    kiosk.submit()


def test_the_result_stays_and_a_banner_asks_for_the_citizen_card(kiosk, personas) -> None:  # noqa: ANN001
    _grade_change_result(kiosk, personas["flex_normal"])
    result = kiosk.window.result
    serial = result.serial.text()
    assert serial.startswith("业务流水号：")
    assert result.card_banner.isVisible()
    assert result.card_banner.prompt.text() == "请取回您的市民卡"
    assert result.card_banner.picture.kind == "citizen_card"
    assert "请取回您的市民卡" in kiosk.devices.speech.spoken  # the sentence is spoken, with a beep
    kiosk.devices.citizen_card.remove()
    kiosk.poll()
    assert kiosk.screen == Screen.RESULT  # taking the card keeps the result on screen
    assert not result.card_banner.isVisible()
    assert result.serial.text() == serial and result.serial.isVisible()
    kiosk.tap("finish")
    assert kiosk.screen == Screen.HOME  # no card left: straight home


def test_done_with_the_card_still_in_shows_the_card_screen_until_it_is_taken(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["flex_normal"]
    _grade_change_result(kiosk, persona)
    kiosk.tap("finish")
    assert kiosk.screen == Screen.CARD_RETURN
    screen = kiosk.window.card_return
    assert screen.title.text() == "请取回您的市民卡"
    assert screen.findChild(CardPicture).kind == "citizen_card"
    assert not any(s in t for t in _shown_texts(kiosk) for s in _secrets(persona))
    kiosk.poll()  # still in the reader: the screen holds
    kiosk.clock.advance(30)
    kiosk.window.check_idle()
    assert kiosk.screen == Screen.CARD_RETURN
    kiosk.devices.citizen_card.remove()
    kiosk.poll()
    assert kiosk.screen == Screen.HOME


def test_home_mid_service_asks_for_the_id_card(kiosk, personas) -> None:  # noqa: ANN001
    _home_from_the_wizard(kiosk, personas["flex_normal"], kiosk.login_id_card)
    assert kiosk.window.card_return.title.text() == "请取回您的身份证"
    assert kiosk.window.card_return.picture.kind == "id_card"
    assert kiosk.window.state.person is None and kiosk.window.wizard.wizard is None
    kiosk.devices.id_card.remove()
    kiosk.poll()
    assert kiosk.screen == Screen.HOME


def test_a_card_left_for_card_left_s_is_logged_for_staff_and_the_kiosk_goes_home(kiosk, personas,  # noqa: ANN001
                                                                                  caplog) -> None:  # noqa: ANN001
    persona = personas["flex_normal"]
    _home_from_the_wizard(kiosk, persona, kiosk.login_card)
    spoken = len(kiosk.devices.speech.spoken)
    kiosk.clock.advance(15)
    kiosk.window.check_idle()
    assert len(kiosk.devices.speech.spoken) == spoken + 1  # reminded again while it waits
    kiosk.clock.advance(kiosk.config.session.card_left_s - 16)
    kiosk.window.check_idle()
    assert kiosk.screen == Screen.CARD_RETURN
    with caplog.at_level(logging.WARNING):
        kiosk.clock.advance(1)
        kiosk.window.check_idle()
        kiosk.settle()
    assert kiosk.screen == Screen.HOME
    assert not any(s in t for t in _shown_texts(kiosk) for s in _secrets(persona))
    assert "citizen_card left in its reader for 60 s" in caplog.text
    with kiosk.store.transaction() as tx:
        [entry] = tx.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "card_left")).all()
        assert (entry.person_id, entry.detail) == (None, "citizen_card")
    kiosk.poll()  # the card still lies there: home stays home (no loop back to the card screen)
    assert kiosk.screen == Screen.HOME


def test_a_refusal_keeps_its_reason_under_the_card_banner(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.login_card(personas["enterprise_employee"])
    kiosk.wait_screen(Screen.RESULT)
    result = kiosk.window.result
    assert result.card_banner.isVisible() and result.next_step.isVisible()
    assert result.next_step.text().startswith("您可以")
    kiosk.tap("finish")
    assert kiosk.screen == Screen.CARD_RETURN


def test_idle_timeout_with_the_id_card_on_the_reader_asks_for_it(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.login_id_card(personas["flex_normal"])
    kiosk.wizard_ready()
    kiosk.clock.advance(kiosk.config.session.idle_timeout_seconds)
    kiosk.window.check_idle()
    assert kiosk.screen == Screen.CARD_RETURN
    assert kiosk.window.card_return.title.text() == "请取回您的身份证"


def test_the_serial_id_card_reader_holds_the_card_screen_until_it_is_lifted(kiosk, personas) -> None:  # noqa: ANN001
    """The real GA 467 reader code on a pseudo-terminal reader, polled by the window."""
    from kiosk.devices.id_card.pty_simulator import PtyIdCardSimulator
    from kiosk.devices.id_card.serial_reader import SerialIdCardReader
    persona = personas["flex_normal"]
    with PtyIdCardSimulator() as sim:
        reader = SerialIdCardReader(sim.port, timeout=0.5)
        kiosk.devices.id_card = reader  # the window polls this bundle
        try:
            kiosk.choose("flex_contribution_change", "social_insurance")
            kiosk.tap("login_id_card_face")
            sim.insert(id_card_of(persona))
            kiosk.poll()
            kiosk.wait_screen(Screen.FACE)
            kiosk.devices.face.present(persona.key)
            kiosk.tap("face_start")
            kiosk.wizard_ready()
            kiosk.tap("home")
            assert kiosk.screen == Screen.CARD_RETURN
            for _ in range(3):
                kiosk.poll()  # found and read again: still lying there
            assert kiosk.screen == Screen.CARD_RETURN
            sim.remove()
            kiosk.poll()
            assert kiosk.screen == Screen.HOME
        finally:
            reader.close()


def test_face_checks_used_up_say_why_on_the_card_screen(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["flex_normal"]
    kiosk.choose("password_reset", "social_insurance")  # ID card + face only
    kiosk.tap("login_id_card_face")
    kiosk.devices.id_card.insert(id_card_of(persona))
    kiosk.poll()
    kiosk.wait_screen(Screen.FACE)
    for _ in range(3):
        kiosk.devices.face.present("someone_else")
        kiosk.tap("face_start")
        kiosk.settle()
    assert kiosk.screen == Screen.CARD_RETURN
    assert "人脸识别未通过" in kiosk.window.card_return.message.text()
    assert kiosk.window.card_return.title.text() == "请取回您的身份证"


def test_staff_see_todays_cards_left_on_the_maintenance_screen(kiosk, personas) -> None:  # noqa: ANN001
    from kiosk.ui.maintenance import MaintenancePanel

    _home_from_the_wizard(kiosk, personas["flex_normal"], kiosk.login_card)
    kiosk.clock.advance(kiosk.config.session.card_left_s)
    kiosk.window.check_idle()
    kiosk.settle()
    panel = MaintenancePanel(kiosk.config, kiosk.store, kiosk.devices, kiosk.clock)
    kiosk.qtbot.addWidget(panel)
    panel.show()
    kiosk.qtbot.waitUntil(lambda: panel.message.text().startswith("检测完成"), timeout=30000)
    assert "卡片遗留提醒 1 次，请查看读卡器" in panel.journal.text()
    assert "读卡器上有卡" in panel.findChild(QLabel, "maint_device_citizen_card").text()  # where to look
    panel.close()


def test_an_english_elder_session_keeps_its_words_on_the_card_screen_then_resets(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.tap("language")
    kiosk.tap("mode_switch")
    _grade_change_result(kiosk, personas["flex_normal"])
    kiosk.tap("finish")
    assert kiosk.screen == Screen.CARD_RETURN
    assert kiosk.window.presentation.language == "en" and kiosk.window.presentation.elder
    assert not any("市民卡" in t for t in _shown_texts(kiosk))  # asked back in the resident's language
    kiosk.devices.citizen_card.remove()
    kiosk.poll()
    assert kiosk.screen == Screen.HOME
    assert kiosk.window.presentation.language == "zh" and not kiosk.window.presentation.elder


def test_a_card_left_behind_still_resets_the_language_for_the_next_resident(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.tap("language")
    _home_from_the_wizard(kiosk, personas["flex_normal"], kiosk.login_card)
    assert kiosk.window.presentation.language == "en"
    kiosk.clock.advance(kiosk.config.session.card_left_s)
    kiosk.window.check_idle()
    assert kiosk.screen == Screen.HOME
    assert kiosk.window.presentation.language == "zh"
