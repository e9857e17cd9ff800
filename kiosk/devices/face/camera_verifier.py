"""The real face verifier: frames from a camera, dlib's detector and face encodings (face_recognition).

The photo of record is the enrolled photo in the store's photo folder, `<photos_dir>/<face_ref>.jpg`
(or `.png`). The ID card's own photo would be better, but it is WLT-compressed and only the reader
vendor's licensed decoder can open it, which this kiosk does not have.

Tolerance: the Euclidean distance between two 128-d encodings. face_recognition's default is 0.6;
on skimage's LFW subset (100 faces, 25 px, no names) every pair closer than 0.45 is visibly the same
person and the closest visibly different pair is 0.466, while 428 of the 4,950 pairs fall under 0.6.
The same astronaut photo after turning, tilting, noise, JPEG or grey scale stays at 0.04–0.30.
So 0.45 (config `face_tolerance`) refuses look-alikes the default would let through.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Container, Iterator
from concurrent.futures import Future
from contextlib import closing
from pathlib import Path

import cv2
import numpy as np

from kiosk.devices.errors import DeviceError
from kiosk.devices.face import liveness
from kiosk.devices.face.encoder_process import EncoderProcess, encode, shared_encoder
from kiosk.devices.face.preview import Box, Preview, preview_of
from kiosk.devices.face.frames import FrameSource
from kiosk.devices.face.protocol import (CameraFault, FaceMatch, FaceMismatch, FaceResult, MultipleFaces,
                                         NoFace, NotLive)

log = logging.getLogger(__name__)

DEFAULT_TOLERANCE = 0.45
PHOTO_SUFFIXES = (".jpg", ".png")
# face_ref comes from the store; anything but a plain file name could point outside the photo folder.
SAFE_REF = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$")

NO_PHOTO = "未找到您的登记照片，无法进行人脸识别，请改用市民卡 + 密码登录或到中心柜面办理"
BAD_PHOTO = "您的登记照片无法用于人脸识别，请改用市民卡 + 密码登录或到中心柜面更新照片"
NOT_LIVE = "请正对摄像头，眨眨眼或慢慢左右转头，不要使用照片"
# Where faces are looked for. The check's first frame is searched whole at full size, so a second,
# smaller face (someone behind, a child beside) ends the check. The frames between are searched only
# near the face of the frame before: ROI_MARGIN of the face's size on each side of its box, scaled so
# the face is ROI_FACE_PX across (dlib's HOG window is 80 px, so it is still found 20 % smaller; HOG's
# cost grows with the area: this costs about 2 ms, the half-size whole frame 5 ms, the full one 18).
# The last frame is searched whole again, in a half-size copy (a face at the kiosk's reach, about 150
# px across, is still over dlib's window there), so someone who came to stand beside the resident during
# the check ends it too. A face not found where it was looked for is searched for in the whole frame at
# full size (stepped aside, came much nearer, or smaller than the half-size copy shows).
ROI_MARGIN = 0.35
ROI_FACE_PX = 100
DETECT_SCALE = 0.5
# In eye distances, as liveness.yaw_proxy (a head turn that counts is 0.13): about one degree of turn.
FRONTAL_SLACK = 0.01
# face_recognition's 68-point landmark names and their point ranges (its face_landmarks()).
LANDMARK_PARTS = {"chin": (0, 17), "left_eyebrow": (17, 22), "right_eyebrow": (22, 27), "nose_bridge": (27, 31),
                  "nose_tip": (31, 36), "left_eye": (36, 42), "right_eye": (42, 48), "top_lip": (48, 60),
                  "bottom_lip": (60, 68)}


def _face_recognition():  # type: ignore[no-untyped-def]
    # Imported on first use: loading dlib's models takes about a second, which the kiosk's start-up
    # (and every test that only builds the device bundle) should not pay.
    import face_recognition

    return face_recognition


class CameraFaceVerifier:
    """FaceVerifier over a FrameSource: exactly one live face in every frame, close to the enrolled photo."""

    def __init__(self, frames: FrameSource, photos_dir: Path | str, tolerance: float = DEFAULT_TOLERANCE,
                 frames_per_check: int = 8, upsample: int = 0, encoder: EncoderProcess | None = None) -> None:
        self.frames = frames
        self.photos_dir = Path(photos_dir)
        self.tolerance = tolerance
        self.frames_per_check = frames_per_check
        # 0: at 640×480 a face at the kiosk's reach is well over dlib's 80 px minimum, and upsampling
        # costs four times the time and finds faces in badges and posters behind the person.
        self.upsample = upsample
        # The second core's encoder (kiosk/devices/face/encoder_process.py), started by the first face screen.
        self.encoder = encoder or shared_encoder()
        self._enrolled: dict[str, tuple[tuple[str, int, int], np.ndarray]] = {}
        self._lock = threading.Lock()

    def verify(self, reference: str | None) -> FaceResult:
        self.encoder.start()
        try:
            with self._lock:  # one check at a time: the camera and dlib's models are shared
                return self._verify(reference)
        except Exception:  # the screen must get an answer, whatever dlib or the camera do
            log.exception("face check for %r failed unexpectedly", reference)
            return CameraFault()

    def probe(self) -> tuple[bool, str]:
        """Grabs one frame: enough to know the camera is there and delivering."""
        try:
            with self._lock:
                [frame] = self.frames.grab(1)
        except Exception as exc:  # noqa: BLE001 (a probe reports, it never raises)
            log.error("camera probe failed: %s", exc)
            return False, CameraFault().message
        height, width = frame.shape[:2]
        return True, f"摄像头正常（{width}×{height}）"

    def preview(self) -> Preview | CameraFault | None:
        """One frame and dlib's face boxes in it, for the live picture; None while a check runs (the
        check has the camera, and the screen keeps its last picture)."""
        self.encoder.start()  # the face screen is up: loaded by the time the resident stands still
        if not self._lock.acquire(blocking=False):
            return None
        try:
            [frame] = self.frames.grab(1)
            boxes = _face_recognition().face_locations(frame, number_of_times_to_upsample=self.upsample)
        except Exception as exc:  # noqa: BLE001 (the picture reports a fault, it never raises)
            log.error("camera preview failed: %s", exc)
            return CameraFault()
        finally:
            self._lock.release()
        return preview_of(frame, tuple(tuple(int(v) for v in box) for box in boxes))

    def _verify(self, reference: str | None) -> FaceResult:
        photo = self._photo_of_record(reference)
        if not isinstance(photo, Path):
            return photo
        enrolled: np.ndarray | None = None
        faces: list[tuple[np.ndarray, object, liveness.Landmarks]] = []
        yaws: list[float] = []  # each frame's pose, measured once
        # Frame index → its encoding (or the second core's Future of it), each made once.
        encodings: dict[int, np.ndarray | Future] = {}
        # Each frame is looked at as soon as the camera keeps it: the detection runs in the wait for
        # the next frame, and a frame without exactly one face ends the check without the rest.
        previous: Box | None = None  # the face's box in the frame before
        with closing(self._frames()) as frames:
            try:
                for number, frame in enumerate(frames, 1):
                    # dlib's HOG takes each pixel's strongest colour gradient, or the grey one: the same
                    # boxes in every test scene, for about a quarter less time.
                    locations = self._locate(cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY), number, previous)
                    if not locations:
                        log.info("face check for %r: no face in frame %d of %d", reference, number,
                                 self.frames_per_check)
                        return NoFace()
                    if len(locations) > 1:
                        log.warning("face check for %r: %d faces in frame %d", reference, len(locations), number)
                        return MultipleFaces()
                    previous = locations[0]
                    shape = _shape(frame, previous)
                    faces.append((frame, shape, _landmarks(shape)))
                    yaws.append(liveness.yaw_proxy(faces[-1][2]))
                    if enrolled is None:
                        # A resident's first check encodes the photo of record (then it is cached): here,
                        # once someone stands in front of the camera, it takes the wait for the next frame
                        # rather than delaying the first by as long as a naive face_encodings call. A missing
                        # photo is said before the camera starts, one that cannot serve after this frame.
                        found = self._enrolled_encoding(reference, photo)
                        if isinstance(found, FaceMismatch):
                            return found
                        enrolled = found
                    if number == self.frames_per_check - 1 and liveness.assess([f[2] for f in faces]).live:
                        # Already live (more frames cannot undo that): encode the likely frontal frame
                        # now (on the second core if there is one), so the answer after the last frame
                        # waits for one encoding, not two.
                        likely = _frontal(yaws)
                        encodings[likely] = self._encode_soon(faces[likely])
            except DeviceError as exc:
                log.error("face check: camera fault: %s", exc.detail or exc.message)
                return CameraFault(message=exc.message)

        live = liveness.assess([landmarks for _, _, landmarks in faces])
        if not live.live:
            log.warning("face check for %r: not live (yaw span %.3f, blink ratio %.2f)",
                        reference, live.yaw_span, live.blink_ratio)
            return NotLive(message=NOT_LIVE)

        # Compare the frame nearest the median pose (the best likeness) and the one furthest from it,
        # and keep the worse: a photo of the holder held up between turns of someone else's head fails.
        # The frontal one first: when it is already too far, the other cannot change the answer.
        frontal = _frontal(yaws, encoded=encodings)
        turned = max(range(len(faces)), key=lambda i: abs(yaws[i] - yaws[frontal]))
        compared = list(dict.fromkeys((frontal, turned)))
        for i in compared[:-1]:  # two still to encode: the first on the second core meanwhile
            soon = self._encode_soon(faces[i], here=False) if i not in encodings else None
            if soon is not None:
                encodings[i] = soon
        # What is known first (an encoding already made), then what this thread encodes, then what the
        # second core is still working on; frontal before turned among equals.
        distance = 0.0
        for i in sorted(compared, key=lambda i: _wait_rank(encodings.get(i))):
            if distance > self.tolerance:
                break
            encodings[i] = self._encoded(encodings.get(i), faces[i])
            distance = max(distance, float(np.linalg.norm(encodings[i] - enrolled)))
        if distance <= self.tolerance:
            log.info("face check for %r: match (distance %.3f, tolerance %.2f)",
                     reference, distance, self.tolerance)
            return FaceMatch(distance=distance)
        log.warning("face check for %r: mismatch (distance %.3f, tolerance %.2f)",
                    reference, distance, self.tolerance)
        return FaceMismatch(distance=distance)

    def _encode_soon(self, face: tuple[np.ndarray, object, object], here: bool = True) -> np.ndarray | Future | None:
        """The face's encoding started on the second core, else made here (`here`) or left for later (None)."""
        rect = face[1].rect  # type: ignore[attr-defined]
        future = self.encoder.submit(face[0], (rect.left(), rect.top(), rect.right(), rect.bottom()))
        if future is not None:
            return future
        return _encoding(face) if here else None

    def _encoded(self, made: np.ndarray | Future | None, face: tuple[np.ndarray, object, object]) -> np.ndarray:
        """The encoding `made` so far (the second core's is waited for), or made here now."""
        if isinstance(made, Future):
            made = self.encoder.result(made)
        return made if made is not None else _encoding(face)

    def _locate(self, frame: np.ndarray, number: int, previous: Box | None) -> list[Box]:
        """The face boxes (top, right, bottom, left) in the check's frame `number` (grey or RGB), the face
        of the frame before being at `previous`: near it in the frames between the first and the last, in
        a half-size copy in the last; in the whole frame at full size in the first, or when those found none."""
        fr = _face_recognition()
        boxes: list[Box] = []
        if previous is not None and number < self.frames_per_check:
            boxes = _search_near(frame, previous, self.upsample)
        elif previous is not None:
            small = cv2.resize(frame, None, fx=DETECT_SCALE, fy=DETECT_SCALE, interpolation=cv2.INTER_AREA)
            boxes = [tuple(round(v / DETECT_SCALE) for v in box)  # type: ignore[misc]
                     for box in fr.face_locations(small, number_of_times_to_upsample=self.upsample)]
        return boxes or fr.face_locations(frame, number_of_times_to_upsample=self.upsample)

    def _frames(self) -> Iterator[np.ndarray]:
        """The check's frames one by one; a source without `stream` gives them all at once."""
        stream = getattr(self.frames, "stream", None)
        yield from stream(self.frames_per_check) if stream is not None else self.frames.grab(self.frames_per_check)

    def photo_path(self, reference: str | None) -> Path | None:
        """The enrolled photo of `reference`, or None if there is none (or the reference is not a file name)."""
        if reference is None or not SAFE_REF.match(reference):
            return None
        for suffix in PHOTO_SUFFIXES:
            path = self.photos_dir / f"{reference}{suffix}"
            if path.is_file():
                return path
        return None

    def _photo_of_record(self, reference: str | None) -> Path | FaceMismatch:
        path = self.photo_path(reference)
        if path is None:
            log.error("face check for %r: no enrolled photo in %s", reference, self.photos_dir)
            return FaceMismatch(message=NO_PHOTO)
        return path

    def _enrolled_encoding(self, reference: str | None, path: Path) -> np.ndarray | FaceMismatch:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)  # a replaced photo is encoded afresh
        cached = self._enrolled.get(reference)  # type: ignore[arg-type]
        if cached is not None and cached[0] == key:
            return cached[1]

        encoding = photo_encoding(path)
        if isinstance(encoding, str):
            log.error("face check for %r: enrolled photo %s unusable: %s", reference, path, encoding)
            return FaceMismatch(message=BAD_PHOTO)
        self._enrolled[reference] = (key, encoding)  # type: ignore[index]
        return encoding


def _search_near(frame: np.ndarray, box: Box, upsample: int) -> list[Box]:
    """The face boxes within ROI_MARGIN of `box`, searched in that region scaled to put a face of the
    box's size at ROI_FACE_PX, but never enlarged more than `upsample` would enlarge the whole frame:
    a face that went further away than the whole-frame search can find is not followed either."""
    top, right, bottom, left = box
    size = max(right - left, bottom - top, 1)
    margin = round(size * ROI_MARGIN)
    height, width = frame.shape[:2]
    y0, x0 = max(0, top - margin), max(0, left - margin)
    region = frame[y0:min(height, bottom + margin), x0:min(width, right + margin)]
    if region.size == 0:  # a box off the frame: nothing to search near
        return []
    scale = min(ROI_FACE_PX / size, 2.0 ** upsample)
    region = cv2.resize(region, None, fx=scale, fy=scale,
                        interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    found = _face_recognition().face_locations(region, number_of_times_to_upsample=0)
    return [(y0 + round(t / scale), x0 + round(r / scale), y0 + round(b / scale), x0 + round(l / scale))
            for t, r, b, l in found]


def _shape(frame: np.ndarray, location: Box):  # type: ignore[no-untyped-def]
    """dlib's 68 landmarks of the face in `location` (top, right, bottom, left), as face_recognition finds them."""
    import dlib

    top, right, bottom, left = location
    return _face_recognition().api.pose_predictor_68_point(frame, dlib.rectangle(left, top, right, bottom))


def _encoding(face: tuple[np.ndarray, object, object]) -> np.ndarray:
    """The 128-d encoding of a (frame, dlib shape, landmarks) face, exactly as face_encodings() makes it:
    aligned on dlib's 5-point landmarks of the same box (0.2 ms), as the enrolled photo's encoding and the
    tolerance were. Aligned on the 68 points found for liveness instead, the astronaut's frontal frame
    is 0.16 from her photo rather than 0.04, and the cameraman's 0.35 from his rather than 0.18."""
    frame, shape, _ = face
    api = _face_recognition().api
    rect = shape.rect  # type: ignore[attr-defined]
    return encode(frame, (rect.left(), rect.top(), rect.right(), rect.bottom()),
                  api.pose_predictor_5_point, api.face_encoder)


def _wait_rank(made: np.ndarray | Future | None) -> int:
    """0: an encoding at hand; 1: one this thread makes; 2: one the second core is still making."""
    if isinstance(made, Future):
        return 0 if made.done() else 2
    return 0 if made is not None else 1


def _frontal(yaws: list[float], encoded: Container[int] = ()) -> int:
    """The index of the frame nearest the median pose (the best likeness). Of the frames within
    FRONTAL_SLACK of that, one already `encoded` is taken: the same face's pose wobbles by a few
    thousandths from frame to frame, which is no reason for another encoding."""
    median = float(np.median(yaws))
    off = [abs(yaw - median) for yaw in yaws]
    near = [i for i in range(len(yaws)) if off[i] <= min(off) + FRONTAL_SLACK]
    return min(near, key=lambda i: (i not in encoded, off[i], i))


def _landmarks(shape) -> dict[str, list[tuple[int, int]]]:  # type: ignore[no-untyped-def]  # noqa: ANN001
    """The landmarks by part name, as face_recognition.face_landmarks() gives them."""
    points = [(p.x, p.y) for p in shape.parts()]
    return {name: points[start:end] for name, (start, end) in LANDMARK_PARTS.items()}


def photo_encoding(path: Path) -> np.ndarray | str:
    """The face encoding of an enrolled photo, or why it cannot serve (English, for the log)."""
    fr = _face_recognition()
    try:
        image = fr.load_image_file(str(path), mode="RGB")
    except Exception as exc:  # truncated or not an image at all
        return f"unreadable: {exc}"
    # Enrolled photos may be small ID-style pictures: try once more at double size if none is found.
    locations = fr.face_locations(image, number_of_times_to_upsample=0) or \
        fr.face_locations(image, number_of_times_to_upsample=1)
    if len(locations) != 1:
        return f"shows {len(locations)} faces"
    return fr.face_encodings(image, locations)[0]
