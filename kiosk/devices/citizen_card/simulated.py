"""A citizen-card reader driven by the demo dev panel and by tests."""

from __future__ import annotations

from kiosk.devices.citizen_card.protocol import CardError, CardPresent, CitizenCardStatus, NoCard, NoReader
from kiosk.devices.simulated_reader import SimulatedReader


class SimulatedCitizenCardReader(SimulatedReader):
    no_card, no_reader, card_error, card_present = NoCard, NoReader, CardError, CardPresent

    def poll(self) -> CitizenCardStatus:
        return super().poll()
