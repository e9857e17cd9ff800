"""English as a second language: the 中文 / English switch on home, a whole service in English."""

from __future__ import annotations

from kiosk.printing.escpos_text import receipt_text
from kiosk.services.session_flow import Screen
from kiosk.ui.language_check import resident_data, untranslated


def _chinese_left(kiosk, answers: set[str]) -> list[str]:  # noqa: ANN001
    """Visible texts still holding Chinese that is neither resident data nor the 中文 switch."""
    data = resident_data(kiosk.store, answers)
    return [text for text in kiosk.visible_texts() if untranslated(text, data)]


def test_home_switches_to_english_and_back_at_logout(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.tap("language")
    assert kiosk.window.presentation.language == "en"
    assert kiosk.window.home.title.text() == "Choose a service"
    assert kiosk.button("language").text() == "中文"
    assert _chinese_left(kiosk, set()) == []
    kiosk.tap("language")
    assert kiosk.window.home.title.text() == "请选择要办理的业务"
    assert kiosk.button("language").text() == "English"


def _receipt(kiosk) -> str:  # noqa: ANN001
    kiosk.qtbot.waitUntil(lambda: bool(kiosk.devices.receipt_printer.jobs), timeout=30000)
    return "\n".join(receipt_text(kiosk.devices.receipt_printer.jobs[-1]))


def test_a_whole_service_in_english_with_an_english_receipt(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["flex_normal"]
    kiosk.tap("language")
    kiosk.choose("flex_suspend", "social_insurance")
    assert kiosk.window.login_choice.title.text() == "Choose how to log in"
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    assert "first debit day" in kiosk.texts()
    kiosk.next()
    assert "Current plan: " in kiosk.texts() and "Monthly amount: " in kiosk.texts()
    kiosk.next()
    assert kiosk.button("submit").text() == "Confirm ending"
    assert _chinese_left(kiosk, set()) == []
    kiosk.tap("submit")
    assert kiosk.window.wizard.confirming  # what cannot be undone is confirmed once more, in English too
    assert _chinese_left(kiosk, set()) == []
    kiosk.tap("confirm_submit")
    kiosk.wait_screen(Screen.RESULT)
    result = kiosk.window.result
    assert result.status.text() == "Done"
    assert result.headline.text() == "Flexible-employment insurance suspended; payments stop from 3/2026"
    receipt = _receipt(kiosk)
    assert "Completion receipt" in receipt and "Suspend flexible employment insurance" in receipt
    assert "Reference number" in receipt and persona.name in receipt
    assert "Pension + medical plan" in receipt and "Level 1" in receipt
    kiosk.qtbot.waitUntil(lambda: "printed" in result.printing.text(), timeout=30000)
    assert _chinese_left(kiosk, set()) == []
    kiosk.tap("finish")
    kiosk.wait_screen(Screen.HOME)
    assert kiosk.window.presentation.language == "zh"  # the next resident starts in Chinese
    assert kiosk.window.home.title.text() == "请选择要办理的业务"


def test_an_english_refusal_and_sms(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["remote_registered"]
    kiosk.tap("language")
    kiosk.choose("remote_medical_cancel", "medical")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    assert "Place of treatment: Suzhou Kunshan" in kiosk.texts()
    kiosk.next()
    kiosk.submit()
    assert kiosk.window.result.sms.text() == "SMS sent to your mobile"
    kiosk.qtbot.waitUntil(lambda: len(kiosk.devices.sms.sent) == 1, timeout=30000)
    mobile, text = kiosk.devices.sms.sent[-1]
    assert mobile == persona.mobile and text.startswith("[SIP Social Insurance Centre]") and "cancelled on" in text
    kiosk.tap("finish")
    kiosk.wait_screen(Screen.HOME)
    kiosk.devices.citizen_card.remove()
    kiosk.poll()

    kiosk.tap("language")  # a second time: nothing to cancel, refused in English with the centre's contact
    kiosk.choose("remote_medical_cancel", "medical")
    kiosk.login_card(persona)
    kiosk.wait_screen(Screen.RESULT)
    result = kiosk.window.result
    assert result.status.text() in ("Cannot be done", "Cannot be done now")
    assert result.headline.text().startswith("No valid registration for treatment elsewhere")
    assert "Hotline: " in result.contact.text()
    assert _chinese_left(kiosk, set()) == []


def test_the_language_check_tells_data_from_a_missing_translation(kiosk) -> None:  # noqa: ANN001
    data = resident_data(kiosk.store, ["南京住房公积金管理中心"])
    assert untranslated("Name: 周建华", data) == []  # a persona's name is in the database
    assert untranslated("Old centre: 南京住房公积金管理中心", data) == []  # typed by the resident
    assert untranslated("Switch: 中文", data) == []  # the switch back is labelled in its own language
    assert untranslated("Choose: 请选择要办理的业务", data) == ["请选择要办理的业务"]
