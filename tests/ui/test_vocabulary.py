"""Issue 12 point 6: the home tiles carry the guide's names; the screens use one word per thing."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from kiosk.services import catalogue, glossary
from kiosk.services.session_flow import Screen


def _replaced(kiosk) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return [(text, old, new) for text in kiosk.visible_texts() for old, new in glossary.replaced_in(text)]


def test_home_tiles_carry_the_names_the_guide_tells_residents_to_tap(kiosk) -> None:  # noqa: ANN001
    home = kiosk.window.home
    for category in {s.category for s in catalogue.built()}:
        kiosk.finger.tap_named(home, f"category_{category}")
        for spec in (s for s in catalogue.built() if s.category == category):
            kiosk.qtbot.waitUntil(lambda sid=spec.id: home.findChild(QPushButton, f"service_{sid}") is not None)
            assert home.findChild(QPushButton, f"service_{spec.id}").text() == spec.tile_label
    kiosk.finger.tap_named(home, "category_social_insurance")
    kiosk.finger.tap_named(home, "service_insurance_certificate")  # the guide: 点击“参保证明或参保明细打印”
    kiosk.wait_screen(Screen.LOGIN_CHOICE)


def test_the_log_in_screens_name_the_reader_one_way(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("insurance_certificate", "social_insurance")
    kiosk.tap("login_id_card_face")
    kiosk.wait_screen(Screen.ID_INPUT)
    assert "平放在读卡器上" in kiosk.texts()
    kiosk.tap("back")
    kiosk.tap("login_citizen_card_password")
    kiosk.wait_screen(Screen.CARD_INSERT)
    assert "插入读卡器" in kiosk.texts()
    assert _replaced(kiosk) == []


def test_a_whole_business_uses_no_replaced_word(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.flex_grade_change_to_review(personas["flex_normal"], "2")
    assert _replaced(kiosk) == []
    assert kiosk.button("submit").text() == "保存"  # named by what it does
    kiosk.submit()
    kiosk.qtbot.waitUntil(lambda: "已打印" in kiosk.window.result.printing.text(), timeout=30000)
    assert "出纸口" in kiosk.window.result.printing.text()
    assert _replaced(kiosk) == []
