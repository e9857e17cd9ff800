"""The finger: taps, drags and typing as a resident's hand would do them, for tests and QA tools.

A tap is a mouse press and release at window coordinates on the target's top-level window, so Qt's
own hit-test decides which widget gets it: a covered button gets nothing. Before tapping, the
finger refuses (`Unreachable`) a target that is hidden, disabled, smaller than 60×60 px, not fully
inside the kiosk area, clipped by a parent, or covered by another widget. The UI tests,
`kiosk scenario` and `kiosk screenshots` all go through it, so a control no finger can reach fails
them all.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEventLoop, QPoint, QRect, QSize, Qt, QThread
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QScroller, QWidget

MIN_TARGET = 60  # px: the smallest control an elderly resident's fingertip hits reliably
PROFILE_SIZE = QSize(1920, 1080)  # the default screen profile (landscape 1920×1080)
_MAX_DRAGS = 12
_SETTLE_SECONDS = 5.0
_APPEAR_SECONDS = 2.0  # how long a finger waits for a control to appear on a screen being filled in
_MIN_DRAG = 40  # px: a shorter move is still a tap for QScroller (its drag start distance)
_MOVE_SECONDS = 0.016  # one frame at 60 Hz between a drag's moves


class Unreachable(AssertionError):
    """A target no finger can tap: ``unreachable: <label> (<why>)``."""

    def __init__(self, label: str, why: str) -> None:
        super().__init__(f"unreachable: {label} ({why})")
        self.label, self.why = label, why


@dataclass(frozen=True)
class Tap:
    """One tap: what the resident read on the control and where it was, in window coordinates."""

    label: str
    rect: tuple[int, int, int, int]  # x, y, width, height

    def as_dict(self) -> dict[str, object]:
        return {"label": self.label, "rect": list(self.rect)}


def label_of(widget: QWidget) -> str:
    """The text a resident reads on the control (first line, without the ✓ mark), or its name."""
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    text = (text or "").split("\n")[0].removeprefix("✓ ").strip()
    return text or widget.accessibleName() or widget.objectName() or type(widget).__name__


def _describe(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    name = widget.objectName() or type(widget).__name__
    text = label_of(widget)
    return name if text in (name, type(widget).__name__) else f"{name} “{text}”"


def window_rect(widget: QWidget) -> QRect:
    """The widget's rectangle in its top-level window's coordinates."""
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def wait_until(condition: Callable[[], bool], timeout: float = 15.0) -> bool:
    """Runs the event loop until `condition` holds or `timeout` seconds pass."""
    app = QApplication.instance()
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        QThread.msleep(2)
    return True


class Finger:
    """Taps the kiosk window (and its dialogs) through Qt's hit-test, recording each tap.

    Args:
        window: The kiosk's main window; the kiosk area is given in its coordinates.
        area: The part of `window` a resident sees (default: the 1920×1080 profile at its top-left).
    """

    def __init__(self, window: QWidget, area: QRect | None = None) -> None:
        self.window = window
        self.area = area if area is not None else QRect(QPoint(0, 0), PROFILE_SIZE)
        self.taps: list[Tap] = []

    # --- reachability -------------------------------------------------------------------------

    def why_unreachable(self, widget: QWidget) -> str | None:
        """Why a finger cannot tap `widget` now, or None when it can."""
        if not widget.isVisible():
            return "hidden"
        if not widget.isEnabled():
            reason = widget.toolTip()
            return f"disabled: {reason}" if reason else "disabled"
        if widget.width() < MIN_TARGET or widget.height() < MIN_TARGET:
            return f"{widget.width()}×{widget.height()} px, smaller than {MIN_TARGET}×{MIN_TARGET}"
        top = widget.window()
        rect = window_rect(widget)
        parent = widget.parentWidget()
        while parent is not None and parent is not top:
            shown = window_rect(parent)
            if not shown.contains(rect):
                seen = rect.intersected(shown)
                return (f"clipped by {_describe(parent)}: {seen.width()}×{seen.height()} of "
                        f"{rect.width()}×{rect.height()} px visible")
            parent = parent.parentWidget()
        area = QRect(top.mapFromGlobal(self.window.mapToGlobal(self.area.topLeft())), self.area.size())
        if not area.contains(rect):
            seen = rect.intersected(area)
            return (f"not fully inside the {area.width()}×{area.height()} kiosk area: "
                    f"{seen.width()}×{seen.height()} of {rect.width()}×{rect.height()} px visible at "
                    f"({rect.x()}, {rect.y()})")
        hit = top.childAt(rect.center()) or top
        if hit is not widget and not (hit is not None and widget.isAncestorOf(hit)):
            return f"covered by {_describe(hit)}"
        return None

    def check(self, widget: QWidget, label: str | None = None) -> None:
        """Raises `Unreachable` unless a finger can tap `widget`."""
        why = self.why_unreachable(widget)
        if why is not None:
            raise Unreachable(label or label_of(widget), why)

    # --- gestures -----------------------------------------------------------------------------

    def tap(self, widget: QWidget, label: str | None = None) -> Tap:
        """Presses and releases at the centre of `widget`, scrolling it into view first if needed."""
        _settle(widget)
        self.scroll_into_view(widget)
        self.check(widget, label)
        label = label or label_of(widget)  # before the tap: a button may change its text when pressed
        top = widget.window()
        rect = window_rect(widget)
        handle = top.windowHandle()
        QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
        QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
        QApplication.processEvents()
        done = Tap(label, (rect.x(), rect.y(), rect.width(), rect.height()))
        self.taps.append(done)
        return done

    def tap_at(self, top: QWidget, pos: QPoint) -> Tap:
        """A tap at a point of the window `top` (e.g. the dimmed area around a dialog); whatever Qt
        finds there gets it."""
        hit = top.childAt(pos)
        label = label_of(hit) if hit is not None else label_of(top)
        handle = top.windowHandle()
        QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        QApplication.processEvents()
        done = Tap(label, (pos.x(), pos.y(), 1, 1))
        self.taps.append(done)
        return done

    def drag(self, top: QWidget, start: QPoint, end: QPoint, steps: int = 8) -> None:
        """A finger drag on `top` (window coordinates): press, move in steps, hold still, release.

        Holding still before lifting the finger stops a kinetic list from flicking on, so the
        content moves by exactly the drag's length.
        """
        handle = top.windowHandle()
        QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        for i in range(1, steps + 1):
            wait_until(lambda: False, _MOVE_SECONDS)  # a finger takes time: kinetic scrolling measures it
            QTest.mouseMove(handle, start + (end - start) * (i / steps))
        for _ in range(3):
            wait_until(lambda: False, 2 * _MOVE_SECONDS)
            QTest.mouseMove(handle, end)
        wait_until(lambda: False, _MOVE_SECONDS)
        QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
        QApplication.processEvents()

    def scroll_into_view(self, widget: QWidget) -> None:
        """Drags the scrolling list holding `widget` until the widget is wholly in its viewport.

        Only lists that scroll by finger (a QScroller on the viewport) move; for any other the
        widget stays where it is and `check` reports it clipped.
        """
        area = _scroll_area_of(widget)
        if area is None or not widget.isVisible():
            return
        viewport = area.viewport()
        if not QScroller.hasScroller(viewport):
            return
        scroller = QScroller.scroller(viewport)
        top = widget.window()
        for _ in range(_MAX_DRAGS):
            shown, rect = window_rect(viewport), window_rect(widget)
            dy = _needed(rect.top(), rect.bottom(), shown.top(), shown.bottom())
            dx = _needed(rect.left(), rect.right(), shown.left(), shown.right())
            if dx == 0 and dy == 0:
                return
            move = QPoint(_drag_length(dx, shown.width()), _drag_length(dy, shown.height()))
            start = shown.center() - move / 2
            before = rect.topLeft()
            self.drag(top, start, start + move)
            wait_until(lambda: scroller.state() == QScroller.State.Inactive, _SETTLE_SECONDS)
            if window_rect(widget).topLeft() == before:
                return  # the list does not move any further: `check` says why

    # --- typing and choosing --------------------------------------------------------------------

    def find(self, root: QWidget, name: str, kind: type[QWidget] = QAbstractButton) -> QWidget:
        """The visible control under `root` named `name` (object name, else its text); waits a moment
        for a screen still being filled in."""
        found: list[QWidget] = []

        def look() -> bool:
            found[:] = [w for w in root.findChildren(kind, name) if w.isVisibleTo(root)] or [
                w for w in root.findChildren(kind) if w.isVisibleTo(root) and label_of(w) == name]
            return bool(found)

        if not wait_until(look, _APPEAR_SECONDS):
            raise Unreachable(name, f"no such control on {_describe(root)}")
        return found[0]

    def tap_named(self, root: QWidget, name: str, label: str | None = None) -> Tap:
        return self.tap(self.find(root, name), label)

    def type_keys(self, keypad_root: QWidget, keys: str, label: str | None = None) -> None:
        """Taps the keypad's key_N button for each character (`label` hides a password's digits)."""
        for key in keys:
            self.tap_named(keypad_root, f"key_{key}", label)

    def type_text(self, entry: QWidget, text: str) -> None:
        """Taps the entry, then commits `text` the way the pinyin keyboard does."""
        self.tap(entry)
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(entry, event)

    def erase_text(self, entry: QWidget) -> None:
        """Taps the entry, then the keyboard's backspace until it is empty (to the focused widget)."""
        self.tap(entry)
        handle = entry.window().windowHandle()
        for _ in range(len(entry.text())):
            QTest.keyClick(handle, Qt.Key.Key_Backspace)
        QApplication.processEvents()

    def pick_date(self, picker: QWidget, wanted: date) -> None:
        """Taps the picker's year, month and day ＋/－ buttons until it shows `wanted`."""
        for field, part in (("year", lambda d: d.year), ("month", lambda d: d.year * 12 + d.month),
                            ("day", lambda d: d.toordinal())):
            for _ in range(400):
                diff = part(wanted) - part(picker.date())
                if diff == 0:
                    break
                self.tap_named(picker, f"{field}_{'plus' if diff > 0 else 'minus'}")
        if picker.date() != wanted:
            raise Unreachable(f"{wanted:%Y-%m-%d}", f"the date picker stops at {picker.date():%Y-%m-%d}")


def _settle(widget: QWidget, rounds: int = 10) -> None:
    """Runs the event loop until the widget stops moving: widgets added to a visible screen are shown
    by a queued call, and word-wrapped text lays out over several passes, each moving what is below."""
    before = None
    for _ in range(rounds):
        QApplication.processEvents()
        now = window_rect(widget) if widget.isVisible() else None
        if now == before:
            return
        before = now


def _drag_length(needed: int, view: int) -> int:
    """A drag long enough to start scrolling (a shorter one is a tap) and short enough to stay
    inside the list."""
    if needed == 0:
        return 0
    length = max(_MIN_DRAG, min(abs(needed), int(view * 0.4)))
    return length if needed > 0 else -length


def _needed(low: int, high: int, view_low: int, view_high: int) -> int:
    """How far to drag (finger direction) so [low, high] lies within [view_low, view_high]."""
    if high > view_high:
        return -min(high - view_high, low - view_low)  # content must go up: drag up
    if low < view_low:
        return view_low - low
    return 0


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


KEY_NAMES = {**{d: getattr(Qt.Key, f"Key_{d}") for d in "0123456789"}, "*": Qt.Key.Key_Asterisk,
             "#": Qt.Key.Key_NumberSign, "\n": Qt.Key.Key_Enter}


class Keys:
    """The finger's counterpart for a numeric keypad: real key presses through the window handle,
    delivered by Qt to whatever has the focus (kiosk.ui.keypad_nav decides what they do).

    Args:
        window: The kiosk's main window.
    """

    MAX_STEPS = 120  # 8s to reach any control on the longest screen

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.sent: list[str] = []

    def send(self, keys: str) -> None:
        """Presses and releases each key of `keys` ("0"–"9", "*", "#", "\\n" for Enter) on the keypad."""
        handle = self.window.windowHandle()
        for key in keys:
            QTest.keyClick(handle, KEY_NAMES[key], Qt.KeyboardModifier.KeypadModifier)
            QApplication.processEvents()
            self.sent.append(key)
        QApplication.processEvents()

    def focused(self) -> QWidget | None:
        return QApplication.focusWidget()

    def reach(self, widget: QWidget, label: str | None = None) -> None:
        """Presses 8 until `widget` has the focus; `Unreachable` if the keys never get there."""
        _settle(widget)
        for _ in range(self.MAX_STEPS):
            if self.focused() is widget:
                return
            self.send("8")
        raise Unreachable(label or label_of(widget), f"8 pressed {self.MAX_STEPS} times never focused it")

    def choose(self, widget: QWidget, label: str | None = None) -> None:
        """Moves the focus to `widget` with 8, then selects it with 5."""
        self.reach(widget, label)
        self.send("5")


class KeypadFinger(Finger):
    """A finger whose every tap is made on the numeric keypad: 8 until the control has the focus, then
    5 (kiosk.ui.keypad_nav), so a QA scenario can prove a service works by keypad alone. A control
    the keys do not reach (a text or number entry, which needs touch) is `Unreachable`."""

    def __init__(self, window: QWidget, area: QRect | None = None) -> None:
        super().__init__(window, area)
        self.keys = Keys(window)
        window.activateWindow()  # key events go to the focused control of the active window
        wait_until(window.isActiveWindow, _APPEAR_SECONDS)

    def tap(self, widget: QWidget, label: str | None = None) -> Tap:
        label = label or label_of(widget)
        if not isinstance(widget, QAbstractButton):
            raise Unreachable(label, "a keypad reaches buttons only: this needs touch or free text")
        self.keys.choose(widget, label)
        rect = window_rect(widget) if widget.isVisible() else QRect()
        done = Tap(label, (rect.x(), rect.y(), rect.width(), rect.height()))
        self.taps.append(done)
        return done

    def type_text(self, entry: QWidget, text: str) -> None:
        raise Unreachable(label_of(entry), "free text cannot be typed on a numeric keypad")

    def erase_text(self, entry: QWidget) -> None:
        raise Unreachable(label_of(entry), "free text cannot be erased on a numeric keypad")
