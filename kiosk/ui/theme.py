"""Colours, sizes and the Qt style sheet of the kiosk.

The terminal is a 1920×1080 touch screen used at night, often by elderly residents: text is large
(28 px body, 40 px titles), every button is at least 80 px high, and every text/background pair
the style sheet uses meets WCAG 2 contrast 4.5:1, every control's border 3:1. `TEXT_PAIRS`
lists those pairs so a test can hold the whole palette to that rule.

A session's `Presentation` picks a `Look`: 长辈版 (36 px body, 48 px titles, 120-px targets) and
the high-contrast colours (text 7:1, WCAG AAA). `apply_theme` switches the whole application live.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

# --- Sizes (pixels, for a 1920×1080 screen) ---------------------------------------------------
BODY_PX = 28
TITLE_PX = 40
SUBTITLE_PX = 32  # step and screen subtitles: between body and title
LARGE_PX = 48  # digits being typed and the date being picked: the thing the user checks
TABLE_PX = 26  # figures in a paged table: a year of instalments must fit one 1080-px screen
ENTRY_PX = 32  # typed text and the keypad's 删除/清空: a little above body text
BANNER_PX = 30
BUTTON_MIN_HEIGHT = 80  # a fingertip is ~10 mm; 80 px is ~15 mm on a 21.5" panel
KEY_SIZE = 112  # keypad keys: bigger than buttons, they are hit many times in a row
# The least height a key may be squeezed to where a screen is short (1280×1024 with a two-line step
# indicator): still far above the 60-px target; the keys take KEY_SIZE or more wherever there is room.
KEY_MIN_HEIGHT = 96
KEY_PADDING = 4  # left/right padding inside a key (buttons have PADDING)
STEP_BUTTON_WIDTH = 120  # the − and + of the date picker
MIN_TARGET = 60  # the smallest control a fingertip hits reliably, each way
SCROLL_BAR_PX = 60  # a scroll bar a finger can hold (Qt's own is ~14 px)
CHECK_PX = 48  # a tick box a fingertip can hit (Qt's own is ~16 px)
CHECK_ICON = (Path(__file__).parent / "check.svg").as_posix()  # the white tick on a checked box
SPACING = 24
SMALL_SPACING = 16
PADDING = 24
RADIUS = 12
BORDER = 3

# --- Palette ----------------------------------------------------------------------------------
BACKGROUND = "#F4F6F8"
SURFACE = "#FFFFFF"
TEXT = "#1A1A1A"
TEXT_MUTED = "#4A4F55"
PRIMARY = "#0B4F8A"
PRIMARY_PRESSED = "#07365F"
ON_PRIMARY = "#FFFFFF"
DANGER = "#B3261E"
DANGER_PRESSED = "#8C1D18"
SUCCESS = "#1E6B2A"
DISABLED_BG = "#E0E0E0"
DISABLED_TEXT = "#5C5C5C"  # 5.1:1 on DISABLED_BG: readable, greyed out by its grey fill and dashed border
BORDER_COLOR = "#6E757D"  # 3:1 or more on every background a control sits on
ERROR_BG = "#FDECEA"
ERROR_TEXT = "#8C1D18"
INFO_BG = "#E7F0FA"
INFO_TEXT = "#0B3D6B"
SUCCESS_BG = "#E6F4EA"
SUCCESS_TEXT = "#1B5E20"
DEMO_BG = "#FFD54F"
OVERLAY_RGBA = (0, 0, 0, 170)  # dims the screen behind the idle warning; no text sits on it

FONT_FAMILIES = ["Noto Sans CJK SC", "WenQuanYi Micro Hei"]

@dataclass(frozen=True)
class Look:
    """The sizes and colours one presentation draws with; `stylesheet(look)` turns it into QSS."""

    body: int = BODY_PX
    title: int = TITLE_PX
    subtitle: int = SUBTITLE_PX
    large: int = LARGE_PX
    table: int = TABLE_PX
    entry: int = ENTRY_PX
    banner: int = BANNER_PX
    target: int = BUTTON_MIN_HEIGHT  # the least height of any button
    check: int = CHECK_PX
    border: int = BORDER
    background: str = BACKGROUND
    surface: str = SURFACE
    text: str = TEXT
    text_muted: str = TEXT_MUTED
    primary: str = PRIMARY
    primary_pressed: str = PRIMARY_PRESSED
    on_primary: str = ON_PRIMARY
    danger: str = DANGER
    danger_pressed: str = DANGER_PRESSED
    success: str = SUCCESS
    disabled_bg: str = DISABLED_BG
    disabled_text: str = DISABLED_TEXT
    border_color: str = BORDER_COLOR
    error_bg: str = ERROR_BG
    error_text: str = ERROR_TEXT
    info_bg: str = INFO_BG
    info_text: str = INFO_TEXT
    success_bg: str = SUCCESS_BG
    success_text: str = SUCCESS_TEXT
    demo_bg: str = DEMO_BG
    elder: bool = False
    high_contrast: bool = False

    @property
    def minimum_text_contrast(self) -> float:
        """WCAG AA (4.5:1) for the standard colours, AAA (7:1) for high contrast."""
        return 7.0 if self.high_contrast else 4.5


STANDARD_LOOK = Look()
# 长辈版: MIIT's elder-friendly rules ask for ≥ 18 pt text; 36 px body, 48 px titles, 120-px targets.
ELDER_SIZES = {"body": 36, "title": 48, "subtitle": 40, "large": 52, "table": 32, "entry": 40, "target": 120,
               "check": 60}
# High contrast: black on white, navy controls, black borders; every text pair 7:1 or more.
HIGH_CONTRAST_COLOURS = {
    "background": "#FFFFFF", "surface": "#FFFFFF", "text": "#000000", "text_muted": "#333333",
    "primary": "#002F6C", "primary_pressed": "#001A3D", "on_primary": "#FFFFFF", "danger": "#8B0000",
    "danger_pressed": "#5C0000", "success": "#0A4A14", "disabled_bg": "#E6E6E6", "disabled_text": "#333333",
    "border_color": "#000000", "error_bg": "#FFF0F0", "error_text": "#6B0000", "info_bg": "#EEF4FB",
    "info_text": "#002F6C", "success_bg": "#EEF8EE", "success_text": "#0A4A14", "demo_bg": "#FFD54F",
}


def look_for(elder: bool, high_contrast: bool) -> Look:
    """The look of a presentation: 长辈版 sizes and/or high-contrast colours over the standard look."""
    look = STANDARD_LOOK
    if elder:
        look = replace(look, elder=True, **ELDER_SIZES)
    if high_contrast:
        look = replace(look, high_contrast=True, **HIGH_CONTRAST_COLOURS)
    return look


def text_pairs(look: Look = STANDARD_LOOK) -> list[tuple[str, str, str]]:
    """Every (name, foreground, background) pair the style sheet puts text on."""
    c = look
    return [
        ("body", c.text, c.background),
        ("body_on_surface", c.text, c.surface),
        ("muted", c.text_muted, c.background),
        ("muted_on_surface", c.text_muted, c.surface),
        ("error", c.danger, c.background),
        ("error_on_surface", c.danger, c.surface),
        ("success", c.success, c.background),
        ("success_on_surface", c.success, c.surface),
        ("primary_button", c.on_primary, c.primary),
        ("primary_button_pressed", c.on_primary, c.primary_pressed),
        ("secondary_button", c.primary, c.surface),
        ("danger_button", c.on_primary, c.danger),
        ("danger_button_pressed", c.on_primary, c.danger_pressed),
        ("step_current", c.on_primary, c.primary),
        ("message_error", c.error_text, c.error_bg),
        ("message_info", c.info_text, c.info_bg),
        ("message_success", c.success_text, c.success_bg),
        ("demo_banner", c.text, c.demo_bg),
        ("disabled", c.disabled_text, c.disabled_bg),
        ("emphasis", c.primary, c.background),
        ("entry_active", c.text, c.info_bg),
    ]


def border_pairs(look: Look = STANDARD_LOOK) -> list[tuple[str, str, str]]:
    """Every (name, border, background around it) pair a control's outline is seen against (3:1)."""
    c = look
    return [(f"{name}_on_{where}", border, bg)
            for name, border in (("button", c.primary), ("choice", c.border_color), ("key", c.border_color),
                                 ("danger", c.danger), ("entry", c.primary))
            for where, bg in (("background", c.background), ("surface", c.surface), ("info", c.info_bg))]


# Kept for the tests and tools that read the standard palette as a list.
TEXT_PAIRS = text_pairs()


def _relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour written as "#RRGGBB"."""
    value = hex_colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"expected #RRGGBB, got {hex_colour!r}")
    channels = []
    for i in (0, 2, 4):
        c = int(value[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg_hex: str, bg_hex: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1.0 (same) to 21.0 (black on white).

    Args:
        fg_hex: Text colour, "#RRGGBB".
        bg_hex: Background colour, "#RRGGBB".

    Returns:
        (L1 + 0.05) / (L2 + 0.05) with L1 the lighter relative luminance.
    """
    lighter, darker = sorted((_relative_luminance(fg_hex), _relative_luminance(bg_hex)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def stylesheet(look: Look = STANDARD_LOOK) -> str:
    """The application style sheet, built from the constants above.

    Widgets are styled by objectName and by dynamic properties: ``role`` on buttons and labels,
    ``step`` on step titles, ``tone`` on message panels.
    """
    c = look
    return focus_stylesheet() + f"""
QToolTip {{
    color: {c.text}; background-color: {c.surface}; border: 2px solid {c.border_color};
    padding: 8px; font-size: {c.body}px;
}}
QPushButton {{
    font-size: {c.body}px; border-radius: {RADIUS}px; padding: 8px {PADDING}px;
    border: {c.border}px solid {c.primary};
    color: {c.primary}; background-color: {c.surface};
}}
QPushButton[role="primary"] {{ color: {c.on_primary}; background-color: {c.primary}; font-weight: bold; }}
QPushButton[role="primary"]:pressed {{ background-color: {c.primary_pressed}; border-color: {c.primary_pressed}; }}
QPushButton[role="secondary"] {{ color: {c.primary}; background-color: {c.surface}; }}
QPushButton[role="secondary"]:pressed {{ color: {c.on_primary}; background-color: {c.primary_pressed}; }}
QPushButton[role="danger"] {{
    color: {c.on_primary}; background-color: {c.danger}; border-color: {c.danger}; font-weight: bold;
}}
QPushButton[role="danger"]:pressed {{ background-color: {c.danger_pressed}; border-color: {c.danger_pressed}; }}
QPushButton[role="key"] {{
    color: {c.text}; background-color: {c.surface}; border-color: {c.border_color};
    font-size: {c.title}px; font-weight: bold; padding: 0px;
}}
QPushButton[role="key"]:pressed {{ color: {c.on_primary}; background-color: {c.primary_pressed}; }}
QPushButton#key_back, QPushButton#key_clear {{
    font-size: {c.entry}px; font-weight: bold; padding: 8px {KEY_PADDING}px;
}}
QPushButton[role="choice"] {{ color: {c.text}; background-color: {c.surface}; border-color: {c.border_color}; text-align: left; }}
QPushButton[role="choice"]:checked {{
    color: {c.on_primary}; background-color: {c.primary}; border-color: {c.primary}; font-weight: bold;
}}
QPushButton:disabled, QPushButton[role="choice"]:disabled {{
    color: {c.disabled_text}; background-color: {c.disabled_bg}; border: {c.border}px dashed {c.border_color};
    font-weight: normal;
}}
QComboBox {{ font-size: {c.body}px; min-height: {MIN_TARGET}px; padding: 0px {SMALL_SPACING}px; }}
QComboBox QAbstractItemView::item {{ min-height: {MIN_TARGET}px; }}
QTableWidget#paged_table {{ font-size: {c.table}px; }}
QCheckBox {{ font-size: {c.body}px; color: {c.text}; spacing: {SMALL_SPACING}px; min-height: {c.target}px; }}
QCheckBox::indicator {{
    width: {c.check}px; height: {c.check}px; border: {c.border}px solid {c.primary}; border-radius: 8px;
    background-color: {c.surface};
}}
QCheckBox::indicator:checked {{ background-color: {c.primary}; image: url({CHECK_ICON}); }}
QScrollBar:vertical {{ width: {SCROLL_BAR_PX}px; background: {c.disabled_bg}; border-radius: {RADIUS}px; }}
QScrollBar::handle:vertical {{ background: {c.border_color}; min-height: {c.target}px; border-radius: {RADIUS}px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
QScrollArea#touch_scroll {{ background: transparent; }}
QLabel[role="title"] {{ font-size: {c.title}px; font-weight: bold; color: {c.text}; }}
QLabel[role="muted"] {{ color: {c.text_muted}; }}
QLabel[role="hint"] {{ color: {c.text_muted}; }}
QLabel[role="subtitle"] {{ font-size: {c.subtitle}px; font-weight: bold; color: {c.text}; }}
QLabel[role="field"] {{ font-weight: bold; color: {c.text}; }}
QLabel[role="emphasis"] {{ font-weight: bold; color: {c.primary}; }}
QLabel[role="brand"] {{ color: {c.text}; font-size: {BODY_PX}px; }}  /* the same in 长辈版: the clock must fit beside it */
QLabel[role="error"] {{ color: {c.danger}; font-weight: bold; }}
QLabel[role="success"] {{ color: {c.success}; font-weight: bold; }}
QLabel[role="large"] {{ font-size: {c.large}px; font-weight: bold; color: {c.text}; }}
QLabel[role="entry"] {{
    font-size: {c.large}px; font-weight: bold; color: {c.text}; background-color: {c.surface};
    border: {c.border}px solid {c.primary}; border-radius: {RADIUS}px; padding: 8px {PADDING}px;
}}
QLabel[role="entry"][empty="true"] {{ color: {c.text_muted}; font-size: {c.body}px; font-weight: normal; }}
DigitEntry[active="true"] QLabel[role="entry"] {{ border: 5px solid {c.primary}; background: {c.info_bg}; }}
QLineEdit {{
    font-size: {c.entry}px; color: {c.text}; background-color: {c.surface};
    border: {c.border}px solid {c.primary}; border-radius: {RADIUS}px; padding: 4px {PADDING}px;
}}
QLineEdit:disabled {{ color: {c.disabled_text}; background-color: {c.disabled_bg}; border-color: {c.border_color}; }}
QLabel[step="current"] {{
    color: {c.on_primary}; background-color: {c.primary}; font-weight: bold;
    border-radius: {RADIUS}px; padding: 8px 16px;
}}
QLabel[step="done"], QLabel[step="todo"] {{ color: {c.text_muted}; padding: 8px 16px; }}
QFrame#message_panel {{ border-radius: {RADIUS}px; border: {c.border}px solid transparent; }}
QFrame#message_panel[tone="error"] {{ background-color: {c.error_bg}; border-color: {c.error_text}; }}
QFrame#message_panel[tone="info"] {{ background-color: {c.info_bg}; border-color: {c.info_text}; }}
QFrame#message_panel[tone="success"] {{ background-color: {c.success_bg}; border-color: {c.success_text}; }}
QLabel[tone="error"] {{ color: {c.error_text}; }}
QLabel[tone="info"] {{ color: {c.info_text}; }}
QLabel[tone="success"] {{ color: {c.success_text}; }}
QLabel#message_title {{ font-size: {c.title}px; font-weight: bold; }}
QFrame#overlay_panel {{
    background-color: {c.surface}; border-radius: {RADIUS}px; border: {c.border}px solid {c.primary};
}}
QLabel#demo_banner {{
    color: {c.text}; background-color: {c.demo_bg}; font-size: {c.banner}px; font-weight: bold;
    padding: 12px; border-bottom: 4px solid {c.text};
}}
"""


# --- Keypad focus ring (keypad-only operation, kiosk/ui/keypad_nav.py) --------------------------
FOCUS_RING_PX = 4
FOCUS_RING = "#000000"  # black: ≥ 15:1 on the light page around every control
# A black ring alone is lost on a dark-blue button: the focused control also turns yellow with black
# text (≥ 12:1), the highlight a remote-control screen uses. A choice keeps its ✓ and the voice says 已选中.
FOCUS_FILL = "#FFD54F"
TEXT_PAIRS.append(("keypad_focus", TEXT, FOCUS_FILL))


def focus_stylesheet() -> str:
    """🔊 重听's narrow padding (it shares the header with the brand and the clock), and the 4-px ring round the control the keypad focused, whatever its role and state: each selector
    is one pseudo-state more specific than the rule it must beat (a checked choice, a disabled one)."""
    selectors = ["QPushButton:focus", "QCheckBox:focus", "QPushButton:checked:focus", "QPushButton:disabled:focus"]
    selectors += [f'QPushButton[role="{role}"]{state}:focus' for role in ("primary", "secondary", "danger", "key", "choice")
                  for state in ("", ":checked", ":disabled")]
    selectors += ["QPushButton#key_back:focus", "QPushButton#key_clear:focus"]
    return ", ".join(selectors) + f""" {{
    border: {FOCUS_RING_PX}px solid {FOCUS_RING}; border-radius: {RADIUS}px;
    color: {TEXT}; background-color: {FOCUS_FILL};
}}
QPushButton#repeat {{ padding: 4px 4px; font-size: {BODY_PX}px; }}
"""


def _palette(look: Look = STANDARD_LOOK) -> QPalette:
    """A palette matching the style sheet, for whatever the style sheet does not reach."""
    palette = QPalette()
    c = look
    for role, colour in (
        (QPalette.ColorRole.Window, c.background),
        (QPalette.ColorRole.WindowText, c.text),
        (QPalette.ColorRole.Base, c.surface),
        (QPalette.ColorRole.Text, c.text),
        (QPalette.ColorRole.Button, c.surface),
        (QPalette.ColorRole.ButtonText, c.primary),
        (QPalette.ColorRole.Highlight, c.primary),
        (QPalette.ColorRole.HighlightedText, c.on_primary),
        (QPalette.ColorRole.ToolTipBase, c.surface),
        (QPalette.ColorRole.ToolTipText, c.text),
        (QPalette.ColorRole.PlaceholderText, c.text_muted),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def body_font(look: Look = STANDARD_LOOK) -> QFont:
    """The body font: a CJK sans-serif at the body size in pixels (pixels, not points, so the
    size on the panel does not depend on the DPI the kiosk's X server reports)."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(look.body)
    return font


_current = STANDARD_LOOK


def current() -> Look:
    """The look the application is drawn with now (sizes a widget sets in code read it)."""
    return _current


def apply_theme(app: QApplication, look: Look = STANDARD_LOOK) -> None:
    """Give the whole application the kiosk's font, palette and style sheet (live: every widget is
    polished again).

    Args:
        app: The running application.
        look: Standard, 长辈版 and/or high contrast (`look_for`).
    """
    global _current
    _current = look
    app.setFont(body_font(look))
    app.setPalette(_palette(look))
    app.setStyleSheet(stylesheet(look))


def restyle(widget: QWidget, **properties: object) -> None:
    """Set dynamic properties the style sheet selects on, and re-apply the style.

    Qt evaluates property selectors when a widget is polished, so changing a property alone
    leaves the old colours on screen until the widget is polished again.

    Args:
        widget: The widget to update.
        **properties: Property names and values, e.g. ``role="error"``.
    """
    for name, value in properties.items():
        widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
