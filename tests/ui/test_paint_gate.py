"""Work a screen change starts waits until the new screen has painted; the bridge counts it busy meanwhile."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStackedWidget

from kiosk.ui.bridge import Bridge
from kiosk.ui.paint_gate import PaintGate
from kiosk.ui.touch import wait_until


def _stack(qtbot):  # noqa: ANN001, ANN202
    stack = QStackedWidget()
    stack.resize(400, 300)
    for text in ("old screen", "new screen"):
        stack.addWidget(QLabel(text))
    qtbot.addWidget(stack)
    stack.show()
    qtbot.waitExposed(stack)
    wait_until(lambda: False, 0.05)  # the first paint is over
    return stack


def test_a_held_call_starts_after_the_new_screen_painted_and_counts_busy_until_done(qtbot) -> None:  # noqa: ANN001
    stack = _stack(qtbot)
    gate, bridge = PaintGate(stack), Bridge()
    painted: list[str] = []
    stack.widget(1).paintEvent = lambda event: painted.append("new screen")
    results: list[str] = []
    stack.setCurrentIndex(1)
    bridge.run(lambda: painted[:], lambda seen: results.append(seen), lambda exc: results.append(exc),
               after=gate.then)
    assert bridge.busy == 1 and results == []  # held, and counted: a test or the driver waits for it
    assert wait_until(lambda: bridge.busy == 0, 5)
    assert len(results) == 1 and results[0][:1] == ["new screen"]  # it ran after the new screen had painted
    bridge.shutdown()


def test_a_hidden_window_runs_the_call_at_once(qtbot) -> None:  # noqa: ANN001
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    ran: list[int] = []
    PaintGate(stack).then(lambda: ran.append(1))
    assert ran == [1]
