"""What typed text may hold before it is stored, printed and sealed.

Free text (an address, the other centre's name) is folded to one spelling and refused when it
holds characters that change what a printed document shows: line breaks and control characters
(NUL, ESC, CR, LF), direction overrides (U+202E shows the text backwards), invisible formatting,
private-use or unassigned code points. Nothing is removed silently: the resident is told.
"""

from __future__ import annotations

import unicodedata

# Full-width Latin letters and digits (U+FF10–FF19, FF21–FF3A, FF41–FF5A) come from Chinese input
# methods and mean the ASCII ones (NFKC folds them so); full-width punctuation such as （，） is
# the Chinese spelling and stays.
_FULL_WIDTH_ALNUM = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in
                     (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_FULL_WIDTH_DIGITS = {cp: chr(cp - 0xFF10 + ord("0")) for cp in range(0xFF10, 0xFF1A)}

# Unicode general categories refused in free text, with what the resident is told they are.
_REFUSED = {
    "Cc": "换行符或控制字符",  # NUL, ESC, CR, LF, TAB…
    "Cf": "看不见的排版字符（如改变文字方向的符号）",  # U+202A–202E, U+2066–2069, U+200B, U+FEFF…
    "Zl": "换行符",
    "Zp": "换行符",
    "Co": "无法打印的字符",  # private use: shows differently in every font
    "Cs": "无法打印的字符",  # lone surrogates
    "Cn": "无法打印的字符",  # unassigned
}


def normalise_text(value: str) -> str:
    """NFC (one spelling per character), full-width letters and digits folded, ends trimmed."""
    return unicodedata.normalize("NFC", value).translate(_FULL_WIDTH_ALNUM).replace("\u3000", " ").strip()


def normalise_digits(value: str) -> str:
    """Full-width digits folded to ASCII and spaces dropped; anything else is left for the check to refuse."""
    return value.translate(_FULL_WIDTH_DIGITS).replace(" ", "").replace("\u3000", "")


def is_ascii_digits(value: str) -> bool:
    """Only 0–9: str.isdigit() also takes '²' and Arabic-Indic digits, which no system here reads."""
    return value.isascii() and value.isdigit()


def refused_character(value: str) -> tuple[int, str] | None:
    """The first character free text may not hold: (its position from 1, what it is), else None."""
    for position, char in enumerate(value, start=1):
        what = _REFUSED.get(unicodedata.category(char))
        if what is not None:
            return position, what
    return None
