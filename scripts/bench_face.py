#!/usr/bin/env python3
"""Times the camera face verifier's steps on 640×480 frames and prints a table.

Run `venv/bin/python scripts/bench_face.py [-n 5]` (needs scikit-image, the test extra: the frames
are made from its public-domain astronaut and cameraman photographs). Frames come from still images,
so the "check" rows are pure computing; a real camera adds the capture time, (frames - 1) × the
interval between kept frames, shown in the last column.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_table import print_table, timed  # noqa: E402 (this folder, on the path as the script's own)

from kiosk.devices.face import scenes  # noqa: E402
from kiosk.devices.face.camera_verifier import DEFAULT_TOLERANCE, CameraFaceVerifier  # noqa: E402
from kiosk.devices.face.frames import ImageFileFrames, OpenCvCamera  # noqa: E402
from kiosk.devices.face.protocol import FaceMatch, FaceMismatch  # noqa: E402


def median_ms(runs: int, step: Callable[[], object]) -> tuple[float, object]:
    """The median time of `runs` calls of `step`, and what the last call returned."""
    results: list[object] = [None]
    samples = timed(runs, lambda: results.append(step()))
    return statistics.median(samples), results[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="runs per row, the median is shown (default 5)")
    parser.add_argument("--frames", type=int, default=8, help="frames per full check (config face_frames)")
    args = parser.parse_args()

    from skimage import data

    import face_recognition as fr

    astronaut, camera = data.astronaut(), data.camera()
    frame = scenes.fit_frame(astronaut[0:300, 76:476])
    location = fr.face_locations(frame, 0)
    landmarks = fr.face_landmarks(frame, location)[0]
    encoding = fr.face_encodings(frame, location)[0]
    turning = [frame, scenes.turn_head(frame, landmarks, 20), frame, scenes.turn_head(frame, landmarks, -20)]
    interval = OpenCvCamera().interval

    with tempfile.TemporaryDirectory() as folder:
        photos = Path(folder)
        cv2.imwrite(str(photos / "astronaut.png"), cv2.cvtColor(scenes.as_rgb(astronaut[30:240, 150:320]),
                                                                cv2.COLOR_RGB2BGR))
        head = cv2.resize(np.ascontiguousarray(camera[0:250, 150:400]), None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        cv2.imwrite(str(photos / "cameraman.jpg"), head)

        def fresh_enrolment() -> object:
            verifier = CameraFaceVerifier(ImageFileFrames(turning), photos)
            return verifier._enrolled_encoding("astronaut", photos / "astronaut.png")  # noqa: SLF001 (the step timed)

        def check(count: int, reference: str = "astronaut") -> Callable[[], object]:
            # Two frames must hold the whole turn (left, right); more frames cycle through the turn.
            source = ImageFileFrames(turning if count > 2 else turning[1::2])
            verifier = CameraFaceVerifier(source, photos, frames_per_check=count)
            verifier.verify(reference)  # the enrolled photo is encoded once, then cached
            return lambda: verifier.verify(reference)

        logging.getLogger("kiosk").setLevel(logging.ERROR)  # one log line per check would bury the table
        rows: list[tuple[str, float, float, str]] = []
        for name, step in [
            ("detect, HOG, upsample 0", lambda: fr.face_locations(frame, 0)),
            ("detect, HOG, upsample 1", lambda: fr.face_locations(frame, 1)),
            ("landmarks, 68 points", lambda: fr.face_landmarks(frame, location)),
            ("encode one face", lambda: fr.face_encodings(frame, location)),
            ("compare two encodings", lambda: float(np.linalg.norm(encoding - encoding))),
            ("enrolled photo, first use", fresh_enrolment),
        ]:
            rows.append((name, median_ms(args.n, step)[0], 0.0, ""))
        results = {}
        for count in (2, args.frames):
            ms, results[count] = median_ms(args.n, check(count))
            rows.append((f"verify, {count} frames", ms, (count - 1) * interval * 1000, type(results[count]).__name__))
        ms, other = median_ms(args.n, check(args.frames, "cameraman"))
        rows.append((f"verify another person, {args.frames}", ms, (args.frames - 1) * interval * 1000,
                     type(other).__name__))

    print_table(f"CameraFaceVerifier steps on a 640×480 frame, median of {args.n} runs, {os.cpu_count()} CPUs",
                "{:<32} {:>8.1f} {:>11.0f} {:>8.0f}  {}", ("step", "ms", "+camera ms", "est. ms", "result"),
                [(name, ms, capture, ms + capture, result) for name, ms, capture, result in rows])
    same, another = results[args.frames], other
    assert isinstance(same, FaceMatch) and isinstance(another, FaceMismatch), (same, another)
    print(f"distance holder {same.distance:.3f}, another person {another.distance:.3f} "
          f"(tolerance {DEFAULT_TOLERANCE})")


if __name__ == "__main__":
    main()
