"""The layers of DESIGN.md hold: only kiosk/ui imports Qt, so the business runs without a screen."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KIOSK = Path(__file__).resolve().parent.parent / "kiosk"
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")
CORE_PACKAGES = ("services", "store", "devices", "printing")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _python_files_outside_ui() -> list[Path]:
    return [p for p in KIOSK.rglob("*.py") if "ui" not in p.relative_to(KIOSK).parts]


@pytest.mark.parametrize("path", _python_files_outside_ui(), ids=lambda p: str(p.relative_to(KIOSK)))
def test_no_qt_outside_ui(path: Path) -> None:
    qt = {name for name in _imports(path) if name.split(".")[0] in QT_MODULES}
    assert not qt, f"{path} imports {qt}: Qt belongs in kiosk/ui only"


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_core_never_imports_the_ui(package: str) -> None:
    for path in (KIOSK / package).rglob("*.py"):
        ui = {name for name in _imports(path) if name.startswith("kiosk.ui")}
        assert not ui, f"{path} imports {ui}"


def test_store_and_devices_do_not_import_services() -> None:
    for package in ("store", "devices", "printing"):
        for path in (KIOSK / package).rglob("*.py"):
            bad = {n for n in _imports(path) if n.startswith("kiosk.services") and n != "kiosk.services.idnumber"
                   and not n.startswith("kiosk.services.passwords")}
            assert not bad, f"{path} imports {bad}"


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_core_never_imports_the_demo(package: str) -> None:
    """Demo personas live in kiosk/demo (built with the services' helpers); the store only holds their rows."""
    for path in (KIOSK / package).rglob("*.py"):
        demo = {name for name in _imports(path) if name.startswith("kiosk.demo")}
        assert not demo, f"{path} imports {demo}"


def test_business_layer_imports_without_qt() -> None:
    import subprocess
    import sys

    code = ("import sys, kiosk.services.catalogue, kiosk.services.submission, kiosk.demo.seed, "
            "kiosk.services.print_run; assert not any(m.startswith('PySide6') for m in sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=KIOSK.parent)
