"""The pinyin virtual keyboard on a real (Xvfb) screen: it appears for a text field, types Chinese,
and every label and key outline it draws is readable (measured on the screen's pixels)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("keyboard_probe.py")
ROOT = PROBE.parents[2]

pytestmark = [pytest.mark.xvfb,
              pytest.mark.skipif(shutil.which("xvfb-run") is None,
                                 reason="xvfb-run not installed (scripts/install.sh adds it)")]


def run_probe(*options: str, **env: str) -> tuple[dict, str]:
    """The probe's report and its log, under Xvfb at the kiosk's 1920×1080, with this tree's `kiosk`."""
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", sys.executable, str(PROBE), *options],
                          capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env})
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


@pytest.fixture(scope="module")
def kiosk_keyboard() -> tuple[dict, str]:
    return run_probe()


def unreadable(report: dict, measure: str, text_minimum: float) -> list[str]:
    return [f"{p['kind']} “{p['text']}” {p['foreground']} on {p['background']} {p['ratio']}:1"
            for p in report["measured"][measure] if p["ratio"] < (text_minimum if p["kind"] == "text" else 3.0)]


def test_pinyin_keyboard_shows_for_a_text_field(kiosk_keyboard) -> None:  # noqa: ANN001
    report, log = kiosk_keyboard
    assert report["im_module"] == "qtvirtualkeyboard"
    assert report["visible"] is True, log[-2000:]
    assert report["locale"] == "zh_CN"
    assert report["height"] > 300  # a full keyboard, not a stub
    assert "PinyinInputMethod" in log  # Chinese input, not Latin only


def test_tapping_n_i_offers_chinese_and_the_first_candidate_is_typed(kiosk_keyboard) -> None:  # noqa: ANN001
    report, log = kiosk_keyboard
    assert "你" in report.get("candidates", []), log[-2000:]
    assert report["field"] == report["candidates"][0]
    assert report["english_locale"].startswith("en")  # 中/英 switches straight to English


@pytest.mark.parametrize("measure", ["pinyin", "candidates", "english", "symbols"])
def test_every_label_and_key_outline_meets_the_high_contrast_minimum(kiosk_keyboard, measure: str) -> None:  # noqa: ANN001
    # One style for both themes, so 7:1 (high contrast) for every label, 3:1 for every key's outline.
    report, _ = kiosk_keyboard
    pairs = report["measured"][measure]
    labels = {p["text"] for p in pairs if p["kind"] == "text"}
    assert {"空格", "删除"} <= labels if measure in ("pinyin", "candidates") else {"Space", "Delete"} <= labels
    assert sum(p["kind"] == "border" for p in pairs) >= 30  # every key's outline was found
    assert unreadable(report, measure, 7.0) == []


def test_the_measure_finds_the_faded_space_label_of_qts_default_style() -> None:
    # Before the kiosk's style: the language's name faded on the space key, the apostrophe key (off
    # until pinyin is typed) all but invisible, keys with no outline.
    report, _ = run_probe("--first", QT_VIRTUALKEYBOARD_STYLE="default")
    faint = {p["text"]: p["ratio"] for p in report["measured"]["pinyin"] if p["kind"] == "text" and p["ratio"] < 4.5}
    # The space key's label fades in over about a second: the grab may catch it at 3.08:1 or on its way.
    assert set(faint) == {"简体中文", "'"}
    assert faint["'"] == 1.09 and 3.0 <= faint["简体中文"] < 4.5
    assert all(p["ratio"] < 3.0 for p in report["measured"]["pinyin"] if p["kind"] == "border")
