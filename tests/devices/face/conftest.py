"""Camera scenes from skimage's public-domain photographs, built once per test session.

dlib needs about 0.1 s per face encoding on this machine, so every frame, landmark set and enrolled
photo is made once here and shared; nothing is downloaded and no image is committed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import cv2
import numpy as np
import pytest
from skimage import data

from kiosk.devices.face import scenes

ASTRONAUT = "astronaut"  # enrolled: an ID-style crop of the astronaut portrait
CAMERAMAN = "cameraman"  # enrolled: the cameraman's head, twice the size (he is in three-quarter view)
NO_FACE_PHOTO = "coffee"  # enrolled "photo" with no face in it
TURN_PIXELS = 20  # nose shift of the synthetic head turn; the yaw proxy moves by about ±0.1


def _landmarks(frame: np.ndarray) -> Mapping[str, Sequence[tuple[int, int]]]:
    import face_recognition

    locations = face_recognition.face_locations(frame, number_of_times_to_upsample=0)
    assert len(locations) == 1, f"expected one face, found {locations}"
    return face_recognition.face_landmarks(frame, locations)[0]


@pytest.fixture(scope="session")
def photos() -> dict[str, np.ndarray]:
    astronaut, camera = data.astronaut(), data.camera()
    cameraman_head = np.ascontiguousarray(camera[0:250, 150:400])
    return {
        "astronaut_portrait": scenes.as_rgb(astronaut[0:300, 76:476]),  # head and shoulders, 4:3
        "astronaut_id": scenes.as_rgb(astronaut[30:240, 150:320]),
        "cameraman_enrolled": scenes.as_rgb(cv2.resize(cameraman_head, None, fx=2, fy=2,
                                                       interpolation=cv2.INTER_CUBIC)),
        "cameraman_frame": scenes.fit_frame(camera[40:280, 130:310]),
        "two_faces": scenes.side_by_side(astronaut[40:300, 150:345], camera[60:260, 150:300]),
        "no_face": scenes.fit_frame(data.coffee()),
    }


@pytest.fixture(scope="session")
def photos_dir(tmp_path_factory: pytest.TempPathFactory, photos: dict[str, np.ndarray]) -> Path:
    folder = tmp_path_factory.mktemp("faces")
    for name, key, suffix in ((ASTRONAUT, "astronaut_id", ".png"), (CAMERAMAN, "cameraman_enrolled", ".jpg"),
                              (NO_FACE_PHOTO, "no_face", ".png")):
        cv2.imwrite(str(folder / f"{name}{suffix}"), cv2.cvtColor(photos[key], cv2.COLOR_RGB2BGR))
    return folder


@pytest.fixture(scope="session")
def frames(photos: dict[str, np.ndarray]) -> dict[str, list[np.ndarray]]:
    """Scene name → the 640×480 RGB frames a camera would deliver."""
    base = scenes.fit_frame(photos["astronaut_portrait"])
    landmarks = _landmarks(base)
    return {
        "holder_turning": [base, scenes.turn_head(base, landmarks, TURN_PIXELS), base,
                           scenes.turn_head(base, landmarks, -TURN_PIXELS)],
        "photo_still": scenes.hold_still(base, 4),
        "photo_tilted": [scenes.tilt_photo(base, d) for d in (-30, -15, 15, 30)],
        "cameraman": [photos["cameraman_frame"]],
        "two": [photos["two_faces"]],
        "nobody": [photos["no_face"]],
    }


@pytest.fixture(scope="session")
def scene_landmarks(frames: dict[str, list[np.ndarray]]) -> dict[str, list[Mapping[str, Sequence[tuple[int, int]]]]]:
    """Landmarks of the one face in every frame of the one-face scenes."""
    return {name: [_landmarks(f) for f in frames[name]]
            for name in ("holder_turning", "photo_still", "photo_tilted", "cameraman")}
