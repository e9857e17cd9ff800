"""The liveness functions: on hand-made landmarks, then on dlib's landmarks of the astronaut scenes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kiosk.devices.face import liveness
from kiosk.devices.face.liveness import BLINK_RATIO, YAW_SPAN, assess, eye_aspect_ratio, eyes_open, yaw_proxy

EYE_DISTANCE = 70.0


def eye(cx: float, cy: float, ear: float) -> list[tuple[float, float]]:
    """Six eye points in dlib's order (outer corner, two upper, inner corner, two lower), 30 px wide."""
    half_height = ear * 30 / 2
    return [(cx - 15, cy), (cx - 5, cy - half_height), (cx + 5, cy - half_height), (cx + 15, cy),
            (cx + 5, cy + half_height), (cx - 5, cy + half_height)]


def face(yaw: float = 0.0, ear: float = 0.33, roll: float = 0.0, scale: float = 1.0,
         shift: tuple[float, float] = (0.0, 0.0)) -> dict[str, list[tuple[float, float]]]:
    """Landmarks of a face whose nose tip sits `yaw` eye distances off the eye midpoint, then moved."""
    points = {"left_eye": eye(100, 100, ear), "right_eye": eye(100 + EYE_DISTANCE, 100, ear),
              "nose_bridge": [(135 + yaw * EYE_DISTANCE * k / 3, 100 + 12 * k) for k in range(4)]}
    c, s = math.cos(math.radians(roll)), math.sin(math.radians(roll))

    def move(p: tuple[float, float]) -> tuple[float, float]:
        x, y = p[0] - 135, p[1] - 100
        return (135 + scale * (c * x - s * y) + shift[0], 100 + scale * (s * x + c * y) + shift[1])
    return {name: [move(p) for p in pts] for name, pts in points.items()}


# -- the measures ----------------------------------------------------------------------------------
def test_a_face_looking_at_the_camera_has_no_yaw() -> None:
    assert yaw_proxy(face()) == pytest.approx(0.0)


@pytest.mark.parametrize("yaw", [-0.2, -0.05, 0.1, 0.25])
def test_yaw_is_the_nose_offset_in_eye_distances(yaw: float) -> None:
    assert yaw_proxy(face(yaw)) == pytest.approx(yaw)


@pytest.mark.parametrize("moved", [{"roll": 20}, {"roll": -35}, {"scale": 0.5}, {"scale": 2.2},
                                   {"shift": (-80, 40)}], ids=str)
def test_rolling_scaling_or_moving_a_face_changes_neither_measure(moved: dict) -> None:
    assert yaw_proxy(face(0.1, **moved)) == pytest.approx(0.1)
    assert eyes_open(face(0.1, ear=0.3, **moved)) == pytest.approx(0.3)


def test_eye_aspect_ratio_is_height_over_width() -> None:
    assert eye_aspect_ratio(eye(0, 0, 0.33)) == pytest.approx(0.33)
    assert eye_aspect_ratio(eye(0, 0, 0.0)) == 0.0
    assert eye_aspect_ratio([(5, 5)] * 6) == 0.0  # degenerate landmarks do not divide by zero


def test_coinciding_eyes_give_no_yaw_rather_than_an_error() -> None:
    squashed = face()
    squashed["right_eye"] = squashed["left_eye"]
    assert yaw_proxy(squashed) == 0.0


# -- the decision ----------------------------------------------------------------------------------
def test_a_head_turn_is_live() -> None:
    result = assess([face(0.0), face(0.1), face(0.0), face(-0.1)])
    assert result.head_turned and result.live and result.yaw_span == pytest.approx(0.2)


def test_a_turn_smaller_than_the_threshold_is_not() -> None:
    result = assess([face(0.0), face(YAW_SPAN * 0.9)])
    assert not result.head_turned and not result.live


def test_a_blink_is_live() -> None:
    result = assess([face(ear=0.33), face(ear=0.32), face(ear=0.12), face(ear=0.31)])
    assert result.blinked and result.live and result.blink_ratio == pytest.approx(0.12 / 0.33)


def test_narrowed_eyes_are_no_blink() -> None:
    # A photo tilted away from the camera looks like this: EAR 0.33 → 0.27 (ratio 0.82).
    result = assess([face(ear=0.33), face(ear=0.27)])
    assert not result.blinked and result.blink_ratio > BLINK_RATIO


def test_a_photo_rolled_and_moved_in_the_hand_is_not_live() -> None:
    frames = [face(0.03, roll=r, scale=s, shift=(d, -d)) for r, s, d in ((-20, 1.0, 0), (0, 1.2, 30), (20, 0.9, -30))]
    assert not assess(frames).live


@pytest.mark.parametrize("frames", [[], [face(0.2)]], ids=["none", "one"])
def test_fewer_than_two_frames_are_never_live(frames: list) -> None:
    assert assess(frames) == liveness.Liveness(yaw_span=0.0, blink_ratio=1.0, head_turned=False, blinked=False)


# -- on dlib's landmarks of the test scenes (the measurements behind the thresholds) ---------------
def test_the_synthetic_head_turn_of_the_astronaut_is_live(scene_landmarks) -> None:
    result = assess(scene_landmarks["holder_turning"])
    assert result.head_turned and result.yaw_span > YAW_SPAN * 1.2  # measured 0.189


@pytest.mark.parametrize("scene", ["photo_still", "photo_tilted"])
def test_the_printed_astronaut_is_not_live(scene_landmarks, scene: str) -> None:
    result = assess(scene_landmarks[scene])
    assert not result.live
    assert result.yaw_span < YAW_SPAN * 0.75  # measured 0.013 still, 0.082 tilted ±30°
    assert result.blink_ratio > BLINK_RATIO * 1.3  # measured 0.88 and 0.83


def test_the_astronaut_and_her_mirror_image_are_no_head_turn(frames) -> None:
    # She faces the camera, so mirroring barely moves her nose: the tests use a parallax warp instead.
    import face_recognition

    base = frames["holder_turning"][0]
    mirrored = np.ascontiguousarray(base[:, ::-1])
    landmarks = [face_recognition.face_landmarks(f, face_recognition.face_locations(f, 0))[0] for f in (base, mirrored)]
    assert assess(landmarks).yaw_span < YAW_SPAN / 2  # measured 0.055


def test_the_cameraman_in_three_quarter_view_has_a_clear_yaw(scene_landmarks) -> None:
    assert abs(yaw_proxy(scene_landmarks["cameraman"][0])) > 0.1
