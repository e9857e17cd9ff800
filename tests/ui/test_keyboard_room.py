"""Room for the pinyin keyboard: while it is up, the kiosk window's content ends above it, so 下一步,
返回上一步, 返回首页 and the field being typed in (with its count) stay where a finger reaches them;
everything returns when it hides.

The rule is checked offscreen; the real keyboard under Xvfb at each screen profile, in 标准版 and 长辈版,
by keyboard_room_probe.py (a tap on 转出地住房公积金中心 through the X server, n i, the first candidate,
收起), which judges each control by the touch driver's rules with the keyboard's part of the screen
out of reach.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect

from kiosk.ui.keyboard_room import covered_height

PROBE = Path(__file__).with_name("keyboard_room_probe.py")
ROOT = PROBE.parents[2]
SCREEN = QRect(0, 0, 1920, 1080)


def test_the_content_ends_where_the_keyboard_begins() -> None:
    assert covered_height(QRect(0, 680, 1920, 400), SCREEN) == 400
    assert covered_height(QRect(0, 607, 1920, 473), SCREEN) == 473  # with the candidate bar over it


def test_a_hidden_keyboard_takes_no_room() -> None:
    assert covered_height(QRect(), SCREEN) == 0


def test_only_the_part_over_the_window_counts() -> None:
    window = QRect(0, 100, 1280, 800)  # a window that does not reach the screen's bottom (1024)
    assert covered_height(QRect(0, 757, 1280, 267), window) == 143
    assert covered_height(QRect(0, 950, 1280, 74), window) == 0  # wholly below it
    assert covered_height(QRect(0, 0, 1280, 1024), window) == 800  # never more than the window


def run_probe(profile: str, mode: str) -> dict:
    done = subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {profile}x24", sys.executable, str(PROBE),
                           profile, mode], capture_output=True, text=True, timeout=150, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert "error" not in report, report["error"]
    return report


@pytest.mark.xvfb
@pytest.mark.skipif(shutil.which("xvfb-run") is None or shutil.which("xdotool") is None,
                    reason="xvfb-run or xdotool not installed (scripts/install.sh adds them)")
# Each profile once (a real keyboard under Xvfb takes ~10 s): 长辈版 where the room is tightest (the
# landscape screens: at 1920×1080 the header gives way), standard on the tall portrait screen.
@pytest.mark.parametrize(("profile", "mode"), [("1920x1080", "elder"), ("1280x1024", "elder"),
                                               ("1080x1920", "standard")])
def test_with_the_keyboard_up_next_home_and_the_field_stay_above_it(profile: str, mode: str) -> None:
    stages = run_probe(profile, mode)["stages"]
    assert list(stages) == ["before", "open", "candidates", "typed", "hidden"]
    height = int(profile.split("x")[1])
    for name in ("open", "candidates", "typed"):
        seen = stages[name]
        x, top, width, high = seen["keyboard"]
        assert high > 200 and top + high == height, seen  # the keyboard is up, at the bottom
        assert seen["unreachable"] == {"下一步": None, "返回上一步": None, "返回首页": None, "field": None}, name
        assert seen["count_shown"], name
        assert seen["margin"] == high
    assert stages["candidates"]["keyboard"][3] > stages["open"]["keyboard"][3]  # the candidate bar too
    assert stages["typed"]["count"].endswith("已输入 1 字")
    hidden = stages["hidden"]
    assert hidden["margin"] == 0 and hidden["keyboard"] == [0, 0, 0, 0]
    assert all(why is None for why in hidden["unreachable"].values()) and hidden["count_shown"]
