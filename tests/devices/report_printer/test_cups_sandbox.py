"""PrivateCupsd never leaves its cupsd or its folder behind when starting fails half-way."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.devices.report_printer import cups_sandbox
from kiosk.devices.report_printer.cups_sandbox import PrivateCupsd, unavailable_reason

pytestmark = pytest.mark.skipif(bool(unavailable_reason()), reason=f"no private cupsd here: {unavailable_reason()}")


def test_a_failure_after_cupsd_started_stops_it_and_removes_the_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list = []
    real_popen = cups_sandbox.subprocess.Popen

    def popen(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        started.append(real_popen(*args, **kwargs))
        return started[-1]

    def broken(self: PrivateCupsd) -> bool:
        raise OSError("socket probe failed")

    monkeypatch.setattr(cups_sandbox.subprocess, "Popen", popen)
    monkeypatch.setattr(PrivateCupsd, "_answers", broken)
    server = PrivateCupsd()
    with pytest.raises(OSError, match="socket probe failed"):
        server.start()
    assert len(started) == 1 and started[0].poll() is not None  # stopped and reaped
    assert not Path(server.root).exists()


def test_a_failure_before_cupsd_started_removes_the_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_backend(self: Path, target: Path) -> None:
        raise PermissionError("symlink refused")

    monkeypatch.setattr(Path, "symlink_to", no_backend)
    server = PrivateCupsd()
    with pytest.raises(PermissionError):
        server.start()
    assert server.root != Path() and not server.root.exists()
