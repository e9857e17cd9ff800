"""Run under Xvfb by test_virtual_keyboard: focuses a kiosk text field, then uses the keyboard as a
resident would and reports what it saw, as JSON on the last line of stdout.

Steps: the keyboard shows (pinyin); its labels and outlines are measured; n, i are tapped and the
candidates measured; the first candidate is tapped (the field's text); 中/英 is tapped and the English
layout measured, then &123 and the symbols. A step that does not come within its time ends the run with what was seen so far.
`--shots PREFIX` also saves the screen at each measure (PREFIX-pinyin.png...); `--first` stops after
the first measure.

A separate process because a QApplication's platform (xcb here, offscreen in the suite) is fixed
for the life of the process.
"""

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable

os.environ["QT_QPA_PLATFORM"] = "xcb"
os.environ["QT_LOGGING_RULES"] = "qt.virtualkeyboard=true"

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QVBoxLayout, QWidget  # noqa: E402

from kiosk.ui import keyboard_check  # noqa: E402
from kiosk.ui.app import qt_app  # noqa: E402
from kiosk.ui.widgets.text_input import TouchLineEdit  # noqa: E402

FADE_MS = 1500  # Qt's default style fades the space key's label 1 s after the keyboard shows
STEP_MS = 20000  # loading the keyboard's QML takes a few seconds on 2 cores

logging.basicConfig(level=logging.DEBUG, force=True)  # Qt's messages reach stderr through the kiosk's handler
app = qt_app()
window = QWidget()
field = TouchLineEdit()
QVBoxLayout(window).addWidget(field)
window.resize(1920, 1080)
window.show()
window.activateWindow()
field.setFocus()
method = QGuiApplication.inputMethod()
report: dict[str, object] = {"im_module": os.environ.get("QT_IM_MODULE"), "visible": False, "measured": {}}
parser = argparse.ArgumentParser()
parser.add_argument("--shots")
parser.add_argument("--first", action="store_true")
options = parser.parse_args()
board: dict[str, object] = {}


def fail(kind, error, trace) -> None:  # noqa: ANN001 (sys.excepthook's arguments)
    """An error in a step ends the run (Qt would otherwise carry on and wait for STEP_MS in vain)."""
    sys.__excepthook__(kind, error, trace)
    app.exit(1)


sys.excepthook = fail


def keyboard():  # noqa: ANN201 (a QQuickWindow)
    """The keyboard's window, wrapped once and kept (a temporary wrapper's screen() came back deleted)."""
    if "window" not in board:
        board["window"] = keyboard_check.keyboard_window()
    return board["window"]


def key(text: str):  # noqa: ANN201 (the QQuickItem of the key showing `text`)
    return next(k for k in keyboard_check.keys(keyboard()) if k.property("displayText") == text)


def candidates() -> list:
    return [i for i in keyboard_check.texts(keyboard())
            if i.parentItem().metaObject().className().startswith("SelectionListItem")]


def measure(name: str) -> None:
    pairs = keyboard_check.measure_keyboard(keyboard())
    report["measured"][name] = [{"kind": p.kind, "name": p.name, "text": p.text, "foreground": p.foreground,
                                 "background": p.background, "ratio": round(p.ratio, 2)} for p in pairs]
    if options.shots:
        QGuiApplication.primaryScreen().grabWindow(0).save(f"{options.shots}-{name}.png")


def shown() -> None:
    report.update(visible=True, locale=method.locale().name(), height=method.keyboardRectangle().height())
    QTimer.singleShot(FADE_MS, measure_pinyin)


def measure_pinyin() -> None:
    measure("pinyin")
    if options.first:
        app.quit()
        return
    keyboard_check.tap(keyboard(), key("n"))
    keyboard_check.tap(keyboard(), key("i"))
    wait_for(lambda: bool(candidates()), pick_candidate)


def pick_candidate() -> None:
    report["candidates"] = [str(c.property("text")) for c in candidates()]
    measure("candidates")
    keyboard_check.tap(keyboard(), candidates()[0].parentItem())
    wait_for(lambda: bool(field.text()), switch_language)


def switch_language() -> None:
    report["field"] = field.text()
    language = next(k for k in keyboard_check.keys(keyboard())
                    if k.metaObject().className().startswith("ChangeLanguageKey"))
    keyboard_check.tap(keyboard(), language)
    wait_for(lambda: method.locale().name().startswith("en"), measure_english)


def measure_english() -> None:
    report["english_locale"] = method.locale().name()
    QTimer.singleShot(FADE_MS, show_symbols)


def show_symbols() -> None:
    measure("english")
    symbols = next(k for k in keyboard_check.keys(keyboard())
                   if k.metaObject().className().startswith("SymbolModeKey"))
    keyboard_check.tap(keyboard(), symbols)
    wait_for(lambda: any(k.property("displayText") == "1" for k in keyboard_check.keys(keyboard())),
             lambda: (measure("symbols"), app.quit()))


def wait_for(condition: Callable[[], bool], then: Callable[[], None]) -> None:
    """Calls `then` once `condition` holds (checked every 100 ms); quits after STEP_MS without it."""
    poll = QTimer(app, interval=100)
    deadline = QTimer(app, singleShot=True, interval=STEP_MS, timeout=lambda: (poll.stop(), app.quit()))

    def check() -> None:
        if condition():
            poll.stop()
            deadline.stop()
            then()
    poll.timeout.connect(check)
    poll.start()
    deadline.start()


wait_for(method.isVisible, shown)
method.show()
code = app.exec()
print(json.dumps(report, ensure_ascii=False))
sys.exit(code)
