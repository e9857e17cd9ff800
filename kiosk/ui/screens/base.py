"""What every screen shares: a title, a body, a bottom bar with Back/Home, and `clear()`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.looks import keep_line
from kiosk.ui.theme import restyle
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.keypad import KEYPAD_MAX, DigitEntry, NumericKeypad
from kiosk.ui.widgets.text import TrLabel

SPEAKER_ICON = Path(__file__).resolve().parents[1] / "speaker.svg"  # the 🔊 of 重听 and 语音播报 (no emoji font)


def label(text: str = "", role: str = "", name: str = "", wrap: bool = True) -> QLabel:
    widget = TrLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    return widget


class BaseScreen(QWidget):
    """A screen. `clear()` must wipe anything personal it shows (called on every logout)."""

    backRequested = Signal()
    homeRequested = Signal()
    announced = Signal(str)  # a message shown while the screen stays: the voice reads it

    def __init__(self, title: str, *, back: bool = True, home: bool = True) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 16, 48, 24)
        outer.setSpacing(8)
        self._flipping: list[tuple[QBoxLayout, int]] = []
        self.title = label(title, role="title", name="screen_title")
        # The title, and what a screen puts beside it on a wide screen (the wizard's step indicator).
        self.heading = self.side_by_side(spacing=48, min_width=1600)
        self.heading.addWidget(self.title)
        outer.addLayout(self.heading)
        # Reserved room, empty when there is nothing to say: a message never pushes a button away
        # from under the resident's finger.
        self.message = label("", role="error", name="screen_message")
        keep_line(self.message, 4)
        outer.addWidget(self.message)
        self.body = QVBoxLayout()
        self.body.setSpacing(16)
        outer.addLayout(self.body, 1)
        self.bar = QHBoxLayout()
        self.bar.setSpacing(24)
        self.back_button = TouchButton("返回上一步", role="secondary")
        self.back_button.setObjectName("back")
        self.back_button.clicked.connect(self.backRequested)
        self.home_button = TouchButton("返回首页", role="secondary")
        self.home_button.setObjectName("home")
        self.home_button.clicked.connect(self.homeRequested)
        if back:
            self.bar.addWidget(self.back_button)
        self.bar.addStretch(1)
        if home:
            self.bar.addWidget(self.home_button)
        outer.addLayout(self.bar)

    def side_by_side(self, spacing: int = 32, min_width: int = 0) -> QBoxLayout:
        """A row in landscape that becomes a column in portrait, or on a screen narrower than
        `min_width` (e.g. a form and its keypad; the title and the step indicator)."""
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(spacing)
        self._flipping.append((row, min_width))
        return row

    def keypad_beside(self, column: list[QWidget], entry: DigitEntry, keypad: NumericKeypad) -> None:
        """The body: `column` (lines, the entry, lines under it) beside the keypad typing into `entry`;
        the keypad goes under the column in portrait."""
        row = self.side_by_side()
        left = QVBoxLayout()
        for widget in column:
            left.addWidget(widget)
        left.addStretch(1)
        keypad.setMaximumSize(KEYPAD_MAX, KEYPAD_MAX)
        entry.connect_keypad(keypad)
        row.addLayout(left, 1)
        row.addWidget(keypad, 1)
        self.body.addLayout(row, 1)

    def keep_row(self, row: QBoxLayout) -> None:
        """`row` stays a row on every screen (what it holds is short enough, e.g. a title and the
        长辈版 switch)."""
        self._flipping = [(r, w) for r, w in self._flipping if r is not row]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        size = event.size()
        for row, min_width in self._flipping:
            column = size.height() > size.width() or size.width() < min_width
            row.setDirection(QBoxLayout.Direction.TopToBottom if column else QBoxLayout.Direction.LeftToRight)
        super().resizeEvent(event)

    def show_message(self, text: str, role: str = "error") -> None:
        """A line under the title: an error (red) by default, or `role="success"`/`"hint"`."""
        self.message.setText(text)
        restyle(self.message, role=role)
        if text:
            self.announced.emit(text)

    def clear(self) -> None:
        self.show_message("")
