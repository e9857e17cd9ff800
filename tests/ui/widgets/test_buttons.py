"""TouchButton: big enough for a finger, coloured by its role."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from kiosk.ui import theme
from kiosk.ui.touch import Finger
from kiosk.ui.widgets import TouchButton




def _fill_colour(button: TouchButton) -> QColor:
    # Well inside the border, at mid height: the button's background, not its text.
    return button.grab().toImage().pixelColor(theme.BORDER + 4, button.height() // 2)


@pytest.mark.parametrize("role", ["primary", "secondary", "danger"])
def test_button_is_at_least_80px_high(themed, qtbot, role):
    button = TouchButton("确定", role)
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    assert button.height() >= 80
    assert button.property("role") == role


def test_button_is_80px_high_even_without_the_theme(qtbot):
    button = TouchButton("返回", "secondary")
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    assert button.height() >= 80


@pytest.mark.parametrize(
    ("role", "colour"),
    [("primary", theme.PRIMARY), ("secondary", theme.SURFACE), ("danger", theme.DANGER)],
)
def test_role_sets_the_colour_on_screen(themed, qtbot, role, colour):
    button = TouchButton("下一步", role)
    qtbot.addWidget(button)
    button.resize(300, 80)
    assert _fill_colour(button) == QColor(colour)


def test_disabled_button_is_greyed(themed, qtbot):
    button = TouchButton("打印")
    qtbot.addWidget(button)
    button.resize(300, 80)
    button.setEnabled(False)
    assert _fill_colour(button) == QColor(theme.DISABLED_BG)


def test_set_role_restyles(themed, qtbot):
    button = TouchButton("退出", "secondary")
    qtbot.addWidget(button)
    button.resize(300, 80)
    button.set_role("danger")
    assert button.role() == "danger"
    assert _fill_colour(button) == QColor(theme.DANGER)


def test_unknown_role_fails_fast():
    with pytest.raises(ValueError):
        TouchButton("确定", "primry")


def test_tap_clicks_without_taking_focus(qtbot):
    button = TouchButton("继续")
    qtbot.addWidget(button)
    button.show()
    with qtbot.waitSignal(button.clicked, timeout=1000):
        Finger(button, button.rect()).tap(button)
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert not button.hasFocus()
