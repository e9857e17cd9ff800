"""A blind English-speaking elder with the numeric keypad alone: 长辈版, English, every word asserted."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import select

from kiosk.devices.speech.protocol import Utterance
from kiosk.services.session_flow import Screen
from kiosk.store.tables.social_insurance import PaperStatementSubscription
from kiosk.ui.demo_cards import id_card_of
from kiosk.ui.touch import Keys
from tests.ui.keypad import face_check, keys_of, voice_heard

HINT = "Press 8 to hear each item, 5 to choose it, star for help with the keys."


def _said_in(kiosk, since: int) -> list[str]:  # noqa: ANN001
    """The languages of what was said since `since` (the simulated voice records each one)."""
    return [u.language for u in kiosk.devices.speech.utterances[since:]]


def _choose_tile(kiosk, keys: Keys, service_id: str) -> None:  # noqa: ANN001
    """长辈版 shows four tiles to a page: 下一页 (by keypad) until the tile shows, then the tile."""
    home = kiosk.window.home
    for _ in range(10):
        QApplication.processEvents()
        tile = home.findChild(QPushButton, f"service_{service_id}")
        if tile is not None and tile.isVisible():
            keys.choose(tile)
            return
        keys.choose(home.findChild(QPushButton, "home_next_page"))
    raise AssertionError(f"no tile {service_id} on any page")


def test_paper_statement_in_elder_mode_in_english_by_keypad_alone(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["paper_opted_out"]
    window, speech = kiosk.window, kiosk.devices.speech
    keys = keys_of(kiosk)
    keys.send("8")  # the first key wakes the voice; the home screen is read in Chinese
    assert voice_heard(kiosk)[-1].startswith("请选择要办理的业务。")

    keys.choose(window.home.findChild(QPushButton, "language"), "English")
    assert Utterance("English, button.", "en") in speech.utterances  # found by ear without Chinese
    assert window.presentation.language == "en"
    home = voice_heard(kiosk)[-1]  # read again, in the language just chosen
    assert home == "Choose a service. Open 24 hours · For help, press the call button or dial " \
                   "1 2 3 3 3. " + HINT
    keys.choose(window.home.presentation_bar.mode, "Large text (elder mode)")
    assert window.presentation.elder and window.presentation.voice
    keys.send("*")
    assert voice_heard(kiosk)[-1].startswith("Keys: press 8 for the next item, 2 for the previous item, 5 or Enter to "
                                        "choose the current item, 6 for the next step")

    mark = len(speech.spoken)
    keys.choose(window.home.findChild(QPushButton, "category_social_insurance"))
    _choose_tile(kiosk, keys, "paper_statement_optout")
    kiosk.wait_screen(Screen.LOGIN_CHOICE)
    heard = voice_heard(kiosk, mark)
    # 长辈版's home: the category, its page read (which page of how many), then its services from the top.
    after = heard[heard.index("Social insurance, option, not selected.") + 1:]
    assert after[0].startswith("Social insurance. ") and "Page 1 of 2." in after[0]
    assert after[1:3] == ["Repeat, button.", "Change payment level (flexible employment), button."]
    assert "Stop paper benefits statement, button." in heard
    assert heard[-1] == "Choose how to log in. Service: Stop (or restart) paper benefits statement. " + HINT
    # All in English (the page's reading starts the focus from its top: the 中文 switch is not passed).
    assert [u for u in speech.utterances[mark:] if u.language != "en"] == []

    keys.choose(window.login_choice.buttons["id_card_face"])
    kiosk.wait_screen(Screen.ID_INPUT)
    assert voice_heard(kiosk)[-1].startswith("Place your ID card, or type the ID number.")
    kiosk.devices.id_card.insert(id_card_of(persona))  # a blind resident can put the card down
    kiosk.poll()
    kiosk.wait_screen(Screen.FACE)
    face = voice_heard(kiosk)[-1]
    assert face.startswith(f"Face check. Hello, {persona.name[0]}. Face the camera")
    assert persona.name[1:] not in face
    face_check(kiosk, keys, persona)
    assert voice_heard(kiosk)[-1].startswith("Stop (or restart) paper benefits statement. Step 1 of 4: Before you start.")

    keys.send("6")  # the notes → the details to check
    details = voice_heard(kiosk)[-1]
    assert "Step 2 of 4" in details and "ID number: ending in" in details
    assert "Current statement: 2 0 2 6 0 6 (covers 1 July 2025 to 30 June 2026)" in details
    assert not any(persona.id_number[:6] in said for said in speech.spoken)
    keys.send("6")
    mark = len(speech.spoken)
    keys.choose(window.wizard.fields["paper_action"].input.findChild(QPushButton, "choice_resume"))
    assert voice_heard(kiosk, mark)[1:] == [
        "Confirm stopping paper, option, not selected, not available, You have stopped the 2 0 2 6 0 6 paper "
        "statement.", "Restart paper, option, not selected.", "Restart paper, option, selected."]
    keys.send("6")
    assert kiosk.step_key() == "review"
    keys.send("6")  # only reaches the submit button: submitting takes a 5 on it
    assert voice_heard(kiosk)[-1] == "Confirm, button. Press 5 to submit." and kiosk.screen == Screen.WIZARD
    mark = len(speech.spoken)
    keys.send("5")
    kiosk.wait_screen(Screen.RESULT)
    kiosk.settle()
    result = voice_heard(kiosk, mark)
    assert "Please take back your ID card" in result  # the card reminder, in English too
    assert any(said.startswith("Result. Done. Paper statement 2 0 2 6 0 6 restarted. Reference number: Y W 2 0 2 6")
               and said.endswith(HINT) for said in result)
    assert window.result.headline.text() == "Paper statement 202606 restarted"
    assert set(_said_in(kiosk, mark)) == {"en"}
    with kiosk.store.transaction() as tx:
        row = tx.scalars(select(PaperStatementSubscription).where(
            PaperStatementSubscription.person_id == kiosk.person_id(persona.key),
            PaperStatementSubscription.period == "202606")).one()
        assert row.paper is True

    keys.send("#")  # done, back to home
    kiosk.wait_screen(Screen.HOME)
    assert window.presentation.language == "zh" and not window.presentation.voice  # the next resident
