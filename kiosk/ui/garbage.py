"""Python's garbage collector, run on the GUI thread only, and kept out of the resident's taps.

Left automatic, the collector runs in whichever thread's allocation crosses its threshold: often a
worker of the bridge building a SQL query or a face encoding. A collection there can destroy a
widget, timer or relay caught in a reference cycle from the wrong thread, and Qt crashes later,
in a test run or at 3 a.m. on a terminal. So automatic collection is off (`pin_to_gui_thread`) and
a timer on the GUI thread collects what the counters say is due.

The start-up's objects (modules, the store's metadata, the screens) live all day: `freeze_once`
sets them aside, and `collect_if_due` takes a half-due full collection on the home screen, where
nobody is waiting, instead of inside a later tap (issue 15).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 250  # young collections stay small (a few ms) even in a busy second

_frozen = False


def collect_due() -> int | None:
    """The oldest generation whose counter has passed its threshold, collected as the automatic
    collector would have; None when nothing is due. Call it on the GUI thread only."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    if counts[0] <= thresholds[0]:
        return None
    generation = 0
    # gc.collect(n) adds one to generation n+1's counter, as the automatic collector does.
    while generation < 2 and counts[generation + 1] > thresholds[generation + 1]:
        generation += 1
    gc.collect(generation)
    return generation


class GuiThreadCollector(QObject):
    """The timer that collects on the GUI thread while automatic collection is off."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("gui-thread-collector")
        self.timer = QTimer(self)
        self.timer.timeout.connect(collect_due)
        self.timer.start(CHECK_MS)


def pin_to_gui_thread(app: QObject) -> GuiThreadCollector:
    """Turns automatic collection off and collects from `app`'s thread; once per application."""
    found = app.findChild(GuiThreadCollector, "gui-thread-collector")
    if found is not None:
        return found
    gc.disable()
    return GuiThreadCollector(app)


def freeze_once() -> None:
    """Collects once, then freezes what is left; only the first call in a process does anything
    (tests and the bench build many windows in one process: their later windows stay collectable)."""
    global _frozen  # noqa: PLW0603
    if _frozen:
        return
    _frozen = True
    gc.collect()
    gc.freeze()


def collect_if_due() -> None:
    """A full collection now, when one is at least half due: called on the home screen after a
    session (nobody waiting), so the collector's own full pass does not fall inside a later tap."""
    if gc.get_count()[2] >= gc.get_threshold()[2] // 2:
        gc.collect()
