"""Face encodings on the terminal's second core, in a process of their own (issue 15).

dlib's ResNet holds Python's GIL for its whole 60 ms: a second encoding on a thread waits for the first
(measured: a Python loop beside an encoding thread ran at 8 % of its speed). A check compares two frames
with the photo of record, so one of the two goes to a worker process started once per kiosk (stdlib's
ProcessPoolExecutor, spawned: a fork of a process running Qt's threads is not safe) while the check's own
thread encodes the other. The worker loads only the two models an encoding needs (5-point landmarks and
the ResNet, 30 MB), about 1 s after the first face screen asks for it.

Whatever goes wrong there (not loaded yet, one core only, the process killed or stuck) the check encodes
the frame itself, with the same result: the worker is a shortcut, never a dependency.
"""

from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

RESULT_TIMEOUT_S = 2.0  # an encoding takes 0.06 s; past this the worker is stuck, and the check goes on without it
Rect = tuple[int, int, int, int]  # left, top, right, bottom: dlib's rectangle of the face

_models: tuple[Any, Any] | None = None  # in the worker: (5-point predictor, ResNet encoder)


def encode(frame: np.ndarray, rect: Rect, predictor: Any, encoder: Any) -> np.ndarray:
    """The 128-d encoding of the face in `rect`, as face_recognition.face_encodings() makes it: aligned
    on dlib's 5-point landmarks of that box, one jitter. The check's thread and the worker both use it."""
    import dlib

    aligned = predictor(frame, dlib.rectangle(*rect))
    return np.array(encoder.compute_face_descriptor(frame, aligned, 1))


def _load_models(parent: int) -> None:
    """The worker's start: the two models, and an end of its own once the kiosk has gone (killed, say)."""
    global _models  # noqa: PLW0603
    import dlib
    import face_recognition_models as paths

    _models = (dlib.shape_predictor(paths.pose_predictor_five_point_model_location()),
               dlib.face_recognition_model_v1(paths.face_recognition_model_location()))

    def orphaned() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)
    threading.Thread(target=orphaned, name="face-encoder-orphan-watch", daemon=True).start()


def _loaded() -> bool:
    return _models is not None


def _encode_in_worker(frame: np.ndarray, rect: Rect) -> np.ndarray:
    assert _models is not None
    return encode(frame, rect, *_models)


def _second_core() -> bool:
    return len(os.sched_getaffinity(0)) >= 2


class EncoderProcess:
    """`submit(frame, rect)` → a Future of the encoding, or None when the worker cannot take it now."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = _second_core() if enabled is None else enabled
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._ready: concurrent.futures.Future | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Starts the worker if it is not running (on a machine with a second core); returns at once."""
        if not self.enabled:
            return
        with self._lock:
            if self._pool is not None:
                return
            self._pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=_load_models, initargs=(os.getpid(),))
            self._ready = self._pool.submit(_loaded)

    def ready(self) -> bool:
        """Whether the worker has its models loaded."""
        ready = self._ready
        return ready is not None and ready.done() and ready.exception() is None and ready.result()

    def wait_ready(self, timeout: float = 60.0) -> bool:
        """Starts the worker and waits until it has loaded its models (the bench and tests)."""
        self.start()
        if self._ready is None:
            return False
        concurrent.futures.wait([self._ready], timeout=timeout)
        return self.ready()

    def submit(self, frame: np.ndarray, rect: Rect) -> concurrent.futures.Future | None:
        """The encoding of the face in `rect` on the worker; None unless it is loaded and running."""
        if not self.ready():
            return None
        try:
            return self._pool.submit(_encode_in_worker, frame, rect)  # type: ignore[union-attr]
        except (BrokenProcessPool, RuntimeError) as exc:  # died since it was asked last
            self._lost(f"cannot take work: {exc!r}")
            return None

    def result(self, future: concurrent.futures.Future) -> np.ndarray | None:
        """The worker's encoding; None when it failed or is late (the caller encodes the face itself)."""
        try:
            return future.result(timeout=RESULT_TIMEOUT_S)
        except concurrent.futures.TimeoutError:
            self._lost(f"no encoding within {RESULT_TIMEOUT_S:.0f} s")
        except BrokenProcessPool as exc:
            self._lost(f"the process ended: {exc!r}")
        except Exception as exc:  # noqa: BLE001 (an encoding error there is retried here)
            log.warning("face encoder process: encoding failed (%r); encoding on the check's thread", exc)
        return None

    def _lost(self, why: str) -> None:
        """Drops a broken or stuck worker; the next face screen starts a new one."""
        log.warning("face encoder process: %s; encoding on the check's thread, restarting it", why)
        with self._lock:
            pool, self._pool, self._ready = self._pool, None, None
        if pool is not None:
            for process in list(getattr(pool, "_processes", {}).values()):  # a stuck one would never end
                process.kill()
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            pool, self._pool, self._ready = self._pool, None, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_shared: EncoderProcess | None = None


def shared_encoder() -> EncoderProcess:
    """The kiosk's one worker, started on first use (a face screen); tests and the bench share it too."""
    global _shared  # noqa: PLW0603
    if _shared is None:
        _shared = EncoderProcess()
    return _shared
