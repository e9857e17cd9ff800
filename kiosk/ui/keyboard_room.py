"""Room for the virtual keyboard: the kiosk window's content ends above it while it is shown.

Qt Virtual Keyboard draws in a window of its own over the bottom of the screen; without this, it
covers the wizard's bottom bar (下一步, 返回首页) and, in 长辈版, the bottom of a text field.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QInputMethod


def covered_height(keyboard: QRect, window: QRect) -> int:
    """How many pixels at the bottom of `window` the `keyboard` covers (both in the same, e.g. screen,
    coordinates): 0 when it is hidden (empty) or lies wholly outside the window."""
    if keyboard.isEmpty() or not keyboard.intersects(window):
        return 0
    return min(window.height(), window.y() + window.height() - keyboard.y())


def keyboard_on_screen(method: QInputMethod) -> QRect:
    """The keyboard's rectangle on the screen, or an empty one while it is hidden.

    Qt Virtual Keyboard's window covers the whole screen (masked to the keys), so the rectangle it
    reports in that window's coordinates is the screen's (measured under Xvfb: 0, 680, 1920×400 at
    1920×1080, whatever field has the focus).
    """
    return method.keyboardRectangle().toAlignedRect() if method.isVisible() else QRect()
