"""A camera + verifier pair for the demo and tests: who stands in front is set by the dev panel."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where a scene is drawn: the dev panel's buttons need only the names
    import numpy as np

from kiosk.devices.face.preview import Box, Preview, preview_of
from kiosk.devices.face.protocol import (CameraFault, FaceMatch, FaceMismatch, FaceResult, MultipleFaces,
                                         NoFace, NotLive)

NOBODY = "__nobody__"
TWO_PEOPLE = "__two__"
PHOTO = "__photo__"


class SimulatedFaceVerifier:
    """`present(ref)` puts a person (by face reference) in front of the camera."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subject: str = NOBODY
        self._camera_ok = True
        self._tick = 0
        self.checks = 0

    def present(self, subject: str) -> None:
        with self._lock:
            self._subject = subject

    def break_camera(self, broken: bool = True) -> None:
        with self._lock:
            self._camera_ok = not broken

    def verify(self, reference: str | None) -> FaceResult:
        with self._lock:
            self.checks += 1
            subject = self._subject
            camera_ok = self._camera_ok
        if not camera_ok:
            return CameraFault()
        if subject == NOBODY:
            return NoFace()
        if subject == TWO_PEOPLE:
            return MultipleFaces()
        if subject == PHOTO:
            return NotLive()
        if reference is not None and subject == reference:
            return FaceMatch(distance=0.31)
        return FaceMismatch(distance=0.72)

    def preview(self) -> Preview | CameraFault:
        """A drawn frame of whoever stands in front (they sway a little from frame to frame)."""
        with self._lock:
            self._tick += 1
            subject, camera_ok, tick = self._subject, self._camera_ok, self._tick
        if not camera_ok:
            return CameraFault()
        frame, faces = draw_scene(subject, tick)
        return preview_of(frame, faces)

    def probe(self) -> tuple[bool, str]:
        with self._lock:
            camera_ok = self._camera_ok
        return (True, "摄像头正常（模拟）") if camera_ok else (False, CameraFault().message)


# -- drawn frames (numpy only): a wall, and a head and shoulders per person in front ------------------
WIDTH, HEIGHT = 640, 480
_WALL = (176, 186, 196)
_SKIN = (224, 184, 150)
_HAIR = (46, 38, 34)
_SHIRT = (52, 96, 150)


def _ellipse(frame: np.ndarray, cx: float, cy: float, rx: float, ry: float, colour: tuple[int, int, int]) -> None:
    import numpy as np

    yy, xx = np.ogrid[:frame.shape[0], :frame.shape[1]]
    frame[((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1] = colour


def _person(frame: np.ndarray, cx: float, cy: float, size: float) -> Box:
    """Shoulders, head, hair and eyes; returns the face's box (top, right, bottom, left)."""
    _ellipse(frame, cx, cy + size * 1.9, size * 1.6, size * 0.9, _SHIRT)
    _ellipse(frame, cx, cy - size * 0.25, size * 0.82, size * 0.9, _HAIR)
    _ellipse(frame, cx, cy, size * 0.72, size * 0.95, _SKIN)
    for side in (-1, 1):
        _ellipse(frame, cx + side * size * 0.3, cy - size * 0.1, size * 0.1, size * 0.06, _HAIR)
    _ellipse(frame, cx, cy + size * 0.45, size * 0.22, size * 0.06, (170, 90, 90))
    return (int(cy - size * 0.95), int(cx + size * 0.72), int(cy + size * 0.95), int(cx - size * 0.72))


def draw_scene(subject: str, tick: int = 0) -> tuple[np.ndarray, tuple[Box, ...]]:
    """The simulated camera's frame for `subject` and the faces in it (what a detector would find)."""
    import numpy as np

    frame = np.empty((HEIGHT, WIDTH, 3), np.uint8)
    frame[:] = _WALL
    frame[:, :, :] = (frame * np.linspace(1.0, 0.85, HEIGHT)[:, None, None]).astype(np.uint8)  # ceiling light
    sway = 6 * np.sin(tick / 3)
    if subject == NOBODY:
        return frame, ()
    if subject == TWO_PEOPLE:
        return frame, (_person(frame, 190 + sway, 220, 80), _person(frame, 460 - sway, 230, 74))
    if subject == PHOTO:
        # a printed photo held up at arm's length: a white card with a small, flat face on it
        top, left = int(150 + sway), 250
        frame[top:top + 190, left:left + 150] = (245, 245, 240)
        face = _person(frame[top + 10:top + 180, left + 10:left + 140], 65, 70, 42)
        return frame, ((face[0] + top + 10, face[1] + left + 10, face[2] + top + 10, face[3] + left + 10),)
    return frame, (_person(frame, 320 + sway, 215, 105),)
