"""How money, dates and numbers are written for residents, and month arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kiosk.services.formatting import add_months, mask_account, mask_mobile, money, ymd, yuan


def test_money_is_exact_with_two_decimals_and_thousands() -> None:
    assert money(Decimal("1234567.5")) == "1,234,567.50 元"
    assert yuan(Decimal("0.10")) == "0.10" and yuan(Decimal("56180.3")) == "56,180.30"


def test_masks_keep_only_what_the_resident_needs_to_recognise() -> None:
    assert mask_mobile("13912345678") == "139****5678"
    assert mask_account("6224800000050201") == "6224********0201"
    assert mask_account("HF00000502") == "HF****0502"
    assert mask_account("123456") == "1*****"


def test_months_follow_the_civil_code() -> None:
    assert add_months(date(2026, 3, 31), 1) == date(2026, 4, 30)
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert ymd(date(2026, 1, 5)) == "2026-01-05"
