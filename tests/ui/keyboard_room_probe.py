"""Run under Xvfb by test_keyboard_room: opens the pinyin keyboard on a free-text step (hf_transfer_in's
转出地住房公积金中心) by a real tap, types n i, picks the first candidate, hides the keyboard with 收起,
and reports at each stage what a finger can reach above the keyboard, as JSON on the last line of stdout.

Arguments: PROFILE (e.g. 1920x1080, the Xvfb screen's size) and MODE (standard / elder); `--shots
PREFIX` saves the screen at each stage (PREFIX-open.png...).

The field is tapped through the X server (xdotool), as a resident's finger reaches it, not focused
from code. A separate process: a QApplication's platform (xcb here) is fixed for its life.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "xcb"

from PySide6.QtCore import QPoint, QRect  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from kiosk.ui import keyboard_check  # noqa: E402
from kiosk.ui.scenario import Scenario, run_scenario  # noqa: E402
from kiosk.ui.touch import Finger, wait_until, window_rect  # noqa: E402

STEP = "wizard_centre_step"
STEP_S = 30  # loading the keyboard's QML takes a few seconds on 2 cores
SETTLE_S = 1.0  # the keyboard slides in; the window's layout follows

parser = argparse.ArgumentParser()
parser.add_argument("profile")
parser.add_argument("mode")
parser.add_argument("--shots")
options = parser.parse_args()
report: dict[str, object] = {"stages": {}}


def stage(window, name: str) -> None:  # noqa: ANN001 (the KioskWindow)
    """What a resident sees now: the keyboard's rectangle, the content's bottom margin, and why each
    control cannot be tapped (None: it can) in the part of the screen above the keyboard."""
    method = QGuiApplication.inputMethod()
    keyboard = method.keyboardRectangle().toAlignedRect() if method.isVisible() else QRect()
    top = keyboard.top() if not keyboard.isEmpty() else window.height()
    finger = Finger(window, QRect(0, 0, window.width(), top))
    host = window.wizard
    field = host.fields["from_centre"]
    viewport = window_rect(host.scroll.area.viewport())
    count = window_rect(field.count)
    report["stages"][name] = {
        "keyboard": [keyboard.x(), keyboard.y(), keyboard.width(), keyboard.height()],
        "margin": window.centralWidget().layout().contentsMargins().bottom(),
        "unreachable": {label: finger.why_unreachable(widget) for label, widget in
                        (("下一步", host.next_button), ("返回上一步", host.back_button),
                         ("返回首页", host.home_button), ("field", field.input))},
        "count_shown": viewport.contains(count) and count.bottom() < top,
        "count": field.count.text(),
    }
    if options.shots:
        QGuiApplication.primaryScreen().grabWindow(0).save(f"{options.shots}-{name}.png")


def settle() -> None:
    wait_until(lambda: False, SETTLE_S)


def key(board, text: str):  # noqa: ANN001, ANN201 (the keyboard's QQuickWindow; a QQuickItem)
    return next(k for k in keyboard_check.keys(board) if k.property("displayText") == text)


def candidates(board) -> list:  # noqa: ANN001
    return [i for i in keyboard_check.texts(board)
            if i.parentItem().metaObject().className().startswith("SelectionListItem")]


class Done(Exception):  # noqa: N818 (not an error: the probe has seen what it came for)
    """Ends the scenario at the free-text step; run_scenario closes its window on the way out."""


def drive(window, name: str) -> None:  # noqa: ANN001
    """At the free-text step: the stages, then the end of the run (an error ends it too, reported)."""
    if name != STEP or report["stages"]:
        return
    try:
        stages(window)
    except Exception as error:  # noqa: BLE001 (reported to the test, which shows it)
        report["error"] = repr(error)
    raise Done


def stages(window) -> None:  # noqa: ANN001
    method = QGuiApplication.inputMethod()
    stage(window, "before")
    window.activateWindow()
    wait_until(window.isActiveWindow, 5)
    field = window.wizard.fields["from_centre"].input
    centre = field.mapToGlobal(field.rect().center())
    subprocess.run(["xdotool", "mousemove", str(centre.x()), str(centre.y()), "click", "1"], check=True, timeout=10)
    if not wait_until(method.isVisible, STEP_S):
        return
    settle()
    stage(window, "open")
    board = keyboard_check.keyboard_window()
    keyboard_check.tap(board, key(board, "n"))
    keyboard_check.tap(board, key(board, "i"))
    if not wait_until(lambda: bool(candidates(board)), STEP_S):
        return
    settle()
    stage(window, "candidates")
    keyboard_check.tap(board, candidates(board)[0].parentItem())
    wait_until(lambda: bool(field.text()), STEP_S)
    settle()
    stage(window, "typed")
    keyboard_check.tap(board, next(k for k in keyboard_check.keys(board)  # 收起: its label is the style's
                                   if k.metaObject().className().startswith("HideKeyboardKey")))
    wait_until(lambda: not method.isVisible(), STEP_S)
    settle()
    stage(window, "hidden")


workdir = Path(tempfile.mkdtemp(prefix="kiosk-keyboard-room-"))
scenario = Scenario(now=datetime.fromisoformat("2026-03-17T10:00:00+08:00"), persona="hf_stable_six",
                    login="citizen_card_password", service="hf_transfer_in", mode=options.mode,
                    answers={"from_centre": "杭州住房公积金管理中心", "old_account": "330100123456",
                             "old_employer": "杭州某网络科技有限公司"})
try:
    report["runs"] = [r["status"] for r in run_scenario(scenario, on_screen=drive, workdir=workdir,
                                                        profile=options.profile)]  # never reached the step
except Done:
    pass
finally:
    shutil.rmtree(workdir, ignore_errors=True)
print(json.dumps(report, ensure_ascii=False, default=str), flush=True)
# Past Qt's own teardown, which aborts once the keyboard's QML has loaded in a kiosk window ("QPixmap:
# Must construct a QGuiApplication before a QPixmap", from C++ with no Python frame): the report is out.
os._exit(0)
