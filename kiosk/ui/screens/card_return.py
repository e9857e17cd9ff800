"""Cards back: the full-screen 请取回您的身份证/市民卡, and the banner the result screen carries.

Both show no personal data: only which kind of card to take and a picture of it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.services.card_return import CITIZEN_CARD, WORDS
from kiosk.ui import theme
from kiosk.ui.screens.base import BaseScreen, label
from kiosk.ui.theme import restyle
from kiosk.ui.widgets.card_picture import CardPicture


class CardReturnScreen(BaseScreen):
    """Held until the reader reports the card gone (or `[session] card_left_s` passes)."""

    def __init__(self) -> None:
        super().__init__(WORDS[CITIZEN_CARD].prompt, back=False, home=False)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        restyle(self.title, role="large")  # the one thing to do, in the largest words
        self.picture = CardPicture(CITIZEN_CARD, height=360)
        self.picture.setMaximumHeight(560)  # the words stay close to the picture on a tall screen
        self.how = label("", role="subtitle", name="card_return_how")
        self.how.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.after = label("取回后本机自动返回首页", role="hint", name="card_return_after")
        self.after.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addStretch(1)
        self.body.addWidget(self.picture, 3)
        self.body.addWidget(self.how)
        self.body.addWidget(self.after)
        self.body.addStretch(1)
        self.set_card(CITIZEN_CARD)

    def set_card(self, card: str) -> None:
        words = WORDS[card]
        self.title.setText(words.prompt)
        self.how.setText(words.how)
        self.picture.set_kind(card)


class CardBanner(QFrame):
    """A panel beside the result (below it on a portrait screen): the card's picture and 请取回您的….

    Beside, not above: the result keeps all its height, so the serial and the 补打码 stay in view.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("card_banner")
        self.setStyleSheet(f"QFrame#card_banner {{ background: {theme.ERROR_BG}; border: {theme.BORDER}px solid "
                           f"{theme.DANGER}; border-radius: {theme.RADIUS}px; }}")
        # 请取回您的身份证 in title letters on one line; the rest of the width stays the result's.
        self.setMinimumWidth(400)
        self.setMaximumWidth(480)
        column = QVBoxLayout(self)
        column.setContentsMargins(theme.PADDING, theme.PADDING, theme.PADDING, theme.PADDING)
        column.setSpacing(theme.SMALL_SPACING)
        self.picture = CardPicture(CITIZEN_CARD, height=140)
        self.picture.setFixedSize(self.picture.sizeHint())
        column.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        self.prompt = label("", role="title", name="card_banner_prompt")
        self.how = label("", name="card_banner_how")
        for line in (self.prompt, self.how):
            line.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(line)
        column.addStretch(1)
        self.hide()

    def set_card(self, card: str | None) -> None:
        """Shows the banner for `card`, or hides it (None: no card left in a reader)."""
        if card is None:
            self.hide()
            return
        words = WORDS[card]
        self.prompt.setText(words.prompt)
        self.how.setText(words.how)
        self.picture.set_kind(card)
        self.show()
