"""The 长辈版 / 标准版 switch and the 高对比度 button, on the home and log-in choice screens."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.services.presentation import STANDARD, Presentation
from kiosk.ui.widgets.buttons import TouchButton

SWITCH_HEIGHT = 100  # bigger than other buttons: the first thing an elderly resident needs to find


class PresentationBar(QWidget):
    """Two big buttons; each names what a tap switches to (长辈版 or 标准版; 高对比度 or 标准配色)."""

    modeToggled = Signal()
    themeToggled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.mode = TouchButton("", role="primary")
        self.mode.setObjectName("mode_switch")
        self.mode.setMinimumHeight(SWITCH_HEIGHT)
        self.mode.clicked.connect(self.modeToggled)
        self.contrast = TouchButton("", role="secondary")
        self.contrast.setObjectName("theme_switch")
        self.contrast.setMinimumHeight(SWITCH_HEIGHT)
        self.contrast.clicked.connect(self.themeToggled)
        row.addWidget(self.mode)
        row.addWidget(self.contrast)
        self.show_presentation(STANDARD)

    def show_presentation(self, presentation: Presentation) -> None:
        self.mode.setText("标准版" if presentation.elder else "长辈版（大字）")
        self.mode.setAccessibleName("切换到标准版" if presentation.elder else "切换到长辈版，字更大，一屏一问")
        self.contrast.setText("标准配色" if presentation.theme == "high_contrast" else "高对比度")
