"""Contrast measured on the drawn screens, in both colour themes: every text 4.5:1 (7:1 in high
contrast), every control's border 3:1 against what surrounds it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from kiosk.ui.contrast_check import failures, measure
from kiosk.ui.scenario import Scenario, run_scenario
from kiosk.ui.screenshots import _persona_for
from kiosk.ui import theme

NOW = datetime.fromisoformat("2026-03-17T10:00:00+08:00")
# A grade change (its current grade greyed out with the reason on it), a code keypad with an SMS
# action, a refusal with its contact lines, a text field with its count.
RUNS = [("flex_normal", "id_card_face", "flex_contribution_change", {"change_type": "grade", "grade": "2"}),
        ("enterprise_employee", "citizen_card_password", "mobile_medical_app", {}),
        ("flex_normal", "citizen_card_password", "gov_sms_alerts", {}),
        (_persona_for("remote_medical_register", "completed"), "id_card_face", "remote_medical_register", {})]


@pytest.mark.parametrize(("theme", "minimum"), [("standard", 4.5), ("high_contrast", 7.0)])
def test_every_text_and_border_on_the_screens_is_readable(theme: str, minimum: float) -> None:
    seen, bad = 0, []

    def check(window, name: str) -> None:  # noqa: ANN001
        nonlocal seen
        pairs = measure(window)
        seen += len(pairs)
        bad.extend(f"{name}: {p.kind} {p.name} “{p.text}” {p.foreground} on {p.background} {p.ratio:.2f}:1"
                   for p in failures(pairs, minimum))

    for persona, login, service, answers in RUNS:
        scenario = Scenario(now=NOW, persona=persona, login=login, service=service, answers=answers,
                            mode="elder" if theme == "high_contrast" else "standard", theme=theme)
        for result in run_scenario(scenario, on_screen=check):
            assert result["status"] not in ("unreachable", "error"), result["reason"]
    assert seen > 300  # the measure found the screens' texts and controls
    assert bad == []


def test_the_measure_finds_the_faint_colours_the_standard_theme_had(qapp) -> None:  # noqa: ANN001
    # Before this check: greyed options #6B6B6B on #E0E0E0 (4.04:1), choice borders #8A9199 (2.94:1).
    old = replace(theme.STANDARD_LOOK, disabled_text="#6B6B6B", border_color="#8A9199")
    theme.apply_theme(qapp, old)
    found = set()

    def check(window, name: str) -> None:  # noqa: ANN001
        found.update((p.kind, p.foreground, round(p.ratio, 2)) for p in failures(measure(window), 4.5))

    try:
        persona, login, service, answers = RUNS[0]
        run_scenario(Scenario(now=NOW, persona=persona, login=login, service=service, answers=answers),
                     on_screen=check)
    finally:
        theme.apply_theme(qapp)
    assert found == {("text", "#6B6B6B", 4.04), ("border", "#8A9199", 2.94)}
