"""Run under Xvfb by test_keyboard_focus: a fresh kiosk (the demo's 公积金转入, touch) reaches the step
that asks for the other centre's name, its text field gets the focus from Python code, and the
probe reports whether Qt Virtual Keyboard came up and whether a Qt warning then reaches the kiosk
log, as JSON on the last line of stdout.

`--by code`: the field's setFocus(), as kiosk code or a script would; `--by finger`: the touch
driver's tap (QTest's press and release). Either is the first focus of a text field in the process,
so it is the one that makes Qt load the keyboard's QML: a hang here is the kiosk's freeze (see
kiosk.ui.app.QtMessageRoute), and the test's timeout catches it.
"""

import argparse
import json
import logging
import os
from datetime import datetime

os.environ["QT_QPA_PLATFORM"] = "xcb"

from PySide6.QtCore import qWarning  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from kiosk.ui.main_window import KioskWindow  # noqa: E402
from kiosk.ui.scenario import Scenario, run_scenario  # noqa: E402
from kiosk.ui.touch import Finger, wait_until  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--by", choices=["code", "finger"], required=True)
options = parser.parse_args()
report: dict[str, object] = {"by": options.by, "reached": False}
logged: list[str] = []  # what reached the kiosk log's "qt" logger


class Kept(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        logged.append(record.getMessage())


logging.getLogger("qt").addHandler(Kept())


def on_screen(window: KioskWindow, name: str) -> None:
    if "qt_logged_at_start" not in report:  # the first screen: no text field shown yet
        qWarning("probe: a Qt warning at start")
        report["qt_logged_at_start"] = "probe: a Qt warning at start" in logged
    if name != "wizard_centre_step" or report["reached"]:
        return
    report["reached"] = True
    field = window.wizard.fields["from_centre"].input
    method = QGuiApplication.inputMethod()
    window.activateWindow()
    wait_until(window.isActiveWindow, 5)
    if options.by == "code":
        field.setFocus()
        method.show()
    else:
        Finger(window).tap(field)
    report["focused"] = QGuiApplication.focusObject() is field
    report["visible"] = wait_until(method.isVisible, 20)
    report["keyboard_top"] = method.keyboardRectangle().top()
    qWarning("probe: a Qt warning once the keyboard is up")
    report["qt_logged"] = "probe: a Qt warning once the keyboard is up" in logged
    print(json.dumps(report), flush=True)
    # Ends here: the rest of the scenario is not this probe's business, and a scenario's process aborts
    # at exit once the keyboard is loaded ("QPixmap: Must construct a QGuiApplication").
    os._exit(0)


run_scenario(Scenario(now=datetime.fromisoformat("2026-03-17T10:00:00+08:00"), persona="hf_stable_six",
                      login="citizen_card_password", service="hf_transfer_in",
                      answers={"from_centre": "杭州住房公积金管理中心", "old_account": "330100123456",
                               "old_employer": "杭州某网络科技有限公司"}), on_screen=on_screen)
print(json.dumps(report), flush=True)  # the step never came: reached is False
