"""What the kiosk needs from a headphone jack: is something plugged in, and did that just change.

A jack has no interrupt the kiosk can wait on without Qt, so the screens poll (about once a second,
like the card readers) through a `PlugWatcher`, which turns polls into plug/unplug events.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol, Union, runtime_checkable


@dataclass(frozen=True)
class HeadphonesIn:
    message: str = "耳机已插入"


@dataclass(frozen=True)
class HeadphonesOut:
    message: str = "未插耳机"


@dataclass(frozen=True)
class JackUnreadable:
    """The jack state cannot be read (no sound card, no such control).

    Attributes:
        detail: Why, in English, for the log.
    """

    detail: str = ""
    message: str = "无法读取耳机插孔状态"


JackStatus = Union[HeadphonesIn, HeadphonesOut, JackUnreadable]
JackEvent = Literal["plugged_in", "unplugged"]


@runtime_checkable
class HeadphoneJack(Protocol):
    def poll(self) -> JackStatus:
        """The jack's state now; never raises."""
        ...

    def probe(self) -> tuple[bool, str]:
        """Whether the jack state can be read, in Chinese for staff."""
        ...


class PlugWatcher:
    """Turns a jack's polls into events. The first poll only sets the baseline: headphones left in
    the jack when the kiosk starts are no "plugging in" (the voice would start for nobody)."""

    def __init__(self, jack: HeadphoneJack) -> None:
        self.jack = jack
        self._plugged: bool | None = None

    def poll(self) -> JackEvent | None:
        """"plugged_in" or "unplugged" when the state changed since the last poll, else None.

        An unreadable jack changes nothing: a flaky read must not start or stop the voice.
        """
        status = self.jack.poll()
        if isinstance(status, JackUnreadable):
            return None
        plugged = isinstance(status, HeadphonesIn)
        before, self._plugged = self._plugged, plugged
        if before is None or before == plugged:
            return None
        return "plugged_in" if plugged else "unplugged"
