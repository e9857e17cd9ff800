"""Render a `Document` as an A4 PDF (certificates, contribution details) with reportlab platypus.

The Chinese font is embedded (see `kiosk.printing.fonts`), so the PDF prints the same on any
printer or viewer. Page 1 carries the centre's electronic seal in a square at the top right.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from io import BytesIO
from xml.sax.saxutils import escape

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from kiosk.printing.document import DocLine, Document, DocSection, DocTable
from kiosk.printing.fonts import register_cjk_font
from kiosk.printing.seal import ISSUER, draw_seal

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_PADDING = 6  # points: reportlab's default inner padding of a page frame
CONTENT_WIDTH = PAGE_WIDTH - 2 * (MARGIN_X + FRAME_PADDING)
SEAL_SIZE = 40 * mm  # an official round seal is 40–42 mm across
QR_SIZE = 28 * mm
HEADING_ROOM = 35 * mm  # a heading plus two or three lines or table rows
CELL_PADDING = 4  # points, each side of a table cell

_GREY = colors.HexColor("#555555")
_RULE = colors.HexColor("#999999")
_HEADER_FILL = colors.HexColor("#E6E6E6")
_render_lock = threading.Lock()
_NUMERIC = re.compile(r"^[-+]?[¥￥]?[\d,]*\.?\d+%?$")  # amounts, counts; not "2026-04"


class SealSpace(Flowable):
    """The square at the top right of page 1 that holds the centre's electronic seal.

    `drawn_at` records where it landed (page, x, y in points from the bottom-left corner).
    """

    def __init__(self, size: float, issuer: str = ISSUER) -> None:
        super().__init__()
        self.width = self.height = size
        self.issuer = issuer
        self.drawn_at: tuple[int, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self.drawn_at = (self.canv.getPageNumber(), x, y)
        draw_seal(self.canv, self.width / 2, self.height / 2, self.width, self.issuer)


class _Styles:
    """Paragraph styles of a report, all in the embedded Chinese font."""

    def __init__(self, font: str) -> None:
        def style(name: str, size: float, leading: float, **kw: object) -> ParagraphStyle:
            # wordWrap="CJK" lets lines break between any two Chinese characters.
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw)

        self.font = font
        self.issuer = style("issuer", 11, 16, alignment=TA_CENTER, textColor=_GREY)
        self.title = style("title", 22, 30, alignment=TA_CENTER, spaceBefore=6, spaceAfter=10)
        self.meta = style("meta", 10.5, 18)
        self.heading = style("heading", 13, 20, spaceBefore=12, spaceAfter=2)
        self.body = style("body", 10.5, 18)
        self.strong = style("strong", 12, 19)
        self.cell = style("cell", 9, 12)
        self.cell_right = style("cellRight", 9, 12, alignment=TA_RIGHT)
        self.cell_head = style("cellHead", 9, 12, alignment=TA_CENTER)
        self.footer = style("footer", 9.5, 15, textColor=_GREY, spaceBefore=2)


def render_report(doc: Document) -> bytes:
    """Renders `doc` as an A4 PDF.

    Layout: issuer, title, serial and issue date, holder, sections (heading, `label：value`
    lines, gridded tables whose header row repeats on every page), footer lines, an optional QR
    code of `doc.qr_text`, and "第 N 页 共 M 页" at the foot of every page.

    Args:
        doc: The document to render (any kind; reports are the usual one).

    Returns:
        The PDF file's bytes.

    Raises:
        kiosk.printing.fonts.FontMissingError: If no embeddable Chinese font is installed.
    """
    styles = _Styles(register_cjk_font())
    # One report at a time: reportlab keeps per-document font subset state inside the shared,
    # registered font object, and reports are rendered from worker threads.
    with _render_lock:
        return _build(doc, styles)


def _build(doc: Document, styles: _Styles) -> bytes:
    out = BytesIO()
    template = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=doc.title, author=doc.issuer, subject=doc.serial,
        creator="苏州工业园区社保公积金自助终端", lang="zh-CN",
    )
    footer = _page_footer(doc, styles)
    template.build(_story(doc, styles), canvasmaker=_numbered_canvas(footer))
    return out.getvalue()


def _numbered_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds its pages back until the last one, so every footer can say 共 M 页.

    One layout pass: "共 M 页" needs the page count, which only a finished layout knows; the
    pages' drawing state is kept and the footers are drawn when the document is saved.
    """
    class NumberedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                footer(self, number, len(self._pages))
                super().showPage()
            super().save()

    return NumberedCanvas


def _page_footer(doc: Document, styles: _Styles) -> Callable[[Canvas, int, int], None]:
    def draw(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(styles.font, 9)
        canvas.setFillColor(_GREY)
        y = MARGIN_BOTTOM / 2
        canvas.drawCentredString(PAGE_WIDTH / 2, y, f"第 {number} 页 共 {total} 页")
        # The serial on every page ties loose pages of one certificate together.
        canvas.drawString(MARGIN_X + FRAME_PADDING, y, f"业务流水号：{doc.serial}")
        canvas.restoreState()

    return draw


def _story(doc: Document, styles: _Styles) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(_text(doc.issuer), styles.issuer),
        Paragraph(_text(doc.title), styles.title),
        _header_block(doc, styles),
    ]
    for section in doc.sections:
        story.extend(_section(section, styles))
    if doc.footer:
        story.append(Spacer(1, 6 * mm))
        story.extend(Paragraph(_text(line), styles.footer) for line in doc.footer)
    if doc.qr_text:
        story.append(Spacer(1, 4 * mm))
        story.append(_qr(doc.qr_text))
    return story


def _header_block(doc: Document, styles: _Styles) -> Table:
    """Serial, date and holder on the left; the seal's square on the right."""
    meta = [
        Paragraph(_label_value("业务流水号", doc.serial), styles.meta),
        Paragraph(_label_value("出具日期", f"{doc.issued_at:%Y年%m月%d日}"), styles.meta),
        Paragraph(_label_value("姓名", doc.holder_name), styles.meta),
        Paragraph(_label_value("证件号码", doc.holder_id_shown), styles.meta),
    ]
    block = Table([[meta, SealSpace(SEAL_SIZE, doc.issuer)]], colWidths=[CONTENT_WIDTH - SEAL_SIZE, SEAL_SIZE])
    block.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return block


def _section(section: DocSection, styles: _Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if section.heading:
        # A heading must not sit alone at the foot of a page: start a new page unless there is
        # room for it and a few lines or table rows below it.
        out.append(CondPageBreak(HEADING_ROOM))
        out.append(Paragraph(_text(section.heading), styles.heading))
        out.append(HRFlowable(width="100%", thickness=0.6, color=_RULE, spaceBefore=1, spaceAfter=4))
    else:
        out.append(Spacer(1, 3 * mm))
    out.extend(_line_flowables(section.lines, styles))
    if section.table is not None:
        if section.lines:
            out.append(Spacer(1, 2 * mm))
        out.append(_table(section.table, styles))
    return out


def _line_flowables(lines: Sequence[DocLine], styles: _Styles) -> list[Flowable]:
    return [Paragraph(_doc_line(line), styles.strong if line.bold else styles.body) for line in lines]


def _doc_line(line: DocLine) -> str:
    return _label_value(line.label, line.value) if line.label else _text(line.value)


def _label_value(label: str, value: str) -> str:
    return f'<font color="#555555">{_text(label)}：</font>{_text(value)}'


def _table(table: DocTable, styles: _Styles) -> Flowable:
    """A gridded table whose header row repeats at the top of every page it runs onto."""
    count = max([len(table.columns), *(len(row) for row in table.rows)])
    if count == 0:
        return Spacer(0, 0)
    columns = list(table.columns) + [""] * (count - len(table.columns))
    rows = [list(row) + [""] * (count - len(row)) for row in table.rows]
    numeric = [bool(rows) and all(_NUMERIC.match(row[j]) or not row[j] for row in rows) for j in range(count)]
    widths = _column_widths(columns, rows, styles)

    def cell(text: str, style: ParagraphStyle, width: float) -> str | Paragraph:
        # A cell that fits on one line is a plain string, drawn with one drawString; only a cell that
        # must wrap pays for a Paragraph (markup parsing, line breaking) on every page it is laid on.
        if "\n" not in text and stringWidth(text, styles.font, style.fontSize) <= width - 2 * CELL_PADDING:
            return text
        return Paragraph(_text(text), style)

    data = [[cell(c, styles.cell_head, widths[j]) for j, c in enumerate(columns)]]
    data += [[cell(text, styles.cell_right if numeric[j] else styles.cell, widths[j])
              for j, text in enumerate(row)] for row in rows]
    grid = Table(data, colWidths=widths, repeatRows=1)
    grid.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, _RULE),
        ("BACKGROUND", (0, 0), (-1, 0), _HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        # The plain-string cells, set as the Paragraph styles set the others.
        ("FONT", (0, 0), (-1, -1), styles.font, styles.cell.fontSize, styles.cell.leading),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        *(("ALIGN", (j, 1), (j, -1), "RIGHT") for j in range(count) if numeric[j]),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return grid


def _column_widths(columns: Sequence[str], rows: Sequence[Sequence[str]], styles: _Styles) -> list[float]:
    """Column widths filling the frame: narrow columns get what they need, wide ones share the rest.

    Water-filling: columns are served narrowest first, each taking its natural width or an
    equal share of what is left, whichever is smaller; cells wider than that wrap.
    """
    font, size = styles.font, styles.cell.fontSize
    natural = [max([stringWidth(cell, font, size) for cell in [columns[j], *(row[j] for row in rows)]])
               + 2 * CELL_PADDING + 1 for j in range(len(columns))]
    widths = [0.0] * len(columns)
    budget = CONTENT_WIDTH
    order = sorted(range(len(columns)), key=natural.__getitem__)
    for served, j in enumerate(order):
        widths[j] = min(natural[j], budget / (len(columns) - served))
        budget -= widths[j]
    total = sum(widths)
    if 0 < total < CONTENT_WIDTH:  # everything fits: stretch to the full width, as forms do
        widths = [w * CONTENT_WIDTH / total for w in widths]
    return widths


def _qr(text: str) -> Image:
    """The QR code of `text`, QR_SIZE square, at the right edge.

    Drawn as one 1-bit image (a few hundred bytes in the PDF) rather than reportlab's vector
    widget, which draws every module as a rectangle: thousands of shapes per page. Whole pixels
    per module and no smoothing keep the edges sharp for a scanner.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=4, border=4)
    code.add_data(text)
    png = BytesIO()
    code.make_image().get_image().convert("1").save(png, format="PNG")
    png.seek(0)
    image = Image(png, width=QR_SIZE, height=QR_SIZE)
    image.hAlign = "RIGHT"
    return image


def _text(value: str) -> str:
    """Plain text made safe for reportlab's paragraph markup."""
    return escape(value)
