"""Resident ID numbers (GB 11643-1999): what a resident sees when typing a number."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.services import idnumber
from kiosk.services.idnumber import PROVINCES, IdNumberError, check_digit, mask
from kiosk.services.idnumber import is_valid as _is_valid
from kiosk.services.idnumber import validate as _validate

TODAY = date(2026, 3, 10)  # the kiosk clock's date in these tests


def validate(raw: str) -> str:
    return _validate(raw, TODAY)


def is_valid(raw: str) -> bool:
    return _is_valid(raw, TODAY)

# Check digits worked out by hand from the GB 11643 weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
# and the codes 1 0 X 9 8 7 6 5 4 3 2 (indexed by the weighted sum mod 11):
#   11010519491231002: sum 167, 167 mod 11 = 2 -> X   (the standard's own example)
#   32057119780512131: sum 288, 288 mod 11 = 2 -> X   (demo persona 周建华)
#   32057119850820351: sum 336, 336 mod 11 = 6 -> 6   (demo persona 陈志强)
#   11010120000101001: sum  45,  45 mod 11 = 1 -> 0
HAND_COMPUTED = [
    ("11010519491231002", "X"),
    ("32057119780512131", "X"),
    ("32057119850820351", "6"),
    ("11010120000101001", "0"),
]


def test_weights_and_codes_are_those_of_the_standard() -> None:
    assert idnumber._WEIGHTS == (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    assert idnumber._CHECK_CODES == "10X98765432"


@pytest.mark.parametrize(("first17", "expected"), HAND_COMPUTED)
def test_check_digit_matches_hand_computation(first17: str, expected: str) -> None:
    assert check_digit(first17) == expected
    assert validate(first17 + expected) == first17 + expected


@pytest.mark.parametrize(("first17", "right"), HAND_COMPUTED)
def test_wrong_check_digit_is_refused_with_a_clear_message(first17: str, right: str) -> None:
    wrong = "1" if right != "1" else "2"
    with pytest.raises(IdNumberError) as info:
        validate(first17 + wrong)
    assert str(info.value) == "身份证号码有误，请核对最后一位"
    assert not is_valid(first17 + wrong)


def test_lower_case_x_is_accepted_and_normalised() -> None:
    assert validate("32057119780512131x") == "32057119780512131X"
    assert validate("11010519491231002x") == "11010519491231002X"


def test_spaces_typed_between_groups_are_ignored() -> None:
    assert validate(" 320571 19780512 131X ") == "32057119780512131X"


@pytest.mark.parametrize("raw", ["3205711978", "32057119780512131X0", "", "X"])
def test_wrong_length_says_how_many_digits_were_typed(raw: str) -> None:
    with pytest.raises(IdNumberError) as info:
        validate(raw)
    assert str(info.value) == f"身份证号码应为 18 位，您输入了 {len(raw)} 位"


@pytest.mark.parametrize("raw", ["32057119780512131Y", "3205711978051213X1", "A2057119780512131X"])
def test_letters_other_than_a_final_x_are_refused(raw: str) -> None:
    with pytest.raises(IdNumberError) as info:
        validate(raw)
    assert str(info.value) == "身份证号码只能是数字，最后一位可以是 X"


@pytest.mark.parametrize("birth", ["19990230", "20230229", "19991301", "19990001", "19990100"])
def test_birth_date_that_does_not_exist_is_refused(birth: str) -> None:
    first17 = f"320571{birth}123"
    number = first17 + check_digit(first17)  # even with a right check digit
    with pytest.raises(IdNumberError) as info:
        validate(number)
    assert str(info.value) == "身份证号码中的出生日期不存在，请核对"


def test_leap_day_birth_date_is_fine() -> None:
    first17 = "32057120000229123"
    assert is_valid(first17 + check_digit(first17))
    assert idnumber.birth_date(first17 + check_digit(first17)) == date(2000, 2, 29)


def test_mask_keeps_first_four_and_last_four() -> None:
    assert mask("32057119780512131X") == "3205**********131X"
    assert mask("320571198508203516") == "3205**********3516"
    assert len(mask("320571198508203516")) == 18


def test_mask_of_a_short_value_hides_everything() -> None:
    assert mask("12345678") == "********"
    assert mask("") == ""


@pytest.mark.parametrize("raw", ["3205711978051213²X", "32057119780512１３１X"])
def test_only_ascii_digits_count_as_digits(raw: str) -> None:
    try:
        number = validate(raw)
    except IdNumberError:
        return
    assert number.isascii(), number


@pytest.mark.parametrize("region", ["000000", "100000", "190101", "240101", "380101", "990101", "720101"])
def test_a_region_that_is_no_province_is_refused(region: str) -> None:
    first17 = f"{region}19780512131"
    with pytest.raises(IdNumberError) as info:
        validate(first17 + check_digit(first17))
    assert str(info.value) == "身份证号码前两位（地区代码）不正确，请核对"


@pytest.mark.parametrize("region", ["110101", "320571", "650102", "810000", "820000", "830000"])
def test_provinces_and_residence_permits_are_accepted(region: str) -> None:
    first17 = f"{region}19780512131"
    assert is_valid(first17 + check_digit(first17))


@pytest.mark.parametrize("birth", ["20260311", "20991231", "18991231", "18000101"])
def test_a_birth_date_after_today_or_before_1900_is_refused(birth: str) -> None:
    first17 = f"320571{birth}123"
    with pytest.raises(IdNumberError) as info:
        validate(first17 + check_digit(first17))
    assert str(info.value) == "身份证号码中的出生日期不对，请核对"


def test_born_today_is_accepted_and_the_bound_moves_with_the_clock() -> None:
    first17 = "32057120260310123"
    assert is_valid(first17 + check_digit(first17))
    assert not _is_valid(first17 + check_digit(first17), date(2026, 3, 9))


@given(st.text(alphabet="0123456789²³¹٠١٢٣٤٥٦٧٨٩０１２３४५۳", min_size=18, max_size=18))
def test_only_ascii_digits_survive_validation(raw: str) -> None:
    try:
        number = validate(raw)
    except IdNumberError:
        return
    assert set(number) <= set("0123456789X")


# --- properties -----------------------------------------------------------------------------------

regions = st.builds(lambda p, rest: p + rest, st.sampled_from(sorted(PROVINCES)),
                    st.text(alphabet="0123456789", min_size=4, max_size=4))
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)


def make(region: str, birth: date, sequence: int) -> str:
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_digit(first17)


@given(regions, births, sequences)
def test_every_generated_number_validates(region: str, birth: date, sequence: int) -> None:
    number = make(region, birth, sequence)
    assert validate(number) == number
    assert validate(number.lower()) == number
    assert idnumber.birth_date(number) == birth


@given(regions, births, sequences, st.integers(min_value=0, max_value=17), st.integers(min_value=1, max_value=10))
def test_changing_any_one_character_makes_it_invalid(region: str, birth: date, sequence: int,
                                                     position: int, shift: int) -> None:
    number = make(region, birth, sequence)
    alphabet = "0123456789X" if position == 17 else "0123456789"
    old = alphabet.index(number[position])
    new = alphabet[(old + shift) % len(alphabet)]
    if new == number[position]:  # shift of a full turn on the 10-digit alphabet
        new = alphabet[(old + 1) % len(alphabet)]
    changed = number[:position] + new + number[position + 1:]
    assert changed != number
    assert not is_valid(changed)
