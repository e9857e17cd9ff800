"""`kiosk screenshots`: every screen of every built service, rendered offscreen to PNG."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.services import catalogue
from kiosk.demo.personas import PERSONAS
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.scenario import Scenario, run_scenario

SCREENSHOT_NOW = "2026-03-17T10:00:00+08:00"


def _persona_for(service_id: str, outcome: str) -> str | None:
    return next((p.key for p in PERSONAS if p.expected.get(service_id) and
                 p.expected[service_id].outcome == outcome), None)


def render_all(out: Path) -> list[Path]:
    """One folder per built service: each screen of a successful session, then a refusal's result."""
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    for spec in catalogue.built():
        for outcome, login in (("completed", "id_card_face"), ("refused", "citizen_card_password")):
            persona = _persona_for(spec.id, outcome) or (
                _persona_for(spec.id, "pending_review") if outcome == "completed" else None)
            if persona is None:
                continue
            folder = out / spec.id
            folder.mkdir(exist_ok=True)
            counter = iter(range(1, 100))

            def grab(window: KioskWindow, name: str, folder: Path = folder, counter=counter,
                     outcome: str = outcome) -> None:
                if outcome == "refused" and name != "result":
                    return
                safe = re.sub(r"[^a-z0-9_]+", "_", name)
                path = folder / f"{outcome}_{next(counter):02d}_{safe}.png"
                window.centralWidget().grab().save(str(path))
                files.append(path)

            run_scenario(Scenario(now=SCREENSHOT_NOW, persona=persona, login=login, service=spec.id), on_screen=grab)
    return files
