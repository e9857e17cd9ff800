"""Resident ID numbers (GB 11643-1999): check digit, embedded birth date, masking."""

from __future__ import annotations

from datetime import date

# Weight of position i is 2^(17-i) mod 11 (GB 11643-1999, ISO 7064 MOD 11-2).
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CODES = "10X98765432"  # indexed by (weighted sum mod 11)


class IdNumberError(ValueError):
    """An ID number that cannot be right; `str()` is the message shown to the resident."""


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CODES[total % 11]


# Full-width digits and X come from Chinese input methods; they mean the same characters.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９ｘＸ", "0123456789XX")
_ASCII_DIGITS = frozenset("0123456789")


def normalise(raw: str) -> str:
    """Strips spaces, folds full-width characters and upper-cases a trailing x, as residents type it."""
    return raw.translate(_FULL_WIDTH).replace(" ", "").replace("\u3000", "").strip().upper()


def validate(raw: str) -> str:
    """Returns the normalised 18-character number or raises `IdNumberError` with a Chinese reason."""
    number = normalise(raw)
    if len(number) != 18:
        raise IdNumberError(f"身份证号码应为 18 位，您输入了 {len(number)} 位")
    # str.isdigit() would let '²' through; only the ten ASCII digits count.
    if not set(number[:17]) <= _ASCII_DIGITS or not (number[17] in _ASCII_DIGITS or number[17] == "X"):
        raise IdNumberError("身份证号码只能是数字，最后一位可以是 X")
    try:
        birth_date(number)
    except ValueError:
        raise IdNumberError("身份证号码中的出生日期不存在，请核对") from None
    if check_digit(number[:17]) != number[17]:
        raise IdNumberError("身份证号码有误，请核对最后一位")
    return number


def is_valid(raw: str) -> bool:
    try:
        validate(raw)
    except IdNumberError:
        return False
    return True


def birth_date(number: str) -> date:
    """The birth date in positions 7–14."""
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def mask(number: str) -> str:
    """Masks all but the first 4 and last 4 characters: 3205**********123X."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]
