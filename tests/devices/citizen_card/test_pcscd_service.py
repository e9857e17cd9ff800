"""PcscdService never leaves a pcscd of its own behind when starting it fails half-way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.devices.citizen_card.vpcd_card import PcscdService


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PcscdService:
    """A stand-in pcscd on PATH that starts (writing its pid) but never opens its socket."""
    fake = tmp_path / "bin" / "pcscd"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\necho $$ > {tmp_path}/pid\nexec sleep 60\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{os.environ['PATH']}")
    return PcscdService(socket_path=tmp_path / "pcscd.comm")


def test_a_pcscd_that_never_opens_its_socket_is_stopped(service: PcscdService, tmp_path: Path) -> None:
    with pytest.raises(TimeoutError):
        service.start(timeout=0.5)
    assert not service.started
    assert _gone(int((tmp_path / "pid").read_text()))


def test_an_interrupt_while_waiting_stops_the_started_pcscd(service: PcscdService, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(seconds: float) -> None:
        if (tmp_path / "pid").exists():
            raise KeyboardInterrupt

    monkeypatch.setattr(service, "_stop_wait", interrupted)
    with pytest.raises(KeyboardInterrupt):
        service.start(timeout=30)
    assert not service.started
    assert _gone(int((tmp_path / "pid").read_text()))
