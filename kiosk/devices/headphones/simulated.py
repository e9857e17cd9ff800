"""A headphone jack the dev panel and tests plug into (`plug()` / `unplug()`), and the jack-less terminal."""

from __future__ import annotations

from kiosk.devices.headphones.protocol import HeadphonesIn, HeadphonesOut, JackStatus, JackUnreadable


class SimulatedHeadphoneJack:
    def __init__(self) -> None:
        self.plugged = False
        self.unreadable = False

    def plug(self) -> None:
        self.plugged = True

    def unplug(self) -> None:
        self.plugged = False

    def poll(self) -> JackStatus:
        if self.unreadable:
            return JackUnreadable(detail="simulated jack set unreadable")
        return HeadphonesIn() if self.plugged else HeadphonesOut()

    def probe(self) -> tuple[bool, str]:
        status = self.poll()
        return not isinstance(status, JackUnreadable), f"{status.message}（模拟）"


class NoHeadphoneJack:
    """`headphones = "none"`: this terminal has no jack, so headphones never start the voice."""

    def poll(self) -> JackStatus:
        return HeadphonesOut()

    def probe(self) -> tuple[bool, str]:
        return True, "本机无耳机插孔（配置 headphones = \"none\"）"
