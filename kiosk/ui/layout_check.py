"""What a screen shows, control by control, and what is wrong with it: unreachable controls and
clipped text. `kiosk screenshots` writes it to layout.json and fails on any problem; the tests walk
every screen at every screen profile with it.

Reachability is the touch driver's (`kiosk.ui.touch.Finger.why_unreachable`): a control a finger can
only reach after dragging its list (a QScroller scroll area) counts as reachable when it fits the list.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, \
    QScroller, QStyle, QStyleOptionButton, QWidget

from kiosk.ui.touch import Finger, label_of, window_rect
from kiosk.ui.widgets.buttons import ICON_SPACING, TouchButton

CONTROLS = (QAbstractButton, QLineEdit, QComboBox)
_SLACK = 1  # px: rounding between the layout's and the font's arithmetic


@dataclass(frozen=True)
class Item:
    kind: str  # "control" or "label"
    name: str
    text: str
    rect: tuple[int, int, int, int]
    problem: str | None = None  # "unreachable: …" or "clipped: …"; None when fine
    note: str | None = None  # e.g. "disabled", "scroll": seen after dragging its list

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items() if v is not None}


def inspect(top: QWidget, area: QRect | None = None) -> list[Item]:
    """Every visible control and non-empty label of the window `top`, with its problem if any."""
    top.ensurePolished()
    finger = Finger(top, area if area is not None else QRect(0, 0, top.width(), top.height()))
    items: list[Item] = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not top:
            continue
        if isinstance(widget, CONTROLS):
            items.append(_control(finger, widget))
        elif isinstance(widget, QLabel) and widget.text().strip():
            items.append(_label(widget))
    return items


def problems(items: list[Item]) -> list[Item]:
    return [i for i in items if i.problem]


def _rect(widget: QWidget) -> tuple[int, int, int, int]:
    r = window_rect(widget)
    return (r.x(), r.y(), r.width(), r.height())


def _control(finger: Finger, widget: QWidget) -> Item:
    name, text = widget.objectName() or type(widget).__name__, label_of(widget)
    if not widget.isEnabled():  # greyed out on purpose (its reason is written on it): still read
        why = _clipped_button(widget)
        return Item("control", name, text, _rect(widget), f"clipped: {why}" if why else None, note="disabled")
    why = finger.why_unreachable(widget)
    note = None
    if why and why.startswith("covered by") and _under_overlay(widget):
        return Item("control", name, text, _rect(widget), note="under the idle overlay")
    if why and why.startswith("clipped by"):
        area = _draggable_area(widget)
        if area is not None and _fits(widget, area):
            why, note = None, "scroll"
    if why is None:
        why = _clipped_button(widget)
        return Item("control", name, text, _rect(widget), f"clipped: {why}" if why else None, note)
    return Item("control", name, text, _rect(widget), f"unreachable: {text} ({why})", note)


def _under_overlay(widget: QWidget) -> bool:
    """Covered on purpose: the idle countdown dims the whole screen and takes every tap."""
    overlay = widget.window().findChild(QWidget, "idle_overlay")
    return overlay is not None and overlay.isVisible() and not overlay.isAncestorOf(widget)


def _draggable_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent if QScroller.hasScroller(parent.viewport()) and parent.isVisible() else None
        parent = parent.parentWidget()
    return None


def _fits(widget: QWidget, area: QAbstractScrollArea) -> bool:
    view = area.viewport()
    return widget.width() <= view.width() and widget.height() <= view.height()


def _label(label: QLabel) -> Item:
    name = label.objectName() or "QLabel"
    why = _clipped_label(label)
    note = None
    if why is None:
        area = _draggable_area(label)
        if area is not None and not window_rect(area.viewport()).contains(window_rect(label)):
            note = "scroll"
        elif area is None and not _inside_parents(label):
            why = "outside its window"
    return Item("label", name, label.text(), _rect(label), f"clipped: {label.text()[:40]} ({why})" if why else None,
                note)


def _inside_parents(widget: QWidget) -> bool:
    rect, parent = window_rect(widget), widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if not window_rect(parent).contains(rect):
            return False
        parent = parent.parentWidget()
    return widget.window().rect().contains(rect)


def _clipped_label(label: QLabel) -> str | None:
    """Why the label's text does not fit its rectangle (measured with its own font), or None."""
    label.ensurePolished()
    box = label.contentsRect()
    margin = label.margin() * 2
    width, height = box.width() - margin, box.height() - margin
    metrics = QFontMetrics(label.font())
    text = label.text()
    if label.wordWrap():
        needed = metrics.boundingRect(QRect(0, 0, max(width, 1), 100_000), int(Qt.TextFlag.TextWordWrap), text)
        if needed.height() > height + _SLACK:
            return f"needs {needed.height()} px height, has {height}"
        if needed.width() > width + _SLACK:  # one unbreakable word wider than the label
            return f"needs {needed.width()} px width, has {width}"
        return None
    lines = text.split("\n")
    need_w = max(metrics.horizontalAdvance(line) for line in lines)
    need_h = metrics.height() * len(lines)
    if need_w > width + _SLACK:
        return f"needs {need_w} px width, has {width}"
    if need_h > height + _SLACK:
        return f"needs {need_h} px height, has {height}"
    return None


def _clipped_button(button: QWidget) -> str | None:
    """A button's text (each line, when it wraps) wider or taller than what the resident sees of the
    button: its content rect (the style's padding and border taken off) less the icon beside the words."""
    if not isinstance(button, QAbstractButton) or not button.text():
        return None
    metrics = QFontMetrics(button.font())
    if isinstance(button, TouchButton):  # wraps its text when painting
        lines = button.lines_at(button.width())
    else:
        lines = button.text().split("\n")
    box = content_rect(button)
    need_w = max(metrics.horizontalAdvance(line) for line in lines)
    if not button.icon().isNull() and button.iconSize().width() and not isinstance(button, QCheckBox):
        need_w += button.iconSize().width() + ICON_SPACING
    need_h = metrics.lineSpacing() * (len(lines) - 1) + metrics.height()
    if need_w > box.width() + _SLACK:
        return f"“{lines[0][:30]}” needs {need_w} px width, has {box.width()}"
    if need_h > box.height() + _SLACK:
        return f"“{lines[0][:30]}” needs {need_h} px height, has {box.height()}"
    return None


def content_rect(button: QAbstractButton) -> QRect:
    """Where the style draws the button's words: the rect less the style sheet's padding and border
    (a tick box: less the box and its spacing)."""
    button.ensurePolished()
    if not isinstance(button, QCheckBox | QPushButton):
        return button.contentsRect()
    option = QStyleOptionButton()
    button.initStyleOption(option)
    element = QStyle.SubElement.SE_CheckBoxContents if isinstance(button, QCheckBox) \
        else QStyle.SubElement.SE_PushButtonContents
    return button.style().subElementRect(element, option, button)
