"""The A4 report: a real PDF with the Chinese font inside, its text, its pages and its QR code."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.printing import fonts
from kiosk.printing.document import DocLine, DocSection, DocTable, Document
from kiosk.printing.report_pdf import render_report

SERIAL = "SIP20261120000456"
COLUMNS = ("年月", "险种", "缴费基数", "个人缴纳", "单位缴纳", "缴费单位")
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (Debian poppler-utils) is not installed")


def certificate(rows: int = 24, **changes: object) -> Document:
    table = DocTable(columns=COLUMNS, rows=tuple(
        (f"{2024 + (10 + i) // 12}-{(10 + i) % 12 + 1:02d}", "养老保险", "6,520.00", "521.60", "1,043.20",
         f"苏州工业园区星海数码科技有限公司 R{i:03d}") for i in range(rows)))
    fields: dict[str, object] = dict(
        kind="report", title="参保证明", serial=SERIAL, issued_at=datetime(2026, 11, 20, 10, 5),
        holder_name="张三", holder_id_masked="3205**********1234",
        sections=(
            DocSection(heading="参保情况", lines=(
                DocLine(value="兹证明 张三（证件号码 3205**********1234）在苏州工业园区参加以下险种："),
                DocLine(label="养老保险", value="正常参保；2015-03 起参保；累计缴费 140 个月"),
                DocLine(label="合计", value="正常缴费", bold=True))),
            DocSection(heading="缴费明细", table=table),
        ),
        footer=("本证明由苏州工业园区 24 小时自助服务终端出具，凭业务流水号可到中心柜面核验。",),
        qr_text=f"https://example.sipac.gov.cn/verify?serial={SERIAL}",
    )
    fields.update(changes)
    return Document(**fields)


def pdf_text(pdf: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def squeeze(text: str) -> str:
    """Text without whitespace: pdftotext drops or adds spaces around CJK as glyph gaps suggest."""
    return re.sub(r"\s+", "", text)


def pages_of(text: str) -> list[str]:
    return [page for page in text.split("\f") if page.strip()]


def test_is_a_pdf_with_the_chinese_font_embedded():
    pdf = render_report(certificate())

    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert fonts.embedded_font_name().encode() in pdf
    assert b"/FontFile2" in pdf  # the TrueType program itself, not just a reference to it


@needs_pdftotext
def test_text_shows_the_title_holder_lines_and_footer(tmp_path):
    text = pdf_text(render_report(certificate(rows=3)), tmp_path)

    for expected in ["苏州工业园区社会保险基金和公积金管理中心", "参保证明", f"业务流水号：{SERIAL}",
                     "出具日期：2026年11月20日", "姓名：张三", "证件号码：3205**********1234", "参保情况",
                     "兹证明 张三（证件号码 3205**********1234）在苏州工业园区参加以下险种：",
                     "养老保险：正常参保；2015-03 起参保；累计缴费 140 个月", "合计：正常缴费", "缴费明细",
                     "缴费单位", "1,043.20",
                     "本证明由苏州工业园区 24 小时自助服务终端出具，凭业务流水号可到中心柜面核验。"]:
        assert expected in text
    assert "第1页共1页" in squeeze(text)


@needs_pdftotext
def test_long_table_runs_over_pages_with_its_header_on_each(tmp_path):
    text = pdf_text(render_report(certificate(rows=200)), tmp_path)
    pages = pages_of(text)

    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "缴费单位" in page and "个人缴纳" in page
        assert f"第{number}页共{len(pages)}页" in squeeze(page)
    # Every row printed exactly once: none lost or doubled at a page break.
    assert all(text.count(f"R{i:03d}") == 1 for i in range(200))


@needs_pdftotext
def test_markup_characters_in_data_print_as_text(tmp_path):
    doc = certificate(rows=1, footer=("A&B <注> 5>3",))

    assert "A&B <注> 5>3" in pdf_text(render_report(doc), tmp_path)


@needs_pdftotext
def test_page_one_keeps_the_seal_square_free(tmp_path):
    # The seal goes in the right-hand 40 mm of the content, below the title (see SealSpace).
    pt_per_mm = 72 / 25.4
    x, width = (210 - 20 - 42) * pt_per_mm, 40 * pt_per_mm
    y, height = 40 * pt_per_mm, 40 * pt_per_mm
    box = pdf_text(render_report(certificate(rows=3)), tmp_path, "-f", "1", "-l", "1",
                   "-x", str(int(x)), "-y", str(int(y)), "-W", str(int(width)), "-H", str(int(height)))

    assert box.strip() == ""


@pytest.mark.skipif(shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
                    reason="zbarimg (zbar-tools) or pdftoppm (poppler-utils) is not installed")
def test_qr_code_scans_back_to_qr_text(tmp_path):
    doc = certificate(rows=3)
    (tmp_path / "report.pdf").write_bytes(render_report(doc))
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(tmp_path / "report.pdf"), str(tmp_path / "page")],
                   check=True)
    scanned = subprocess.run(["zbarimg", "-q", "--raw", *map(str, sorted(tmp_path.glob("page*.png")))],
                             capture_output=True, text=True)

    assert scanned.stdout.split() == [doc.qr_text]


@needs_pdftotext
def test_without_qr_text_there_is_no_qr_code_and_the_text_is_the_same(tmp_path):
    with_qr, without = render_report(certificate(rows=3)), render_report(certificate(rows=3, qr_text=None))

    assert len(without) < len(with_qr)
    assert pdf_text(without, tmp_path) == pdf_text(with_qr, tmp_path)


def test_missing_font_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(fonts, "_registered", None)
    monkeypatch.setattr(fonts, "KNOWN_FONTS", (fonts.FontFile(Path("/nonexistent/wqy-microhei.ttc")),))
    monkeypatch.setattr(fonts, "fc_match", lambda family: None)

    with pytest.raises(fonts.FontMissingError, match="未找到中文字体.*fonts-wqy-microhei"):
        fonts.register_cjk_font()


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fc-match (fontconfig) is not installed")
def test_font_is_found_through_fontconfig_when_not_at_the_debian_path(monkeypatch):
    if not any(f.path.is_file() for f in fonts.KNOWN_FONTS):
        pytest.skip("no WenQuanYi font installed for fontconfig to find")
    monkeypatch.setattr(fonts, "KNOWN_FONTS", (fonts.FontFile(Path("/nonexistent/wqy-microhei.ttc")),))

    found = fonts.candidate_fonts()

    assert found and all("wqy" in f.path.name for f in found)
    assert fonts.fc_match("No Such Font Family") is None  # fontconfig's fallback font does not count
