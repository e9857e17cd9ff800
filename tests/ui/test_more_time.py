"""Results that wait, and more time: the idle warning, 继续办理, 我需要更多时间, a touch or key anywhere."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.services.idle import MAX_EXTENSIONS
from kiosk.services.session_flow import Screen


def _in_wizard(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("flex_contribution_change", "social_insurance")
    kiosk.login_card(personas["flex_normal"])
    kiosk.wizard_ready()


def _touch(kiosk, widget) -> None:  # noqa: ANN001
    """A finger on the middle of a label (no control there)."""
    kiosk.finger.tap_at(kiosk.window, widget.mapTo(kiosk.window, widget.rect().center()))


def _idle(kiosk, seconds: float) -> None:  # noqa: ANN001
    kiosk.clock.advance(seconds)
    kiosk.window.check_idle()


def test_the_result_waits_result_idle_s_with_a_countdown(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.flex_grade_change_to_review(personas["flex_normal"], "3")
    kiosk.submit()
    result = kiosk.window.result
    _idle(kiosk, 61)  # past the 60 s that ends a session's other screens
    assert kiosk.screen == Screen.RESULT and result.serial.isVisible()
    assert not kiosk.window.overlay.isVisible()
    assert result.countdown.isVisible() and result.countdown.text() == "本页 119 秒后自动返回首页"
    _touch(kiosk, result.status)  # a touch on the result starts its time again
    _idle(kiosk, 179)
    assert kiosk.screen == Screen.RESULT and result.countdown.text() == "本页 1 秒后自动返回首页"
    _idle(kiosk, 1)
    assert kiosk.screen == Screen.CARD_RETURN  # the result has gone; the citizen card is asked back
    assert result.serial.text() == "" and result.countdown.text() == ""


def test_the_warning_lasts_20_seconds_and_continue_restarts_the_full_timeout(kiosk, personas) -> None:  # noqa: ANN001
    _in_wizard(kiosk, personas)
    overlay = kiosk.window.overlay
    _idle(kiosk, 39)
    assert not overlay.isVisible()
    _idle(kiosk, 1)
    assert overlay.isVisible() and overlay.remaining() == 20
    kiosk.finger.tap_named(overlay, "continue")
    assert not overlay.isVisible()
    _idle(kiosk, 39)
    assert not overlay.isVisible()  # the whole 60 s again, not what was left
    _idle(kiosk, 21)
    assert kiosk.screen == Screen.CARD_RETURN


def test_more_time_doubles_the_timeouts_once_per_tap(kiosk, personas) -> None:  # noqa: ANN001
    _in_wizard(kiosk, personas)
    overlay = kiosk.window.overlay
    _idle(kiosk, 40)
    kiosk.finger.tap_named(overlay, "more_time")
    assert not overlay.isVisible()
    assert kiosk.window.presentation.extensions == 1 and kiosk.window.presentation.timeout_factor == 2
    _idle(kiosk, 79)
    assert not overlay.isVisible()
    _idle(kiosk, 1)
    assert overlay.isVisible() and overlay.remaining() == 40  # the warning doubles too
    for extensions in range(2, MAX_EXTENSIONS + 1):
        kiosk.finger.tap_named(overlay, "more_time")
        assert kiosk.window.presentation.extensions == extensions
        _idle(kiosk, 40 * 2 ** extensions)
        assert overlay.isVisible() and kiosk.screen == Screen.WIZARD
    assert not overlay.findChild(type(kiosk.button("next")), "more_time").isVisible()  # no more than 3 doublings
    kiosk.finger.tap_named(overlay, "continue")
    kiosk.tap("home")
    kiosk.take_cards()
    assert kiosk.window.presentation.extensions == 0  # the next resident starts with the standard time


def test_a_touch_anywhere_resets_the_timer(kiosk, personas) -> None:  # noqa: ANN001
    _in_wizard(kiosk, personas)
    overlay = kiosk.window.overlay
    _idle(kiosk, 30)
    _touch(kiosk, kiosk.window.wizard.title)  # not a button: just a finger on the screen
    _idle(kiosk, 39)
    assert not overlay.isVisible()
    _idle(kiosk, 1)
    assert overlay.isVisible()
    kiosk.finger.tap_at(kiosk.window, QPoint(20, kiosk.window.height() - 20))  # the dimmed corner
    assert not overlay.isVisible()
    _idle(kiosk, 39)
    assert not overlay.isVisible() and kiosk.screen == Screen.WIZARD


def test_a_key_anywhere_resets_the_timer_also_under_the_countdown(kiosk, personas) -> None:  # noqa: ANN001
    _in_wizard(kiosk, personas)
    overlay = kiosk.window.overlay
    _idle(kiosk, 45)
    assert overlay.isVisible()
    QTest.keyClick(kiosk.window, Qt.Key.Key_0)  # a key of the physical keypad
    _idle(kiosk, 1)
    assert not overlay.isVisible()  # gone at the next tick
    _idle(kiosk, 38)
    assert not overlay.isVisible() and kiosk.screen == Screen.WIZARD
