"""Render a `Document` as the ESC/POS byte stream of an 80 mm thermal receipt.

The stream is built with python-escpos on its `Dummy` printer, so the bytes can be journalled,
replayed on the real device and decoded again by `kiosk.printing.escpos_text` in tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kiosk.printing.escpos_cache import load_escpos_capabilities

load_escpos_capabilities()  # before escpos.printer reads them

from escpos.constants import FS, QR_ECLEVEL_M  # noqa: E402
from escpos.magicencode import Encoder  # noqa: E402
from escpos.printer import Dummy  # noqa: E402

from kiosk.i18n import translate  # noqa: E402
from kiosk.printing.document import DocLine, Document, DocTable  # noqa: E402

CHINESE_MODE_ON = FS + b"&"
"""FS & — the printer reads two-byte GB18030 codes as Chinese characters from here on."""
CHINESE_MODE_OFF = FS + b"."
"""FS . — back to single-byte characters."""

ENCODING = "GB18030"
MIN_WIDTH_CHARS = 16
QR_MODULE_DOTS = 6  # ~0.75 mm modules at 203 dpi: reliable for phone cameras and the desk scanner.

_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")
_NUMERIC = re.compile(r"^[-+]?[¥￥]?[\d,]*\.?\d+%?$")


class _Gb18030Encoder(Encoder):
    """Encodes every string as GB18030.

    python-escpos' magic encoder only switches to GB18030 for strings holding U+4E00–U+9FA5 and
    otherwise hunts single-byte code pages, so "：" or "（）" on their own would print as "?".
    Its documented `encoder` hook lets GB18030 be the one and only encoding instead.
    """

    def __init__(self) -> None:
        super().__init__({ENCODING: 0})

    def can_encode(self, encoding: str, char: str) -> bool:
        return True

    def encode(self, text: str, encoding: str, defaultchar: str = "?") -> bytes:
        # GB18030 covers all of Unicode; only lone surrogates can fail, and they print as "?".
        return text.encode(ENCODING, errors="replace")


def render_receipt(doc: Document, width_chars: int = 48) -> bytes:
    """Renders `doc` as ESC/POS bytes for an 80 mm receipt printer.

    Args:
        doc: The document to print (any kind; receipts are the usual one).
        width_chars: Printable columns of Font A (48 on 80 mm paper, 32 on 58 mm paper).
            A Chinese character takes two columns.

    Returns:
        The complete job: initialise, Chinese mode, text, optional native QR code, partial cut.

    Raises:
        ValueError: If `width_chars` is too small to lay out a receipt.
    """
    if width_chars < MIN_WIDTH_CHARS:
        raise ValueError(f"width_chars must be at least {MIN_WIDTH_CHARS}, got {width_chars}")
    p = Dummy(magic_encode_args={"encoding": ENCODING, "disabled": True, "encoder": _Gb18030Encoder()})
    rule = "-" * width_chars

    p.hw("INIT")
    # python-escpos has no call for Chinese character mode; _raw is its way to send a command.
    p._raw(CHINESE_MODE_ON)

    # GS ! (custom size) rather than ESC !: ESC ! does not enlarge Chinese characters.
    p.set(align="center", bold=True, custom_size=True, width=1, height=2)
    _print_lines(p, wrap(_clean(doc.title), width_chars))
    p.set(align="left", bold=False, custom_size=True, width=1, height=1)
    _print_lines(p, label_lines(translate("业务流水号", doc.language), doc.serial, width_chars))
    p.textln(rule)
    _print_lines(p, label_lines(translate("姓名", doc.language), doc.holder_name, width_chars))
    _print_lines(p, label_lines(translate("证件号码", doc.language), doc.holder_id_masked, width_chars))
    p.textln(rule)

    for section in doc.sections:
        if not (section.heading or section.lines or section.table is not None):
            continue  # nothing to print, and two rules in a row would look like a misprint
        if section.heading:
            _print_lines(p, wrap(_clean(section.heading), width_chars), bold=True)
        for line in section.lines:
            _print_doc_line(p, line, width_chars)
        if section.table is not None:
            _print_table(p, section.table, width_chars)
        p.textln(rule)

    for text in doc.footer:
        _print_lines(p, wrap(_clean(text), width_chars))
    _print_lines(p, wrap(_clean(doc.issuer), width_chars))
    p.textln(translate(f"打印时间：{doc.issued_at:%Y-%m-%d %H:%M}", doc.language))
    p._raw(CHINESE_MODE_OFF)

    if doc.qr_text:
        # Native GS ( k: the printer draws the code itself, so the job stays small and the
        # payload stays readable in the journal (see escpos_text.receipt_qr_payloads).
        p.set(align="center")
        p.qr(doc.qr_text, ec=QR_ECLEVEL_M, size=QR_MODULE_DOTS, native=True)
        p.set(align="left")
    p.cut(mode="PART")  # feeds the text past the cutter first
    return bytes(p.output)


def char_cells(char: str) -> int:
    """Columns one character takes on the printer: ASCII is one, any two-byte code is two."""
    return 1 if ord(char) < 0x80 else 2


def text_cells(text: str) -> int:
    """Columns `text` takes on the printer."""
    return sum(char_cells(c) for c in text)


def wrap(text: str, width: int, indent: int = 0) -> list[str]:
    """Breaks `text` into lines of at most `width` columns.

    Breaking ourselves (instead of letting the printer wrap) keeps double-width characters whole
    and lets continuation lines hang under the value of a `label：value` line.

    Args:
        text: One logical line, without control characters.
        width: Columns per printed line.
        indent: Spaces in front of every continuation line (capped at half the width).
    """
    indent = min(indent, width // 2)
    lines: list[str] = []
    line, used = "", 0
    for char in text:
        cells = char_cells(char)
        if used + cells > width and used > indent:
            # An English word moves whole to the next line (Chinese breaks anywhere).
            cut = line.rfind(" ", indent + 1)
            tail = line[cut + 1:] if char != " " and cut > indent and char.isascii() and line[-1:].isascii() else ""
            lines.append((line[:len(line) - len(tail)] if tail else line).rstrip(" "))
            line, used = " " * indent + tail, indent + sum(char_cells(c) for c in tail)
            if char == " ":
                continue  # a break replaces the space it falls on
        line += char
        used += cells
    lines.append(line.rstrip(" "))
    return lines


def label_lines(label: str, value: str, width: int) -> list[str]:
    """Printed lines of `label：value`, continuation lines aligned under the value."""
    label, value = _clean(label), _clean(value)
    if not label:
        return wrap(value, width)
    return wrap(f"{label}：{value}", width, indent=text_cells(label) + 2)


def table_lines(table: DocTable, width: int) -> list[str]:
    """Printed lines of a table: aligned columns if they fit, one `header：cell` block per row if not.

    Columns whose cells are all numbers are right-aligned so amounts line up on the decimal point.
    The first line of the column layout is the header row.
    """
    header, body = _table_layout(table, width)
    return body if header is None else [header, *body]


def _table_layout(table: DocTable, width: int) -> tuple[str | None, list[str]]:
    """(header row or None for the record layout, the other lines)."""
    columns, rows = _normalise(table)
    if not columns:
        return None, []
    widths = [max([text_cells(c) for c in [columns[j], *(row[j] for row in rows)]])
              for j in range(len(columns))]
    gap = 2 if sum(widths) + 2 * (len(widths) - 1) <= width else 1
    if sum(widths) + gap * (len(widths) - 1) > width:
        return None, _record_lines(columns, rows, width)
    numeric = [bool(rows) and all(_NUMERIC.match(row[j]) or not row[j] for row in rows)
               for j in range(len(columns))]

    def layout(cells: Sequence[str]) -> str:
        return (" " * gap).join(_pad(cell, w, right) for cell, w, right in zip(cells, widths, numeric)).rstrip()

    return layout(columns), [layout(row) for row in rows]


def _record_lines(columns: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> list[str]:
    out: list[str] = []
    for index, row in enumerate(rows):
        if index:
            out.append("")
        for header, cell in zip(columns, row):
            out.extend(label_lines(header, cell, width))
    return out


def _normalise(table: DocTable) -> tuple[list[str], list[list[str]]]:
    """Cleans every cell and gives every row as many cells as the widest row (nothing is dropped)."""
    count = max([len(table.columns), *(len(row) for row in table.rows)])
    columns = [_clean(c) for c in table.columns] + [""] * (count - len(table.columns))
    rows = [[_clean(c) for c in row] + [""] * (count - len(row)) for row in table.rows]
    return columns, rows


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - text_cells(text))
    return fill + text if right else text + fill


def _clean(text: str) -> str:
    """Turns control characters into spaces: a stray ESC or LF in data must not become a command."""
    return _CONTROL_CHARS.sub(" ", text)


def _print_lines(p: Dummy, lines: Iterable[str], bold: bool = False) -> None:
    if bold:
        p.set(bold=True)
    for line in lines:
        p.textln(line)
    if bold:
        p.set(bold=False)


def _print_doc_line(p: Dummy, line: DocLine, width: int) -> None:
    _print_lines(p, label_lines(line.label, line.value, width), bold=line.bold)


def _print_table(p: Dummy, table: DocTable, width: int) -> None:
    header, body = _table_layout(table, width)
    if header is not None:
        _print_lines(p, [header], bold=True)
    _print_lines(p, body)
