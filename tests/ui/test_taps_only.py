"""Nothing moves a flow by calling a button's click method or a slot directly: the tests and `kiosk scenario` tap
through the finger (kiosk.ui.touch), so a control no finger can reach fails them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Calls that press, choose, type or confirm without a touch (widget methods and the app's slots).
FORBIDDEN = {
    "click", "animateClick", "toggle", "setChecked", "setText", "setValue", "set_value", "set_date",
    "set_text", "press", "emit", "inputMethodEvent", "mousePressEvent", "mouseReleaseEvent", "keyClicks",
    "mouseClick", "mousePress", "mouseRelease", "show_category", "show_page", "go_next", "dispatch",
    "staff_entry", "open_maintenance", "reprint_all",
}
# A widget's own unit test may call the setter it tests; the finger's tests tap on purpose.
ALLOWED = {
    ("tests/ui/widgets/test_choice_list.py", "set_value"),  # ChoiceList.set_value's own contract
    ("tests/ui/widgets/test_date_picker.py", "set_date"),  # TouchDatePicker.set_date's own contract
    ("tests/ui/widgets/test_keypad.py", "set_text"),  # DigitEntry.set_text (a card's number) contract
    ("tests/ui/widgets/test_text_input.py", "keyClicks"),  # the digits-only validator against keystrokes
    ("tests/ui/keyboard_focus_probe.py", "_exit"),  # os._exit: ends the probe once it has reported
    ("tests/ui/keyboard_room_probe.py", "_exit"),  # os._exit past Qt's teardown abort: moves no flow
}


def _scanned() -> list[Path]:
    """Every test that has a window (it uses Qt or the kiosk's UI), and the scenario driver.

    A test without a window (a rule, a store, a log handler) moves no flow, whatever it calls.
    """
    tests = [f for f in sorted((ROOT / "tests").rglob("*.py"))
             if f.is_relative_to(ROOT / "tests/ui") or re.search(r"^(from|import) (PySide6|kiosk\.ui)\b",
                                                                  f.read_text(encoding="utf-8"), re.M)]
    return [f for f in [*tests, ROOT / "kiosk/ui/scenario.py"] if f.name not in ("test_touch.py", "test_taps_only.py")]


def shortcuts(source: str) -> list[tuple[int, str]]:
    """(line, name) of each call that bypasses the finger: a forbidden method, or another object's
    private method (`window._submit()`)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name, owner = node.func.attr, node.func.value
        private = name.startswith("_") and not name.startswith("__")
        if name in FORBIDDEN or (private and not (isinstance(owner, ast.Name) and owner.id in ("self", "cls"))):
            found.append((node.lineno, name))
    return found


def test_the_scan_sees_clicks_slots_and_private_calls() -> None:
    click = "click"  # spelled apart: this file's own text never holds the call it looks for
    source = (f"button.{click}()\nwindow.home.show_category('loan')\nhost.fields['a'].set_value(1)\n"
              "window.methodChosen.emit('x')\nwindow._submit()\nself._fill()\nfinger.tap(button)\n")
    assert shortcuts(source) == [(1, "click"), (2, "show_category"), (3, "set_value"), (4, "emit"), (5, "_submit")]


def test_no_test_and_no_scenario_moves_a_flow_without_a_tap() -> None:
    offenders = []
    for path in _scanned():
        rel = path.relative_to(ROOT).as_posix()
        for line, name in shortcuts(path.read_text(encoding="utf-8")):
            if (rel, name) not in ALLOWED:
                offenders.append(f"{rel}:{line}: .{name}(")
    assert offenders == [], "tap through kiosk.ui.touch instead:\n" + "\n".join(offenders)
