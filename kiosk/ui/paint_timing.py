"""Tap → paint: how long a resident waits, from a finger's press to the screen answering it.

`TapPaintClock` watches the whole application (an event filter): each mouse press starts a
transition; it ends at the first paint, after the release has been handled, of a widget of the
screen then current (`window.stack.currentWidget()`) other than the widget pressed: the new screen,
the next step, a waiting line, the digit in a field. A tap whose only answer is the pressed widget
itself (an option ticked: a button repaints itself inside its own release) ends when the release
has been handled.

Given a `key` (what the screen shows, e.g. page and wizard step), the clock times screen turns
instead: a tap ends at the end of the first paint pass, after the release, that shows a key other
than the one at the press (the next screen painted, however long the store took to answer); a
tap after which the key never changed before the next press is answered in place (`turned` False).
scripts/bench.py's tap figure is the turned taps of this clock.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


@dataclass
class Transition:
    """One tap: what was pressed (object name), and the milliseconds until the screen answered."""

    pressed: str
    ms: float | None = None  # None while unanswered
    before: object = None  # the key at the press (with a `key`)
    after: object = None  # the key painted (with a `key`, when it turned)
    turned: bool = False  # with a `key`: the tap led to another screen
    _pressed_at: float = 0.0
    _releasing: bool = False
    _released: bool = False
    _self_paint_ms: float | None = field(default=None, repr=False)  # when the release was handled


class TapPaintClock(QObject):
    """Times every tap on `window` while installed (a context manager).

    Args:
        window: The kiosk window; its `stack` holds the screens.
        current: What counts as the screen on view (default: the stack's current widget).
        key: What the screen shows (see the module's docstring); None times every tap's first answer.
    """

    def __init__(self, window: QWidget, current: Callable[[], QWidget] | None = None,
                 key: Callable[[], object] | None = None) -> None:
        super().__init__()
        self.window = window
        self.current = current or (lambda: window.stack.currentWidget())
        self.key = key
        self.transitions: list[Transition] = []
        self._open: Transition | None = None
        self._pressed_widget: QWidget | None = None

    def __enter__(self) -> TapPaintClock:
        QApplication.instance().installEventFilter(self)
        return self

    def __exit__(self, *exc: object) -> None:
        QApplication.instance().removeEventFilter(self)
        self._close_open()

    def ms(self) -> list[float]:
        """The answered transitions' times in milliseconds, in tap order."""
        return [t.ms for t in self.transitions if t.ms is not None]

    def _close_open(self) -> None:
        """A tap whose screen never painted anything else is answered by the pressed widget's paint."""
        if self._open is not None and self._open.ms is None:
            self._open.ms = self._open._self_paint_ms
        self._open = None

    @staticmethod
    def _handled(transition: Transition) -> None:
        """The release's handlers have run; the pressed widget has repainted itself meanwhile."""
        transition._released = True
        transition._self_paint_ms = (time.perf_counter() - transition._pressed_at) * 1000

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget):
            if self._open is None or self._open._released:  # one press, delivered to its window then widget
                self._close_open()
                self._open = Transition(watched.objectName() or type(watched).__name__,
                                        before=self.key() if self.key else None,
                                        _pressed_at=time.perf_counter())
                self.transitions.append(self._open)
                self._pressed_widget = watched  # the receiver, not the parents a press may propagate to
        elif kind == QEvent.Type.MouseButtonRelease and self._open is not None and not self._open._releasing:
            # Counted from when the release's handlers have run: a button repaints itself (and the
            # screen under it) while it is released, before its click does anything.
            self._open._releasing = True
            QTimer.singleShot(0, partial(self._handled, self._open))
        elif kind == QEvent.Type.Paint and self._open is not None and self._open._released and self._open.ms is None:
            self._painted(watched)
        return False

    def _painted(self, widget: QObject) -> None:
        screen = self.current()
        if not isinstance(widget, QWidget) or screen is None or not (widget is screen or screen.isAncestorOf(widget)):
            return
        elapsed = (time.perf_counter() - self._open._pressed_at) * 1000
        if self.key is not None:
            self._turned(self._open)
            return
        pressed = self._pressed_widget
        if pressed is not None and (widget is pressed or pressed.isAncestorOf(widget)):
            return
        self._open.ms = elapsed

    def _turned(self, transition: Transition) -> None:
        """A paint of the screen in view: when it shows another key, the tap ends with its paint pass."""
        after = self.key()
        if after == transition.before or transition.turned:
            return
        transition.turned, transition.after = True, after
        # The pass paints every widget inside this one event; the timer fires once it is over.
        QTimer.singleShot(0, partial(self._pass_over, transition))

    @staticmethod
    def _pass_over(transition: Transition) -> None:
        transition.ms = (time.perf_counter() - transition._pressed_at) * 1000


def measure_transitions(window: QWidget, drive: Callable[[], Any]) -> list[float]:
    """Runs `drive()` (taps through the kiosk, e.g. `lambda: driver.run(persona, scenario)` of
    kiosk.ui.scenario) and returns, for each tap, the milliseconds from its press to the first paint
    of the current screen that answers it (see the module's docstring). The caller lets the event
    loop run inside `drive` (the touch driver's waits do); a tap never answered is left out."""
    with TapPaintClock(window) as clock:
        drive()
    return clock.ms()


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` (0..1) of `values` lie (nearest rank); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = math.ceil(round(share * len(ordered), 9))  # round: 0.95 × 100 is 95.00000000000001
    return ordered[min(len(ordered), max(1, rank)) - 1]
