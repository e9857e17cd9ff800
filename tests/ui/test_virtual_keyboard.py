"""The pinyin virtual keyboard appears for a text field on a real (Xvfb) screen."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("keyboard_probe.py")


@pytest.mark.xvfb
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run not installed (scripts/install.sh adds it)")
def test_pinyin_keyboard_shows_for_a_text_field() -> None:
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", sys.executable, str(PROBE)],
                          capture_output=True, text=True, timeout=120, cwd=PROBE.parents[2])
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["im_module"] == "qtvirtualkeyboard"
    assert report["visible"] is True, done.stderr[-2000:]
    assert report["locale"] == "zh_CN"
    assert report["height"] > 300  # a full keyboard, not a stub
    assert "PinyinInputMethod" in done.stderr  # Chinese input, not Latin only
