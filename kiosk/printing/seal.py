"""The centre's electronic seal, drawn with reportlab on an A4 report's page 1.

A round red seal as the centre stamps its paper: a ring, a five-pointed star in the middle, the
issuer's name along the upper arc, 业务专用章 and 电子印章 below the star. The characters are drawn
as filled glyph outlines taken from the embedded Chinese font, not as text: a seal is a picture,
so copying or extracting the report's text must not pick up its rotated characters.
"""

from __future__ import annotations

import logging
import math
import struct
from functools import cache

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from kiosk.printing.fonts import FONT_NAME, register_cjk_font

log = logging.getLogger(__name__)

ISSUER = "苏州工业园区社会保险基金和公积金管理中心"
PURPOSE = "业务专用章"
MARK = "电子印章"
SEAL_RED = colors.HexColor("#E0201B")

# Proportions of the seal's diameter, after the centre's 42 mm round seal.
_RING = 0.03  # ring line width
_STAR = 0.16  # star's outer radius
_ARC_HEIGHT = 0.115  # height of an issuer character
_ARC_SPAN = 256.0  # degrees of the upper arc the issuer's name covers
_ARC_WIDTH = 0.9  # of the arc pitch: a character's width (long names need narrow characters)
_PURPOSE_HEIGHT = 0.095
_MARK_HEIGHT = 0.075
_REFERENCE_CHAR = "国"  # a character that fills the em box: sets each character's size and centre

# TrueType composite-glyph flags (the OpenType 'glyf' table).
_ARG_WORDS, _ARGS_XY, _SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x1, 0x2, 0x8, 0x20, 0x40, 0x80

Contour = list[tuple[float, float, bool]]  # (x, y, on the curve) in font units


def draw_seal(canvas: Canvas, cx: float, cy: float, diameter: float, issuer: str = ISSUER) -> None:
    """Draws the seal centred at (`cx`, `cy`).

    Args:
        canvas: The reportlab canvas (points; origin bottom-left of the current frame).
        cx: Centre x in points.
        cy: Centre y in points.
        diameter: The seal's outer diameter in points (an official seal is 40–42 mm).
        issuer: The name along the upper arc.
    """
    register_cjk_font()
    r = diameter / 2
    canvas.saveState()
    canvas.translate(cx, cy)
    canvas.setStrokeColor(SEAL_RED)
    canvas.setFillColor(SEAL_RED)

    ring = _RING * diameter
    canvas.setLineWidth(ring)
    canvas.circle(0, 0, r - ring / 2, stroke=1, fill=0)

    _star(canvas, 0, 0.03 * diameter, _STAR * diameter)

    # The issuer's name: each character upright relative to the centre, read left to right
    # over the top. Its outer edge keeps a small gap from the ring.
    height = _ARC_HEIGHT * diameter
    radius = r - ring - 0.025 * diameter - height / 2
    if issuer:
        pitch = math.radians(_ARC_SPAN) / len(issuer)
        width = min(height, _ARC_WIDTH * pitch * radius)
        for i, char in enumerate(issuer):
            angle = math.pi / 2 + pitch * ((len(issuer) - 1) / 2 - i)
            _glyph(canvas, char, radius * math.cos(angle), radius * math.sin(angle),
                   width, height, math.degrees(angle) - 90)

    purpose_h, mark_h = _PURPOSE_HEIGHT * diameter, _MARK_HEIGHT * diameter
    _line(canvas, PURPOSE, -0.21 * diameter, 0.85 * purpose_h, purpose_h)
    _line(canvas, MARK, -0.335 * diameter, 0.9 * mark_h, mark_h)
    canvas.restoreState()


def _star(canvas: Canvas, cx: float, cy: float, outer: float) -> None:
    """A filled five-pointed star, one point up."""
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(126))  # a regular star
    path = canvas.beginPath()
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = math.radians(90 + 36 * k)
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        path.moveTo(x, y) if k == 0 else path.lineTo(x, y)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)


def _line(canvas: Canvas, text: str, cy: float, width: float, height: float) -> None:
    """A horizontal line of characters centred on x = 0."""
    gap = 0.08 * width
    start = -(len(text) * width + (len(text) - 1) * gap) / 2 + width / 2
    for i, char in enumerate(text):
        _glyph(canvas, char, start + i * (width + gap), cy, width, height, 0)


def _glyph(canvas: Canvas, char: str, cx: float, cy: float, width: float, height: float,
           rotation: float) -> None:
    """One character filling a `width` × `height` box centred at (cx, cy), turned by `rotation`°."""
    canvas.saveState()
    canvas.translate(cx, cy)
    canvas.rotate(rotation)
    try:
        outline = _outline(char)
    except (KeyError, IndexError, AttributeError, struct.error) as exc:
        # A font reportlab reads differently: print the character as text rather than lose it.
        _warn_once(str(exc))
        canvas.setFont(FONT_NAME, height)
        canvas.scale(width / height, 1)
        canvas.drawCentredString(0, -0.35 * height, char)
    else:
        (x0, y0, x1, y1) = _em_box()
        canvas.scale(width / (x1 - x0), height / (y1 - y0))
        canvas.translate(-(x0 + x1) / 2, -(y0 + y1) / 2)
        path = canvas.beginPath()
        for contour in outline:
            _trace(path, contour)
        canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()


@cache
def _warn_once(reason: str) -> None:
    log.warning("seal characters drawn as text: the font's outlines could not be read (%s)", reason)


def _trace(path: PDFPathObject, contour: Contour) -> None:
    """Adds one closed TrueType contour (quadratic B-spline) to `path` as cubic Béziers."""
    n = len(contour)
    if n == 0:
        return
    # Start on an on-curve point; a contour of only off-curve points starts between two of them.
    start = next((i for i, p in enumerate(contour) if p[2]), None)
    if start is None:
        (ax, ay, _), (bx, by, _) = contour[0], contour[1 % n]
        points = [((ax + bx) / 2, (ay + by) / 2, True), *contour[1:], contour[0]]
    else:
        points = contour[start:] + contour[:start]
    x, y, _ = points[0]
    path.moveTo(x, y)
    current = (x, y)
    control: tuple[float, float] | None = None
    for px, py, on in [*points[1:], points[0]]:
        if on:
            if control is None:
                path.lineTo(px, py)
            else:
                _quad(path, current, control, (px, py))
                control = None
            current = (px, py)
        elif control is None:
            control = (px, py)
        else:  # two off-curve points in a row: the on-curve point between them is implied
            mid = ((control[0] + px) / 2, (control[1] + py) / 2)
            _quad(path, current, control, mid)
            current, control = mid, (px, py)
    path.close()


def _quad(path: PDFPathObject, p0: tuple[float, float], q: tuple[float, float], p2: tuple[float, float]) -> None:
    """A quadratic Bézier as the cubic that traces the same curve."""
    c1 = (p0[0] + 2 / 3 * (q[0] - p0[0]), p0[1] + 2 / 3 * (q[1] - p0[1]))
    c2 = (p2[0] + 2 / 3 * (q[0] - p2[0]), p2[1] + 2 / 3 * (q[1] - p2[1]))
    path.curveTo(*c1, *c2, *p2)


@cache
def _em_box() -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) in font units that a character is scaled into."""
    face = _face()
    x0, y0, x1, y1 = _bbox(face, face.charToGlyph[ord(_REFERENCE_CHAR)])
    return 0.0, float(y0), float(face.unitsPerEm), float(y1)


@cache
def _outline(char: str) -> tuple[Contour, ...]:
    face = _face()
    return tuple(_contours(face, face.charToGlyph[ord(char)], depth=0))


def _face():  # noqa: ANN202 (reportlab's TTFontFace)
    register_cjk_font()
    return pdfmetrics.getFont(FONT_NAME).face


def _bbox(face, glyph: int) -> tuple[int, int, int, int]:  # noqa: ANN001
    start = face.get_table_pos("glyf")[0] + face.glyphPos[glyph]
    return struct.unpack_from(">4h", face._ttf_data, start + 2)


def _contours(face, glyph: int, depth: int) -> list[Contour]:  # noqa: ANN001 (reportlab's TTFontFace)
    """The glyph's contours in font units, read from the font's 'glyf' table."""
    if depth > 8:  # a malformed font whose composite glyphs refer to each other
        raise IndexError(f"composite glyph {glyph} nested too deeply")
    data = face._ttf_data
    start = face.get_table_pos("glyf")[0] + face.glyphPos[glyph]
    if face.glyphPos[glyph + 1] == face.glyphPos[glyph]:
        return []  # an empty glyph (a space)
    (count,) = struct.unpack_from(">h", data, start)
    return _simple(data, start, count) if count >= 0 else _composite(face, data, start, depth)


def _simple(data: bytes, start: int, count: int) -> list[Contour]:
    pos = start + 10
    ends = struct.unpack_from(f">{count}H", data, pos)
    pos += 2 * count
    (instructions,) = struct.unpack_from(">H", data, pos)
    pos += 2 + instructions
    total = ends[-1] + 1 if ends else 0
    flags: list[int] = []
    while len(flags) < total:
        flag = data[pos]
        pos += 1
        flags.append(flag)
        if flag & 0x08:  # repeated flag
            flags.extend([flag] * data[pos])
            pos += 1
    coords: list[list[int]] = []
    for short, same in ((0x02, 0x10), (0x04, 0x20)):  # x coordinates, then y
        values, value = [], 0
        for flag in flags[:total]:
            if flag & short:
                value += data[pos] if flag & same else -data[pos]
                pos += 1
            elif not flag & same:
                value += struct.unpack_from(">h", data, pos)[0]
                pos += 2
            values.append(value)
        coords.append(values)
    points = [(float(x), float(y), bool(f & 0x01)) for x, y, f in zip(*coords, flags, strict=False)]
    contours, first = [], 0
    for end in ends:
        contours.append(points[first:end + 1])
        first = end + 1
    return contours


def _composite(face, data: bytes, start: int, depth: int) -> list[Contour]:  # noqa: ANN001
    pos, contours, flags = start + 10, [], _MORE
    while flags & _MORE:
        flags, component = struct.unpack_from(">HH", data, pos)
        pos += 4
        if flags & _ARG_WORDS:
            arg1, arg2 = struct.unpack_from(">hh", data, pos)
            pos += 4
        else:
            arg1, arg2 = struct.unpack_from(">bb", data, pos)
            pos += 2
        # Point-matched placement (args are point numbers) does not occur in CJK fonts: no offset.
        dx, dy = (arg1, arg2) if flags & _ARGS_XY else (0, 0)
        a, b, c, d = 1.0, 0.0, 0.0, 1.0
        if flags & _SCALE:
            a = d = _f2dot14(data, pos)
            pos += 2
        elif flags & _XY_SCALE:
            a, d = _f2dot14(data, pos), _f2dot14(data, pos + 2)
            pos += 4
        elif flags & _TWO_BY_TWO:
            a, b, c, d = (_f2dot14(data, pos + 2 * k) for k in range(4))
            pos += 8
        for contour in _contours(face, component, depth + 1):
            contours.append([(a * x + c * y + dx, b * x + d * y + dy, on) for x, y, on in contour])
    return contours


def _f2dot14(data: bytes, pos: int) -> float:
    return struct.unpack_from(">h", data, pos)[0] / 16384
