"""Read an ESC/POS byte stream back: the printed text lines, whether it cuts, its QR payloads.

Tests and the QA scenario runner use this to show what a receipt job printed. The parser knows
the parameter lengths of the ESC, GS, FS and DLE commands a receipt can contain (including the
variable-length image, barcode and `( k`-style blocks) so their parameters never leak into the
text. Anything it does not understand is skipped; it never raises on malformed input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal

_DLE, _ESC, _FS, _GS = 0x10, 0x1B, 0x1C, 0x1D
_LF, _CR, _HT, _FF = 0x0A, 0x0D, 0x09, 0x0C
_INTRODUCERS = frozenset({_DLE, _ESC, _FS, _GS})

Token = tuple[Literal["text", "control", "command"], bytes]
_Length = Callable[[bytes, int], int]  # (stream, index of the introducer) -> whole command length


def _byte(data: bytes, i: int) -> int:
    """data[i], or 0 past the end: a truncated command simply runs to the end of the stream."""
    return data[i] if 0 <= i < len(data) else 0


def _word(data: bytes, i: int) -> int:
    return _byte(data, i) | _byte(data, i + 1) << 8


def _fixed(length: int) -> _Length:
    return lambda data, i: length


def _until_nul(start: int) -> _Length:
    """Parameters end with a NUL byte (ESC D tab stops, GS k barcode in format A)."""
    def length(data: bytes, i: int) -> int:
        end = data.find(b"\x00", i + start)
        return len(data) - i if end < 0 else end - i + 1
    return length


def _paren(data: bytes, i: int) -> int:
    """`x ( fn pL pH d1…dk`, k = pL + 256·pH (GS ( k QR codes, GS ( L graphics, ESC ( A …)."""
    return 5 + _word(data, i + 3)


def _esc_bit_image(data: bytes, i: int) -> int:
    """ESC * m nL nH d1…dk: 8-dot modes (m 0, 1) send one byte per column, 24-dot modes three."""
    columns = _word(data, i + 3)
    return 5 + columns * (1 if _byte(data, i + 2) in (0, 1) else 3)


def _esc_user_chars(data: bytes, i: int) -> int:
    """ESC & y c1 c2 [x d1…d(y·x)]…: one block per defined character."""
    y, first, last = _byte(data, i + 2), _byte(data, i + 3), _byte(data, i + 4)
    pos = i + 5
    for _ in range(max(0, min(last, 126) - first + 1)):
        if pos >= len(data):
            break
        pos += 1 + y * _byte(data, pos)
    return pos - i


def _gs_raster(data: bytes, i: int) -> int:
    """GS v 0 m xL xH yL yH d…: x bytes per row, y rows."""
    return 8 + _word(data, i + 4) * _word(data, i + 6)


def _gs_downloaded_image(data: bytes, i: int) -> int:
    """GS * x y d…: x·8 columns of y bytes."""
    return 4 + _byte(data, i + 2) * _byte(data, i + 3) * 8


def _gs_eight(data: bytes, i: int) -> int:
    """GS 8 L p1 p2 p3 p4 m fn …: the graphics block with a 32-bit length."""
    if _byte(data, i + 2) != ord("L"):
        return 3
    return 7 + (_word(data, i + 3) | _word(data, i + 5) << 16)


def _gs_cut(data: bytes, i: int) -> int:
    """GS V m [n]: the feed-and-cut forms (m 65, 66, 97, 98, 103, 104) carry a feed amount."""
    return 4 if _byte(data, i + 2) in (65, 66, 97, 98, 103, 104) else 3


def _gs_barcode(data: bytes, i: int) -> int:
    """GS k m …: format A (m 0–6) ends with NUL, format B (m 65+) has a length byte."""
    if _byte(data, i + 2) <= 6:
        return _until_nul(3)(data, i)
    return 4 + _byte(data, i + 3)


def _fs_nv_images(data: bytes, i: int) -> int:
    """FS q n [xL xH yL yH d1…d(x·y·8)]…: n images."""
    pos = i + 3
    for _ in range(_byte(data, i + 2)):
        if pos >= len(data):
            break
        pos += 4 + _word(data, pos) * _word(data, pos + 2) * 8
    return pos - i


def _fs_user_memory(data: bytes, i: int) -> int:
    """FS g 1 m a1–a4 nL nH d1…dk writes k bytes; FS g 2 (read) has no data."""
    return 10 + (_word(data, i + 8) if _byte(data, i + 2) == 1 else 0)


def _dle_dc4(data: bytes, i: int) -> int:
    return {7: 4, 8: 10}.get(_byte(data, i + 2), 5)


def _table(fixed: dict[str, int], variable: dict[str, _Length]) -> dict[int, _Length]:
    table = {ord(k): _fixed(n) for k, n in fixed.items()}
    table.update({ord(k): f for k, f in variable.items()})
    return table


_COMMANDS: dict[int, dict[int, _Length]] = {
    _ESC: _table(
        {"@": 2, "2": 2, "<": 2, "L": 2, "S": 2, "i": 2, "m": 2, "v": 2, "\x0c": 2,
         " ": 3, "!": 3, "%": 3, "-": 3, "3": 3, "+": 3, "A": 3, "=": 3, "?": 3, "E": 3,
         "G": 3, "J": 3, "K": 3, "M": 3, "R": 3, "T": 3, "U": 3, "V": 3, "a": 3, "d": 3,
         "e": 3, "r": 3, "t": 3, "u": 3, "{": 3,
         "$": 4, "\\": 4, "B": 4, "c": 4, "f": 4, "p": 5, "W": 10},
        {"*": _esc_bit_image, "&": _esc_user_chars, "D": _until_nul(2), "(": _paren},
    ),
    _GS: _table(
        {":": 2, "<": 2, "c": 2,
         "!": 3, "/": 3, "B": 3, "E": 3, "H": 3, "I": 3, "T": 3, "a": 3, "b": 3, "f": 3,
         "h": 3, "j": 3, "r": 3, "w": 3, "|": 3,
         "$": 4, "L": 4, "P": 4, "W": 4, "\\": 4, "^": 5, "g": 6},
        {"(": _paren, "*": _gs_downloaded_image, "8": _gs_eight, "V": _gs_cut, "k": _gs_barcode,
         "v": _gs_raster},
    ),
    _FS: _table(
        {"&": 2, ".": 2, "!": 3, "-": 3, "C": 3, "W": 3, "?": 4, "S": 4, "p": 4, "2": 76},
        {"(": _paren, "g": _fs_user_memory, "q": _fs_nv_images},
    ),
    _DLE: {0x04: _fixed(3), 0x05: _fixed(3), 0x14: _dle_dc4},  # DLE EOT, DLE ENQ, DLE DC4
}


def _command_length(data: bytes, i: int) -> int:
    """Length of the command starting at data[i] (an introducer), at least 1, within the stream."""
    function = _byte(data, i + 1)
    length_of = _COMMANDS[data[i]].get(function) if i + 1 < len(data) else None
    if length_of is not None:
        length = length_of(data, i)
    else:
        # Unknown command: drop the introducer and, if it looks like one, its function byte;
        # a control byte after it (LF, another ESC) is left to be read on its own.
        length = 2 if 0x20 <= function < 0x7F else 1
    return max(1, min(length, len(data) - i))


def tokens(data: bytes) -> Iterator[Token]:
    """Splits a stream into text runs, single control bytes and whole commands.

    Text runs never contain bytes below 0x20, and GB18030 never uses those bytes inside a
    character, so a command can never cut a Chinese character in two.
    """
    data = bytes(data)
    i, size = 0, len(data)
    while i < size:
        byte = data[i]
        if byte in _INTRODUCERS:
            length = _command_length(data, i)
            yield "command", data[i:i + length]
            i += length
        elif byte < 0x20:
            yield "control", data[i:i + 1]
            i += 1
        else:
            start = i
            while i < size and data[i] >= 0x20:
                i += 1
            yield "text", data[start:i]


def _decode(run: bytes) -> str:
    text = run.decode("gb18030", errors="ignore")
    # DEL and the C1 range print nothing; everything else (CJK, full-width space) is text.
    return "".join(c for c in text if not "\x7f" <= c <= "\x9f")


def receipt_text(data: bytes) -> list[str]:
    """Decodes an ESC/POS stream into the text lines it prints.

    Text is read as GB18030 and split on LF; trailing spaces are dropped (they print nothing).
    A feed command (ESC d, ESC J, FF) ends a pending line without adding blank ones. Unknown or
    malformed bytes are skipped.

    Args:
        data: An ESC/POS job, e.g. the output of `render_receipt`.

    Returns:
        The printed lines, blank lines included, in print order.
    """
    lines: list[str] = []
    current: list[str] = []

    def end_line(keep_blank: bool) -> None:
        line = "".join(current).rstrip(" ")
        if line or keep_blank:
            lines.append(line)
        current.clear()

    for kind, chunk in tokens(data):
        if kind == "text":
            current.append(_decode(chunk))
        elif kind == "control":
            if chunk[0] == _LF:
                end_line(keep_blank=True)
            elif chunk[0] == _FF:
                end_line(keep_blank=False)
            elif chunk[0] == _HT:
                current.append(" ")
        elif chunk[:2] in (b"\x1bd", b"\x1bJ"):
            end_line(keep_blank=False)
    end_line(keep_blank=False)
    return lines


def receipt_has_cut(data: bytes) -> bool:
    """Whether the stream cuts the paper (GS V, or the older ESC i / ESC m)."""
    return any(kind == "command" and (chunk[:2] == b"\x1dV" or chunk in (b"\x1bi", b"\x1bm"))
               for kind, chunk in tokens(data))


def receipt_qr_payloads(data: bytes) -> list[str]:
    """The data of every complete QR store command (GS ( k, cn 49, fn 80), decoded as UTF-8."""
    payloads: list[str] = []
    for kind, chunk in tokens(data):
        if kind != "command" or chunk[:3] != b"\x1d(k" or len(chunk) != _paren(chunk, 0):
            continue
        # Body: cn fn m d1…dk; cn "1" is QR, fn "P" (80) stores the symbol data.
        if chunk[5:7] == b"1P":
            payloads.append(chunk[8:].decode("utf-8", errors="replace"))
    return payloads
