"""The layout check measures what a resident sees: a button's words inside its padding, border and
icon. The old check measured them against the whole button, so English words running over a
button's edge ("Turn voice off") passed."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics, QIcon
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.ui import theme
from kiosk.ui.layout_check import inspect, problems
from kiosk.ui.screens.base import SPEAKER_ICON
from kiosk.ui.widgets.buttons import TouchButton

WORD = "Acknowledgement"  # one English word: never broken, so it must fit a line
SIDE = theme.PADDING + theme.BORDER  # the style sheet's padding and border on each side


def _window(qtbot, button: QPushButton, width: int) -> QWidget:  # noqa: ANN001
    top = QWidget()
    qtbot.addWidget(top)
    top.resize(width + 200, 200)  # room to widen the button
    button.setParent(top)
    button.setObjectName("probe")
    top.show()
    top.ensurePolished()
    button.ensurePolished()
    button.setGeometry(20, 20, width, 100)
    return top


def _clipped(top: QWidget) -> list[str]:
    return [f"{item.name}: {item.problem}" for item in problems(inspect(top))]


def _advance(button: QPushButton, text: str) -> int:
    button.ensurePolished()
    return QFontMetrics(button.font()).horizontalAdvance(text)


def test_a_word_running_into_the_padding_is_reported(qtbot) -> None:  # noqa: ANN001
    button = TouchButton(WORD, role="secondary")
    top = _window(qtbot, button, _advance(button, WORD) + 2 * theme.BORDER + 10)  # inside the border, over the padding
    assert button.lines_at(button.width()) == [WORD]
    (problem,) = _clipped(top)
    assert problem.startswith("probe: clipped: “Acknowledgement” needs")


def test_a_word_inside_the_padding_is_not_reported(qtbot) -> None:  # noqa: ANN001
    button = TouchButton(WORD, role="secondary")
    top = _window(qtbot, button, _advance(button, WORD) + 2 * SIDE)
    assert _clipped(top) == []


def test_a_plain_push_button_counts_its_padding_too(qtbot) -> None:  # noqa: ANN001
    button = QPushButton("Turn voice off")
    top = _window(qtbot, button, _advance(button, "Turn voice off") + 2 * theme.BORDER + 10)
    assert len(_clipped(top)) == 1
    button.setFixedWidth(_advance(button, "Turn voice off") + 2 * SIDE)
    assert _clipped(top) == []


def test_the_icon_and_its_spacing_count(qtbot) -> None:  # noqa: ANN001
    button = TouchButton(WORD, role="secondary")
    button.setIcon(QIcon(str(SPEAKER_ICON)))
    button.setIconSize(QSize(40, 40))
    words = _advance(button, WORD)
    top = _window(qtbot, button, words + 2 * SIDE + 40)  # room for the icon but not the 4 px beside it
    assert len(_clipped(top)) == 1
    button.setFixedWidth(words + 2 * SIDE + 40 + 4)
    assert _clipped(top) == []


def test_a_greyed_out_button_is_still_read(qtbot) -> None:  # noqa: ANN001
    button = TouchButton(WORD, role="secondary")
    button.setEnabled(False)  # out of reach on purpose, but its words are still read
    top = _window(qtbot, button, _advance(button, WORD) + 2 * theme.BORDER + 10)
    (problem,) = _clipped(top)
    assert problem.startswith("probe: clipped: “Acknowledgement” needs")
