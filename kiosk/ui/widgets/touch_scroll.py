"""A scroll area for fingers: drag to scroll (kinetic), a wide scroll bar, and a "more below" cue.

Elderly residents do not know that a list goes on below the fold, and a 14-px scroll bar cannot be
hit with a finger; so the bar is `SCROLL_BAR_PX` wide and a line under the area says there is more
for as long as there is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QScrollArea, QScroller, QScrollerProperties, QVBoxLayout, QWidget

from kiosk.ui import theme
from kiosk.ui.looks import keep_line
from kiosk.ui.widgets.text import TrLabel

MORE_BELOW = "向上滑动查看更多 ▼"


def settle_layout(root: QWidget, passes: int = 3) -> None:
    """Lays `root` out now: word-wrapped text in a scroll area takes several passes (each line's height
    depends on the width the area gives it), which would otherwise run one by one from the event loop
    and move the buttons while a finger is already on its way to one."""
    for _ in range(passes):
        for widget in (root, *root.findChildren(QWidget)):
            if widget.layout() is not None:
                widget.layout().activate()
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def make_draggable(area: QScrollArea) -> None:
    """Kinetic scrolling by dragging the content with a finger (or the mouse, which is how a touch
    panel's single-touch driver reports it)."""
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    props = scroller.scrollerProperties()
    # A tap must reach the button at once (no press delay), and a list must not bounce sideways.
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy,
                          QScrollerProperties.OvershootPolicy.OvershootAlwaysOff)
    scroller.setScrollerProperties(props)


class TouchScrollArea(QWidget):
    """`setWidget(content)`; the cue label (`more_below`) shows only while content lies below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = QScrollArea()
        self.area.setObjectName("touch_scroll")
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        make_draggable(self.area)
        # The cue keeps its height when empty (never hidden), so the content never moves under the finger.
        self.more = TrLabel(MORE_BELOW)
        self.more.setObjectName("more_below")
        self.more.setProperty("role", "emphasis")
        self.more.setAlignment(Qt.AlignmentFlag.AlignCenter)
        keep_line(self.more, 8, fixed=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.more)
        bar = self.area.verticalScrollBar()
        bar.valueChanged.connect(self._update_cue)
        bar.rangeChanged.connect(self._update_cue)
        self._update_cue()

    def setWidget(self, widget: QWidget) -> None:  # noqa: N802 (QScrollArea's name)
        self.area.setWidget(widget)
        self.area.verticalScrollBar().setValue(0)
        self._update_cue()

    def takeWidget(self) -> QWidget | None:  # noqa: N802 (QScrollArea's name)
        return self.area.takeWidget()

    def widget(self) -> QWidget | None:
        return self.area.widget()

    def ensure_visible(self, widget: QWidget) -> None:
        """Scrolls so that `widget` (inside the content) is in view, as a finger drag would."""
        self.area.ensureWidgetVisible(widget, 0, theme.SMALL_SPACING)

    def more_below(self) -> bool:
        bar = self.area.verticalScrollBar()
        return bar.value() < bar.maximum()

    def _update_cue(self, *_: object) -> None:
        self.more.setText(MORE_BELOW if self.more_below() else "")
