"""Runs blocking service and device calls off the GUI thread and returns with signals.

A face check or a database write must never freeze the touch screen. Each call runs on Qt's
thread pool; its result comes back to the GUI thread through a queued signal.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from kiosk.store.database import describe

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object, object)  # (callback, result)
    failed = Signal(object, object)  # (callback, exception)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, fn: Callable[[], Any], on_done: Callable, on_error: Callable) -> None:
        super().__init__()
        self._relay, self._fn, self._on_done, self._on_error = relay, fn, on_done, on_error

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 (handed to the GUI thread's error handler)
            self._relay.failed.emit(self._on_error, exc)
        else:
            self._relay.done.emit(self._on_done, result)


class Bridge(QObject):
    """`run(fn, on_done, on_error)`; `busy` counts calls in flight (tests wait on it)."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._relay = _Relay()
        self._relay.done.connect(self._deliver)
        self._relay.failed.connect(self._deliver_error)
        self.busy = 0

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[Exception], None]) -> None:
        self.busy += 1
        self._pool.start(_Job(self._relay, fn, on_done, on_error))

    @Slot(object, object)
    def _deliver(self, callback: Callable[[Any], None], result: Any) -> None:
        try:
            callback(result)
        finally:
            self._finish()

    @Slot(object, object)
    def _deliver_error(self, callback: Callable[[Exception], None], exc: Exception) -> None:
        # The class, the driver's summary and where it was raised: an exception's text can quote
        # SQL parameters or a resident's answers, so it never reaches the log.
        frame = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
        where = f" at {frame[0].filename.rsplit('/', 1)[-1]}:{frame[0].lineno}" if frame else ""
        log.error("background call failed: %s%s", describe(exc), where)
        try:
            callback(exc)
        finally:
            self._finish()

    def _finish(self) -> None:
        self.busy -= 1
        if self.busy == 0:
            self.idle.emit()

    def shutdown(self) -> None:
        self._pool.waitForDone(5000)
