"""The headphone jack of an ALSA sound card, read with `amixer cget` (Debian alsa-utils).

HDA codecs (the usual on-board sound of a kiosk PC) expose each jack's presence as a read-only
boolean control on the CARD interface, usually named "Headphone Jack":

    $ amixer -c 0 cget iface=CARD,name='Headphone Jack'
    numid=18,iface=CARD,name='Headphone Jack'
      ; type=BOOLEAN,access=r-------,values=1
      : values=on

`/proc/asound/card*/codec#*` lists the pins but not whether something is plugged in, and PulseAudio
is not on the kiosk image, so amixer is the one readable source. A card without such a control
(USB speakers, HDMI audio) cannot tell: set `headphones = "none"` there, and the voice starts from
the 语音 button or elder mode only.
"""

from __future__ import annotations

import logging
import re
import subprocess
from collections.abc import Callable, Sequence

from kiosk.devices.headphones.protocol import HeadphonesIn, HeadphonesOut, JackStatus, JackUnreadable

log = logging.getLogger(__name__)

_TIMEOUT = 2.0
_VALUE = re.compile(r"^\s*:\s*values=(on|off)\s*$", re.MULTILINE)

Runner = Callable[[Sequence[str]], subprocess.CompletedProcess[str]]


def _run(args: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, timeout=_TIMEOUT)


def parse_cget(output: str) -> bool | None:
    """True/False for a boolean control's "values=on/off" line; None when there is none."""
    match = _VALUE.search(output)
    return None if match is None else match.group(1) == "on"


class AlsaHeadphoneJack:
    def __init__(self, card: int = 0, control: str = "Headphone Jack", run: Runner = _run) -> None:
        self.card = card
        self.control = control
        self._run = run
        self._last_error = ""

    def poll(self) -> JackStatus:
        args = ["amixer", "-c", str(self.card), "cget", f"iface=CARD,name='{self.control}'"]
        try:
            done = self._run(args)
        except (OSError, subprocess.SubprocessError) as exc:
            return self._unreadable(f"amixer failed: {exc}")
        state = parse_cget(done.stdout) if done.returncode == 0 else None
        if state is None:
            why = (done.stderr or done.stdout).strip().replace("\n", " ")[:200]
            return self._unreadable(f"card {self.card} control {self.control!r}: {why or 'no on/off value'}")
        self._last_error = ""
        return HeadphonesIn() if state else HeadphonesOut()

    def probe(self) -> tuple[bool, str]:
        status = self.poll()
        if isinstance(status, JackUnreadable):
            return False, f"声卡 {self.card} 无法读取耳机插孔（{self.control}）"
        return True, f"可读取（{status.message}）"

    def _unreadable(self, detail: str) -> JackStatus:
        if detail != self._last_error:  # polled every second: log a fault once, not 86,400 times a day
            log.error("headphone jack unreadable: %s", detail)
            self._last_error = detail
        return JackUnreadable(detail=detail)
