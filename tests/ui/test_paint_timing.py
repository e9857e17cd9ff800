"""Tap → paint: each tap is timed to the paint that answers it on the screen in view."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.ui.paint_timing import TapPaintClock, measure_transitions, percentile
from kiosk.ui.touch import Finger, wait_until


def _two_pages(qtbot):  # noqa: ANN001, ANN202
    """A window with a stack: page 0's button turns to page 1; page 1's button changes nothing."""
    top = QWidget()
    top.setFixedSize(800, 600)
    top.stack = QStackedWidget()
    QVBoxLayout(top).addWidget(top.stack)
    pages = []
    for name in ("turn", "still"):
        page = QWidget()
        layout = QVBoxLayout(page)
        button = QPushButton(name)
        button.setObjectName(name)
        button.setMinimumSize(200, 100)
        layout.addWidget(button)
        layout.addWidget(QLabel(f"page {name}"))
        top.stack.addWidget(page)
        pages.append(button)
    pages[0].clicked.connect(lambda: top.stack.setCurrentIndex(1))
    qtbot.addWidget(top)
    top.show()
    qtbot.waitExposed(top)
    return top, pages


def test_a_tap_that_turns_the_page_is_timed_to_the_new_page_painted(qtbot) -> None:  # noqa: ANN001
    top, (turn, still) = _two_pages(qtbot)
    finger = Finger(top, QRect(0, 0, 800, 600))

    def drive() -> None:
        finger.tap(turn)
        wait_until(lambda: False, 0.2)  # the new page paints meanwhile
        finger.tap(still)  # answered by its own repaint only
        wait_until(lambda: False, 0.2)

    with TapPaintClock(top) as clock:
        drive()
    assert [t.pressed for t in clock.transitions] == ["turn", "still"]
    assert all(t.ms is not None and t.ms > 0 for t in clock.transitions), clock.transitions
    assert top.stack.currentIndex() == 1


def test_measure_transitions_gives_one_time_per_tap(qtbot) -> None:  # noqa: ANN001
    top, (turn, _still) = _two_pages(qtbot)
    finger = Finger(top, QRect(0, 0, 800, 600))
    times = measure_transitions(top, lambda: (finger.tap(turn), wait_until(lambda: False, 0.2)))
    assert len(times) == 1 and times[0] > 0


def test_percentile_by_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 0.5), percentile(values, 0.95), percentile(values, 1.0)) == (50.0, 95.0, 100.0)
    assert percentile([], 0.95) == 0.0


def test_with_a_key_only_a_tap_that_turned_the_screen_counts_as_turned(qtbot) -> None:  # noqa: ANN001
    top, (turn, still) = _two_pages(qtbot)
    finger = Finger(top, QRect(0, 0, 800, 600))
    with TapPaintClock(top, key=top.stack.currentIndex) as clock:
        finger.tap(turn)
        wait_until(lambda: False, 0.2)
        finger.tap(still)
        wait_until(lambda: False, 0.2)
    first, second = clock.transitions
    assert (first.turned, first.before, first.after) == (True, 0, 1) and first.ms > 0
    assert not second.turned and second.before == 1
