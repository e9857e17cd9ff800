"""A camera + verifier pair for the demo and tests: who stands in front is set by the dev panel."""

from __future__ import annotations

import threading

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

    def probe(self) -> tuple[bool, str]:
        with self._lock:
            camera_ok = self._camera_ok
        return (True, "摄像头正常（模拟）") if camera_ok else (False, CameraFault().message)
