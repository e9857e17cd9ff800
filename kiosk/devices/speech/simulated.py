"""A voice that records what it was asked to say (demo mode; tests read `.spoken`)."""

from __future__ import annotations

import logging
import threading

from kiosk.devices.speech.protocol import Utterance, refused_secret

log = logging.getLogger(__name__)


class SimulatedSpeech:
    """Keeps every spoken utterance (text and language); it "speaks" from say() until stop() or wait_until_done().

    `broken` makes probe() report a fault (the dev panel's "speaker broken"); say() still records,
    as a real voice would still be asked.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._spoken: list[Utterance] = []
        self._speaking = False
        self.stops = 0
        self.broken = False

    @property
    def spoken(self) -> list[str]:
        """A snapshot of the utterances' texts, oldest first (secret ones never appear)."""
        return [u.text for u in self.utterances]

    @property
    def utterances(self) -> list[Utterance]:
        """The utterances themselves, with the language each was to be spoken in."""
        with self._lock:
            return list(self._spoken)

    def say(self, utterance: Utterance) -> None:
        if utterance.secret:
            refused_secret(log, "simulated speech")
            return
        with self._lock:
            self._speaking = bool(utterance.text.strip())
            if self._speaking:
                self._spoken.append(utterance)

    def stop(self) -> None:
        with self._lock:
            self.stops += 1
            self._speaking = False

    @property
    def speaking(self) -> bool:
        return self._speaking

    def wait_until_done(self, timeout: float) -> bool:
        """A simulated utterance is over as soon as someone waits for it."""
        self._speaking = False
        return True

    def clear(self) -> None:
        """Forgets the recorded utterances."""
        with self._lock:
            self._spoken.clear()

    def probe(self) -> tuple[bool, str]:
        return (False, "扬声器无声（模拟）") if self.broken else (True, "就绪（演示：播报内容只记录，不发声）")


class SilentSpeech:
    """`speech = "off"`: a terminal without voice guidance; nothing is spoken or kept."""

    speaking = False

    def say(self, utterance: Utterance) -> None:
        if utterance.secret:
            refused_secret(log, "speech off")

    def stop(self) -> None:
        pass

    def wait_until_done(self, timeout: float) -> bool:
        return True

    def probe(self) -> tuple[bool, str]:
        return True, "语音播报已关闭（配置 speech = \"off\"）"
