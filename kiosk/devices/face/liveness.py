"""Is the face in front of the camera alive? Pure functions over face_recognition's 68-point landmarks.

A live person either turns the head a little or blinks while the frames are taken; a printed photo
held up to the camera does neither. Both cues are measured in the face's own eye-aligned frame, so
moving, rotating or scaling a photo in front of the camera changes nothing.

Thresholds were chosen from measurements on skimage's astronaut portrait at 640×480 (dlib HOG,
68 landmarks; tests/devices/face/test_liveness.py keeps the same scenes within them):
- yaw proxy span of a printed photo: shaken with noise 0.013, rolled ±20° 0.018, pitched ±30°
  0.057, turned ±30° about its vertical axis 0.082 (at ±45° dlib loses the face). The photo and
  its mirror image differ by only 0.055: she faces the camera, so a mirror is no head turn.
  A real turn of ±15° moves a nose tip standing about half an eye distance out of the eye plane by
  sin(15°)·0.5 ≈ ±0.13 (span 0.26); the synthetic ±20 px turn of the tests gives 0.189.
  → YAW_SPAN = 0.13: 1.6× the worst photo, half of a modest real turn.
- eye aspect ratio (EAR) open ≈ 0.33; over the same photo scenes the lowest frame stays at 0.83 of
  the most open one or more. A shut eye is about 0.1 (Soukupová and Čech, 2016), so a blink caught
  in one sampled frame, even half shut (≈ 0.2), falls well below.
  → BLINK_RATIO = 0.6.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

Landmarks = Mapping[str, Sequence[tuple[int, int]]]

YAW_SPAN = 0.13
BLINK_RATIO = 0.6


def _eye_centres(landmarks: Landmarks) -> tuple[np.ndarray, np.ndarray]:
    left = np.mean(np.asarray(landmarks["left_eye"], dtype=float), axis=0)
    right = np.mean(np.asarray(landmarks["right_eye"], dtype=float), axis=0)
    return left, right


def yaw_proxy(landmarks: Landmarks) -> float:
    """Nose tip's offset from the eye midpoint along the eye line, in eye distances (0 = facing the camera).

    The tip is point 30 of the 68 (the last of `nose_bridge`): it stands out furthest from the face,
    so it moves most against the eyes when the head turns. Projecting on the eye line instead of the
    image x axis keeps a photo rolled in the hand from looking like a turn.
    """
    left, right = _eye_centres(landmarks)
    axis = right - left
    distance = float(np.linalg.norm(axis))
    if distance == 0.0:
        return 0.0
    nose = np.asarray(landmarks["nose_bridge"][-1], dtype=float)
    return float(np.dot(nose - (left + right) / 2, axis) / distance ** 2)


def eye_aspect_ratio(eye: Sequence[tuple[int, int]]) -> float:
    """Height over width of one eye's six landmarks (Soukupová and Čech, 2016): about 0.3 open, 0.1 shut."""
    p = np.asarray(eye, dtype=float)
    width = float(np.linalg.norm(p[0] - p[3]))
    if width == 0.0:
        return 0.0
    height = float(np.linalg.norm(p[1] - p[5]) + np.linalg.norm(p[2] - p[4]))
    return height / (2.0 * width)


def eyes_open(landmarks: Landmarks) -> float:
    """Mean eye aspect ratio of both eyes."""
    return (eye_aspect_ratio(landmarks["left_eye"]) + eye_aspect_ratio(landmarks["right_eye"])) / 2.0


@dataclass(frozen=True)
class Liveness:
    """What the frames showed: the spread of the yaw proxy, and the lowest EAR over the highest."""

    yaw_span: float
    blink_ratio: float
    head_turned: bool
    blinked: bool

    @property
    def live(self) -> bool:
        return self.head_turned or self.blinked


def assess(frames: Sequence[Landmarks], yaw_span: float = YAW_SPAN, blink_ratio: float = BLINK_RATIO) -> Liveness:
    """Liveness over the landmarks of one face in consecutive frames; fewer than two frames is never live."""
    if len(frames) < 2:
        return Liveness(yaw_span=0.0, blink_ratio=1.0, head_turned=False, blinked=False)
    yaws = [yaw_proxy(f) for f in frames]
    ears = [eyes_open(f) for f in frames]
    span = max(yaws) - min(yaws)
    ratio = min(ears) / max(ears) if max(ears) > 0 else 1.0
    return Liveness(yaw_span=span, blink_ratio=ratio, head_turned=span > yaw_span, blinked=ratio < blink_ratio)
