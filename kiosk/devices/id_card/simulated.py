"""An ID-card reader driven by the demo dev panel and by tests."""

from __future__ import annotations

from kiosk.devices.id_card.protocol import CardError, CardPresent, IdCardStatus, NoCard, NoReader
from kiosk.devices.simulated_reader import SimulatedReader


class SimulatedIdCardReader(SimulatedReader):
    no_card, no_reader, card_error, card_present = NoCard, NoReader, CardError, CardPresent

    def poll(self) -> IdCardStatus:
        return super().poll()
