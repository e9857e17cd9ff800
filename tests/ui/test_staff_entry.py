"""Staff reach the maintenance screen from the touch screen: five taps on the clock, then the PIN
(the demo config's PIN is 246810)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QDialog, QLabel

from kiosk.services.session_flow import Screen

DEMO_PIN = "246810"


def _tap_clock(kiosk, times: int, apart: timedelta = timedelta(seconds=0.5)) -> None:  # noqa: ANN001
    for _ in range(times):
        kiosk.tap_widget(kiosk.window.clock_label)
        kiosk.clock.set(kiosk.clock.now() + apart)


def _dialog(kiosk, name: str) -> QDialog | None:  # noqa: ANN001
    found = kiosk.window.findChild(QDialog, name)
    return found if found is not None and found.isVisible() else None


def test_five_taps_and_the_pin_open_the_maintenance_screen(kiosk) -> None:  # noqa: ANN001
    _tap_clock(kiosk, 4)
    assert _dialog(kiosk, "staff_pin") is None  # four taps are nothing
    _tap_clock(kiosk, 1)
    kiosk.qtbot.waitUntil(lambda: _dialog(kiosk, "staff_pin") is not None)
    pin = _dialog(kiosk, "staff_pin")
    kiosk.finger.type_keys(pin.keypad, "135790", label="密码键")
    kiosk.finger.tap_named(pin, "staff_pin_confirm")
    kiosk.settle()  # the PIN is checked off the GUI thread
    assert pin.findChild(QLabel, "staff_pin_message").text() == "维护密码错误，还可以再试 4 次"
    assert pin.entry.text() == ""  # the wrong digits do not stay
    kiosk.finger.type_keys(pin.keypad, DEMO_PIN, label="密码键")
    kiosk.finger.tap_named(pin, "staff_pin_confirm")
    kiosk.qtbot.waitUntil(lambda: _dialog(kiosk, "maintenance_dialog") is not None)
    panel = _dialog(kiosk, "maintenance_dialog").findChild(QLabel, "maint_message")
    kiosk.qtbot.waitUntil(lambda: panel.text().startswith("检测完成"), timeout=30000)
    kiosk.finger.tap_named(_dialog(kiosk, "maintenance_dialog"), "maint_close")
    kiosk.qtbot.waitUntil(lambda: _dialog(kiosk, "maintenance_dialog") is None)
    assert kiosk.screen == Screen.HOME


def test_slow_taps_or_taps_during_a_session_open_nothing(kiosk, personas) -> None:  # noqa: ANN001
    _tap_clock(kiosk, 5, apart=timedelta(seconds=2))  # over 5 s from the first to the last
    assert _dialog(kiosk, "staff_pin") is None
    kiosk.choose("insurance_certificate", "social_insurance")
    _tap_clock(kiosk, 5)
    assert _dialog(kiosk, "staff_pin") is None  # never over a resident's session


def test_a_forgotten_maintenance_screen_closes_after_five_minutes(kiosk) -> None:  # noqa: ANN001
    _tap_clock(kiosk, 5)
    kiosk.qtbot.waitUntil(lambda: _dialog(kiosk, "staff_pin") is not None)
    pin = _dialog(kiosk, "staff_pin")
    kiosk.finger.type_keys(pin.keypad, DEMO_PIN, label="密码键")
    kiosk.finger.tap_named(pin, "staff_pin_confirm")
    kiosk.qtbot.waitUntil(lambda: _dialog(kiosk, "maintenance_dialog") is not None)
    kiosk.settle()
    kiosk.clock.set(kiosk.clock.now() + timedelta(minutes=4, seconds=59))
    kiosk.window.check_idle()
    assert _dialog(kiosk, "maintenance_dialog") is not None
    kiosk.clock.set(kiosk.clock.now() + timedelta(seconds=1))
    kiosk.window.check_idle()
    assert _dialog(kiosk, "maintenance_dialog") is None
