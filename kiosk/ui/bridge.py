"""Runs blocking service and device calls off the GUI thread and returns with signals.

A face check or a database write must never freeze the touch screen. Each call runs on a small
worker pool; its result comes back to the GUI thread through a queued signal.
"""

from __future__ import annotations

import concurrent.futures
import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot


log = logging.getLogger(__name__)

SHUTDOWN_WAIT_S = 5.0


class _Relay(QObject):
    done = Signal(object, object)  # (callback, result)
    failed = Signal(object, object)  # (callback, exception)


class Bridge(QObject):
    """`run(fn, on_done, on_error)`; `busy` counts calls in flight (tests wait on it).

    The pool is the standard library's, not a QThreadPool of QRunnables: PySide keeps the Python
    wrapper of a queued QRunnable alive after it has run, and with it the closure's session
    objects (wizard, answers, person), so a day at the terminal leaked every job that had waited
    for a thread. Here nothing refers to a call once its callback has run.
    """

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="kiosk-bridge")
        self._pending: set[concurrent.futures.Future] = set()
        self._relay = _Relay()
        self._relay.done.connect(self._deliver)
        self._relay.failed.connect(self._deliver_error)
        self.busy = 0
        self._closed = False

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[Exception], None],
            after: Callable[[Callable[[], None]], None] | None = None) -> None:
        """Calls `fn` on a worker; `after` (e.g. PaintGate.then) may hold the start back, counted busy."""
        self.busy += 1
        if after is not None:
            after(lambda: self._start(fn, on_done, on_error))
        else:
            self._start(fn, on_done, on_error)

    def _start(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[Exception], None]) -> None:
        if self._closed:  # held back past shutdown: dropped like a queued call
            self._finish()
            return
        future = self._pool.submit(self._call, fn, on_done, on_error)
        self._pending.add(future)
        future.add_done_callback(self._pending.discard)

    def _call(self, fn: Callable[[], Any], on_done: Callable, on_error: Callable) -> None:
        """On a worker thread: the call, then its outcome handed to the GUI thread."""
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001 (handed to the GUI thread's error handler)
            self._relay.failed.emit(on_error, exc)
        else:
            self._relay.done.emit(on_done, result)

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
        from kiosk.store.database import describe  # here: the home screen paints before the store loads

        log.error("background call failed: %s%s", describe(exc), where)
        try:
            callback(exc)
        finally:
            # The traceback holds the worker's frames and through them the call's arguments.
            exc.__traceback__ = None
            self._finish()

    def _finish(self) -> None:
        self.busy -= 1
        if self.busy == 0:
            self.idle.emit()

    def shutdown(self) -> None:
        """Waits a few seconds for calls in flight (a device call has its own time-out), drops queued ones."""
        self._closed = True
        concurrent.futures.wait(list(self._pending), timeout=SHUTDOWN_WAIT_S)
        self._pool.shutdown(wait=False, cancel_futures=True)
