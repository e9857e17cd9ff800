"""Switching the whole kiosk between 标准版 / 长辈版 and the standard / high-contrast colours, live.

The style sheet and the application font change at once (`theme.apply_theme`); what widgets set in
code from the font or the target size (a button's least height, a line of room kept for a message)
is set again here, so nothing built for the 28-px look clips the 36-px text.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.services.presentation import Presentation
from kiosk.ui import theme
from kiosk.ui.widgets.buttons import TouchButton

_ROOM = "line_room"  # dynamic property: px added to one line of the widget's font for its height


def keep_line(widget: QWidget, extra: int, *, fixed: bool = False) -> None:
    """Keeps one line of the widget's font (plus `extra` px) as its height, in every look."""
    widget.setProperty(_ROOM, (extra, fixed))
    _fit_line(widget)


def _fit_line(widget: QWidget) -> None:
    extra, fixed = widget.property(_ROOM)
    height = widget.fontMetrics().height() + extra
    if fixed:
        widget.setFixedHeight(height)
    else:
        widget.setMinimumHeight(height)


def look_of(presentation: Presentation) -> theme.Look:
    return theme.look_for(presentation.elder, presentation.theme == "high_contrast")


def switch_look(presentation: Presentation, *roots: QWidget) -> None:
    """Applies the presentation's look to the application and refits every widget under `roots`."""
    look = look_of(presentation)
    if look == theme.current():
        return
    theme.apply_theme(QApplication.instance(), look)
    for root in roots:
        for widget in (root, *root.findChildren(QWidget)):
            widget.ensurePolished()
            if isinstance(widget, TouchButton):
                widget.refit()
            if widget.property(_ROOM) is not None:
                _fit_line(widget)
