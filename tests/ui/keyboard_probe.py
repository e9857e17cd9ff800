"""Run under Xvfb by test_virtual_keyboard: focuses a kiosk text field and reports the keyboard.

A separate process because a QApplication's platform (xcb here, offscreen in the suite) is fixed
for the life of the process.
"""

import json
import logging
import os
import sys

os.environ["QT_QPA_PLATFORM"] = "xcb"
os.environ["QT_LOGGING_RULES"] = "qt.virtualkeyboard=true"

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QVBoxLayout, QWidget  # noqa: E402

from kiosk.ui.app import qt_app  # noqa: E402
from kiosk.ui.widgets.text_input import TouchLineEdit  # noqa: E402

logging.basicConfig(level=logging.DEBUG, force=True)  # Qt's messages reach stderr through the kiosk's handler
app = qt_app()
window = QWidget()
field = TouchLineEdit()
QVBoxLayout(window).addWidget(field)
window.resize(1920, 1080)
window.show()
window.activateWindow()
field.setFocus()
report = {"im_module": os.environ.get("QT_IM_MODULE")}


def check() -> None:
    method = QGuiApplication.inputMethod()
    if method.isVisible():
        report.update(visible=True, locale=method.locale().name(),
                      height=method.keyboardRectangle().height())
        app.quit()


def give_up() -> None:
    report.setdefault("visible", False)
    app.quit()


poll = QTimer(interval=100, timeout=check)
poll.start()
QTimer.singleShot(20000, give_up)  # loading the keyboard's QML takes a few seconds on 2 cores
QGuiApplication.inputMethod().show()
app.exec()
print(json.dumps(report))
sys.exit(0)
