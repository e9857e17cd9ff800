"""The garbage collector runs on the GUI thread only: a worker's allocations never destroy a widget."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, Qt

from kiosk.ui.app import qt_app
from kiosk.ui.garbage import GuiThreadCollector, collect_due


def _busy_worker(rows: list) -> None:
    """What a bridge worker does to the collector's counters while reading a table: many containers."""
    rows.extend([i] for i in range(5 * gc.get_threshold()[0]))


def test_the_kiosk_application_turns_automatic_collection_off_with_one_collector(qapp) -> None:  # noqa: ANN001
    qt_app()
    qt_app()
    assert not gc.isenabled()
    assert len(qapp.findChildren(GuiThreadCollector)) == 1


def test_a_qobject_in_a_cycle_is_destroyed_on_the_gui_thread_not_on_a_busy_worker(qapp, qtbot) -> None:  # noqa: ANN001
    qt_app()
    destroyed_on: list[int] = []
    holder = QObject()
    holder.cycle = holder  # only the collector can free it
    holder.destroyed.connect(lambda *_: destroyed_on.append(threading.get_ident()),
                             Qt.ConnectionType.DirectConnection)
    del holder

    rows: list = []
    worker = threading.Thread(target=_busy_worker, args=(rows,))
    worker.start()
    worker.join()
    assert destroyed_on == []  # the worker's allocations collected nothing

    qtbot.waitUntil(lambda: destroyed_on != [], timeout=5_000)  # the GUI thread's timer did
    assert destroyed_on == [threading.main_thread().ident]


def test_nothing_is_collected_before_the_young_generation_is_due(qapp) -> None:  # noqa: ANN001
    qt_app()
    gc.collect()
    assert collect_due() is None
    made = [[i] for i in range(gc.get_threshold()[0] + 10)]
    assert collect_due() == 0
    del made
