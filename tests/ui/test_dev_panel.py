"""Demo mode's dev panel is a drawer: closed, a tab inside the yellow demo strip; opened by a tap,
closed again by a tap, so staff can show the whole kiosk (a terminal has no window manager)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.ui.app import build_window
from kiosk.ui.touch import Finger


def test_the_closed_panel_stays_inside_the_demo_strip_and_opens_and_closes_by_touch(qtbot, kiosk) -> None:  # noqa: ANN001
    window = kiosk.window
    panel = build_window(kiosk.config, kiosk.store, kiosk.devices, kiosk.clock, windowed=True).dev_panel
    qtbot.addWidget(panel)
    panel.move(window.geometry().topLeft())
    panel.show()
    banner = window.findChild(QWidget, "demo_banner")
    strip = banner.geometry().translated(window.geometry().topLeft())
    text_starts = strip.center().x() - banner.fontMetrics().horizontalAdvance(banner.text()) // 2
    closed = panel.frameGeometry()
    assert strip.contains(closed) and closed.right() < text_starts  # covers no control and no word
    finger = Finger(panel, area=panel.rect())
    finger.tap_named(panel, "dev_toggle")
    assert panel.body.isVisible() and panel.width() == panel.WIDTH
    finger = Finger(panel, area=panel.rect())
    finger.tap_named(panel, "dev_toggle")
    assert not panel.body.isVisible() and panel.frameGeometry() == closed
