"""An ID-card reader driven by the demo dev panel and by tests."""

from __future__ import annotations

import threading

from kiosk.devices.id_card.protocol import CardError, CardPresent, IdCardData, IdCardStatus, NoCard, NoReader


class SimulatedIdCardReader:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._status: IdCardStatus = NoCard()

    def poll(self) -> IdCardStatus:
        with self._lock:
            return self._status

    def insert(self, card: IdCardData) -> None:
        with self._lock:
            self._status = CardPresent(card=card)

    def insert_unreadable(self, message: str = "身份证读取失败，请取出后重新放置") -> None:
        with self._lock:
            self._status = CardError(message=message)

    def remove(self) -> None:
        with self._lock:
            self._status = NoCard()

    def unplug(self) -> None:
        with self._lock:
            self._status = NoReader()
