"""Starting the kiosk: the home screen does not wait for the camera, printing or number libraries."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk.clock import CST, ManualClock
from kiosk.devices.bundle import build_devices
from kiosk.services.session_flow import Screen
from kiosk.ui.app import build_window
from kiosk.ui.scenario import scenario_config
from kiosk.ui.touch import Finger

ROOT = Path(__file__).resolve().parents[2]
# Loaded with the device or the document that needs them, never before the first screen.
HEAVY = ("cv2", "numpy", "reportlab", "escpos", "face_recognition", "dlib", "PIL", "qrcode")
LOADED = f"print('loaded:', *sorted(m for m in {HEAVY!r} if m in sys.modules))"


def run_python(code: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", **env})


def test_importing_the_app_loads_no_device_printing_or_number_library():
    done = run_python(f"import sys\nimport kiosk.ui.app\n{LOADED}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "loaded:"


def _demo_config(folder: Path) -> str:
    """config/demo.toml with every var/ path inside `folder`."""
    config = (ROOT / "config" / "demo.toml").read_text(encoding="utf-8").replace('"var/', f'"{folder}/var/')
    return config.replace("sqlite:///var/", f"sqlite:///{folder}/var/")


def test_demo_kiosk_paints_its_home_screen_before_any_of_them(tmp_path):
    (tmp_path / "demo.toml").write_text(_demo_config(tmp_path), encoding="utf-8")
    code = f"import atexit, sys\natexit.register(lambda: {LOADED})\nfrom kiosk.cli import main\nmain()"

    done = run_python(code, "run", "--windowed", "--config", str(tmp_path / "demo.toml"),
                      KIOSK_EXIT_AFTER_FIRST_PAINT="1")

    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["painted", "loaded:"]
    assert (tmp_path / "var" / "demo.sqlite").is_file()  # the demo personas were seeded as before


# The business rules, SQLAlchemy and the store load after the first paint (issue 15: cold start).
STORE = ("sqlalchemy", "kiosk.store.models", "kiosk.store.database", "kiosk.services.rules")
AT_PAINT = f"""
import sys
from kiosk.cli import main
import kiosk.ui.app as app
painted = app.exit_after_first_paint

def watched(window):
    app.AfterFirstPaint(window.home, lambda: print('at paint:', *sorted(m for m in {STORE!r} if m in sys.modules)))
    painted(window)  # installed last, so called first: its `painted` line comes before ours
app.exit_after_first_paint = watched
main()
"""


def test_home_screen_paints_before_the_store_and_the_rules_load_and_the_kiosk_then_opens_them(tmp_path):
    (tmp_path / "demo.toml").write_text(_demo_config(tmp_path), encoding="utf-8")

    done = run_python(AT_PAINT, "run", "--windowed", "--config", str(tmp_path / "demo.toml"),
                      KIOSK_EXIT_AFTER_FIRST_PAINT="1")

    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["painted", "at paint:"]
    assert (tmp_path / "var" / "demo.sqlite").is_file()  # opened and seeded after the paint, before the exit


def test_a_database_that_cannot_be_opened_still_ends_the_kiosk_with_its_message_and_exit_2(tmp_path):
    (tmp_path / "k.toml").write_text(f'[database]\nurl = "sqlite:////proc/no-such-process/k.sqlite"\n'
                                     f'[paths]\nspool_dir = "{tmp_path}/spool"\nlog_file = "{tmp_path}/k.log"\n',
                                     encoding="utf-8")

    done = run_python("from kiosk.cli import main\nmain()", "run", "--windowed", "--config", str(tmp_path / "k.toml"))

    assert done.returncode == 2
    assert "无法创建或打开" in done.stderr and "Traceback" not in done.stderr


def test_a_service_tapped_while_the_rest_still_loads_shows_please_wait_then_goes_on(qtbot, tmp_path, store):
    config = scenario_config(tmp_path, store.url)
    # As `kiosk run` paints it: the home screen only, no store yet.
    clock = ManualClock(datetime(2026, 3, 17, 10, 0, tzinfo=CST))
    window = build_window(config, None, build_devices(config), clock, windowed=True, dev_panel=False)
    window.poll_timer.stop()
    qtbot.addWidget(window)
    window.show()
    finger = Finger(window, QRect(0, 0, *config.screen.size))
    finger.tap_named(window.home, "category_social_insurance")
    qtbot.waitUntil(lambda: window.home.findChild(QPushButton, "service_insurance_certificate") is not None)

    finger.tap_named(window.home, "service_insurance_certificate")

    assert window.state.screen == Screen.HOME
    assert window.home.message.text() == "请稍候，系统正在准备"
    window.start_services(store)  # what kiosk.ui.app does once the home screen is painted
    qtbot.waitUntil(lambda: window.state.screen == Screen.LOGIN_CHOICE)
    assert window.home.message.text() == ""
    QApplication.processEvents()  # the journal's resume, queued by start_services
    qtbot.waitUntil(lambda: window.bridge.busy == 0)
    window.bridge.shutdown()
