"""The idle warning laid over a screen: "…{n} 秒后将自动退出" and a button to carry on."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui import theme
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.text import TrLabel

MESSAGE = "您已较长时间未操作，{n} 秒后将自动退出"


class IdleCountdownOverlay(QWidget):
    """A dimmed layer covering its parent with the idle countdown and a "继续办理" button.

    The overlay only shows the count; the session's idle timer calls `set_remaining` each
    second and logs out at zero. Hidden until shown; it follows the parent's size.

    Args:
        parent: The widget to cover (normally the main window's central widget).

    Signals:
        continueRequested(): The resident tapped "继续办理" or anywhere on the dimmed layer.
        moreTimeRequested(): The resident tapped "我需要更多时间" (the session's timeouts double).
    """

    continueRequested = Signal()
    moreTimeRequested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idle_overlay")
        self.setAccessibleName("即将自动退出提示")
        self._remaining = 0

        panel = QFrame(self)
        panel.setObjectName("overlay_panel")
        panel.setMaximumWidth(1100)
        self._message = TrLabel(panel)
        self._message.setObjectName("countdown_message")
        self._message.setProperty("role", "title")
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._button = TouchButton("继续办理", "primary", panel)
        self._button.setObjectName("continue")
        self._button.setMinimumWidth(360)
        self._button.clicked.connect(self.continueRequested)

        inner = QVBoxLayout(panel)
        inner.setContentsMargins(theme.PADDING * 2, theme.PADDING * 2, theme.PADDING * 2, theme.PADDING * 2)
        inner.setSpacing(theme.SPACING * 2)
        inner.addWidget(self._message)
        inner.addLayout(self._buttons(panel))
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)

        self.set_remaining(0)
        self.setGeometry(parent.rect())
        parent.installEventFilter(self)
        self.hide()

    def _buttons(self, panel: QFrame) -> QHBoxLayout:
        """继续办理, and beside it 我需要更多时间 (WCAG 2.2.1: a way to extend the time limit)."""
        self._more = TouchButton("我需要更多时间", "secondary", panel)
        self._more.setObjectName("more_time")
        self._more.setMinimumWidth(360)
        self._more.clicked.connect(self.moreTimeRequested)
        row = QHBoxLayout()
        row.setSpacing(theme.SPACING * 2)
        row.addStretch(1)
        row.addWidget(self._button)
        row.addWidget(self._more)
        row.addStretch(1)
        return row

    def offer_more_time(self, offered: bool) -> None:
        """Shows 我需要更多时间 while the session may still be lengthened."""
        self._more.setVisible(offered)

    def set_remaining(self, seconds: int) -> None:
        """Show ``seconds`` (never below 0) in the message."""
        self._remaining = max(0, int(seconds))
        self._message.setText(MESSAGE.format(n=self._remaining))

    def remaining(self) -> int:
        """The seconds last shown."""
        return self._remaining

    def message(self) -> str:
        """The message as shown."""
        return self._message.text()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Follow the parent's size, so the overlay always covers all of it."""
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Cover the parent and sit above the widgets added to it since."""
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        super().showEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """Dim the screen behind the panel."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(*theme.OVERLAY_RGBA))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        """Swallow taps so they never reach the screen underneath."""
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        """A tap anywhere shows the resident is still there: treat it like "继续办理"."""
        event.accept()
        self.continueRequested.emit()
