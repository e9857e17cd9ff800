"""How this session is presented to the resident: 长辈版 or 标准版, theme, voice, language, input.

One value for the whole session, chosen on the home or log-in screen and dropped at logout (the next
resident starts from the standard presentation). Business rules never read it; the UI and the
speech layer do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Mode = Literal["standard", "elder"]
Theme = Literal["standard", "high_contrast"]
Language = Literal["zh", "en"]
Input = Literal["touch", "keypad"]


@dataclass(frozen=True)
class Presentation:
    mode: Mode = "standard"
    theme: Theme = "standard"
    voice: bool = False
    language: Language = "zh"
    input: Input = "touch"
    extensions: int = 0  # times the resident asked for more time (我需要更多时间) this session

    @property
    def elder(self) -> bool:
        return self.mode == "elder"

    @property
    def timeout_factor(self) -> int:
        """Elder mode doubles every timeout; each 我需要更多时间 doubles it once more."""
        return (2 if self.elder else 1) * 2 ** self.extensions

    def with_mode(self, mode: Mode) -> Presentation:
        # Elder mode turns the voice on; going back to standard leaves the voice as the resident set it.
        return replace(self, mode=mode, voice=self.voice or mode == "elder")


STANDARD = Presentation()
