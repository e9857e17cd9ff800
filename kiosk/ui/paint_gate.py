"""Work held back until the screen a tap turned to has painted.

A worker started while the new screen is being laid out and painted competes with it for the
interpreter (the GIL) and the CPU: printing the receipt, opening the chosen service or writing an
audit line would keep the resident looking at the old screen. `PaintGate.then(start)` runs `start`
once the screen in view (the stack's current page when it paints) has painted (issue 15: tap →
next screen painted).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QStackedWidget

FALLBACK_MS = 100  # a change with nothing to paint (or a window never exposed) waits no longer


class PaintGate(QObject):
    """Holds callables until the current page of `stack` has painted, then runs them in order."""

    def __init__(self, stack: QStackedWidget) -> None:
        super().__init__(stack)
        self.stack = stack
        self._waiting: list[Callable[[], None]] = []
        self._watched: set[int] = set()  # ids of the pages this filter is installed on

    def then(self, start: Callable[[], None]) -> None:
        """Runs `start` after the page in view has painted; at once when the window is not on screen."""
        if not self.stack.isVisible():
            start()
            return
        for index in range(self.stack.count()):  # the pages, watched themselves only (not their children)
            page = self.stack.widget(index)
            if id(page) not in self._watched:
                self._watched.add(id(page))
                page.installEventFilter(self)
        self._waiting.append(start)
        if len(self._waiting) == 1:
            QTimer.singleShot(FALLBACK_MS, self._release)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if self._waiting and event.type() == QEvent.Type.Paint and watched is self.stack.currentWidget():
            # The pass paints the page's children inside the same event; the timer fires once it is over.
            QTimer.singleShot(0, self._release)
        return False

    def _release(self) -> None:
        waiting, self._waiting = self._waiting, []
        for start in waiting:
            start()
