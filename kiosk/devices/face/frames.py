"""Where the face verifier's frames come from: a real camera through OpenCV, or still images."""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy as np

from kiosk.devices.errors import DeviceError
from kiosk.devices.face.scenes import FRAME_HEIGHT, FRAME_WIDTH, as_rgb, fit_frame

log = logging.getLogger(__name__)

CAMERA_MESSAGE = "摄像头暂时无法使用，请改用市民卡 + 密码登录"


class CameraError(DeviceError):
    """The camera cannot be opened or stopped delivering frames."""

    def __init__(self, detail: str) -> None:
        super().__init__(CAMERA_MESSAGE, detail)


class FrameSource(Protocol):
    """A source may also offer `stream(count)`: the same frames one by one as they are taken
    (OpenCvCamera and ImageFileFrames do); the face check then looks at each while the next comes."""

    def grab(self, count: int) -> list[np.ndarray]:
        """`count` consecutive frames, each an RGB uint8 H×W×3 array; raises CameraError."""
        ...


class OpenCvCamera:
    """A UVC camera through cv2.VideoCapture, opened on first use and kept open between checks.

    Kept frames are at least `interval` seconds apart (the frames between are read and dropped, which
    also empties the driver's buffer of stale frames), so `count` frames span a blink or a head turn.
    """

    def __init__(self, index: int | str = 0, width: int = FRAME_WIDTH, height: int = FRAME_HEIGHT,
                 interval: float = 0.12, warmup_frames: int = 3,
                 capture_factory: Callable[[int | str], Any] = cv2.VideoCapture) -> None:
        self.index = index
        self.width = width
        self.height = height
        self.interval = interval
        self.warmup_frames = warmup_frames  # auto exposure needs a few frames after opening
        self._factory = capture_factory
        self._capture: Any = None
        self._lock = threading.Lock()

    def grab(self, count: int) -> list[np.ndarray]:
        return list(self.stream(count))

    def stream(self, count: int) -> Iterator[np.ndarray]:
        """The frames `grab` returns, each handed over as soon as it is kept, so the face check looks
        at one while the camera waits for the next. The camera is held until the last frame or until
        the caller closes the iterator."""
        with self._lock:
            try:
                capture = self._open()
                kept = 0
                last = float("-inf")
                while kept < count:
                    bgr = self._read(capture)
                    now = time.monotonic()
                    if now - last >= self.interval:
                        kept += 1
                        last = now
                        yield np.ascontiguousarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
            except CameraError:
                self._release()  # reopened on the next check: the cable may be back by then
                raise
            except Exception as exc:  # a driver or OpenCV error must not escape as anything else
                self._release()
                raise CameraError(f"camera {self.index!r}: {type(exc).__name__}: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._release()

    def _open(self) -> Any:
        if self._capture is not None:
            return self._capture
        capture = self._factory(self.index)
        if not capture.isOpened():
            capture.release()
            raise CameraError(f"camera {self.index!r} cannot be opened")
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        self._capture = capture
        log.info("camera %r opened", self.index)
        for _ in range(self.warmup_frames):
            self._read(capture)
        return capture

    def _read(self, capture: Any) -> np.ndarray:
        ok, frame = capture.read()
        if not ok or frame is None or frame.ndim != 3:
            raise CameraError(f"camera {self.index!r} returned no frame")
        return frame

    def _release(self) -> None:
        if self._capture is not None:
            try:
                self._capture.release()
            except Exception:  # releasing a capture that is already gone: nothing more to free
                log.debug("camera %r: release failed", self.index, exc_info=True)
            self._capture = None


class ImageFileFrames:
    """Frames from image files or arrays, repeated in turn: the simulated camera.

    Every image is fitted to a 640×480 frame (as a camera would deliver it) unless `size` is None.
    A file that cannot be read is a CameraError, as a broken camera would be.
    """

    def __init__(self, images: Sequence[str | Path | np.ndarray],
                 size: tuple[int, int] | None = (FRAME_WIDTH, FRAME_HEIGHT)) -> None:
        if not images:
            raise ValueError("ImageFileFrames needs at least one image")
        self.images = list(images)
        self.size = size
        self._loaded: list[np.ndarray] | None = None

    def grab(self, count: int) -> list[np.ndarray]:
        return list(self.stream(count))

    def stream(self, count: int) -> Iterator[np.ndarray]:
        if self._loaded is None:
            self._loaded = [self._load(image) for image in self.images]
        for frame in itertools.islice(itertools.cycle(self._loaded), count):
            yield frame.copy()

    def _load(self, image: str | Path | np.ndarray) -> np.ndarray:
        if isinstance(image, np.ndarray):
            rgb = as_rgb(image)
        else:
            bgr = cv2.imread(str(image), cv2.IMREAD_COLOR)
            if bgr is None:
                raise CameraError(f"image {image} cannot be read")
            rgb = np.ascontiguousarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
        return fit_frame(rgb, *self.size) if self.size else rgb
