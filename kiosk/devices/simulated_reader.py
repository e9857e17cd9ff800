"""What both simulated card readers share: a status the dev panel and tests set, read by `poll`."""

from __future__ import annotations

import threading
from typing import Any, ClassVar


class SimulatedReader:
    """A reader whose card is put in and taken out by hand. Subclasses name their status types."""

    no_card: ClassVar[type]
    no_reader: ClassVar[type]
    card_error: ClassVar[type]
    card_present: ClassVar[type]

    def __init__(self) -> None:
        # The poll runs on a worker thread while the dev panel changes the card.
        self._lock = threading.Lock()
        self._status: Any = self.no_card()

    def poll(self) -> Any:
        with self._lock:
            return self._status

    def _set(self, status: Any) -> None:
        with self._lock:
            self._status = status

    def insert(self, card: Any) -> None:
        self._set(self.card_present(card=card))

    def insert_unreadable(self) -> None:
        self._set(self.card_error())

    def remove(self) -> None:
        self._set(self.no_card())

    def unplug(self) -> None:
        self._set(self.no_reader())
