"""Reading an ESC/POS job back: the text it prints, whether it cuts, the QR codes it stores."""

from __future__ import annotations

from datetime import datetime

from escpos.printer import Dummy
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.printing.document import DocLine, DocSection, DocTable, Document
from kiosk.printing.escpos_text import receipt_has_cut, receipt_qr_payloads, receipt_text
from kiosk.printing.receipt import render_receipt

ESC, GS, FS, DLE = b"\x1b", b"\x1d", b"\x1c", b"\x10"


def gb(text: str) -> bytes:
    return text.encode("gb18030")


def real_receipt() -> bytes:
    return render_receipt(Document(
        kind="receipt", title="业务办结凭证", serial="SIP20261120000123", issued_at=datetime(2026, 11, 20, 9, 30),
        holder_name="张三", holder_id_masked="3205**********1234",
        sections=(DocSection(heading="办理结果", lines=(DocLine(label="业务名称", value="公积金提取"),),
                             table=DocTable(columns=("项目", "金额"), rows=(("提取金额", "12,000.00"),))),),
        footer=("请妥善保管本凭证。",), qr_text="https://example.sipac.gov.cn/v?s=SIP20261120000123"))


def test_text_between_commands_is_read_as_gb18030_lines():
    data = (ESC + b"@" + FS + b"&" + ESC + b"E\x01" + gb("参保证明") + ESC + b"E\x00" + b"\n"
            + GS + b"!\x01" + gb("姓名：张三") + b"\n" + FS + b".")

    assert receipt_text(data) == ["参保证明", "姓名：张三"]


def test_command_parameters_never_leak_into_the_text():
    raster = GS + b"v0\x00" + b"\x02\x00" + b"\x02\x00" + b"\x0aA\x1bB"  # 2 bytes × 2 rows of image data
    column = ESC + b"*\x21" + b"\x02\x00" + b"\x0a\x41\x42" * 2  # 24-dot mode: 3 bytes per column
    graphics = GS + b"(L" + b"\x04\x00" + b"0p\x0aZ"
    barcode_a = GS + b"k\x04" + b"SIP123\x00"
    barcode_b = GS + b"kI" + b"\x05" + b"{BA\nC"
    tabs = ESC + b"D\x08\x10\x00"
    status = DLE + b"\x04\x01" + DLE + b"\x14\x08\x01\x03\x14\x01\x06\x02\x08"
    cut = GS + b"VB\x0a"  # feed-and-cut: the 0x0a is a feed amount, not a line feed
    data = (b"A" + raster + b"B" + column + b"C" + graphics + b"D" + barcode_a + b"E" + barcode_b
            + b"F" + tabs + b"G" + status + b"H\n" + cut)

    assert receipt_text(data) == ["ABCDEFGH"]


def test_controls_tabs_and_feeds():
    data = b"a\tb\r\n\n  indented   \n" + ESC + b"d\x03" + b"fed" + ESC + b"J\x10" + b"tail"

    assert receipt_text(data) == ["a b", "", "  indented", "fed", "tail"]


def test_unknown_commands_are_skipped():
    data = b"A" + ESC + b"~" + b"B" + GS + b"\xff" + b"C" + ESC + b"\nD" + FS + b"Z" + b"E\n"

    assert receipt_text(data) == ["ABC", "DE"]


def test_truncated_command_at_the_end_is_dropped():
    assert receipt_text(b"ok\n" + GS + b"(k\xff\xff1P0abc") == ["ok"]


def test_cut_is_found_in_every_form():
    assert not receipt_has_cut(b"text\n" + ESC + b"d\x06")
    assert receipt_has_cut(GS + b"V\x00")
    assert receipt_has_cut(GS + b"V\x01")
    assert receipt_has_cut(GS + b"VA\x03")
    assert receipt_has_cut(ESC + b"i")


def test_cut_bytes_inside_image_data_are_not_a_cut():
    assert not receipt_has_cut(GS + b"v0\x00\x03\x00\x01\x00" + GS + b"V\x00")


def test_qr_payloads_round_trip_through_python_escpos():
    printer = Dummy()
    printer.qr("https://example.sipac.gov.cn/v?s=SIP1", native=True)
    printer.qr("张三 参保证明", native=True)

    assert receipt_qr_payloads(printer.output) == ["https://example.sipac.gov.cn/v?s=SIP1", "张三 参保证明"]


def test_truncated_qr_store_is_not_reported():
    printer = Dummy()
    printer.qr("https://example.sipac.gov.cn/v?s=SIP1", native=True)
    data = printer.output
    cut_inside_store = data.index(b"1P0") + 10

    assert receipt_qr_payloads(data[:cut_inside_store]) == []


def test_a_real_receipt_reads_back():
    data = real_receipt()
    lines = receipt_text(data)

    assert lines[0] == "业务办结凭证"
    assert "业务名称：公积金提取" in lines
    assert receipt_has_cut(data)
    assert receipt_qr_payloads(data) == ["https://example.sipac.gov.cn/v?s=SIP20261120000123"]


@settings(max_examples=400)
@given(st.binary(max_size=600))
def test_garbage_never_raises(data):
    lines = receipt_text(data)

    assert all(isinstance(line, str) and "\n" not in line for line in lines)
    assert isinstance(receipt_has_cut(data), bool)
    assert all(isinstance(p, str) for p in receipt_qr_payloads(data))


@settings(max_examples=400)
@given(st.lists(st.sampled_from([ESC, GS, FS, DLE, b"(", b"k", b"v0", b"*", b"\xff\xff", b"\x00", b"\n",
                                 gb("张"), b"A", b"&", b"V"]), max_size=80))
def test_command_soup_never_raises(parts):
    data = b"".join(parts)

    receipt_text(data)
    receipt_has_cut(data)
    receipt_qr_payloads(data)


@settings(deadline=None)
@given(st.data())
def test_truncated_receipt_prints_a_prefix_of_the_full_one(draw):
    full = real_receipt()
    cut = draw.draw(st.integers(0, len(full)))
    whole, part = receipt_text(full), receipt_text(full[:cut])

    # Every finished line matches; the last one may be cut short (even mid-character).
    if part:
        assert part[:-1] == whole[:len(part) - 1]
        assert whole[len(part) - 1].startswith(part[-1])
