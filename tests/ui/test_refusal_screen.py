"""The one refusal layout: heading, the reason, 您可以…, the centre's contact, and the tile to use instead."""

from __future__ import annotations

from kiosk.services import catalogue
from kiosk.services.session_flow import Screen


def test_a_refusal_says_what_to_do_next_and_who_to_ask(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.login_card(personas["enterprise_employee"])
    kiosk.wait_screen(Screen.RESULT)
    result = kiosk.window.result
    assert result.status.text() == "无法办理"  # not a window or a limit: it will not pass by itself
    assert "灵活就业" in result.headline.text()
    assert result.next_step.text().startswith("您可以")
    assert "咨询电话：12333" in result.contact.text()
    assert not result.instead.isVisible()
    kiosk.tap("finish")
    kiosk.wait_screen(Screen.HOME)
    assert result.next_step.text() == result.contact.text() == ""


def test_the_suggested_service_opens_from_the_refusal(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("remote_medical_register", "medical")
    kiosk.login_card(personas["remote_registered"])
    kiosk.wait_screen(Screen.RESULT)
    result = kiosk.window.result
    instead = catalogue.get("remote_medical_cancel")
    assert instead.tile_label in result.next_step.text()
    assert result.instead.text() == f"去办理：{instead.tile_label}"
    kiosk.tap("instead")
    kiosk.wait_screen(Screen.LOGIN_CHOICE)
    assert kiosk.window.state.service_id == "remote_medical_cancel"
    assert kiosk.window.state.person is None  # the refused session ended; the new one logs in afresh
