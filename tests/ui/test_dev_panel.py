"""Demo mode's dev panel is a drawer: closed, a tab inside the yellow demo strip; opened by a tap,
closed again by a tap, so staff can show the whole kiosk (a terminal has no window manager)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from kiosk.ui.app import build_window
from kiosk.ui.widgets.banner import TAB_WIDTH
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


@pytest.mark.parametrize("kiosk", ["1080x1920", "1280x1024", "1920x1080"], indirect=True)
def test_the_demo_strips_english_words_keep_clear_of_the_console_tab(kiosk) -> None:  # noqa: ANN001
    kiosk.tap("language")
    banner = kiosk.window.findChild(QWidget, "demo_banner")
    assert banner.text().startswith("DEMO MODE")
    kiosk.settle()
    picture = banner.grab().toImage()
    ground = picture.pixelColor(2, 2)
    under_tab = {picture.pixelColor(x, y).name() for x in range(TAB_WIDTH) for y in range(0, picture.height() - 6, 2)}
    assert under_tab == {ground.name()}  # no letter drawn where the tab lies (its bottom border aside)
    words = {picture.pixelColor(x, y).name() for x in range(TAB_WIDTH, picture.width(), 2)
             for y in range(0, picture.height() - 6, 2)}
    assert len(words) > 1  # the words are drawn, to the right of the tab
