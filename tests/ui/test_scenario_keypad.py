"""`kiosk scenario` with "input": "keypad": the whole service by 8 and 5 on the numeric keypad."""

from __future__ import annotations

from datetime import datetime

from kiosk.ui.scenario import Scenario, run_scenario

NOW = datetime.fromisoformat("2026-03-17T10:00:00+08:00")


def test_a_service_without_free_text_completes_by_keypad(qapp) -> None:  # noqa: ANN001
    scenario = Scenario(now=NOW, persona="paper_opted_out", login="id_card_face", service="paper_statement_optout",
                        answers={"paper_action": "resume"}, input="keypad")
    [result] = run_scenario(scenario)
    assert result["status"] == "completed", result["reason"]
    assert [t["label"] for t in result["taps"]][:2] == ["社会保险", "纸质版权益单退订"]


def test_a_service_with_free_text_is_unreachable_by_keypad(qapp) -> None:  # noqa: ANN001
    scenario = Scenario(now=NOW, persona="enterprise_employee", login="id_card_face",
                        service="hf_remote_loan_certificate", answers={"centre": "other"}, input="keypad")
    [result] = run_scenario(scenario)
    assert result["status"] == "unreachable"
    assert "free text cannot be typed on a numeric keypad" in result["reason"]


def test_elder_mode_english_and_keypad_together_and_the_result_lists_what_was_said(qapp) -> None:  # noqa: ANN001
    scenario = Scenario(now=NOW, persona="paper_opted_out", login="id_card_face", service="paper_statement_optout",
                        answers={"paper_action": "resume"}, mode="elder", language="en", input="keypad")
    [result] = run_scenario(scenario)
    assert result["status"] == "completed", result["reason"]
    assert [t["label"] for t in result["taps"]][:3] == ["English", "Large text (elder mode)", "Social insurance"]
    spoken = result["spoken"]
    assert {"text": "Stop paper benefits statement, button.", "language": "en"} in spoken
    assert any(s["text"].startswith("Result. Done. Paper statement 2 0 2 6 0 6 restarted.") for s in spoken)
    # From the log-in choice to 完成 all in English (after 完成 the session is over: the card reminder
    # is the next session's).
    login = next(i for i, s in enumerate(spoken) if s["text"].startswith("Choose how to log in."))
    finish = spoken.index({"text": "Finish, back to home, button.", "language": "en"})
    assert {s["language"] for s in spoken[login:finish]} == {"en"}
