"""English as a second language: the 中文 / English switch on home, a whole service in English."""

from __future__ import annotations

from kiosk import i18n
from kiosk.services.session_flow import Screen


def _chinese_left(kiosk, allowed: set[str]) -> list[str]:  # noqa: ANN001
    """Visible texts still holding Chinese, but resident data (`allowed`) and the 中文 switch."""
    left = []
    for text in kiosk.visible_texts():
        rest = text
        for data in allowed | {"中文"}:
            rest = rest.replace(data, "")
        if i18n.untranslated(rest):
            left.append(text)
    return left


def test_home_switches_to_english_and_back_at_logout(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.tap("language")
    assert kiosk.window.presentation.language == "en"
    assert kiosk.window.home.title.text() == "Choose a service"
    assert kiosk.button("language").text() == "中文"
    assert _chinese_left(kiosk, set()) == []
    kiosk.tap("language")
    assert kiosk.window.home.title.text() == "请选择要办理的业务"
    assert kiosk.button("language").text() == "English"
