"""Camera scenes built from still photographs, for the simulated camera, the tests and the benchmark.

Only numpy and OpenCV: the photographs come from the caller (image files, or skimage.data in tests).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import cv2
import numpy as np

FRAME_WIDTH, FRAME_HEIGHT = 640, 480


def as_rgb(image: np.ndarray) -> np.ndarray:
    """A contiguous uint8 H×W×3 copy of a grey, RGB or RGBA image (dlib accepts nothing else)."""
    if image.dtype != np.uint8:
        image = np.clip(image * 255.0 if image.max() <= 1.0 else image, 0, 255).astype(np.uint8)
    if image.ndim == 2:
        image = np.stack([image] * 3, axis=-1)
    elif image.shape[2] == 4:
        image = image[:, :, :3]
    return np.ascontiguousarray(image)


def fit_frame(image: np.ndarray, width: int = FRAME_WIDTH, height: int = FRAME_HEIGHT) -> np.ndarray:
    """Scales `image` to fit a width×height frame, keeping its aspect, on a black border."""
    image = as_rgb(image)
    h, w = image.shape[:2]
    scale = min(width / w, height / h)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    resized = cv2.resize(image, size, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    frame = np.zeros((height, width, 3), np.uint8)
    y, x = (height - size[1]) // 2, (width - size[0]) // 2
    frame[y:y + size[1], x:x + size[0]] = resized
    return frame


def side_by_side(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Two pictures next to each other in one frame: two people in front of the camera."""
    half = FRAME_WIDTH // 2
    return np.ascontiguousarray(np.hstack([fit_frame(left, half, FRAME_HEIGHT),
                                           fit_frame(right, half, FRAME_HEIGHT)]))


def turn_head(frame: np.ndarray, landmarks: Mapping[str, Sequence[tuple[int, int]]], shift: float) -> np.ndarray:
    """The same face with its nose moved `shift` pixels sideways against the eyes and cheeks.

    A head turning about its vertical axis moves the nose tip, which stands out from the face, further
    across the image than the eyes: that parallax is what the liveness check looks for. This warp fakes
    it on a flat photograph by shifting pixels in proportion to a Gaussian "depth" centred on the nose.
    """
    h, w = frame.shape[:2]
    nose = np.asarray(landmarks["nose_bridge"][-1], dtype=np.float32)
    left_eye = np.mean(np.asarray(landmarks["left_eye"], dtype=np.float32), axis=0)
    right_eye = np.mean(np.asarray(landmarks["right_eye"], dtype=np.float32), axis=0)
    sigma = float(np.linalg.norm(right_eye - left_eye)) * 0.9  # about the width of the nose and cheeks
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    depth = np.exp(-((xx - nose[0]) ** 2 + (yy - nose[1]) ** 2) / (2 * sigma ** 2))
    map_x = (xx - shift * depth).astype(np.float32)
    return cv2.remap(frame, map_x, yy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def hold_still(frame: np.ndarray, count: int, seed: int = 0) -> list[np.ndarray]:
    """`count` frames of a printed photo held in front of the camera: a little hand shake, light and sensor noise."""
    rng = np.random.default_rng(seed)
    h, w = frame.shape[:2]
    frames = []
    for _ in range(count):
        shaken = cv2.warpAffine(frame, np.float32([[1, 0, rng.uniform(-5, 5)], [0, 1, rng.uniform(-5, 5)]]),
                                (w, h), borderMode=cv2.BORDER_REPLICATE)
        noisy = shaken.astype(np.float32) * rng.uniform(0.9, 1.1) + rng.normal(0, 3, shaken.shape)
        frames.append(np.clip(noisy, 0, 255).astype(np.uint8))
    return frames


def tilt_photo(frame: np.ndarray, degrees: float) -> np.ndarray:
    """A flat photo turned about its vertical axis: one edge nearer the camera, so it looks taller."""
    h, w = frame.shape[:2]
    squeeze = np.tan(np.radians(abs(degrees))) * 0.25 * h
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    if degrees >= 0:
        dst = np.float32([[0, squeeze], [w, 0], [w, h], [0, h - squeeze]])
    else:
        dst = np.float32([[0, 0], [w, squeeze], [w, h - squeeze], [0, h]])
    return cv2.warpPerspective(frame, cv2.getPerspectiveTransform(src, dst), (w, h),
                               borderMode=cv2.BORDER_REPLICATE)
