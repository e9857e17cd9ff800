"""The finger taps only what a resident could touch, and says why when it cannot."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QFrame, QLineEdit, QPushButton, QScrollArea, QScroller, QVBoxLayout, QWidget

from kiosk.ui.touch import Finger, Unreachable
from kiosk.ui.widgets.date_picker import TouchDatePicker
from kiosk.ui.widgets.keypad import DigitEntry, NumericKeypad


@pytest.fixture
def window(qtbot):  # noqa: ANN001
    top = QWidget()
    top.setFixedSize(600, 400)
    qtbot.addWidget(top)
    return top


def _button(parent: QWidget, text: str, x: int, y: int, w: int = 120, h: int = 80) -> QPushButton:
    button = QPushButton(text, parent)
    button.setGeometry(x, y, w, h)
    return button


def _finger(window: QWidget) -> Finger:
    window.show()
    return Finger(window, QRect(0, 0, 600, 400))


def _clicks(button: QPushButton) -> list[bool]:
    seen: list[bool] = []
    button.clicked.connect(lambda: seen.append(True))
    return seen


def test_a_reachable_button_is_clicked_and_the_tap_recorded(window):  # noqa: ANN001
    ok = _button(window, "下一步", 100, 100)
    clicks = _clicks(ok)
    tap = _finger(window).tap(ok)
    assert clicks == [True]
    assert (tap.label, tap.rect) == ("下一步", (100, 100, 120, 80))


def test_a_covered_button_is_refused_and_a_tap_on_the_cover_misses_it(window):  # noqa: ANN001
    under = _button(window, "返回首页", 100, 100)
    clicks = _clicks(under)
    cover = QFrame(window)
    cover.setObjectName("banner")
    cover.setGeometry(80, 80, 200, 150)
    finger = _finger(window)
    with pytest.raises(Unreachable, match=r"^unreachable: 返回首页 \(covered by banner\)$"):
        finger.tap(under)
    overlay = _button(window, "遮挡", 100, 100)
    overlay.show()
    overlay.raise_()
    finger.tap(overlay)
    assert clicks == []  # the real hit-test gave the press to the button on top


def test_a_button_half_off_the_window_is_refused(window):  # noqa: ANN001
    edge = _button(window, "返回首页", 540, 100)
    with pytest.raises(Unreachable, match=r"返回首页 \(not fully inside the 600×400 kiosk area: 60×80 of 120×80"):
        _finger(window).tap(edge)


def test_a_hidden_a_disabled_and_a_tiny_button_are_refused(window):  # noqa: ANN001
    hidden = _button(window, "隐藏", 0, 0)
    disabled = _button(window, "灰色", 200, 0)
    disabled.setEnabled(False)
    disabled.setToolTip("您不符合办理条件")
    tiny = _button(window, "小", 400, 0, 40, 40)
    finger = _finger(window)
    hidden.hide()
    with pytest.raises(Unreachable, match=r"隐藏 \(hidden\)"):
        finger.tap(hidden)
    with pytest.raises(Unreachable, match=r"灰色 \(disabled: 您不符合办理条件\)"):
        finger.tap(disabled)
    with pytest.raises(Unreachable, match=r"小 \(40×40 px, smaller than 60×60\)"):
        finger.tap(tiny)
    assert finger.taps == []


def test_a_button_clipped_by_its_parent_is_refused(window):  # noqa: ANN001
    box = QWidget(window)
    box.setObjectName("keypad")
    box.setGeometry(0, 0, 300, 120)
    low = _button(box, "0", 10, 80)
    with pytest.raises(Unreachable, match=r"0 \(clipped by keypad: 120×40 of 120×80 px visible\)"):
        _finger(window).tap(low)


def _list(window: QWidget, kinetic: bool) -> QPushButton:
    scroll = QScrollArea(window)
    scroll.setGeometry(0, 0, 600, 400)
    content = QWidget()
    column = QVBoxLayout(content)
    buttons = [QPushButton(f"选项 {i}") for i in range(12)]
    for button in buttons:
        button.setMinimumHeight(90)
        column.addWidget(button)
    scroll.setWidget(content)
    scroll.setWidgetResizable(True)
    if kinetic:
        QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return buttons[-1]


def test_a_choice_below_the_fold_is_dragged_into_view_then_tapped(window):  # noqa: ANN001
    last = _list(window, kinetic=True)
    clicked: list[str] = []
    for button in window.findChildren(QPushButton):
        button.clicked.connect(lambda _=False, b=button: clicked.append(b.text()))
    finger = _finger(window)
    finger.tap(last)
    assert clicked == ["选项 11"]  # the drags pressed on other choices but chose none of them
    assert [t.label for t in finger.taps] == ["选项 11"]


def test_a_list_that_does_not_scroll_by_finger_leaves_its_last_choice_unreachable(window):  # noqa: ANN001
    last = _list(window, kinetic=False)
    with pytest.raises(Unreachable, match=r"选项 11 \(clipped by "):
        _finger(window).tap(last)


def test_keys_typed_and_free_text_committed_and_dates_picked_by_taps(window):  # noqa: ANN001
    column = QVBoxLayout(window)
    entry, keypad = DigitEntry(max_length=6), NumericKeypad()
    entry.connect_keypad(keypad)
    text = QLineEdit()
    text.setMinimumHeight(80)
    column.addWidget(entry)
    column.addWidget(keypad)
    column.addWidget(text)
    window.setFixedSize(900, 900)
    window.show()
    finger = Finger(window, QRect(0, 0, 900, 900))
    finger.type_keys(keypad, "7093")
    finger.type_text(text, "人民路")
    assert (entry.text(), text.text()) == ("7093", "人民路")
    for child in (entry, keypad, text):
        child.hide()
    picker = TouchDatePicker(value=date(2026, 3, 17))
    column.addWidget(picker)
    finger.pick_date(picker, date(2027, 1, 31))
    assert picker.date() == date(2027, 1, 31)
