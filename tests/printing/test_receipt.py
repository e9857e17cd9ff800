"""The receipt a citizen takes away: what the ESC/POS job prints, in what order, and how."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.printing.document import DocLine, DocSection, DocTable, Document
from kiosk.printing.escpos_text import receipt_has_cut, receipt_qr_payloads, receipt_text
from kiosk.printing.receipt import CHINESE_MODE_OFF, CHINESE_MODE_ON, render_receipt, text_cells

SERIAL = "SIP20261120000123"
MASKED_ID = "3205**********1234"


def voucher(**changes: object) -> Document:
    fields: dict[str, object] = dict(
        kind="receipt", title="业务办结凭证", serial=SERIAL, issued_at=datetime(2026, 11, 20, 9, 30),
        holder_name="张三", holder_id_masked=MASKED_ID,
        sections=(
            DocSection(lines=(DocLine(label="业务名称", value="灵活就业人员参保登记", bold=True),
                              DocLine(label="办理结果", value="已办结"),
                              DocLine(label="生效年月", value="2026 年 12 月"))),
            DocSection(heading="缴费信息", table=DocTable(
                columns=("年月", "险种", "个人缴纳"),
                rows=(("2026-12", "养老保险", "359.52"), ("2026-12", "医疗保险", "89.88")))),
        ),
        footer=("自助终端：SIP-KIOSK-0007", "请妥善保管本凭证。"),
        qr_text=f"https://example.sipac.gov.cn/verify?serial={SERIAL}",
    )
    fields.update(changes)
    return Document(**fields)


def test_receipt_prints_title_holder_lines_footer_in_order():
    lines = receipt_text(render_receipt(voucher()))

    expected = ["业务办结凭证", f"业务流水号：{SERIAL}", "姓名：张三", f"证件号码：{MASKED_ID}",
                "业务名称：灵活就业人员参保登记", "办理结果：已办结", "生效年月：2026 年 12 月", "缴费信息",
                "自助终端：SIP-KIOSK-0007", "请妥善保管本凭证。", "苏州工业园区社会保险基金和公积金管理中心",
                "打印时间：2026-11-20 09:30"]
    positions = [lines.index(text) for text in expected]
    assert positions == sorted(positions)
    assert lines[0] == "业务办结凭证"


def test_chinese_goes_out_as_gb18030_inside_chinese_mode():
    data = render_receipt(voucher())

    assert "业务办结凭证".encode("gb18030") in data
    on, off = data.index(CHINESE_MODE_ON), data.index(CHINESE_MODE_OFF)
    text_bytes = [i for i, b in enumerate(data[:data.index(b"\x1d(k")]) if b >= 0x80]
    assert on < text_bytes[0] and text_bytes[-1] < off


def test_punctuation_without_hanzi_still_prints():
    # python-escpos' own encoder only switches to GB18030 for U+4E00–U+9FA5 and would print "?".
    lines = receipt_text(render_receipt(voucher(footer=("（）：《》——·",))))

    assert "（）：《》——·" in lines


def test_title_is_bold_and_double_height():
    data = render_receipt(voucher())
    title = data.index("业务办结凭证".encode("gb18030"))

    # GS ! (not ESC !) so the Chinese characters grow too; then back to normal for the rest.
    assert data.index(b"\x1d!\x01") < title < data.index(b"\x1d!\x00")
    assert data.index(b"\x1bE\x01") < title < data.index(b"\x1bE\x00")
    assert data.index(b"\x1ba\x01") < title < data.index(b"\x1ba\x00")


def test_ends_with_feed_and_partial_cut():
    data = render_receipt(voucher())

    assert receipt_has_cut(data)
    assert data.endswith(b"\x1bd\x06\x1dV\x01")


def test_qr_code_carries_qr_text():
    doc = voucher(qr_text="https://example.sipac.gov.cn/v?s=SIP1&名=张三")

    assert receipt_qr_payloads(render_receipt(doc)) == [doc.qr_text]


def test_no_qr_code_without_qr_text():
    data = render_receipt(voucher(qr_text=None))

    assert receipt_qr_payloads(data) == []
    assert b"\x1d(k" not in data


def test_table_columns_line_up_by_display_width():
    lines = receipt_text(render_receipt(voucher()))
    header = lines.index("年月     险种      个人缴纳")
    table = lines[header:header + 3]

    # "险种" starts in the same printer column on every row; amounts are right-aligned.
    starts = {text_cells(line[:line.index(kind)]) for line, kind in zip(table, ("险种", "养老", "医疗"))}
    assert len(starts) == 1
    assert {text_cells(line) for line in table} == {text_cells(table[0])}
    assert table[1].endswith("359.52") and table[2].endswith(" 89.88")


def test_table_too_wide_for_paper_prints_one_block_per_row():
    table = DocTable(columns=("年月", "险种", "缴费基数", "个人缴纳", "单位缴纳", "缴费单位"),
                     rows=(("2026-10", "养老保险", "4,494.00", "359.52", "719.04", "苏州工业园区星海数码科技有限公司"),))
    lines = receipt_text(render_receipt(voucher(sections=(DocSection(heading="缴费明细", table=table),))))

    start = lines.index("缴费明细") + 1
    assert lines[start:start + 6] == ["年月：2026-10", "险种：养老保险", "缴费基数：4,494.00", "个人缴纳：359.52",
                                      "单位缴纳：719.04", "缴费单位：苏州工业园区星海数码科技有限公司"]


@pytest.mark.parametrize("width", [48, 32])
def test_no_line_is_wider_than_the_paper(width):
    long_value = "请于每月 25 日前确保扣款账户余额充足，逾期未缴将影响待遇享受，详情请咨询 12333 热线。" * 2
    doc = voucher(sections=(DocSection(lines=(DocLine(label="温馨提示", value=long_value),)),),
                  title="苏州工业园区社会保险和住房公积金业务办结凭证（个人）")
    lines = receipt_text(render_receipt(doc, width_chars=width))

    assert max(text_cells(line) for line in lines) <= width
    assert "业务办结凭证（个人）" in "".join(lines)


def test_long_value_wraps_under_the_value():
    value = "已办结，自 2026 年 12 月起按月缴费，缴费基数 4,494.00 元，请于每月 25 日前确保扣款账户余额充足。"
    lines = receipt_text(render_receipt(voucher(sections=(DocSection(lines=(DocLine(label="办理结果", value=value),)),))))

    first = next(i for i, line in enumerate(lines) if line.startswith("办理结果："))
    continuation = []
    for line in lines[first + 1:]:
        if not line.startswith(" " * 10):
            break
        continuation.append(line)
    assert continuation
    assert (lines[first] + " ".join(c.strip() for c in continuation)).replace(" ", "") == \
        f"办理结果：{value}".replace(" ", "")


def test_control_characters_in_data_cannot_inject_commands():
    data = render_receipt(voucher(holder_name="张\x1b@三\n", qr_text=None))

    assert data.count(b"\x1b@") == 1  # only the initialise at the start
    assert "姓名：张 @三" in receipt_text(data)


def test_rejects_paper_narrower_than_a_receipt():
    with pytest.raises(ValueError, match="width_chars"):
        render_receipt(voucher(), width_chars=10)


@settings(deadline=None, max_examples=60)
@given(value=st.text(alphabet=st.sampled_from("参保缴费证明苏州园区ABCxyz0123456789（）：，。·"), min_size=1, max_size=120))
def test_any_label_value_round_trips_within_the_width(value):
    doc = voucher(sections=(DocSection(lines=(DocLine(label="备注", value=value),)),), qr_text=None)
    lines = receipt_text(render_receipt(doc))

    first = next(i for i, line in enumerate(lines) if line.startswith("备注："))
    rest = []
    for line in lines[first + 1:]:
        if not line.startswith("      "):
            break
        rest.append(line.strip())
    assert lines[first][len("备注："):] + "".join(rest) == value
    assert max(text_cells(line) for line in lines) <= 48
