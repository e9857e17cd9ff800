"""The strip that tells everyone the kiosk is in demo mode."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.widgets.text import TrLabel

DEMO_TEXT = "演示模式 · 模拟设备 · 演示数据，不办理真实业务"
# The demo console's closed tab (kiosk.ui.dev_panel) lies over the strip's left end: the text keeps
# clear of it, centred in the rest, and wraps there (English on a portrait screen) rather than under it.
TAB_WIDTH = 170


class DemoBanner(TrLabel):
    """A conspicuous yellow strip across the screen in demo mode.

    It is on every screen so that no one mistakes a demo print-out or result for real business.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(DEMO_TEXT, parent)
        self.setObjectName("demo_banner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setContentsMargins(TAB_WIDTH, 0, 0, 0)
        self.setAccessibleName(DEMO_TEXT)
