"""A large message area for errors, information and success on a screen."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.ui import theme
from kiosk.ui.widgets.text import TrLabel

TONES = ("error", "info", "success")


class MessagePanel(QFrame):
    """A title and a body in the colours of their tone, e.g. "身份证号码校验位错误".

    Without icons: the words and the colours carry the meaning. Hidden until a message is
    shown; `clear` hides it again.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_panel")
        self._title = TrLabel(self)
        self._title.setObjectName("message_title")
        self._title.setWordWrap(True)
        self._body = TrLabel(self)
        self._body.setObjectName("message_body")
        self._body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.PADDING, theme.SMALL_SPACING, theme.PADDING, theme.SMALL_SPACING)
        layout.setSpacing(theme.SMALL_SPACING // 2)
        layout.addWidget(self._title)
        layout.addWidget(self._body)
        self._tone = ""
        self.hide()

    def show_error(self, title: str, body: str = "") -> None:
        """Show an error (dark red on pale red)."""
        self._show("error", title, body)

    def show_info(self, title: str, body: str = "") -> None:
        """Show information (dark blue on pale blue)."""
        self._show("info", title, body)

    def show_success(self, title: str, body: str = "") -> None:
        """Show a success (dark green on pale green)."""
        self._show("success", title, body)

    def clear(self) -> None:
        """Empty and hide the panel."""
        self._title.clear()
        self._body.clear()
        self._tone = ""
        self.hide()

    def tone(self) -> str:
        """"error", "info", "success", or "" when cleared."""
        return self._tone

    def title(self) -> str:
        """The title shown."""
        return self._title.text()

    def body(self) -> str:
        """The body shown."""
        return self._body.text()

    def _show(self, tone: str, title: str, body: str) -> None:
        self._tone = tone
        self._title.setText(title)
        self._body.setText(body)
        self._body.setVisible(bool(body))
        for widget in (self, self._title, self._body):
            theme.restyle(widget, tone=tone)
        self.setAccessibleName(f"{title}。{body}" if body else title)
        self.show()
