"""The contrast a resident sees, measured on the window's pixels: each text against its background,
each control's border against what surrounds it (WCAG 2: text 4.5:1, 7:1 in high contrast; a
control's outline 3:1).

Measured on a grab of the window rather than read from the style sheet, so a colour set anywhere
(a palette, a painted widget, a role the style sheet forgot) is caught as it is drawn.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QLineEdit, QWidget

from kiosk.ui.theme import contrast_ratio
from kiosk.ui.touch import window_rect

_INSET = 6  # px inside a widget's edge: past a 3-px border and its anti-aliasing
_MIN_PIXELS = 3  # a colour drawn in fewer pixels is anti-aliasing, not the text's colour


@dataclass(frozen=True)
class Pair:
    kind: str  # "text" or "border"
    name: str
    text: str
    foreground: str
    background: str

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.foreground, self.background)


def _hex(value: int) -> str:
    return f"#{value & 0xFFFFFF:06X}"


def _pixels(image: QImage) -> np.ndarray:
    """The window's pixels as 0xRRGGBB integers, indexed [y, x]."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.width() * image.height())
    return (data.reshape(image.height(), image.width()) & 0xFFFFFF).copy()


def _visible_rect(widget: QWidget) -> QRect:
    """The part of the widget on screen (a scroll area may hide the rest), in window coordinates."""
    region = widget.visibleRegion().boundingRect()
    return QRect(widget.mapTo(widget.window(), region.topLeft()), region.size())


def ink_on_ground(pixels: np.ndarray, rect: QRect) -> tuple[str, str] | None:
    """(text colour, background) in `rect`: its most common colour is the background, the text the
    colour drawn in it that stands out most; None when nothing is drawn on the background."""
    crop = pixels[rect.top():rect.bottom() + 1, rect.left():rect.right() + 1]
    counts = Counter(crop.ravel().tolist())
    background = counts.most_common(1)[0][0]
    candidates = [c for c, n in counts.items() if n >= _MIN_PIXELS and c != background]
    if not candidates:
        return None
    bg = _hex(background)
    return _hex(max(candidates, key=lambda c: contrast_ratio(_hex(c), bg))), bg


def _text_pair(pixels: np.ndarray, widget: QWidget, rect: QRect) -> Pair | None:
    inner = rect.adjusted(_INSET * 2, _INSET, -_INSET * 2, -_INSET)
    if inner.width() < 4 or inner.height() < 4:
        return None
    found = ink_on_ground(pixels, inner)
    if found is None:
        return None
    return Pair("text", widget.objectName() or type(widget).__name__, _label(widget), *found)


def _border_pair(pixels: np.ndarray, widget: QWidget, rect: QRect, controls: list[QRect]) -> Pair | None:
    """The outline along the top edge against the surroundings on each side (the worst side counts)."""
    full = window_rect(widget)
    if rect != full:  # partly scrolled out of view: its edges are not where the grab shows them
        return None
    height, width = pixels.shape
    outside = [QPoint(full.center().x(), full.top() - 3), QPoint(full.center().x(), full.bottom() + 3),
               QPoint(full.left() - 3, full.center().y()), QPoint(full.right() + 3, full.center().y())]
    around = {int(pixels[p.y(), p.x()]) for p in outside
              if 0 <= p.x() < width and 0 <= p.y() < height and not any(r.contains(p) for r in controls)}
    if not around:
        return None
    y = full.top() + 1
    edge = set(pixels[y, full.left() + full.width() // 4:full.right() - full.width() // 4].tolist())
    worst = None
    for bg in around:
        border = max(edge, key=lambda c: contrast_ratio(_hex(c), _hex(bg)))
        pair = Pair("border", widget.objectName() or type(widget).__name__, _label(widget), _hex(border), _hex(bg))
        if worst is None or pair.ratio < worst.ratio:
            worst = pair
    return worst


def _label(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") else ""
    return str(text).split("\n")[0][:30]


def measure(window: QWidget) -> list[Pair]:
    """Every visible text's and control border's colour pair on the window as it is drawn now."""
    pixels = _pixels(window.grab().toImage())
    shown = [w for w in window.findChildren(QWidget) if w.isVisible() and w.window() is window]
    controls = [w for w in shown if isinstance(w, QAbstractButton | QLineEdit) and not isinstance(w, QCheckBox)
                or (isinstance(w, QLabel) and w.property("role") == "entry")]
    control_rects = [window_rect(w) for w in controls]
    pairs = []
    for widget in shown:
        rect = _visible_rect(widget).intersected(QRect(0, 0, pixels.shape[1], pixels.shape[0]))
        if rect.isEmpty():
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit) and _label(widget).strip():
            pair = _text_pair(pixels, widget, rect)
            if pair is not None:
                pairs.append(pair)
        if widget in controls:
            others = [r for w, r in zip(controls, control_rects, strict=True) if w is not widget]
            pair = _border_pair(pixels, widget, rect, others)
            if pair is not None:
                pairs.append(pair)
    return pairs


def failures(pairs: list[Pair], text_minimum: float) -> list[Pair]:
    """Pairs under the minimum: text under `text_minimum`, a border under 3:1."""
    return [p for p in pairs if p.ratio < (text_minimum if p.kind == "text" else 3.0)]
