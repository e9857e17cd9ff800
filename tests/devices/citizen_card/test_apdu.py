"""SSSE APDUs and reply parsing, byte for byte against shared/reference/device-protocols.md section 2."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.citizen_card import apdu
from kiosk.devices.citizen_card.protocol import CitizenCardData
from kiosk.devices.citizen_card.vpcd_card import SsseCard, records_of

WANG = CitizenCardData(card_number="D10034567", ssn="320582196203152412", name="王小明")


def hx(text: str) -> bytes:
    return bytes.fromhex(text)


class Card:
    """An in-memory SSSE card (the virtual card's answer logic) recording what it was sent."""

    def __init__(self, records: dict[int, bytes] | None = None) -> None:
        self.model = SsseCard(records_of(WANG) if records is None else records)
        self.sent: list[bytes] = []

    def __call__(self, command: bytes) -> bytes:
        self.sent.append(command)
        return self.model.answer(command)


# -- the documented commands -----------------------------------------------------------------
@pytest.mark.parametrize(("command", "raw"), [
    (apdu.select_ssse(), "00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF"),
    (apdu.select_ef(apdu.EF05), "00 A4 02 00 02 EF 05"),
    (apdu.select_ef(apdu.EF06), "00 A4 02 00 02 EF 06"),
    (apdu.read_record(apdu.TAG_CARD_NUMBER), "00 B2 07 00 0B"),
    (apdu.read_record(apdu.TAG_SSN), "00 B2 08 00 14"),
    (apdu.read_record(apdu.TAG_NAME), "00 B2 09 00 20"),
    (apdu.get_response(0x20), "00 C0 00 00 20"),
    (apdu.get_response(0), "00 C0 00 00 00"),
])
def test_commands_match_the_reference(command, raw):
    assert command.encode() == hx(raw)
    assert apdu.parse_command(hx(raw)) == command


def test_the_ssse_aid_is_sx1_sh_and_shehuibaozhang_in_gbk():
    assert apdu.SSSE_AID == b"sx1.sh." + hx("C9 E7 BB E1 B1 A3 D5 CF") and len(apdu.SSSE_AID) == 15


@pytest.mark.parametrize("raw", ["", "00 A4 04", "00 A4 04 00 05 01 02", "00 A4 04 00 00 01"])
def test_malformed_commands_are_refused(raw):
    with pytest.raises(apdu.ApduError):
        apdu.parse_command(hx(raw))


# -- replies ---------------------------------------------------------------------------------
def test_a_reply_splits_into_data_and_status_word():
    reply = apdu.parse_response(hx("07 09 44 31 30 30 33 34 35 36 37 90 00"))

    assert reply.sw == 0x9000 and apdu.parse_tlv(reply.data, 0x07) == b"D10034567"


@pytest.mark.parametrize("raw", ["", "90", "12 34", "60 00", "00 00", "FF FF", "07 09 41 42 00 00"])
def test_replies_without_a_valid_status_word_raise(raw):
    with pytest.raises(apdu.ApduError):
        apdu.parse_response(hx(raw))


@pytest.mark.parametrize(("sw", "words"), [
    (0x6A82, "读取失败"), (0x6982, "拒绝读取"), (0x6983, "锁定"), (0x6F00, "读取失败"),
])
def test_status_words_get_chinese_messages(sw, words):
    with pytest.raises(apdu.ApduError) as info:
        apdu.expect_ok(apdu.Response(b"", sw >> 8, sw & 0xFF), "READ RECORD")
    assert words in info.value.message and f"{sw:04X}" in info.value.detail and info.value.sw == sw


@pytest.mark.parametrize(("data", "reason"), [
    ("", "shorter"), ("07", "shorter"), ("08 09 41", "tag 08"), ("07 09 41 42", "truncated"),
    ("07 81 01 41", "short length"), ("07 01 41 42", "unexpected bytes"),
])
def test_bad_tlv_records_raise_with_an_english_detail(data, reason):
    with pytest.raises(apdu.ApduError, match=reason):
        apdu.parse_tlv(hx(data), 0x07)


def test_padding_after_the_item_is_tolerated():
    assert apdu.parse_tlv(hx("07 01 41 00 00 FF"), 0x07) == b"A"


# -- data items ------------------------------------------------------------------------------
def test_an_items_are_00_padded_ascii():
    assert apdu.encode_an("D10034567", 12) == b"D10034567\x00\x00\x00"
    assert apdu.decode_an(b"D10034567\x00\x00\x00") == "D10034567"
    with pytest.raises(apdu.ApduError, match="printable"):
        apdu.decode_an(b"D1\x01")


def test_cn_items_are_f_padded_bcd():
    assert apdu.encode_cn("32059", 3) == hx("32 05 9F")
    assert apdu.decode_cn(hx("32 05 9F")) == "32059"
    assert apdu.decode_cn(hx("FF FF")) == ""
    for bad in ("3A 05", "3F 05", "F1"):
        with pytest.raises(apdu.ApduError, match="BCD"):
            apdu.decode_cn(hx(bad))


def test_names_are_gbk_with_00_padding():
    raw = apdu.encode_name("王小明")

    assert len(raw) == 30 and raw[:6] == hx("CD F5 D0 A1 C3 F7") and raw[6:] == bytes(24)
    assert apdu.decode_name(raw) == "王小明"
    assert apdu.decode_name("欧阳娜娜 ".encode("gbk")) == "欧阳娜娜"
    for bad in (hx("CD"), bytes(30), b"\x01\x02"):
        with pytest.raises(apdu.ApduError):
            apdu.decode_name(bad)


def test_a_name_too_long_for_the_card_cannot_be_built():
    with pytest.raises(ValueError, match="30 bytes"):
        apdu.encode_name("王" * 16)


# -- the whole read over an in-memory card -----------------------------------------------------
def test_read_card_sends_exactly_the_documented_sequence():
    card = Card()

    assert apdu.read_card(card) == WANG
    assert card.sent == [hx("00 A4 04 00 0F") + apdu.SSSE_AID, hx("00 A4 02 00 02 EF 05"), hx("00 B2 07 00 0B"),
                         hx("00 A4 02 00 02 EF 06"), hx("00 B2 08 00 14"), hx("00 B2 09 00 20")]


def test_61xx_is_followed_with_get_response_in_chunks():
    card = Card()
    card.model.t0_chunk = 7

    assert apdu.read_card(card) == WANG
    assert hx("00 C0 00 00 20") in card.sent  # the name: 32 bytes announced as 61 20
    assert hx("00 C0 00 00 19") in card.sent  # then the rest after a 7-byte chunk


def test_6cxx_is_followed_by_the_same_command_with_the_right_le():
    card = Card({**records_of(WANG), apdu.TAG_NAME: apdu.encode_tlv(apdu.TAG_NAME, "王小明".encode("gbk"))})

    assert apdu.read_card(card) == WANG
    assert card.sent[-2:] == [hx("00 B2 09 00 20"), hx("00 B2 09 00 08")]


def test_a_card_that_keeps_asking_for_another_le_is_an_error():
    replies = iter([hx("6C 10"), hx("6C 12")])

    with pytest.raises(apdu.ApduError, match="asked for Le"):
        apdu.exchange(lambda _c: next(replies), apdu.read_record(apdu.TAG_NAME))


def test_endless_61xx_is_an_error():
    with pytest.raises(apdu.ApduError, match="GET RESPONSE rounds"):
        apdu.exchange(lambda _c: hx("00 61 01"), apdu.select_ssse())


def test_a_card_without_the_ssse_application_says_so():
    card = Card()
    card.model.refusals[(apdu.INS_SELECT, 0x04)] = 0x6A82

    with pytest.raises(apdu.ApduError) as info:
        apdu.read_card(card)
    assert "不是社会保障卡" in info.value.message and "6A82" in info.value.detail


@pytest.mark.parametrize(("tag", "record", "reason"), [
    (apdu.TAG_CARD_NUMBER, apdu.encode_tlv(0x07, b"D1003"), "card number"),
    (apdu.TAG_SSN, apdu.encode_tlv(0x08, b"32058219620315241Y"), "social-security number"),
    (apdu.TAG_SSN, apdu.encode_tlv(0x07, b"320582196203152412"), "tag 07"),
    (apdu.TAG_NAME, hx("09 1E CD F5"), "truncated"),
    (apdu.TAG_NAME, apdu.encode_tlv(0x09, b"\xcd" * 31), "at most 30"),
])
def test_bad_items_raise_the_one_error(tag, record, reason):
    with pytest.raises(apdu.ApduError, match=reason):
        apdu.read_card(Card({**records_of(WANG), tag: record}))


def test_a_lower_case_x_check_character_is_read_as_x():
    card = Card({**records_of(WANG), apdu.TAG_SSN: apdu.encode_tlv(0x08, b"32058219620315241x")})

    assert apdu.read_card(card).ssn == "32058219620315241X"


def test_verify_can_never_be_sent():
    sent: list[bytes] = []
    with pytest.raises(apdu.ApduError, match="VERIFY"):
        apdu.exchange(lambda c: sent.append(c) or hx("90 00"), apdu.Command(0x00, apdu.INS_VERIFY, 0, 0, hx("12 34 56")))
    assert sent == []


# -- fuzzing: nothing but ApduError escapes ----------------------------------------------------
@given(st.binary(max_size=80))
def test_random_replies_raise_only_apdu_error(raw):
    for parse in (apdu.parse_response, lambda r: apdu.parse_tlv(r, 0x09), apdu.decode_an, apdu.decode_cn,
                  apdu.decode_name, apdu.parse_command):
        try:
            parse(raw)
        except apdu.ApduError:
            pass


@given(st.lists(st.binary(max_size=40), min_size=1, max_size=12))
def test_read_card_over_random_replies_raises_only_apdu_error(replies):
    answers = iter(replies)

    def transmit(command: bytes) -> bytes:
        assert command[1] != apdu.INS_VERIFY
        return next(answers, hx("6F 00"))

    try:
        assert isinstance(apdu.read_card(transmit), CitizenCardData)
    except apdu.ApduError as exc:
        assert exc.detail and exc.message


def _good_replies() -> list[bytes]:
    card = Card()
    return [card.model.answer(c.encode()) for c in (
        apdu.select_ssse(), apdu.select_ef(apdu.EF05), apdu.read_record(apdu.TAG_CARD_NUMBER),
        apdu.select_ef(apdu.EF06), apdu.read_record(apdu.TAG_SSN), apdu.read_record(apdu.TAG_NAME))]


GOOD = _good_replies()


@given(st.integers(0, len(GOOD) - 1), st.data())
def test_a_truncated_or_flipped_reply_raises_only_apdu_error(index, data):
    reply = GOOD[index]
    cut = data.draw(st.integers(0, len(reply)))
    flip = data.draw(st.integers(-1, len(reply) - 1))
    spoiled = bytearray(reply[:cut] if cut < len(reply) else reply)
    if 0 <= flip < len(spoiled):
        spoiled[flip] ^= data.draw(st.integers(1, 255))
    replies = iter([*GOOD[:index], bytes(spoiled), *GOOD[index + 1:]])

    try:
        result = apdu.read_card(lambda _c: next(replies, hx("6F 00")))
    except apdu.ApduError:
        return
    assert isinstance(result, CitizenCardData)  # a flip that kept the reply well-formed


def test_the_good_replies_read_the_card():
    replies = iter(GOOD)
    assert apdu.read_card(lambda _c: next(replies)) == WANG
