"""Typed text before it is stored and sealed on a document: folded, refused with a reason, never cut."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.services.spec import FieldSpec
from kiosk.services.validation import validate_fields

from .conftest import Kiosk

ADDRESS = FieldSpec(key="address", kind="text", label="居住地址", max_length=60)
MOBILE = FieldSpec(key="mobile", kind="mobile", label="手机号码")
ACCOUNT = FieldSpec(key="account", kind="digits", label="原住房公积金账号", max_length=20)


def _check(spec: FieldSpec, value: str) -> tuple[dict, dict]:
    return validate_fields([(spec, ())], {spec.key: value}, ctx=None)  # type: ignore[arg-type]


@pytest.mark.parametrize(("hostile", "position", "what"), [
    ("苏州\x00市", 3, "换行符或控制字符"),
    ("苏州\x1b[2J市", 3, "换行符或控制字符"),
    ("苏州市\r\n收款人：某某", 4, "换行符或控制字符"),
    ("苏州\u202e号001路民人", 3, "看不见的排版字符（如改变文字方向的符号）"),
    ("苏州\u2066市\u2069", 3, "看不见的排版字符（如改变文字方向的符号）"),
    ("苏州\u200b市", 3, "看不见的排版字符（如改变文字方向的符号）"),
    ("苏州\u2028市", 3, "换行符"),
    ("苏州\ue000市", 3, "无法打印的字符"),
])
def test_control_and_direction_characters_are_refused_with_where_and_what(hostile: str, position: int,
                                                                          what: str) -> None:
    clean, errors = _check(ADDRESS, hostile)
    assert clean == {}
    assert errors == {"address": f"居住地址第 {position} 个字是{what}，不能打印在凭证上，请删除后重新输入"}


def test_full_width_letters_and_digits_are_folded_and_chinese_punctuation_kept() -> None:
    clean, errors = _check(ADDRESS, "　人民路１００号（Ａ座）　")
    assert errors == {}
    assert clean["address"] == "人民路100号（A座）"


def test_composed_and_decomposed_spellings_are_stored_alike() -> None:
    composed, _ = _check(ADDRESS, "Café 路 1 号")
    decomposed, _ = _check(ADDRESS, "Cafe\u0301 路 1 号")
    assert composed == decomposed


def test_too_long_text_is_refused_with_both_counts_never_cut() -> None:
    clean, errors = _check(ADDRESS, "姑" * 10_000)
    assert clean == {}
    assert errors == {"address": "居住地址最多 60 个字，现在是 10000 个字，请删减"}


@pytest.mark.parametrize(("typed", "stored"), [("１３９１２３４５６０３", "13912345603"),
                                               ("139 1234 5603", "13912345603")])
def test_full_width_digits_in_a_mobile_number_count(typed: str, stored: str) -> None:
    assert _check(MOBILE, typed) == ({"mobile": stored}, {})


@pytest.mark.parametrize("typed", ["١٣٩١٢٣٤٥٦٠٣", "139123456０３²", "13912345６0²", "1391234560³"])
def test_digits_other_than_ascii_are_refused(typed: str) -> None:
    assert _check(MOBILE, typed)[1] == {"mobile": "手机号码应为 11 位数字，以 1 开头"}
    assert _check(ACCOUNT, typed)[1] == {"account": "原住房公积金账号只能是数字"}


_REFUSED = st.characters(categories=("Cc", "Cf", "Co", "Zl", "Zp"))


@given(st.text(max_size=20), _REFUSED, st.text(max_size=20))
def test_no_refused_character_ever_reaches_a_stored_answer(before: str, bad: str, after: str) -> None:
    clean, errors = _check(ADDRESS, f"人民路{before}{bad}{after}1号")
    assert clean == {} and "不能打印在凭证上" in errors["address"]


@given(st.text(min_size=1, max_size=80))
def test_a_stored_answer_is_short_enough_and_printable(text: str) -> None:
    clean, errors = _check(ADDRESS, text)
    if clean:
        stored = clean["address"]
        assert len(stored) <= 60
        assert not any(unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp") for c in stored)
        assert stored == stored.strip()
    else:
        assert errors["address"]


def test_a_hostile_address_never_reaches_the_wizard_answers(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("remote_medical_register", "enterprise_employee")
    kiosk.walk(wizard, until="address")
    errors = wizard.next({"address": "姑苏区人民路 100 号\x1b\r\n\u202e"})
    assert "不能打印在凭证上" in errors["address"]
    assert "address" not in wizard.answers
