"""The camera check follows the face from frame to frame: the first frame is searched whole, each later
one near the face before, and a face lost there is searched for in the whole frame again."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.devices.face import camera_verifier as cv_module
from kiosk.devices.face import scenes
from kiosk.devices.face.camera_verifier import CameraFaceVerifier
from kiosk.devices.face.encoder_process import EncoderProcess
from kiosk.devices.face.frames import ImageFileFrames
from kiosk.devices.face.protocol import FaceMatch, FaceMismatch, MultipleFaces, NoFace

ASTRONAUT = "astronaut"  # the photo conftest enrols
FRAME_SHAPE = (scenes.FRAME_HEIGHT, scenes.FRAME_WIDTH)


def _box(frame: np.ndarray) -> tuple[int, int, int, int]:
    import face_recognition

    [box] = face_recognition.face_locations(frame, number_of_times_to_upsample=0)
    return box


def _landmarks(frame: np.ndarray) -> dict:
    import face_recognition

    return face_recognition.face_landmarks(frame, [_box(frame)])[0]


def _placed(frame: np.ndarray, scale: float, x: int, y: int) -> np.ndarray:
    """`frame` shrunk by `scale` and put at (x, y) of a black frame: the person stepped aside."""
    small = cv2.resize(frame, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    placed = np.zeros_like(frame)
    placed[y:y + small.shape[0], x:x + small.shape[1]] = small
    return placed


def _moved_onto(frame: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """`frame` scaled and shifted so that its one face covers `box` of another frame."""
    top, right, _, left = _box(frame)
    scale = (box[1] - box[3]) / (right - left)
    warp = np.float32([[scale, 0, box[3] - scale * left], [0, scale, box[0] - scale * top]])
    return cv2.warpAffine(frame, warp, (frame.shape[1], frame.shape[0]), borderMode=cv2.BORDER_REPLICATE)


@pytest.fixture
def searched(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, ...]]:
    """The sizes of the images searched for faces: FRAME_SHAPE for a whole camera frame at full size."""
    import face_recognition

    real = face_recognition.face_locations
    sizes: list[tuple[int, ...]] = []

    def noting(image: np.ndarray, *args: object, **kwargs: object) -> list:
        sizes.append(image.shape[:2])
        return real(image, *args, **kwargs)
    monkeypatch.setattr(face_recognition, "face_locations", noting)
    return sizes


@pytest.fixture
def encodings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The faces encoded by the checks, one entry each: "here" (the check's thread) or "worker" (the
    second core's process, once it has loaded)."""
    made: list[str] = []
    real, real_submit = cv_module._encoding, EncoderProcess.submit  # noqa: SLF001 (the steps being counted)

    def counting(face: tuple) -> np.ndarray:
        made.append("here")
        return real(face)

    def submitting(self: EncoderProcess, *args: object) -> object:
        future = real_submit(self, *args)
        if future is not None:
            made.append("worker")
        return future
    monkeypatch.setattr(cv_module, "_encoding", counting)
    monkeypatch.setattr(EncoderProcess, "submit", submitting)
    return made


def test_a_face_that_stays_put_is_searched_for_in_the_whole_first_and_last_frames_only(
        frames, photos_dir: Path, searched, encodings) -> None:
    verifier = CameraFaceVerifier(ImageFileFrames(frames["holder_turning"]), photos_dir, frames_per_check=8)
    assert isinstance(verifier.verify(ASTRONAUT), FaceMatch)
    assert searched.count(FRAME_SHAPE) == 1  # the first frame
    assert searched.count((FRAME_SHAPE[0] // 2, FRAME_SHAPE[1] // 2)) == 1  # the last one, at half size
    # The frame nearest the median pose and the one furthest from it; the same picture again (its pose
    # a few thousandths off) is no reason for a third.
    assert len(encodings) == 2


def test_a_face_lost_near_where_it_was_is_found_again_in_the_whole_frame(
        frames, photos_dir: Path, searched) -> None:
    base = frames["holder_turning"][0]
    here, there = _placed(base, 0.75, 0, 0), _placed(base, 0.75, 160, 120)  # 160 px right, 120 down
    turning = [here, scenes.turn_head(there, _landmarks(there), 15), here,
               scenes.turn_head(there, _landmarks(there), -15), here]
    verifier = CameraFaceVerifier(ImageFileFrames(turning), photos_dir, frames_per_check=5)
    searched.clear()

    assert isinstance(verifier.verify(ASTRONAUT), FaceMatch)
    assert searched.count(FRAME_SHAPE) == 4  # the first frame, then each time the face had jumped


def test_another_head_in_the_holders_place_between_her_photos_is_refused(
        frames, photos, photos_dir: Path, searched) -> None:
    # The cameraman's head, where the holder's photo is, is found near it (no whole-frame search): the
    # frame furthest from the median pose is still compared with her record.
    photo = frames["holder_turning"][0]
    head = _moved_onto(photos["cameraman_frame"], _box(photo))
    verifier = CameraFaceVerifier(ImageFileFrames([photo, head, photo, photo]), photos_dir, frames_per_check=4)
    searched.clear()

    assert isinstance(verifier.verify(ASTRONAUT), FaceMismatch)
    assert searched.count(FRAME_SHAPE) == 1


def test_someone_who_comes_to_stand_beside_the_resident_by_the_last_frame_ends_the_check(
        frames, photos, photos_dir: Path) -> None:
    alone = frames["holder_turning"]
    side = alone[0][:, 80:400]  # her face, about 150 px across, in each half of the frame
    verifier = CameraFaceVerifier(ImageFileFrames([*alone[:3], np.hstack([side, side])]), photos_dir,
                                  frames_per_check=4)
    assert isinstance(verifier.verify(ASTRONAUT), MultipleFaces)


def test_a_frame_is_encoded_as_the_enrolled_photo_is(frames) -> None:
    # Both aligned the same way (dlib's 5 points), so the tolerance measured on face_encodings holds.
    import face_recognition

    frame = frames["holder_turning"][1]
    box = _box(frame)
    shape = cv_module._shape(frame, box)  # noqa: SLF001 (the check's own steps)
    ours = cv_module._encoding((frame, shape, cv_module._landmarks(shape)))  # noqa: SLF001
    assert np.allclose(ours, face_recognition.face_encodings(frame, [box])[0], atol=1e-6)


def test_another_person_is_refused_on_one_encoding_on_a_one_core_terminal(frames, photos_dir: Path,
                                                                         encodings) -> None:
    # The frame nearest the median pose is already too far from the record: the other cannot undo that.
    verifier = CameraFaceVerifier(ImageFileFrames(frames["holder_turning"]), photos_dir, frames_per_check=8,
                                  encoder=EncoderProcess(enabled=False))
    assert isinstance(verifier.verify("cameraman"), FaceMismatch)
    assert encodings == ["here"]


def test_a_face_too_far_away_for_the_whole_frame_search_is_not_followed_either(frames, photos_dir: Path) -> None:
    import face_recognition

    base = frames["holder_turning"][0]
    top, right, bottom, left = _box(base)
    cx, cy = (left + right) / 2, (top + bottom) / 2

    def stepped_back(scale: float) -> np.ndarray:  # her face shrunk about its centre
        warp = np.float32([[scale, 0, cx * (1 - scale)], [0, scale, cy * (1 - scale)]])
        return cv2.warpAffine(base, warp, base.shape[1::-1])
    near, far = stepped_back(0.5), stepped_back(0.35)  # about 72 and 52 px across
    assert face_recognition.face_locations(far, number_of_times_to_upsample=0) == []
    verifier = CameraFaceVerifier(ImageFileFrames([near, far, near, near]), photos_dir, frames_per_check=4)
    assert isinstance(verifier.verify(ASTRONAUT), NoFace)


def test_the_photo_of_record_is_encoded_while_the_camera_takes_the_next_frame(
        frames, photos_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import face_recognition

    happened: list[str] = []
    real_load = face_recognition.load_image_file
    monkeypatch.setattr(face_recognition, "load_image_file",
                        lambda path, mode: happened.append("photo decoded") or real_load(path, mode))

    class Camera:
        def grab(self, count: int) -> list[np.ndarray]:
            return list(self.stream(count))

        def stream(self, count: int):  # noqa: ANN202 (a generator, as OpenCvCamera's)
            for number, frame in enumerate(ImageFileFrames(frames["holder_turning"]).stream(count), 1):
                happened.append(f"frame {number}")
                yield frame

    verifier = CameraFaceVerifier(Camera(), photos_dir, frames_per_check=4)
    assert isinstance(verifier.verify(ASTRONAUT), FaceMatch)
    assert happened == ["frame 1", "photo decoded", "frame 2", "frame 3", "frame 4"]
    happened.clear()
    assert isinstance(verifier.verify(ASTRONAUT), FaceMatch)
    assert happened == ["frame 1", "frame 2", "frame 3", "frame 4"]  # decoded once, for the first check
