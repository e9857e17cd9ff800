"""The virtual keyboard as a resident sees it, measured on the screen's pixels (a real display, e.g.
Xvfb): each label against its key, each key's outline against the keyboard, by the rules of
contrast_check (text 4.5:1, 7:1 in high contrast; an outline 3:1). Also taps its keys, for the probe.

Qt Virtual Keyboard draws in a Qt Quick window of its own, which a widget's grab does not show.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.ui.contrast_check import Pair, _hex, _pixels, ink_on_ground
from kiosk.ui.theme import contrast_ratio


def keyboard_window() -> QQuickWindow | None:
    """The keyboard's window once Qt has created it (on the first text field's focus)."""
    found = [w for w in QGuiApplication.topLevelWindows() if isinstance(w, QQuickWindow) and w.isVisible()]
    return found[0] if found else None


def _items(item: QQuickItem) -> list[QQuickItem]:
    """`item` and everything drawn under it that is visible."""
    if not item.isVisible() or item.opacity() == 0:
        return []
    return [item, *(i for child in item.childItems() for i in _items(child))]


def _rect(item: QQuickItem, origin: QPoint) -> QRect:
    """The item's box on the screen (`origin`: its window's top left corner)."""
    return item.mapRectToScene(item.boundingRect()).toAlignedRect().translated(origin)


def keys(window: QQuickWindow) -> list[QQuickItem]:
    """The keyboard's keys shown now (a filler, which draws nothing, is left out)."""
    return [i for i in _items(window.contentItem())
            if i.metaObject().indexOfProperty("keyPanelDelegate") >= 0
            and not i.metaObject().className().startswith("FillerKey")]


def texts(window: QQuickWindow) -> list[QQuickItem]:
    """Every label shown now: keys, candidates, pop-ups."""
    return [i for i in _items(window.contentItem())
            if i.inherits("QQuickText") and str(i.property("text") or "").strip()]


def tap(window: QQuickWindow, item: QQuickItem) -> None:
    """A press and release at the centre of the keyboard's `item`, as a finger would."""
    centre = _rect(item, QPoint(0, 0)).center()
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)


def _label_pair(pixels: np.ndarray, item: QQuickItem, origin: QPoint) -> Pair | None:
    """The label's drawn colour against the most common colour of its box (the key under it)."""
    rect = _rect(item, origin).intersected(QRect(0, 0, pixels.shape[1], pixels.shape[0]))
    found = ink_on_ground(pixels, rect) if rect.width() >= 2 and rect.height() >= 2 else None
    if found is None:
        return None
    return Pair("text", item.metaObject().className(), str(item.property("text"))[:30], *found)


def _outline_pair(pixels: np.ndarray, key: QQuickItem, origin: QPoint) -> Pair | None:
    """Along the key's middle row, from the keyboard between keys (the key's own first pixels: a
    style draws a key inside its cell) into its first fifth: the colour that stands out most."""
    rect = _rect(key, origin)
    y = rect.center().y()
    if not (0 <= y < pixels.shape[0] and 0 <= rect.left() and rect.right() < pixels.shape[1]):
        return None
    around = int(pixels[y, rect.left() + 1])
    row = pixels[y, rect.left() + 1:rect.left() + max(3, rect.width() // 5)].tolist()
    edge = max(row, key=lambda c: contrast_ratio(_hex(c), _hex(around)))
    return Pair("border", key.metaObject().className(), str(key.property("displayText") or "")[:30],
                _hex(edge), _hex(around))


def measure_keyboard(window: QQuickWindow) -> list[Pair]:
    """Every label's and every key outline's colour pair on the screen as it is drawn now."""
    pixels = _pixels(QGuiApplication.primaryScreen().grabWindow(0).toImage())
    origin = window.position()
    pairs = [_label_pair(pixels, item, origin) for item in texts(window)]
    pairs += [_outline_pair(pixels, key, origin) for key in keys(window)]
    return [p for p in pairs if p is not None]
