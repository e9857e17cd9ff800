"""Cards back: which card is still in a reader when a business ends, and what the resident is told.

How presence is known, per reader (README, "Cards back"):
- citizen card (PC/SC): the reader reports the card in its slot (SCardStatus) on every poll, so
  "still inserted" and "taken out" are both seen;
- ID card (GA 467 serial): the card is found and read on every 300 ms poll while it lies on the
  reader; when find fails it has gone. A reader that will not find a card again after one read
  until it is put back (tests/devices/id_card/test_reader_contract.py, the xfail) reports it gone
  at once: on such a reader the kiosk cannot hold this screen for the ID card.
A card the reader holds but cannot read (CardError, not a line fault) is a card too: it is asked
back like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.devices.citizen_card import protocol as cc
from kiosk.devices.id_card import protocol as idc

ID_CARD = "id_card"
CITIZEN_CARD = "citizen_card"
REMIND_EVERY = 15  # seconds between beeps and spoken reminders while the card-return screen is up


@dataclass(frozen=True)
class CardWords:
    name: str
    prompt: str  # the screen's title and the spoken sentence
    how: str  # where the card is, in plain words


WORDS = {
    ID_CARD: CardWords("身份证", "请取回您的身份证", "您的身份证还在读卡器上，请拿走后再离开"),
    CITIZEN_CARD: CardWords("市民卡", "请取回您的市民卡", "您的市民卡还插在读卡器里，请拔出后再离开"),
}


def id_card_held(status: object) -> bool:
    return isinstance(status, idc.CardPresent) or (isinstance(status, idc.CardError) and not status.line_fault)


def citizen_card_held(status: object) -> bool:
    return isinstance(status, (cc.CardPresent, cc.CardError))


def card_left(id_status: object, cc_status: object, first: str | None = None) -> str | None:
    """The card still in a reader (`first` asked for first when both are), or None."""
    held = [card for card, there in ((ID_CARD, id_card_held(id_status)), (CITIZEN_CARD, citizen_card_held(cc_status)))
            if there]
    if first in held:
        return first
    return held[0] if held else None
