"""Resident ID numbers (GB 11643-1999): region, birth date and check digit; masking."""

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


# The first two digits are the province of the address code (GB/T 2260, 中华人民共和国行政区划代码):
# 11–15 华北, 21–23 东北, 31–37 华东, 41–46 中南, 50–54 西南, 61–65 西北, 71 台湾 (listed by
# GB/T 2260, no mainland office issues it). 81 香港, 82 澳门 and 83 台湾 are the codes of the
# 港澳台居民居住证 (国务院办公厅《港澳台居民居住证申领发放办法》, 2018: 810000 / 820000 /
# 830000 in place of an address code); their holders may be insured in Suzhou and log in with them.
PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    "71", "81", "82", "83",
})
EARLIEST_BIRTH = date(1900, 1, 1)  # GB 11643 years are four digits; nobody insured was born earlier


def validate(raw: str, today: date) -> str:
    """Returns the normalised 18-character number or raises `IdNumberError` with a Chinese reason.

    `today` (the kiosk clock's date) bounds the birth date: a number born tomorrow is mistyped.
    """
    number = normalise(raw)
    if len(number) != 18:
        raise IdNumberError(f"身份证号码应为 18 位，您输入了 {len(number)} 位")
    # str.isdigit() would let '²' through; only the ten ASCII digits count.
    if not set(number[:17]) <= _ASCII_DIGITS or not (number[17] in _ASCII_DIGITS or number[17] == "X"):
        raise IdNumberError("身份证号码只能是数字，最后一位可以是 X")
    if number[:2] not in PROVINCES:
        raise IdNumberError("身份证号码前两位（地区代码）不正确，请核对")
    try:
        born = birth_date(number)
    except ValueError:
        raise IdNumberError("身份证号码中的出生日期不存在，请核对") from None
    if not EARLIEST_BIRTH <= born <= today:
        raise IdNumberError("身份证号码中的出生日期不对，请核对")
    if check_digit(number[:17]) != number[17]:
        raise IdNumberError("身份证号码有误，请核对最后一位")
    return number


def is_valid(raw: str, today: date) -> bool:
    try:
        validate(raw, today)
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
