"""The electronic seal on page 1 of every A4 report: red, round, 40 mm, at the top right."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from kiosk.printing import seal
from kiosk.printing.document import DocSection, DocTable, Document
from kiosk.printing.report_pdf import render_report

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
                                reason="pdftoppm / pdftotext (Debian poppler-utils) is not installed")

DPI = 100
PX_PER_MM = DPI / 25.4


def report(rows: int = 3) -> Document:
    table = DocTable(columns=("年月", "险种", "个人缴纳"),
                     rows=tuple((f"2025-{i % 12 + 1:02d}", "养老保险", "521.60") for i in range(rows)))
    return Document(kind="report", title="参保证明", serial="YW2026031000100001",
                    issued_at=datetime(2026, 3, 10, 10, 0), holder_name="张三",
                    holder_id_masked="3205**********1234", sections=(DocSection(heading="缴费明细", table=table),))


def pages(doc: Document, tmp_path: Path) -> list[Image.Image]:
    (tmp_path / "r.pdf").write_bytes(render_report(doc))
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(tmp_path / "r.pdf"), str(tmp_path / "p")], check=True)
    return [Image.open(p).convert("RGB") for p in sorted(tmp_path.glob("p-*.png"))]


def red_pixels(image: Image.Image) -> list[tuple[int, int]]:
    """Where the seal's red is: strong red, little green and blue (the text is grey or black)."""
    width, height = image.size
    data = image.load()
    return [(x, y) for y in range(height) for x in range(width)
            if (lambda r, g, b: r > 170 and g < 120 and b < 120)(*data[x, y])]


def test_page_one_carries_a_40mm_round_red_seal_at_the_top_right(tmp_path: Path) -> None:
    [page] = pages(report(), tmp_path)
    red = red_pixels(page)

    xs, ys = [x for x, _ in red], [y for _, y in red]
    left, right, top, bottom = min(xs) / PX_PER_MM, max(xs) / PX_PER_MM, min(ys) / PX_PER_MM, max(ys) / PX_PER_MM
    # All of it in the right-hand 40 mm of the content (210 mm page, 20 mm margin + 6 pt padding).
    assert 145 < left and right < 188
    assert 35 < top and bottom < 95
    assert right - left == pytest.approx(40, abs=1.5)  # round: as wide as it is tall, 40 mm
    assert bottom - top == pytest.approx(40, abs=1.5)
    # Substantial: ring, star and characters cover a good part of the disc (~1,250 mm² at 40 mm).
    assert len(red) / PX_PER_MM ** 2 > 250
    centre = ((left + right) / 2 * PX_PER_MM, (top + bottom) / 2 * PX_PER_MM)
    assert page.getpixel((round(centre[0]), round(centre[1])))[0] > 170  # the star sits in the middle


def test_the_seal_is_only_on_page_one(tmp_path: Path) -> None:
    first, *others = pages(report(rows=120), tmp_path)

    assert others
    assert len(red_pixels(first)) > 1000
    assert all(red_pixels(page) == [] for page in others)


def test_the_seal_characters_are_drawn_not_text(tmp_path: Path) -> None:
    # A seal is a picture: copying the report's text must not pick up its rotated characters.
    (tmp_path / "r.pdf").write_bytes(render_report(report()))
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout

    assert seal.PURPOSE not in text and seal.MARK not in text
    assert text.count(seal.ISSUER) == 1  # the heading above the title, not the seal's arc


def test_characters_fall_back_to_text_when_the_font_outlines_cannot_be_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    def unreadable(char: str) -> None:
        raise KeyError(char)

    monkeypatch.setattr(seal, "_outline", unreadable)
    seal._warn_once.cache_clear()
    [page] = pages(report(), tmp_path)

    assert len(red_pixels(page)) / PX_PER_MM ** 2 > 250
    assert "seal characters drawn as text" in caplog.text
    seal._warn_once.cache_clear()
