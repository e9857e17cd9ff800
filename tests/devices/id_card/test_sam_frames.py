"""SAM frames and the GA/T 490 text block, byte for byte against shared/reference/device-protocols.md."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.id_card import sam_frames as sam
from kiosk.devices.id_card.protocol import IdCardData
from kiosk.demo.personas import PERSONAS
from kiosk.ui.demo_cards import id_card_of

WANG = IdCardData(name="王小明", sex="1", nation="01", birth_date=date(1962, 3, 15),
                  address="江苏省苏州工业园区星湖街328号", id_number="320582196203152412",
                  issuer="苏州市公安局工业园区分局", valid_from=date(2015, 6, 1), valid_to=None)
LI = WANG.model_copy(update={"name": "李娜", "sex": "2", "nation": "03", "birth_date": date(1982, 11, 8),
                             "id_number": "320506198211083624", "valid_to": date(2035, 6, 1)})


def hx(text: str) -> bytes:
    return bytes.fromhex(text)


def read_reply(card: IdCardData = WANG) -> bytes:
    return sam.encode_reply(sam.SW3_OK, sam.build_read_data(sam.build_text_block(card), bytes(sam.PHOTO_SIZE)))


FIND_OK = hx("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97")
FIND_FAILED = hx("AA AA AA 96 69 00 04 00 00 80 84")


# -- the documented frames -------------------------------------------------------------------
@pytest.mark.parametrize(("command", "frame"), [
    (sam.FIND_CARD, "AA AA AA 96 69 00 03 20 01 22"),
    (sam.SELECT_CARD, "AA AA AA 96 69 00 03 20 02 21"),
    (sam.READ_TEXT_PHOTO, "AA AA AA 96 69 00 03 30 01 32"),
    (sam.RESET_SAM, "AA AA AA 96 69 00 03 10 FF EC"),
    (sam.SAM_STATUS, "AA AA AA 96 69 00 03 11 FF ED"),
    (sam.READ_SAM_ID, "AA AA AA 96 69 00 03 12 FF EE"),
    ((0x30, 0x10), "AA AA AA 96 69 00 03 30 10 23"),
    ((0x30, 0x03), "AA AA AA 96 69 00 03 30 03 30"),
])
def test_command_frames_match_the_reference(command, frame):
    assert sam.encode_command(*command) == hx(frame)


def test_checksum_is_the_xor_of_length_and_body():
    assert sam.checksum(hx("00 03 20 01")) == 0x22


@pytest.mark.parametrize(("sw3", "data", "frame"), [
    (0x90, b"", "AA AA AA 96 69 00 04 00 00 90 94"),
    (0x60, b"", "AA AA AA 96 69 00 04 00 00 60 64"),
    (0x9F, bytes(4), "AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97"),
    (0x80, b"", "AA AA AA 96 69 00 04 00 00 80 84"),
    (0x90, bytes(8), "AA AA AA 96 69 00 0C 00 00 90" + " 00" * 8 + " 9C"),
    (0x81, b"", "AA AA AA 96 69 00 04 00 00 81 85"),
    (0x41, b"", "AA AA AA 96 69 00 04 00 00 41 45"),
])
def test_reply_frames_match_the_reference(sw3, data, frame):
    assert sam.encode_reply(sw3, data) == hx(frame)
    assert sam.FrameDecoder().feed(hx(frame)) == [sam.Reply(0, 0, sw3, data)]


def test_text_and_photo_reply_is_1295_bytes_with_the_documented_header():
    frame = read_reply()

    assert len(frame) == 1295
    assert frame[:14] == hx("AA AA AA 96 69 05 08 00 00 90 01 00 04 00")
    [reply] = sam.FrameDecoder().feed(frame)
    text, photo = sam.split_read_data(reply.data)
    assert sam.parse_text_block(text) == WANG and photo == bytes(sam.PHOTO_SIZE)


def test_requests_decode_on_the_reader_side():
    decoder = sam.FrameDecoder.for_requests()

    assert decoder.feed(sam.encode_command(*sam.FIND_CARD) + sam.encode_command(0x30, 0x01, b"\x05")) == [
        sam.Request(0x20, 0x01), sam.Request(0x30, 0x01, b"\x05")]


# -- the incremental decoder -----------------------------------------------------------------
@given(cuts=st.lists(st.integers(min_value=1, max_value=1294), max_size=40, unique=True))
def test_a_reply_split_anywhere_decodes_once(cuts):
    frame, decoder, out = read_reply(), sam.FrameDecoder(), []
    bounds = [0, *sorted(cuts), len(frame)]
    for a, b in zip(bounds, bounds[1:]):
        out += decoder.feed(frame[a:b])

    assert len(out) == 1 and isinstance(out[0], sam.Reply) and out[0].sw3 == sam.SW3_OK
    assert decoder.pending == 0


def test_one_byte_at_a_time():
    decoder = sam.FrameDecoder()
    out = [item for byte in FIND_OK for item in decoder.feed(bytes([byte]))]

    assert out == [sam.Reply(0, 0, 0x9F, bytes(4))]


def test_garbage_before_a_frame_is_reported_then_the_frame_decodes():
    out = sam.FrameDecoder().feed(hx("00 13 37 AA AA") + FIND_OK)

    assert isinstance(out[0], sam.SamFrameError) and out[0].kind == "noise"
    assert out[1:] == [sam.Reply(0, 0, 0x9F, bytes(4))]
    assert "干扰" in out[0].message


def test_half_a_preamble_at_a_chunk_end_is_kept():
    decoder = sam.FrameDecoder()

    assert decoder.feed(hx("AA AA")) == [] and decoder.pending == 2
    assert decoder.feed(FIND_OK[2:]) == [sam.Reply(0, 0, 0x9F, bytes(4))]


def test_two_frames_in_one_chunk():
    assert sam.FrameDecoder().feed(FIND_OK + FIND_FAILED) == [
        sam.Reply(0, 0, 0x9F, bytes(4)), sam.Reply(0, 0, 0x80, b"")]


def test_bad_checksum_is_one_error_and_the_next_good_frame_still_decodes():
    spoiled = FIND_OK[:-1] + bytes([FIND_OK[-1] ^ 0xFF])
    out = sam.FrameDecoder().feed(spoiled + FIND_FAILED)

    assert [type(x) for x in out] == [sam.SamFrameError, sam.Reply]
    assert out[0].kind == "checksum" and "校验" in out[0].message
    assert out[1] == sam.Reply(0, 0, 0x80, b"")


def test_a_torn_frame_followed_by_a_good_one_recovers_the_good_one():
    decoder = sam.FrameDecoder()

    # Its length field (0x0508) claims the good frame too; only the timeout (finish) settles it.
    assert decoder.feed(read_reply()[:600] + FIND_OK) == []
    out = decoder.finish()
    assert isinstance(out[0], sam.SamFrameError) and out[0].kind == "torn"
    assert out[-1] == sam.Reply(0, 0, 0x9F, bytes(4))
    assert all(isinstance(x, sam.SamFrameError) for x in out[:-1])


@pytest.mark.parametrize("length", [b"\x00\x00", b"\x00\x03", b"\xff\xff", (sam.MAX_LENGTH + 1).to_bytes(2, "big")])
def test_impossible_lengths_are_refused_and_the_decoder_moves_on(length):
    out = sam.FrameDecoder().feed(sam.PREAMBLE + length + b"\x01\x02" + FIND_FAILED)

    assert out[0].kind == "length"
    assert out[-1] == sam.Reply(0, 0, 0x80, b"")


def test_finish_reports_a_torn_frame_and_clears_it():
    decoder = sam.FrameDecoder()
    decoder.feed(FIND_OK[:8])

    [torn] = decoder.finish()
    assert torn.kind == "torn" and "不完整" in torn.message
    assert decoder.pending == 0 and decoder.finish() == []


@given(st.binary(max_size=3000), st.integers(min_value=1, max_value=64))
def test_random_bytes_never_raise(data, step):
    decoder = sam.FrameDecoder()
    for i in range(0, len(data), step):
        for item in decoder.feed(data[i:i + step]):
            assert isinstance(item, (sam.Reply, sam.SamFrameError))
    for item in decoder.finish():
        assert isinstance(item, (sam.Reply, sam.SamFrameError))
    assert decoder.pending == 0


@given(st.sampled_from([FIND_OK, FIND_FAILED, read_reply(), read_reply(LI)]), st.data())
def test_truncated_real_frames_never_raise_and_the_next_frame_decodes(frame, data):
    cut = data.draw(st.integers(min_value=0, max_value=len(frame) - 1))
    decoder = sam.FrameDecoder()

    out = decoder.feed(frame[:cut] + FIND_FAILED)
    if not out or not isinstance(out[-1], sam.Reply):  # the cut frame's length swallowed it
        out += decoder.finish()
    assert out[-1] == sam.Reply(0, 0, 0x80, b"")
    assert all(isinstance(x, sam.SamFrameError) for x in out[:-1])


@given(st.binary(max_size=40))
def test_reply_and_request_parsers_raise_only_their_own_error(body):
    for parse in (sam.parse_reply, sam.parse_request):
        try:
            parse(body)
        except sam.SamFrameError:
            pass


@given(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255), st.binary(max_size=300))
def test_any_reply_round_trips(sw1, sw2, sw3, data):
    assert sam.FrameDecoder().feed(sam.encode_reply(sw3, data, sw1, sw2)) == [sam.Reply(sw1, sw2, sw3, data)]


# -- the text block ----------------------------------------------------------------------------
def test_text_block_layout_is_ucs2_le_at_the_documented_offsets():
    block = sam.build_text_block(WANG)

    assert len(block) == 256
    assert block[:2] == hx("8B 73")  # 王 = U+738B
    assert block[6:30] == " ".encode("utf-16-le") * 12  # three characters, then space padding
    assert block[30:32] == "1".encode("utf-16-le")
    assert block[32:36] == "01".encode("utf-16-le")
    assert block[36:52] == "19620315".encode("utf-16-le")
    assert block[122:158] == "320582196203152412".encode("utf-16-le")
    assert block[188:204] == "20150601".encode("utf-16-le")
    assert block[204:220] == "长期".encode("utf-16-le") + " ".encode("utf-16-le") * 6
    assert block[220:] == " ".encode("utf-16-le") * 18


def test_text_block_round_trips_with_permanent_validity():
    card = sam.parse_text_block(sam.build_text_block(WANG))

    assert card == WANG
    assert card.valid_to is None and card.sex == "1" and card.nation == "01"


def test_text_block_round_trips_with_a_valid_to_date():
    assert sam.parse_text_block(sam.build_text_block(LI)) == LI


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.key)
def test_every_demo_persona_card_survives_the_wire(persona):
    card = id_card_of(persona)

    assert sam.parse_text_block(sam.build_text_block(card)) == card


def test_the_id_number_is_returned_as_the_card_states_it():
    odd = WANG.model_copy(update={"id_number": "320582196203152419"})  # wrong check digit

    assert sam.parse_text_block(sam.build_text_block(odd)).id_number == "320582196203152419"


def test_a_foreigners_permanent_residence_card_is_refused_with_a_clear_message():
    block = bytearray(sam.build_text_block(WANG))
    block[248:250] = "I".encode("utf-16-le")

    with pytest.raises(sam.SamFrameError, match="foreigner") as info:
        sam.parse_text_block(bytes(block))
    assert "外国人永久居留身份证" in info.value.message


@pytest.mark.parametrize(("offset", "text"), [
    (36, "19621315"),  # month 13
    (188, "2015-6-1"),
    (30, "男"),
    (32, "汉族"),
])
def test_malformed_fields_raise_a_format_error(offset, text):
    block = bytearray(sam.build_text_block(WANG))
    block[offset:offset + len(text) * 2] = text.encode("utf-16-le")

    with pytest.raises(sam.SamFrameError) as info:
        sam.parse_text_block(bytes(block))
    assert info.value.kind == "format" and "无法识别" in info.value.message


def test_wrong_size_block_is_refused():
    with pytest.raises(sam.SamFrameError):
        sam.parse_text_block(bytes(255))


def test_a_field_too_long_for_its_slot_cannot_be_built():
    with pytest.raises(ValueError, match="name"):
        sam.build_text_block(WANG.model_copy(update={"name": "王" * 16}))


@given(st.binary(min_size=256, max_size=256))
def test_random_text_blocks_raise_only_the_modules_error(block):
    try:
        sam.parse_text_block(block)
    except sam.SamFrameError:
        pass


def test_read_data_lengths_are_checked():
    with pytest.raises(sam.SamFrameError):
        sam.split_read_data(sam.build_read_data(bytes(255), bytes(1024)))
    with pytest.raises(sam.SamFrameError):
        sam.split_read_data(sam.build_read_data(bytes(256), bytes(1024))[:-1])


# -- SW3 messages ------------------------------------------------------------------------------
@pytest.mark.parametrize(("sw3", "words"), [
    (0x80, "未找到身份证"), (0x81, "选取失败"), (0x41, "读取失败"), (0x10, "校验"), (0x60, "自检失败"),
])
def test_sw3_codes_have_chinese_messages(sw3, words):
    assert words in sam.sw3_message(sw3)


def test_unknown_sw3_gets_a_generic_message_naming_the_code():
    assert "代码 23" in sam.sw3_message(0x23) and "代码 5A" in sam.sw3_message(0x5A)
