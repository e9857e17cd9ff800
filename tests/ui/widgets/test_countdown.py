"""IdleCountdownOverlay: warns before logging out and lets the resident carry on."""

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.touch import Finger
from kiosk.ui.widgets import IdleCountdownOverlay, TouchButton


@pytest.fixture
def screen(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(1920, 1080)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_hidden_until_shown(screen):
    overlay = IdleCountdownOverlay(screen)
    assert not overlay.isVisible()


def test_shows_the_seconds_left(screen):
    overlay = IdleCountdownOverlay(screen)
    overlay.set_remaining(15)
    overlay.show()
    message = overlay.findChild(QLabel, "countdown_message")
    assert message.isVisible()
    assert message.text() == "您已较长时间未操作，15 秒后将自动退出"
    overlay.set_remaining(-3)
    assert overlay.message() == "您已较长时间未操作，0 秒后将自动退出"


def test_continue_button_asks_to_continue(qtbot, screen):
    overlay = IdleCountdownOverlay(screen)
    overlay.show()
    button = overlay.findChild(TouchButton, "continue")
    assert button.text() == "继续办理"
    assert button.height() >= 80
    with qtbot.waitSignal(overlay.continueRequested, timeout=1000):
        Finger(screen, screen.rect()).tap(button)


def test_tap_on_the_dimmed_area_also_continues(qtbot, screen):
    overlay = IdleCountdownOverlay(screen)
    overlay.show()
    with qtbot.waitSignal(overlay.continueRequested, timeout=1000):
        Finger(screen, screen.rect()).tap_at(screen, QPoint(10, 10))


def test_tap_does_not_reach_the_screen_underneath(qtbot, screen):
    below = TouchButton("下一步", parent=screen)
    below.setGeometry(0, 0, 300, 100)
    below.show()
    assert screen.childAt(QPoint(50, 50)) is below
    overlay = IdleCountdownOverlay(screen)
    overlay.show()
    # A tap goes to the topmost widget under the finger: now the overlay, not the button.
    assert screen.childAt(QPoint(50, 50)) is overlay
    clicks = []
    below.clicked.connect(lambda: clicks.append(True))
    with qtbot.waitSignal(overlay.continueRequested, timeout=1000):
        Finger(screen, screen.rect()).tap_at(screen, QPoint(50, 50))
    assert clicks == []


def test_covers_the_parent_and_follows_its_size(qtbot, screen):
    overlay = IdleCountdownOverlay(screen)
    overlay.show()
    assert overlay.geometry() == screen.rect()
    screen.resize(1280, 720)
    qtbot.waitUntil(lambda: overlay.geometry() == screen.rect(), timeout=1000)


def test_shown_above_widgets_added_after_it(screen):
    overlay = IdleCountdownOverlay(screen)
    later = QLabel("后加入的控件", screen)
    later.show()
    overlay.show()
    assert screen.children()[-1] is overlay  # last child is painted on top


def test_more_time_asks_for_more_until_no_longer_offered(qtbot, screen):
    overlay = IdleCountdownOverlay(screen)
    overlay.show()
    button = overlay.findChild(TouchButton, "more_time")
    assert button.text() == "我需要更多时间" and button.height() >= 80
    with qtbot.assertNotEmitted(overlay.continueRequested), qtbot.waitSignal(overlay.moreTimeRequested, timeout=1000):
        Finger(screen, screen.rect()).tap(button)
    overlay.offer_more_time(False)
    assert not button.isVisible()
