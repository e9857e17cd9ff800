"""A drawn picture of the card to take back: the ID card or the citizen card, with an arrow out.

Drawn with QPainter (no image files): a card of the real proportions (85.6 × 54 mm), its main
marks (the photo and lines of the ID card; the chip and the 社会保障·市民卡 title of the citizen
card) and an arrow showing the card leaving the reader.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.services.card_return import CITIZEN_CARD, ID_CARD
from kiosk.ui import theme

CARD_RATIO = 85.6 / 54  # ISO/IEC 7810 ID-1
ID_CARD_BG = "#E8F1F8"
CITIZEN_CARD_BG = "#1F6FB2"
CHIP = "#D4A62A"


class CardPicture(QWidget):
    """The card `kind` ("id_card" or "citizen_card"), as large as the room it is given allows."""

    def __init__(self, kind: str = CITIZEN_CARD, height: int = 320) -> None:
        super().__init__()
        self.kind = kind
        self.setObjectName("card_picture")
        self._height = height
        self.setMinimumSize(int(height * 0.5 * CARD_RATIO), height // 2)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.setAccessibleName("身份证图片" if kind == ID_CARD else "市民卡图片")
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(int(self._height * CARD_RATIO * 1.25), self._height)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The card takes the left four fifths, the arrow the rest.
        h = min(self.height() * 0.92, self.width() * 0.78 / CARD_RATIO)
        w = h * CARD_RATIO
        left = (self.width() - w * 1.25) / 2
        card = QRectF(left, (self.height() - h) / 2, w, h)
        if self.kind == ID_CARD:
            self._id_card(p, card)
        else:
            self._citizen_card(p, card)
        self._arrow(p, QRectF(card.right() + w * 0.05, card.top(), w * 0.2, h))
        p.end()

    def _outline(self, p: QPainter, card: QRectF, fill: str) -> None:
        p.setPen(QPen(QColor(theme.TEXT), max(2.0, card.height() / 80)))
        p.setBrush(QColor(fill))
        p.drawRoundedRect(card, card.height() * 0.07, card.height() * 0.07)

    def _id_card(self, p: QPainter, card: QRectF) -> None:
        self._outline(p, card, ID_CARD_BG)
        h = card.height()
        # the photo: a head and shoulders on the right
        photo = QRectF(card.right() - h * 0.5, card.top() + h * 0.16, h * 0.36, h * 0.46)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#B8C7D6"))
        p.drawRect(photo)
        p.setBrush(QColor("#5B6B7B"))
        p.drawEllipse(QPointF(photo.center().x(), photo.top() + photo.height() * 0.38), photo.width() * 0.2,
                      photo.width() * 0.22)
        p.drawChord(QRectF(photo.left() + photo.width() * 0.12, photo.top() + photo.height() * 0.64,
                           photo.width() * 0.76, photo.height() * 0.7), 0, 180 * 16)
        # lines of text on the left, and the number along the bottom
        p.setBrush(QColor("#7E8C99"))
        for i, share in enumerate((0.34, 0.44, 0.52, 0.52)):
            p.drawRoundedRect(QRectF(card.left() + h * 0.1, card.top() + h * (0.2 + i * 0.12), card.width() * share,
                                     h * 0.05), h * 0.02, h * 0.02)
        p.drawRoundedRect(QRectF(card.left() + h * 0.1, card.bottom() - h * 0.18, card.width() * 0.7, h * 0.06),
                          h * 0.02, h * 0.02)

    def _citizen_card(self, p: QPainter, card: QRectF) -> None:
        self._outline(p, card, CITIZEN_CARD_BG)
        h = card.height()
        font = QFont(self.font())
        font.setPixelSize(max(10, int(h * 0.13)))
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("#FFFFFF"))
        p.drawText(QRectF(card.left() + h * 0.08, card.top() + h * 0.06, card.width() - h * 0.16, h * 0.2),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "社会保障·市民卡")
        chip = QRectF(card.left() + h * 0.14, card.top() + h * 0.38, h * 0.3, h * 0.24)
        p.setPen(QPen(QColor("#8A6A10"), max(1.0, h / 160)))
        p.setBrush(QColor(CHIP))
        p.drawRoundedRect(chip, h * 0.03, h * 0.03)
        p.drawLine(QPointF(chip.left(), chip.center().y()), QPointF(chip.right(), chip.center().y()))
        p.drawLine(QPointF(chip.center().x(), chip.top()), QPointF(chip.center().x(), chip.bottom()))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#CFE2F3"))
        p.drawRoundedRect(QRectF(card.left() + h * 0.14, card.bottom() - h * 0.2, card.width() * 0.6, h * 0.06),
                          h * 0.02, h * 0.02)

    def _arrow(self, p: QPainter, room: QRectF) -> None:
        """An upward arrow: the card comes out of the reader towards the resident."""
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(theme.DANGER))
        x, w = room.center().x(), room.width()
        shaft = QRectF(x - w * 0.14, room.top() + room.height() * 0.35, w * 0.28, room.height() * 0.55)
        p.drawRect(shaft)
        p.drawPolygon(QPolygonF([QPointF(x, room.top() + room.height() * 0.08),
                                 QPointF(x - w * 0.45, room.top() + room.height() * 0.4),
                                 QPointF(x + w * 0.45, room.top() + room.height() * 0.4)]))
