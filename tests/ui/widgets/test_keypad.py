"""NumericKeypad and DigitEntry: typing ID numbers and passwords by tapping."""

import random
import re

import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.touch import Finger
from kiosk.ui.widgets import DigitEntry, NumericKeypad, TouchButton




@pytest.fixture
def make(qtbot):
    """Build a keypad and an entry in one shown window (kept alive until the test ends)."""
    hosts = []

    def build(**options):
        host, keypad, entry = _make(qtbot, **options)
        hosts.append(host)
        return keypad, entry

    return build


def _make(qtbot, *, with_x=False, shuffle=False, rng=None, **entry_options):
    host = QWidget()
    qtbot.addWidget(host)
    keypad = NumericKeypad(with_x=with_x, shuffle=shuffle, rng=rng)
    entry = DigitEntry(**entry_options)
    entry.connect_keypad(keypad)
    layout = QVBoxLayout(host)
    layout.addWidget(entry)
    layout.addWidget(keypad)
    host.show()
    qtbot.waitExposed(host)
    return host, keypad, entry


def _tap(qtbot, keypad, *names):
    for name in names:
        button = keypad.findChild(TouchButton, f"key_{name}")
        assert button is not None, name
        Finger(keypad.window(), keypad.window().rect()).tap(button)


def test_tapping_digits_builds_the_text(qtbot, make):
    keypad, entry = make()
    _tap(qtbot, keypad, "1", "3", "5", "0")
    assert entry.text() == "1350"


def test_back_removes_one_and_clear_removes_all(qtbot, make):
    keypad, entry = make()
    _tap(qtbot, keypad, "9", "8", "7", "back")
    assert entry.text() == "98"
    _tap(qtbot, keypad, "clear")
    assert entry.text() == ""
    _tap(qtbot, keypad, "back")  # nothing to delete: no error
    assert entry.text() == ""


def test_max_length_holds(qtbot, make):
    keypad, entry = make(max_length=6)
    _tap(qtbot, keypad, *"12345678")
    assert entry.text() == "123456"


def test_key_pressed_signal_names_the_key(qtbot, make):
    keypad, _entry = make(with_x=True)
    seen = []
    keypad.keyPressed.connect(seen.append)
    _tap(qtbot, keypad, "7", "X", "back", "clear")
    assert seen == ["7", "X", "back", "clear"]


def test_x_key_only_when_asked_for(qtbot, make):
    keypad, entry = make(with_x=True, group=(6, 8, 4))
    _tap(qtbot, keypad, *"32050219900101123X")
    assert entry.text() == "32050219900101123X"
    plain = NumericKeypad()
    qtbot.addWidget(plain)
    assert plain.findChild(TouchButton, "key_X") is None


def test_id_number_is_shown_in_groups(qtbot, make):
    keypad, entry = make(with_x=True, group=(6, 8, 4))
    _tap(qtbot, keypad, *"3205021990")
    display = entry.findChild(QWidget, "digit_display")
    assert display.text() == "320502 1990"
    entry.set_text("32050219900101123X")
    assert display.text() == "320502 19900101 123X"


def test_text_changed_reports_each_change(qtbot, make):
    keypad, entry = make()
    seen = []
    entry.textChanged.connect(seen.append)
    _tap(qtbot, keypad, "4", "2", "back")
    assert seen == ["4", "42", "4"]


def test_unshuffled_keypad_has_the_phone_layout(qtbot):
    keypad = NumericKeypad(with_x=True)
    qtbot.addWidget(keypad)
    positions = keypad.digit_positions()
    assert [positions[d] for d in "123"] == [(0, 0), (0, 1), (0, 2)]
    assert [positions[d] for d in "789"] == [(2, 0), (2, 1), (2, 2)]
    assert positions["0"][0] == 3
    keypad.reshuffle()
    assert keypad.digit_positions() == positions


def test_reshuffle_deals_every_digit_once_in_a_new_order(qtbot):
    keypad = NumericKeypad(shuffle=True, rng=random.Random(1234))
    qtbot.addWidget(keypad)
    before = keypad.digit_positions()
    keypad.reshuffle()
    after = keypad.digit_positions()
    assert after != before
    assert sorted(after) == list("0123456789")
    assert len(set(after.values())) == 10  # no two digits share a cell


def test_shuffled_keypad_is_redealt_each_time_it_is_shown(qtbot):
    keypad = NumericKeypad(shuffle=True, rng=random.Random(99))
    qtbot.addWidget(keypad)
    keypad.show()
    first = keypad.digit_positions()
    keypad.hide()
    keypad.show()
    assert keypad.digit_positions() != first


def test_shuffle_leaves_back_and_clear_in_place(qtbot):
    keypad = NumericKeypad(shuffle=True, rng=random.Random(5))
    qtbot.addWidget(keypad)
    grid = keypad.layout()

    def cell(name):
        return grid.getItemPosition(grid.indexOf(keypad.findChild(TouchButton, name)))

    before = cell("key_back"), cell("key_clear")
    keypad.reshuffle()
    assert (cell("key_back"), cell("key_clear")) == before


def test_shuffled_keys_still_type_their_own_digit(qtbot, make):
    keypad, entry = make(shuffle=True, rng=random.Random(3), masked=True, max_length=6)
    _tap(qtbot, keypad, "2", "0", "2", "6")
    assert entry.text() == "2026"


def _strings_shown_by(entry):
    """Every string the entry and its children expose, except the entry's own text() API."""
    getters = ("text", "toolTip", "accessibleName", "accessibleDescription", "statusTip", "whatsThis")
    for child in [entry, *entry.findChildren(QWidget)]:
        for getter in getters:
            if child is entry and getter == "text":
                continue
            value = getattr(child, getter, None)
            if callable(value):
                yield f"{child.objectName() or type(child).__name__}.{getter}", value()


def test_masked_entry_never_shows_the_digits(qtbot, make):
    keypad, entry = make(shuffle=True, rng=random.Random(8), masked=True, max_length=6)
    _tap(qtbot, keypad, "1", "3", "5")
    assert entry.text() == "135"
    for where, shown in _strings_shown_by(entry):
        assert not re.search(r"[0-9]", shown), f"{where} shows {shown!r}"
    display = entry.findChild(QWidget, "digit_display")
    assert display.text().count("●") == 3
    assert display.text().count("○") == 3


def test_set_text_rejects_letters(qtbot):
    entry = DigitEntry()
    qtbot.addWidget(entry)
    with pytest.raises(ValueError):
        entry.set_text("12a")


def test_keys_are_big_enough_to_tap(themed, qtbot, make):
    keypad, entry = make(with_x=True)
    for button in keypad.findChildren(TouchButton):
        assert button.height() >= 80, button.objectName()
        assert button.width() >= 80, button.objectName()
    assert entry.height() >= 80
