"""StepIndicator: the resident sees which step they are on and how many there are."""

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.ui.widgets import StepIndicator

TITLES = ["阅读须知", "核对信息", "填写信息", "确认提交", "打印凭证"]


@pytest.fixture
def steps(qtbot):
    widget = StepIndicator()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _step_labels(widget):
    return sorted(
        (label for label in widget.findChildren(QLabel) if label.objectName().startswith("step_")
         and label.objectName() != "step_counter"),
        key=lambda label: int(label.objectName().removeprefix("step_")),
    )


def test_counter_reads_step_n_of_total(steps):
    steps.set_steps(TITLES, 1)
    assert steps.findChild(QLabel, "step_counter").text() == "第 2 步 / 共 5 步"
    assert steps.counter_text() == "第 2 步 / 共 5 步"


def test_titles_are_shown_with_the_current_one_highlighted(steps):
    steps.set_steps(TITLES, 2)
    labels = _step_labels(steps)
    assert len(labels) == 5
    assert [label.property("step") for label in labels] == ["done", "done", "current", "todo", "todo"]
    for label, title in zip(labels, TITLES, strict=True):
        assert title in label.text()
    assert labels[2].isVisible()


def test_accessible_name_says_where_the_resident_is(steps):
    steps.set_steps(TITLES, 0)
    assert steps.accessibleName() == "第 1 步 / 共 5 步：阅读须知"


def test_moving_on_replaces_the_labels(steps):
    steps.set_steps(TITLES, 0)
    steps.set_steps(TITLES[:3], 2)
    assert steps.counter_text() == "第 3 步 / 共 3 步"
    assert len(_step_labels(steps)) == 3
    assert steps.layout().itemAt(1).layout().count() == 4  # three titles and one stretch


@pytest.mark.parametrize(("titles", "current"), [([], 0), (TITLES, 5), (TITLES, -1)])
def test_impossible_steps_are_refused(steps, titles, current):
    with pytest.raises(ValueError):
        steps.set_steps(titles, current)
