"""The face screen's live picture: the hint a resident reads, from drawn frames and from dlib on photos."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.devices.face import preview as pv
from kiosk.devices.face.camera_verifier import CameraFaceVerifier
from kiosk.devices.face.frames import ImageFileFrames
from kiosk.devices.face.protocol import CameraFault
from kiosk.devices.face.simulated import NOBODY, PHOTO, TWO_PEOPLE, SimulatedFaceVerifier

GREY = np.full((480, 640, 3), 150, np.uint8)


@pytest.mark.parametrize(("frame", "faces", "hint"), [
    (np.full((480, 640, 3), 20, np.uint8), ((100, 420, 340, 220),), pv.TOO_DARK),
    (GREY, ((100, 300, 250, 150), (100, 600, 250, 450)), pv.TWO_FACES),
    (GREY, (), pv.NO_FACE),
    (GREY, ((200, 370, 290, 280),), pv.TOO_FAR),  # 90 px of 640
    (GREY, ((40, 640, 300, 440),), pv.OFF_CENTRE),  # near enough, but at the edge
    (GREY, ((110, 400, 350, 240),), pv.GOOD),
])
def test_the_hint_names_what_to_change_first(frame: np.ndarray, faces: tuple, hint: str) -> None:
    assert pv.hint_for(frame, faces) == hint
    assert pv.preview_of(frame, faces).ready == (hint == pv.GOOD)


@pytest.mark.parametrize(("subject", "hint", "faces"), [
    ("zhou_normal", pv.GOOD, 1), (NOBODY, pv.NO_FACE, 0), (TWO_PEOPLE, pv.TWO_FACES, 2), (PHOTO, pv.TOO_FAR, 1)])
def test_the_simulated_camera_draws_who_stands_there(subject: str, hint: str, faces: int) -> None:
    camera = SimulatedFaceVerifier()
    camera.present(subject)
    first, second = camera.preview(), camera.preview()
    assert first.hint == hint and len(first.faces) == faces
    assert first.frame.shape == (480, 640, 3) and first.frame.dtype == np.uint8
    if faces:
        assert not np.array_equal(first.frame, second.frame)  # a live picture: the person sways


def test_a_broken_simulated_camera_says_so() -> None:
    camera = SimulatedFaceVerifier()
    camera.break_camera()
    assert isinstance(camera.preview(), CameraFault)


def test_the_real_verifier_finds_the_face_with_dlib(frames, photos_dir) -> None:  # noqa: ANN001
    holder = CameraFaceVerifier(ImageFileFrames(frames["holder_turning"][:1]), photos_dir).preview()
    assert len(holder.faces) == 1 and holder.hint in (pv.GOOD, pv.TOO_FAR, pv.OFF_CENTRE)
    two = CameraFaceVerifier(ImageFileFrames(frames["two"]), photos_dir).preview()
    assert two.hint == pv.TWO_FACES
    nobody = CameraFaceVerifier(ImageFileFrames(frames["nobody"]), photos_dir).preview()
    assert nobody.hint == pv.NO_FACE and nobody.faces == ()


def test_the_real_verifier_reports_a_camera_that_delivers_nothing(photos_dir) -> None:  # noqa: ANN001
    assert isinstance(CameraFaceVerifier(ImageFileFrames(["/nonexistent.png"]), photos_dir).preview(), CameraFault)
