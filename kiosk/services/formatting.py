"""How the rules write dates, money, account and mobile numbers on screens and paper, and the
Civil Code's month arithmetic: one definition for every service."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal


def ymd(day: date) -> str:
    return f"{day:%Y-%m-%d}"


def yuan(amount: Decimal) -> str:
    """'1,234.50': two decimals, thousands separated (Decimal, never float)."""
    return f"{amount:,.2f}"


def money(amount: Decimal) -> str:
    return f"{yuan(amount)} 元"


def mask_mobile(mobile: str) -> str:
    return f"{mobile[:3]}****{mobile[-4:]}"


def mask_account(number: str) -> str:
    """An account, card or loan number as screens and paper show it: the first 4 (2 when the number
    is shorter than 12) and the last 4 characters; a short number keeps only its first."""
    head = 4 if len(number) >= 12 else 2
    if len(number) <= head + 4:
        return number[:1] + "*" * (len(number) - 1)
    return number[:head] + "*" * (len(number) - head - 4) + number[-4:]


def add_months(day: date, months: int) -> date:
    """The corresponding day `months` later, or that month's last day when it has no such day.

    The period rule of the Civil Code (民法典 第二百零二条: 按照年、月计算期间的，到期月的对应日为期间的
    最后一日；没有对应日的，以月末日为期间的最后一日): 2026-03-31 + 1 → 2026-04-30.
    """
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
