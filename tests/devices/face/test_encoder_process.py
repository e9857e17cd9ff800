"""The second core's face encoder: the same encodings, one of a check's two made there, and a check that
answers the same when the worker is missing, killed or orphaned."""

from __future__ import annotations

import logging
import os
import select
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from kiosk.devices.face import camera_verifier as cv_module
from kiosk.devices.face.camera_verifier import CameraFaceVerifier
from kiosk.devices.face.encoder_process import EncoderProcess
from kiosk.devices.face.frames import ImageFileFrames
from kiosk.devices.face.protocol import FaceMatch, FaceMismatch

ASTRONAUT = "astronaut"  # the photo conftest enrols


@pytest.fixture(scope="module")
def encoder() -> EncoderProcess:
    worker = EncoderProcess(enabled=True)
    assert worker.wait_ready(), "the encoder process did not load dlib's models"
    yield worker
    worker.close()


def _worker_pid(encoder: EncoderProcess) -> int:
    return encoder._pool.submit(os.getpid).result(timeout=30)  # noqa: SLF001 (which process to kill)


def _gone_within(pid: int, seconds: float) -> bool:
    """Whether process `pid` ends within `seconds` (a pidfd turns readable when it does: no polling)."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _, _ = select.select([fd], [], [], seconds)
        return bool(readable)
    finally:
        os.close(fd)


def _face(frame: np.ndarray) -> tuple:
    import face_recognition

    [box] = face_recognition.face_locations(frame, number_of_times_to_upsample=0)
    shape = cv_module._shape(frame, box)  # noqa: SLF001 (the check's own steps)
    return frame, shape, cv_module._landmarks(shape)  # noqa: SLF001


def test_the_worker_encodes_a_face_exactly_as_the_checks_own_thread(frames, encoder: EncoderProcess) -> None:
    face = _face(frames["holder_turning"][1])
    rect = face[1].rect
    future = encoder.submit(face[0], (rect.left(), rect.top(), rect.right(), rect.bottom()))
    assert future is not None
    assert np.allclose(encoder.result(future), cv_module._encoding(face), atol=1e-6)  # noqa: SLF001


def test_a_check_makes_one_of_its_two_encodings_on_the_worker_with_the_same_answer(
        frames, photos_dir: Path, encoder: EncoderProcess, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = CameraFaceVerifier(ImageFileFrames(frames["holder_turning"]), photos_dir, frames_per_check=8,
                               encoder=EncoderProcess(enabled=False)).verify(ASTRONAUT)
    made_here: list[int] = []
    real = cv_module._encoding  # noqa: SLF001
    monkeypatch.setattr(cv_module, "_encoding", lambda face: made_here.append(1) or real(face))

    shared = CameraFaceVerifier(ImageFileFrames(frames["holder_turning"]), photos_dir, frames_per_check=8,
                                encoder=encoder).verify(ASTRONAUT)
    assert isinstance(alone, FaceMatch) and isinstance(shared, FaceMatch)
    assert shared.distance == pytest.approx(alone.distance, abs=1e-6)
    assert len(made_here) == 1  # the other one on the worker


def test_another_person_is_still_refused_with_the_worker(frames, photos_dir: Path, encoder: EncoderProcess) -> None:
    verifier = CameraFaceVerifier(ImageFileFrames(frames["holder_turning"]), photos_dir, frames_per_check=8,
                                  encoder=encoder)
    assert isinstance(verifier.verify("cameraman"), FaceMismatch)


def test_a_killed_worker_costs_the_check_nothing_and_is_started_again(
        frames, photos_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    encoder = EncoderProcess(enabled=True)
    try:
        assert encoder.wait_ready()
        first = _worker_pid(encoder)
        os.kill(first, signal.SIGKILL)
        assert _gone_within(first, 10)

        verifier = CameraFaceVerifier(ImageFileFrames(frames["holder_turning"]), photos_dir, frames_per_check=8,
                                      encoder=encoder)
        with caplog.at_level(logging.WARNING, logger="kiosk.devices.face.encoder_process"):
            assert isinstance(verifier.verify(ASTRONAUT), FaceMatch)
        assert "encoding on the check's thread" in caplog.text

        assert encoder.wait_ready()  # the next face screen starts a new one
        assert _worker_pid(encoder) != first
    finally:
        encoder.close()


def test_a_one_core_terminal_starts_no_worker(frames, photos_dir: Path) -> None:
    encoder = EncoderProcess(enabled=False)
    verifier = CameraFaceVerifier(ImageFileFrames(frames["holder_turning"]), photos_dir, frames_per_check=8,
                                  encoder=encoder)
    assert isinstance(verifier.verify(ASTRONAUT), FaceMatch)
    assert not encoder.wait_ready(timeout=0)


def test_the_worker_ends_when_the_kiosk_is_killed() -> None:
    # A kiosk killed outright (SIGKILL, an out-of-memory kill) must not leave its worker behind holding
    # 100 MB on a small terminal PC.
    with subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import os, sys
        from kiosk.devices.face.encoder_process import EncoderProcess
        encoder = EncoderProcess(enabled=True)
        assert encoder.wait_ready()
        print(encoder._pool.submit(os.getpid).result(), flush=True)
        sys.stdin.read()  # until the test kills it
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as kiosk:
        try:
            worker = int(kiosk.stdout.readline())
        finally:
            kiosk.kill()
        kiosk.wait(timeout=30)
        assert _gone_within(worker, 10)
