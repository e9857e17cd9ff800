"""One behaviour for every face verifier: the simulated one, and the camera one on still frames.

The camera verifier runs its real code path (dlib detection, landmarks, liveness, encodings) on
frames made from skimage's photographs; faults only a real camera or photo folder can have are
tested on it alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kiosk.config import ConfigError, KioskConfig, load_config
from kiosk.devices.bundle import build_devices
from kiosk.devices.errors import DeviceError
from kiosk.devices.face import camera_verifier as cv_module
from kiosk.devices.face.camera_verifier import CameraFaceVerifier
from kiosk.devices.face.frames import CameraError, ImageFileFrames, OpenCvCamera
from kiosk.devices.face.protocol import (CameraFault, FaceMatch, FaceMismatch, FaceVerifier, MultipleFaces,
                                         NoFace, NotLive)
from kiosk.devices.face.simulated import NOBODY, PHOTO, TWO_PEOPLE, SimulatedFaceVerifier

ASTRONAUT, CAMERAMAN, NO_FACE_PHOTO = "astronaut", "cameraman", "coffee"  # the photos conftest enrols
TOLERANCE = 0.45
SCENES = ("holder", "nobody", "two", "photo", "broken")


def is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@dataclass
class Rig:
    verifier: FaceVerifier
    show: Callable[[str], None]  # puts one of SCENES in front of the camera


class Broken:
    """A frame source whose camera is unplugged."""

    def grab(self, count: int) -> list[np.ndarray]:
        raise CameraError("camera unplugged")


@pytest.fixture(scope="module")
def camera_verifier(photos_dir: Path) -> CameraFaceVerifier:
    # Shared by the module's tests so each enrolled photo is encoded once; every test sets `frames`.
    return CameraFaceVerifier(Broken(), photos_dir, tolerance=TOLERANCE, frames_per_check=4)


@pytest.fixture(params=["simulated", "camera-on-stills"])
def rig(request: pytest.FixtureRequest) -> Rig:
    if request.param == "simulated":
        sim = SimulatedFaceVerifier()
        subjects = {"holder": ASTRONAUT, "nobody": NOBODY, "two": TWO_PEOPLE, "photo": PHOTO, "broken": ASTRONAUT}

        def show_sim(scene: str) -> None:
            sim.break_camera(scene == "broken")
            sim.present(subjects[scene])
        return Rig(sim, show_sim)

    verifier: CameraFaceVerifier = request.getfixturevalue("camera_verifier")
    frames: dict[str, list[np.ndarray]] = request.getfixturevalue("frames")
    sources: dict[str, Any] = {"holder": ImageFileFrames(frames["holder_turning"]),
                               "nobody": ImageFileFrames(frames["nobody"]), "two": ImageFileFrames(frames["two"]),
                               "photo": ImageFileFrames(frames["photo_still"]), "broken": Broken()}

    def show_camera(scene: str) -> None:
        verifier.frames = sources[scene]
    return Rig(verifier, show_camera)


# -- the shared contract ---------------------------------------------------------------------------
def test_the_holder_turning_the_head_matches(rig: Rig) -> None:
    rig.show("holder")
    result = rig.verifier.verify(ASTRONAUT)
    assert isinstance(result, FaceMatch) and 0 <= result.distance <= TOLERANCE


def test_another_person_is_refused(rig: Rig) -> None:
    rig.show("holder")  # the astronaut stands there, the record is the cameraman's
    result = rig.verifier.verify(CAMERAMAN)
    assert isinstance(result, FaceMismatch) and result.distance > TOLERANCE and is_chinese(result.message)


@pytest.mark.parametrize("reference", [None, "zhao-not-enrolled"])
def test_no_photo_of_record_is_refused(rig: Rig, reference: str | None) -> None:
    rig.show("holder")
    result = rig.verifier.verify(reference)
    assert isinstance(result, FaceMismatch) and is_chinese(result.message)


@pytest.mark.parametrize(("scene", "expected"), [("nobody", NoFace), ("two", MultipleFaces), ("photo", NotLive),
                                                  ("broken", CameraFault)])
def test_what_is_in_front_of_the_camera_decides(rig: Rig, scene: str, expected: type) -> None:
    rig.show(scene)
    result = rig.verifier.verify(ASTRONAUT)
    assert isinstance(result, expected) and is_chinese(result.message)


def test_a_repaired_camera_works_again(rig: Rig) -> None:
    rig.show("broken")
    assert isinstance(rig.verifier.verify(ASTRONAUT), CameraFault)
    rig.show("holder")
    assert isinstance(rig.verifier.verify(ASTRONAUT), FaceMatch)


def test_the_probe_says_whether_the_camera_delivers(rig: Rig) -> None:
    rig.show("holder")
    ok, message = rig.verifier.probe()
    assert ok and is_chinese(message)
    rig.show("broken")
    ok, message = rig.verifier.probe()
    assert not ok and "摄像头" in message


# -- the camera verifier's own cases ---------------------------------------------------------------
def test_a_printed_photo_tilted_back_and_forth_is_not_live(camera_verifier, frames) -> None:
    camera_verifier.frames = ImageFileFrames(frames["photo_tilted"])
    assert isinstance(camera_verifier.verify(ASTRONAUT), NotLive)


def test_the_holders_photo_held_up_between_turns_of_another_head_is_refused(camera_verifier, frames) -> None:
    # The holder's photo (once as the mirror image a phone's selfie shows) is the median pose; the
    # cameraman's head in three-quarter view makes the yaw span live. Comparing only the most frontal
    # frame would let him in.
    photo, head = frames["holder_turning"][0], frames["cameraman"][0]
    camera_verifier.frames = ImageFileFrames([photo, head, np.ascontiguousarray(photo[:, ::-1]), photo])

    assert isinstance(camera_verifier.verify(ASTRONAUT), FaceMismatch)


def test_the_cameraman_is_found_as_one_face(frames) -> None:
    import face_recognition

    frame = ImageFileFrames(frames["cameraman"]).grab(1)[0]
    assert len(face_recognition.face_locations(frame, number_of_times_to_upsample=0)) == 1


def test_missing_photo_has_its_own_message_and_is_logged(camera_verifier, frames, caplog) -> None:
    camera_verifier.frames = ImageFileFrames(frames["holder_turning"])
    with caplog.at_level(logging.ERROR, logger=cv_module.__name__):
        result = camera_verifier.verify("zhao-not-enrolled")
    assert result == FaceMismatch(message=cv_module.NO_PHOTO)
    assert "no enrolled photo" in caplog.text


@pytest.mark.parametrize("reference", ["../astronaut", "/etc/passwd", "a/b", ".hidden", ""])
def test_a_reference_that_is_not_a_file_name_finds_no_photo(camera_verifier, photos_dir, reference) -> None:
    assert camera_verifier.photo_path(reference) is None
    assert camera_verifier.photo_path(ASTRONAUT) == photos_dir / "astronaut.png"
    assert camera_verifier.photo_path(CAMERAMAN) == photos_dir / "cameraman.jpg"


@pytest.mark.parametrize("content", [None, b"not an image"], ids=["no face in it", "not an image"])
def test_an_unusable_enrolled_photo_is_refused_with_its_own_message(camera_verifier, frames, photos_dir,
                                                                    tmp_path, content) -> None:
    folder = photos_dir
    if content is not None:
        folder = tmp_path
        (folder / f"{NO_FACE_PHOTO}.jpg").write_bytes(content)
    verifier = CameraFaceVerifier(ImageFileFrames(frames["holder_turning"]), folder, frames_per_check=4)
    assert verifier.verify(NO_FACE_PHOTO) == FaceMismatch(message=cv_module.BAD_PHOTO)


def test_enrolled_encodings_are_cached_and_a_replaced_photo_is_read_again(frames, photos_dir, tmp_path,
                                                                          monkeypatch) -> None:
    import face_recognition

    (tmp_path / "wang.png").write_bytes((photos_dir / "astronaut.png").read_bytes())
    loads: list[str] = []
    real_load = face_recognition.load_image_file

    def counting_load(path: str, mode: str) -> np.ndarray:
        loads.append(path)
        return real_load(path, mode)
    monkeypatch.setattr(face_recognition, "load_image_file", counting_load)
    verifier = CameraFaceVerifier(ImageFileFrames(frames["holder_turning"]), tmp_path, frames_per_check=4)

    assert isinstance(verifier.verify("wang"), FaceMatch)
    assert isinstance(verifier.verify("wang"), FaceMatch)
    assert len(loads) == 1

    (tmp_path / "wang.png").unlink()
    (tmp_path / "wang.jpg").write_bytes((photos_dir / "cameraman.jpg").read_bytes())
    assert isinstance(verifier.verify("wang"), FaceMismatch)
    assert len(loads) == 2


def test_verify_never_raises_and_logs(photos_dir, caplog) -> None:
    class Exploding:
        def grab(self, count: int) -> list[np.ndarray]:
            return [np.zeros((480, 640), np.float64)] * count  # dlib refuses this image type

    verifier = CameraFaceVerifier(Exploding(), photos_dir, frames_per_check=3)
    with caplog.at_level(logging.ERROR, logger=cv_module.__name__):
        assert isinstance(verifier.verify(ASTRONAUT), CameraFault)
    assert "failed unexpectedly" in caplog.text


def test_a_camera_that_cannot_be_opened_is_a_camera_fault(photos_dir, caplog) -> None:
    verifier = CameraFaceVerifier(OpenCvCamera("/nonexistent/video9"), photos_dir, frames_per_check=3)
    with caplog.at_level(logging.ERROR, logger=cv_module.__name__):
        result = verifier.verify(ASTRONAUT)
    assert isinstance(result, CameraFault) and is_chinese(result.message)
    assert "cannot be opened" in caplog.text


# -- OpenCvCamera and ImageFileFrames --------------------------------------------------------------
class FakeCapture:
    """cv2.VideoCapture's surface: frames are BGR; `fail_after` reads, read() fails."""

    opened: list["FakeCapture"] = []

    def __init__(self, index: int | str, fail_after: int | None = None, raise_on_read: bool = False) -> None:
        self.index, self.fail_after, self.raise_on_read = index, fail_after, raise_on_read
        self.reads = 0
        self.released = False
        self.props: dict[int, float] = {}
        FakeCapture.opened.append(self)

    def isOpened(self) -> bool:  # noqa: N802 (OpenCV's name)
        return True

    def set(self, prop: int, value: float) -> bool:
        self.props[prop] = value
        return True

    def read(self) -> tuple[bool, np.ndarray | None]:
        if self.raise_on_read:
            raise RuntimeError("VIDIOC_DQBUF: No such device")
        self.reads += 1
        if self.fail_after is not None and self.reads > self.fail_after:
            return False, None
        frame = np.zeros((480, 640, 3), np.uint8)
        frame[:, :, 0] = 200  # blue in OpenCV's BGR order
        return True, frame

    def release(self) -> None:
        self.released = True


def test_opencv_camera_delivers_rgb_frames_and_stays_open() -> None:
    FakeCapture.opened = []
    camera = OpenCvCamera(2, interval=0.0, warmup_frames=3, capture_factory=FakeCapture)

    frames = camera.grab(5)
    assert len(frames) == 5 and frames[0].shape == (480, 640, 3)
    assert tuple(frames[0][0, 0]) == (0, 0, 200)  # converted to RGB
    camera.grab(2)
    assert len(FakeCapture.opened) == 1 and FakeCapture.opened[0].reads == 3 + 5 + 2
    assert FakeCapture.opened[0].index == 2 and set(FakeCapture.opened[0].props.values()) == {640, 480}


def test_a_frame_without_a_face_ends_the_check_before_the_camera_takes_the_rest(photos_dir) -> None:
    FakeCapture.opened = []  # its frames are plain blue: nobody there
    camera = OpenCvCamera(0, interval=0.0, warmup_frames=3, capture_factory=FakeCapture)
    verifier = CameraFaceVerifier(camera, photos_dir, frames_per_check=8)

    assert isinstance(verifier.verify(ASTRONAUT), NoFace)
    assert FakeCapture.opened[0].reads == 3 + 1  # the hint comes after one frame, not after eight
    assert len(camera.grab(2)) == 2  # and the camera is free again for the next check


@pytest.mark.parametrize("broken", [{"fail_after": 4}, {"raise_on_read": True}], ids=["no frame", "driver error"])
def test_opencv_camera_read_failure_is_a_camera_error_and_it_reopens(broken: dict[str, Any]) -> None:
    FakeCapture.opened = []
    captures = iter([lambda index: FakeCapture(index, **broken), FakeCapture])  # unplugged, then plugged back
    camera = OpenCvCamera(0, interval=0.0, capture_factory=lambda index: next(captures)(index))

    with pytest.raises(CameraError) as caught:
        camera.grab(5)
    assert isinstance(caught.value, DeviceError) and is_chinese(caught.value.message)
    assert FakeCapture.opened[0].released

    assert len(camera.grab(2)) == 2
    assert len(FakeCapture.opened) == 2  # opened afresh, not the released capture again


def test_image_files_are_read_as_rgb_frames_in_turn(frames, tmp_path) -> None:
    import cv2

    path = tmp_path / "frame.png"
    cv2.imwrite(str(path), cv2.cvtColor(frames["nobody"][0], cv2.COLOR_RGB2BGR))
    grey = np.full((100, 200), 90, np.uint8)
    got = ImageFileFrames([path, grey]).grab(3)

    assert [f.shape for f in got] == [(480, 640, 3)] * 3
    assert np.array_equal(got[0], frames["nobody"][0]) and np.array_equal(got[2], got[0])
    assert got[1][240, 320].tolist() == [90, 90, 90]


def test_an_unreadable_image_file_is_a_camera_error(tmp_path) -> None:
    with pytest.raises(CameraError):
        ImageFileFrames([tmp_path / "missing.jpg"]).grab(1)


# -- config ----------------------------------------------------------------------------------------
def test_config_camera_builds_the_camera_verifier_without_opening_the_camera(tmp_path) -> None:
    config = KioskConfig.model_validate({
        "devices": {"camera": "opencv", "face_verifier": "camera", "camera_index": 3, "face_tolerance": 0.4,
                    "face_frames": 6},
        "paths": {"face_photos_dir": str(tmp_path)}})

    verifier = build_devices(config).face
    assert isinstance(verifier, CameraFaceVerifier) and isinstance(verifier.frames, OpenCvCamera)
    assert (verifier.frames.index, verifier.tolerance, verifier.frames_per_check, verifier.photos_dir) == \
        (3, 0.4, 6, tmp_path)


def test_camera_verifier_without_a_real_camera_is_a_config_error(tmp_path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('[devices]\ncamera = "simulated"\nface_verifier = "camera"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="camera"):
        load_config(path)


def test_production_uses_the_camera_and_the_demo_the_simulator() -> None:
    production, demo = load_config().devices, load_config(demo=True).devices
    assert (production.face_verifier, production.camera, production.face_tolerance) == ("camera", "opencv", 0.45)
    assert (demo.face_verifier, demo.camera) == ("simulated", "simulated")
