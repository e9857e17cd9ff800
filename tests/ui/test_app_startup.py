"""Starting the kiosk: the home screen does not wait for the camera, printing or number libraries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def test_demo_kiosk_paints_its_home_screen_before_any_of_them(tmp_path):
    config = (ROOT / "config" / "demo.toml").read_text(encoding="utf-8").replace('"var/', f'"{tmp_path}/var/')
    config = config.replace("sqlite:///var/", f"sqlite:///{tmp_path}/var/")
    (tmp_path / "demo.toml").write_text(config, encoding="utf-8")
    code = f"import atexit, sys\natexit.register(lambda: {LOADED})\nfrom kiosk.cli import main\nmain()"

    done = run_python(code, "run", "--windowed", "--config", str(tmp_path / "demo.toml"),
                      KIOSK_EXIT_AFTER_FIRST_PAINT="1")

    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["painted", "loaded:"]
    assert (tmp_path / "var" / "demo.sqlite").is_file()  # the demo personas were seeded as before
