"""A citizen-card reader driven by the demo dev panel and by tests."""

from __future__ import annotations

import threading

from kiosk.devices.citizen_card.protocol import (CardError, CardPresent, CitizenCardData, CitizenCardStatus,
                                                 NoCard, NoReader)


class SimulatedCitizenCardReader:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._status: CitizenCardStatus = NoCard()

    def poll(self) -> CitizenCardStatus:
        with self._lock:
            return self._status

    def insert(self, card: CitizenCardData) -> None:
        with self._lock:
            self._status = CardPresent(card=card)

    def insert_unreadable(self) -> None:
        with self._lock:
            self._status = CardError()

    def remove(self) -> None:
        with self._lock:
            self._status = NoCard()

    def unplug(self) -> None:
        with self._lock:
            self._status = NoReader()
