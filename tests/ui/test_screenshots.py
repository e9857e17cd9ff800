"""`kiosk screenshots`: a PNG per screen of every built service, at the terminal's 1920×1080."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from kiosk.services import catalogue
from kiosk.ui.screenshots import render_all


def test_every_built_service_gets_its_screens(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    files = render_all(tmp_path)
    for spec in catalogue.built():
        names = [p.name for p in files if p.parent.name == spec.id]
        assert any("home" in n for n in names) and any("result" in n for n in names), spec.id
        steps = [s.key for s in spec.steps]
        assert any(f"wizard_{steps[-1]}" in n for n in names), spec.id  # the review step
    sizes = {(QImage(str(f)).width(), QImage(str(f)).height()) for f in files}
    assert sizes == {(1920, 1080)}
