"""What the English voice says: an English screen's text with its numbers, dates and codes in words.

espeak-ng's English voice reads "2025-07-01" as a subtraction, "202606" as two hundred and two
thousand six hundred and six, "17:00" as "seventeen zero zero" and "360 s" as "three hundred and
sixty ess", so an English screen's text passes through `words()` first:

* amounts in yuan and fen: "1,366.40 yuan" → "1,366 yuan 40 fen", "0.45 yuan" → "45 fen";
* dates in words: "2025-07-01" → "1 July 2025", "2026-03" → "March 2026";
* times on the 12-hour clock: "08:30-17:00" → "8:30 am to 5 pm";
* codes one character at a time, so a resident can write them down: a digit run of 5 or more or
  with a leading 0 (an ID number's check letter X with it), letters before digits ("YW2026…",
  "SIP2027…") → "Y W 2 0 2 6 …";
* seconds: "360 s" → "360 seconds";
* masked parts never: only the visible tail, "3205**********2140" → "ending in 2 1 4 0";
* Chinese left in the text (the resident's name, an address: data no catalogue translates) is put
  into Chinese words for the Mandarin voice (the speech device reads those runs with it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_RULES = re.compile(r"""
    (?P<masked>[0-9A-Za-z]*\*+(?P<tail>[0-9A-Za-z]*))
  | (?P<chinese>[\u3400-\u9fff](?:[\u3400-\u9fff0-9 ]*[\u3400-\u9fff])?)
  | (?P<date>(?P<y>[0-9]{4})[-/](?P<m>[0-9]{1,2})[-/](?P<d>[0-9]{1,2}))(?![0-9])
  | (?P<ym>(?P<y2>[0-9]{4})-(?P<m2>[0-9]{1,2}))(?![0-9-])
  | (?P<time>(?P<hh>[01]?[0-9]|2[0-3]):(?P<mm>[0-5][0-9]))
    (?:\s*(?:-|–|~|to)\s*(?P<hh2>[01]?[0-9]|2[0-3]):(?P<mm2>[0-5][0-9]))?(?![0-9])
  | (?P<amount>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)\s*(?:yuan\b|元)
  | (?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+\.[0-9]+)
  | (?P<seconds>[0-9]+)\s*s\b
  | (?P<code>(?<![A-Za-z0-9])(?:[A-Z]{0,4}(?:[0-9]{5,}[Xx]?|0[0-9]+)|[A-Z]{1,4}[0-9]{2,})(?![A-Za-z0-9]))
""", re.VERBOSE)


def words(text: str, chinese: Callable[[str], str]) -> str:
    """English screen text put into words; `chinese` puts a Chinese run into words (speech_text.spoken)."""
    said = _RULES.sub(lambda m: _say(m, chinese), text)
    return re.sub(r" {2,}", " ", said).strip()


def money(value: str | Decimal) -> str:
    """An amount in yuan and fen: "1,366.40" → "1,366 yuan 40 fen", "100" → "100 yuan"."""
    amount = Decimal(str(value).replace(",", "")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    yuan, fen = divmod(int(amount * 100), 100)
    parts = [f"{yuan:,} yuan"] if yuan or not fen else []
    return " ".join(parts + ([f"{fen} fen"] if fen else []))


def characters(code: str) -> str:
    """A code one character at a time: "YW2026" → "Y W 2 0 2 6"."""
    return " ".join(code)


def _say(match: re.Match[str], chinese: Callable[[str], str]) -> str:
    g = match.group
    if g("masked") is not None:
        return f"ending in {characters(g('tail'))}" if g("tail") else ""
    if g("chinese") is not None:
        return chinese(g("chinese"))
    if g("date") is not None:
        month, day = int(g("m")), int(g("d"))
        return f"{day} {_MONTHS[month - 1]} {g('y')}" if 1 <= month <= 12 and 1 <= day <= 31 else g("date")
    if g("ym") is not None:
        month = int(g("m2"))
        return f"{_MONTHS[month - 1]} {g('y2')}" if 1 <= month <= 12 else g("ym")
    if g("time") is not None:
        end = f" to {_clock(g('hh2'), g('mm2'))}" if g("hh2") else ""
        return _clock(g("hh"), g("mm")) + end
    if g("amount") is not None:
        return money(g("amount"))
    if g("number") is not None:
        return g("number")
    if g("seconds") is not None:
        return f"{g('seconds')} second" + ("" if g("seconds") == "1" else "s")
    return characters(g("code"))


def _clock(hours: str, minutes: str) -> str:
    """08:30 → 8:30 am, 17:00 → 5 pm, 12:00 → 12 noon."""
    h, m = int(hours), int(minutes)
    if (h, m) == (12, 0):
        return "12 noon"
    twelve = h % 12 or 12
    return (f"{twelve}:{m:02d}" if m else f"{twelve}") + (" am" if h < 12 else " pm")
