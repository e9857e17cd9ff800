"""The live picture on the face screen: one camera frame, the faces found in it, and a hint.

Qt-free: the simulated camera and the OpenCV camera both return a `Preview`; the screen mirrors the
frame (people expect a mirror), draws the outlines and shows the hint. The hint says the one thing
the resident should change first, in the order the face check would fail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only in annotations: the first screen should not wait for numpy
    import numpy as np

TOO_DARK = "光线太暗"
TWO_FACES = "请一个人站在镜头前"
NO_FACE = "请正对摄像头"
TOO_FAR = "请靠近一点"
OFF_CENTRE = "请正对摄像头"
GOOD = "位置合适，请点击“开始人脸识别”"

DARK_MEAN = 50  # mean grey level (0–255) below which dlib finds faces unreliably
NEAR_ENOUGH = 0.22  # a face at least this share of the frame's width (≈ 140 px of 640: well over dlib's 80)
CENTRE_SLACK = 0.2  # the face's centre may be this share of the frame away from its centre

Box = tuple[int, int, int, int]  # top, right, bottom, left: face_recognition's order


@dataclass(frozen=True)
class Preview:
    frame: np.ndarray  # RGB uint8 H×W×3 as the camera sees it (not mirrored)
    faces: tuple[Box, ...]
    hint: str

    @property
    def ready(self) -> bool:
        """Whether the resident stands as the check needs (the outline turns green)."""
        return self.hint == GOOD


def hint_for(frame: np.ndarray, faces: tuple[Box, ...]) -> str:
    height, width = frame.shape[:2]
    if float(frame.mean()) < DARK_MEAN:
        return TOO_DARK
    if len(faces) > 1:
        return TWO_FACES
    if not faces:
        return NO_FACE
    top, right, bottom, left = faces[0]
    if (right - left) < NEAR_ENOUGH * width:
        return TOO_FAR
    cx, cy = (left + right) / 2, (top + bottom) / 2
    if abs(cx - width / 2) > CENTRE_SLACK * width or abs(cy - height / 2) > CENTRE_SLACK * height:
        return OFF_CENTRE
    return GOOD


def preview_of(frame: np.ndarray, faces: tuple[Box, ...]) -> Preview:
    return Preview(frame, tuple(faces), hint_for(frame, tuple(faces)))
