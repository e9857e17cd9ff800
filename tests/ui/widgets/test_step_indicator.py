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


def test_the_current_title_is_shown_between_its_neighbours(steps):
    steps.set_steps(TITLES, 2)
    labels = _step_labels(steps)
    assert [label.objectName() for label in labels] == ["step_1", "step_2", "step_3"]
    assert [label.property("step") for label in labels] == ["done", "current", "todo"]
    for label, title in zip(labels, TITLES[1:4], strict=True):
        assert title in label.text()
    assert labels[0].text().startswith("… ✓") and labels[2].text().endswith(" …")  # more steps either side
    assert labels[1].isVisible()


def test_nine_long_titles_fit_a_portrait_screen_without_cutting_one(steps):
    titles = [f"第{i}项：填写参保地和就医地的详细信息" for i in range(9)]
    steps.setFixedWidth(984)  # 1080 minus the screen margins
    steps.set_steps(titles, 4)
    steps.adjustSize()
    assert steps.minimumSizeHint().width() <= 984
    for label in _step_labels(steps):
        assert label.wordWrap()


def test_accessible_name_says_where_the_resident_is(steps):
    steps.set_steps(TITLES, 0)
    assert steps.accessibleName() == "第 1 步 / 共 5 步：阅读须知"


def test_moving_on_replaces_the_labels(steps):
    steps.set_steps(TITLES, 0)
    steps.set_steps(TITLES[:3], 2)
    assert steps.counter_text() == "第 3 步 / 共 3 步"
    assert len(_step_labels(steps)) == 2  # the last step and the one before it
    row = steps.layout().itemAt(1).layout()
    assert [row.itemAt(i).widget().isVisible() for i in range(row.count())] == [True, True, False]


def test_moving_on_updates_the_same_labels(steps):
    steps.set_steps(TITLES, 1)
    before = set(steps.findChildren(QLabel))
    for current in (2, 3, 4, 0, 1):
        steps.set_steps(TITLES, current)
    assert set(steps.findChildren(QLabel)) == before
    assert [label.property("step") for label in _step_labels(steps)] == ["done", "current", "todo"]


@pytest.mark.parametrize(("titles", "current"), [([], 0), (TITLES, 5), (TITLES, -1)])
def test_impossible_steps_are_refused(steps, titles, current):
    with pytest.raises(ValueError):
        steps.set_steps(titles, current)
