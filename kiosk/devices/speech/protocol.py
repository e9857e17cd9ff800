"""What the kiosk needs from a voice: speak one utterance in the background, stop when the screen changes.

The screens never hand raw screen text to a voice: `kiosk.services.speech_text` turns it into an
`Utterance` first (numbers read as numbers, masked parts left out). An utterance marked `secret`
(a password digit, the PIN pad's layout) is refused by every implementation, with a log line.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

Language = Literal["zh", "en"]


@dataclass(frozen=True)
class Utterance:
    """One thing to say.

    Attributes:
        text: What is spoken, already in words (no masked parts, no raw asterisks).
        language: "zh" is read by the Mandarin voice, "en" by the English one (Chinese data inside it,
            a name or an address, by the Mandarin voice).
        secret: Never spoken: say() logs the refusal and stays silent.
    """

    text: str
    language: Language = "zh"
    secret: bool = False


@runtime_checkable
class SpeechDevice(Protocol):
    """A voice. Called from the GUI thread: no call may block (espeak-ng starts its processes on a worker)."""

    def say(self, utterance: Utterance) -> None:
        """Stops what is being said and starts speaking `utterance` in the background; returns at once.

        Never raises: a voice that cannot speak logs why (the screen carries on silently).
        """
        ...

    def stop(self) -> None:
        """Silence now (the next screen came, or the session ended)."""
        ...

    @property
    def speaking(self) -> bool:
        """Whether an utterance is still being spoken."""
        ...

    def wait_until_done(self, timeout: float) -> bool:
        """Blocks until the current utterance is spoken (CLI, tests); False if `timeout` seconds passed."""
        ...

    def probe(self) -> tuple[bool, str]:
        """Whether the voice can speak, in Chinese for staff; says nothing aloud."""
        ...


def refused_secret(log: logging.Logger, where: str) -> None:
    """The one log line for a refused secret utterance; its text is never logged."""
    log.warning("%s: refused to speak a secret utterance (password digit or PIN layout)", where)
