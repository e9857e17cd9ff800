"""ChoiceList: big buttons to pick one option or several; unavailable ones cannot be picked."""

import pytest

from kiosk.ui.touch import Finger, Unreachable
from kiosk.ui.widgets import ChoiceList, TouchButton

FORMS = [("pension", "基本养老保险参保缴费凭证"), ("medical", "基本医疗保障参保（合）凭证"), ("other", "其他")]




def _shown(qtbot, choices):
    qtbot.addWidget(choices)
    choices.show()
    qtbot.waitExposed(choices)
    return choices


def _tap(qtbot, choices, value):
    Finger(choices, choices.rect()).tap(choices.findChild(TouchButton, f"choice_{value}"))


def test_single_choice_keeps_only_the_last_tapped(qtbot):
    choices = _shown(qtbot, ChoiceList(FORMS))
    assert choices.value() is None
    _tap(qtbot, choices, "pension")
    _tap(qtbot, choices, "medical")
    assert choices.value() == "medical"
    assert not choices.findChild(TouchButton, "choice_pension").isChecked()
    _tap(qtbot, choices, "medical")  # tapping again does not unchoose
    assert choices.value() == "medical"


def test_multi_choice_toggles_each_option(qtbot):
    choices = _shown(qtbot, ChoiceList(FORMS, multi=True))
    assert choices.value() == []
    _tap(qtbot, choices, "other")
    _tap(qtbot, choices, "pension")
    assert choices.value() == ["pension", "other"]  # in display order
    _tap(qtbot, choices, "other")
    assert choices.value() == ["pension"]


def test_changed_is_emitted_once_per_change(qtbot):
    choices = _shown(qtbot, ChoiceList(FORMS))
    seen = []
    choices.changed.connect(seen.append)
    _tap(qtbot, choices, "pension")
    _tap(qtbot, choices, "pension")
    choices.set_value("other")
    choices.set_value(None)
    assert seen == ["pension", "other", None]


def test_chosen_option_is_marked_not_only_coloured(qtbot):
    choices = _shown(qtbot, ChoiceList(FORMS))
    _tap(qtbot, choices, "pension")
    assert choices.findChild(TouchButton, "choice_pension").text().startswith("✓")
    assert not choices.findChild(TouchButton, "choice_medical").text().startswith("✓")


def test_disabled_options_cannot_be_chosen_and_say_why(qtbot):
    choices = _shown(qtbot, ChoiceList(FORMS))
    choices.set_enabled_values(["pension"], reason="社保关系已转出，不能补打")
    medical = choices.findChild(TouchButton, "choice_medical")
    assert not medical.isEnabled()
    assert "社保关系已转出，不能补打" in medical.text()
    assert medical.toolTip() == "社保关系已转出，不能补打"
    assert choices.disabled_reason("medical") == "社保关系已转出，不能补打"
    assert choices.disabled_reason("pension") is None
    with pytest.raises(Unreachable, match=r"\(disabled: 社保关系已转出，不能补打\)"):
        _tap(qtbot, choices, "medical")  # a finger on a greyed option does nothing
    assert choices.value() is None
    with pytest.raises(ValueError):
        choices.set_value("medical")


def test_reasons_can_differ_per_option(qtbot):
    choices = _shown(qtbot, ChoiceList(FORMS))
    choices.set_enabled_values([], reason={"medical": "医疗保险已转出"})
    assert "医疗保险已转出" in choices.findChild(TouchButton, "choice_medical").text()
    assert choices.disabled_reason("other")  # a default reason, never a bare grey button


def test_disabling_the_chosen_option_unchooses_it(qtbot):
    choices = _shown(qtbot, ChoiceList(FORMS, multi=True))
    choices.set_value(["pension", "medical"])
    choices.set_enabled_values(["pension", "other"])
    assert choices.value() == ["pension"]
    choices.set_enabled_values(["pension", "medical", "other"])
    medical = choices.findChild(TouchButton, "choice_medical")
    assert medical.isEnabled() and medical.toolTip() == ""
    assert medical.text() == "基本医疗保障参保（合）凭证"


def test_set_value_refuses_unknown_values(qtbot):
    choices = _shown(qtbot, ChoiceList(FORMS))
    with pytest.raises(ValueError):
        choices.set_value("bogus")


def test_set_options_replaces_the_buttons(qtbot):
    choices = _shown(qtbot, ChoiceList(FORMS))
    choices.set_value("pension")
    choices.set_options([("bank", "银行卡"), ("card", "市民卡")])
    assert choices.values() == ["bank", "card"]
    assert choices.findChild(TouchButton, "choice_pension") is None
    assert choices.value() is None
    assert choices.findChild(TouchButton, "choice_bank").isVisible()
    with pytest.raises(ValueError):
        choices.set_options([("a", "甲"), ("a", "乙")])


def test_option_buttons_are_big_enough_to_tap(themed, qtbot):
    choices = _shown(qtbot, ChoiceList(FORMS, columns=2))
    choices.set_enabled_values(["pension"])
    for button in choices.findChildren(TouchButton):
        assert button.height() >= 80
