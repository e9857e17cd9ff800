"""长辈版 in English on the smallest screen (1280×1024): the longest words in the largest letters.

The catalogue (`kiosk screenshots --mode elder --language en`) found these cut or out of reach: the
card panel beside the result (its English sentence needed four lines where it had room for two), the
password keypad (its bottom row 5 px below the pad: every citizen-card log-in stopped there) and the
English 删除 key. Here a resident goes the same way by taps, and the layout check
(kiosk/ui/layout_check.py) looks at each screen on the way.
"""

from __future__ import annotations

import pytest

from kiosk.services.session_flow import Screen
from kiosk.ui.demo_cards import citizen_card_of
from kiosk.ui.layout_check import inspect, problems
from kiosk.ui.screenshots import settle


def _problems(kiosk) -> list[str]:  # noqa: ANN001
    kiosk.settle()
    settle(kiosk.window)  # as `kiosk screenshots` looks: after the layout has settled
    return [f"{item.name}: {item.problem}" for item in problems(inspect(kiosk.window))]


def _elder_english(kiosk) -> None:  # noqa: ANN001
    assert kiosk.window.size().toTuple() == (1280, 1024)
    kiosk.tap("mode_switch")
    kiosk.tap("language")
    assert kiosk.window.presentation.elder and kiosk.window.presentation.language == "en"


@pytest.mark.parametrize("kiosk", ["1280x1024"], indirect=True)
def test_the_password_pad_fits_in_elder_english(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["flex_normal"]
    _elder_english(kiosk)
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.tap("login_citizen_card_password")
    kiosk.wait_screen(Screen.CARD_INSERT)
    kiosk.devices.citizen_card.insert(citizen_card_of(persona))
    kiosk.poll()
    kiosk.wait_screen(Screen.PASSWORD)
    assert kiosk.button("key_back").text() == "Delete"
    assert _problems(kiosk) == []  # every key whole on screen, "Delete" inside its key
    kiosk.enter_password(persona.password)  # each key tapped by the finger
    kiosk.wizard_ready()


@pytest.mark.parametrize("kiosk", ["1280x1024"], indirect=True)
def test_the_card_panel_beside_the_result_fits_in_elder_english(kiosk, personas) -> None:  # noqa: ANN001
    _elder_english(kiosk)
    kiosk.flex_grade_change_to_review(personas["flex_normal"], "3")
    kiosk.submit()
    banner = kiosk.window.result.card_banner
    assert banner.isVisible() and banner.prompt.text() == "Please take back your citizen card"
    assert _problems(kiosk) == []  # the card panel's words whole beside the result
    kiosk.tap("finish")
    kiosk.wait_screen(Screen.CARD_RETURN)
    assert _problems(kiosk) == []
