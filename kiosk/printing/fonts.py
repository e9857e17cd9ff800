"""Find and register the Chinese TrueType font that A4 reports embed.

reportlab can only embed TrueType outlines: Noto CJK (CFF/OTF) fails with "postscript outlines
are not supported", so the reports use WenQuanYi (Debian fonts-wqy-microhei / fonts-wqy-zenhei).
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FONT_NAME = "KioskCJK"
"""The name reports use for the font in reportlab styles, whichever file it came from."""


class FontMissingError(RuntimeError):
    """No embeddable Chinese font is installed, so no report can be rendered."""


@dataclass(frozen=True)
class FontFile:
    """A font file, and which face inside it when it is a collection (.ttc)."""

    path: Path
    subfont_index: int = 0


_WQY = Path("/usr/share/fonts/truetype/wqy")
KNOWN_FONTS: tuple[FontFile, ...] = (
    FontFile(_WQY / "wqy-microhei.ttc"),
    FontFile(_WQY / "wqy-zenhei.ttc"),
)
"""Where Debian's fonts-wqy-microhei and fonts-wqy-zenhei put the fonts, best first."""

FC_FAMILIES: tuple[str, ...] = ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei")
"""Families asked of fc-match when none of `KNOWN_FONTS` exists (another distribution's layout)."""

_lock = threading.Lock()
_registered: FontFile | None = None


def fc_match(family: str) -> FontFile | None:
    """The TrueType file fontconfig has for `family`, or None.

    fc-match always answers with *some* font (its fallback), so the answer only counts when its
    family really is the one asked for and its outlines are TrueType.
    """
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "--format=%{family}|%{fontformat}|%{index}|%{file}", family],
                             capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.split("|", 3)
    if len(parts) != 4:
        return None
    families, fmt, index, file = parts
    if family.lower() not in [f.strip().lower() for f in families.split(",")] or fmt != "TrueType":
        return None
    return FontFile(Path(file.strip()), int(index) if index.isdigit() else 0)


def candidate_fonts() -> list[FontFile]:
    """Installed font files worth trying, best first."""
    found = [f for f in KNOWN_FONTS if f.path.is_file()]
    for family in FC_FAMILIES:
        match = fc_match(family)
        if match is not None and match.path.is_file() and match not in found:
            found.append(match)
    return found


def register_cjk_font() -> str:
    """Registers the Chinese font with reportlab once and returns its name (`FONT_NAME`).

    Bold and italic map to the same face: WenQuanYi has no bold, and `<b>` in a paragraph must
    not fail.

    Raises:
        FontMissingError: If no WenQuanYi TrueType font is installed or none can be loaded.
    """
    global _registered
    with _lock:
        if _registered is not None:
            return FONT_NAME
        problems: list[str] = []
        for font in candidate_fonts():
            try:
                ttf = TTFont(FONT_NAME, str(font.path), subfontIndex=font.subfont_index)
            except (TTFError, OSError) as exc:
                problems.append(f"{font.path}: {exc}")
                continue
            pdfmetrics.registerFont(ttf)
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT_NAME, bold, italic, FONT_NAME)
            _registered = font
            return FONT_NAME
        tried = "; ".join(problems) or ", ".join(str(f.path) for f in KNOWN_FONTS)
        raise FontMissingError(
            f"未找到中文字体 WenQuanYi Micro Hei / Zen Hei（{tried}），install fonts-wqy-microhei")


def embedded_font_name() -> str:
    """The PostScript name the registered font carries inside a PDF, e.g. "WenQuanYiMicroHei"."""
    register_cjk_font()
    face = pdfmetrics.getFont(FONT_NAME).face
    name = face.name
    return name.decode("latin-1") if isinstance(name, bytes) else str(name)
