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
