"""The centre's query password: salted scrypt hashes, never clear text."""

from __future__ import annotations

import pytest

from kiosk.services.passwords import hash_password, verify_password

LOW_COST = 2**10  # the stored hash carries its own cost; a low one keeps these tests quick


def test_hash_never_contains_the_password() -> None:
    stored = hash_password("258036", n=LOW_COST)
    assert "258036" not in stored
    assert stored.startswith(f"scrypt${LOW_COST}$")


def test_default_cost_hash_verifies() -> None:
    stored = hash_password("480627")
    assert stored.startswith(f"scrypt${2**14}$8$1$")
    assert verify_password("480627", stored)


def test_right_password_verifies_wrong_one_does_not() -> None:
    stored = hash_password("258036", n=LOW_COST)
    assert verify_password("258036", stored)
    for wrong in ("258037", "25803", "2580360", "", "852063"):
        assert not verify_password(wrong, stored)


def test_two_hashes_of_one_password_differ_by_their_salt() -> None:
    first, second = hash_password("905318", n=LOW_COST), hash_password("905318", n=LOW_COST)
    assert first != second
    assert first.split("$")[4] != second.split("$")[4]
    assert verify_password("905318", first) and verify_password("905318", second)


@pytest.mark.parametrize("stored", ["", "plain-258036", "md5$1$2$3$ab$cd", "scrypt$16384$8$1$abcd"])
def test_a_malformed_or_foreign_stored_value_never_verifies(stored: str) -> None:
    assert not verify_password("258036", stored)
