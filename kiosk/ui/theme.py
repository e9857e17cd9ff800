"""Colours, sizes and the Qt style sheet of the kiosk.

The terminal is a 1920×1080 touch screen used at night, often by elderly residents: text is large
(28 px body, 40 px titles), every button is at least 80 px high, and every text/background pair
the style sheet uses meets WCAG 2 contrast 4.5:1 (the disabled state at least 3:1). `TEXT_PAIRS`
lists those pairs so a test can hold the whole palette to that rule.
"""

from __future__ import annotations

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
DISABLED_TEXT = "#6B6B6B"  # 4.0:1 on DISABLED_BG: readable, yet visibly greyed out
BORDER_COLOR = "#8A9199"
ERROR_BG = "#FDECEA"
ERROR_TEXT = "#8C1D18"
INFO_BG = "#E7F0FA"
INFO_TEXT = "#0B3D6B"
SUCCESS_BG = "#E6F4EA"
SUCCESS_TEXT = "#1B5E20"
DEMO_BG = "#FFD54F"
OVERLAY_RGBA = (0, 0, 0, 170)  # dims the screen behind the idle warning; no text sits on it

FONT_FAMILIES = ["Noto Sans CJK SC", "WenQuanYi Micro Hei"]

# Every (name, foreground, background) pair the style sheet puts text on. A name starting with
# "disabled" is held to 3:1, every other pair to 4.5:1 (WCAG 2 AA for body text).
TEXT_PAIRS: list[tuple[str, str, str]] = [
    ("body", TEXT, BACKGROUND),
    ("body_on_surface", TEXT, SURFACE),
    ("muted", TEXT_MUTED, BACKGROUND),
    ("muted_on_surface", TEXT_MUTED, SURFACE),
    ("error", DANGER, BACKGROUND),
    ("error_on_surface", DANGER, SURFACE),
    ("success", SUCCESS, BACKGROUND),
    ("success_on_surface", SUCCESS, SURFACE),
    ("primary_button", ON_PRIMARY, PRIMARY),
    ("primary_button_pressed", ON_PRIMARY, PRIMARY_PRESSED),
    ("secondary_button", PRIMARY, SURFACE),
    ("danger_button", ON_PRIMARY, DANGER),
    ("danger_button_pressed", ON_PRIMARY, DANGER_PRESSED),
    ("step_current", ON_PRIMARY, PRIMARY),
    ("message_error", ERROR_TEXT, ERROR_BG),
    ("message_info", INFO_TEXT, INFO_BG),
    ("message_success", SUCCESS_TEXT, SUCCESS_BG),
    ("demo_banner", TEXT, DEMO_BG),
    ("disabled", DISABLED_TEXT, DISABLED_BG),
    ("emphasis", PRIMARY, BACKGROUND),
    ("entry_active", TEXT, INFO_BG),
]


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


def stylesheet() -> str:
    """The application style sheet, built from the constants above.

    Widgets are styled by objectName and by dynamic properties: ``role`` on buttons and labels,
    ``step`` on step titles, ``tone`` on message panels.
    """
    return focus_stylesheet() + f"""
QToolTip {{
    color: {TEXT}; background-color: {SURFACE}; border: 2px solid {BORDER_COLOR};
    padding: 8px; font-size: {BODY_PX}px;
}}
QPushButton {{
    font-size: {BODY_PX}px; border-radius: {RADIUS}px; padding: 8px {PADDING}px;
    border: {BORDER}px solid {PRIMARY};
    color: {PRIMARY}; background-color: {SURFACE};
}}
QPushButton[role="primary"] {{ color: {ON_PRIMARY}; background-color: {PRIMARY}; font-weight: bold; }}
QPushButton[role="primary"]:pressed {{ background-color: {PRIMARY_PRESSED}; border-color: {PRIMARY_PRESSED}; }}
QPushButton[role="secondary"] {{ color: {PRIMARY}; background-color: {SURFACE}; }}
QPushButton[role="secondary"]:pressed {{ color: {ON_PRIMARY}; background-color: {PRIMARY_PRESSED}; }}
QPushButton[role="danger"] {{
    color: {ON_PRIMARY}; background-color: {DANGER}; border-color: {DANGER}; font-weight: bold;
}}
QPushButton[role="danger"]:pressed {{ background-color: {DANGER_PRESSED}; border-color: {DANGER_PRESSED}; }}
QPushButton[role="key"] {{
    color: {TEXT}; background-color: {SURFACE}; border-color: {BORDER_COLOR};
    font-size: {TITLE_PX}px; font-weight: bold; padding: 0px;
}}
QPushButton[role="key"]:pressed {{ color: {ON_PRIMARY}; background-color: {PRIMARY_PRESSED}; }}
QPushButton#key_back, QPushButton#key_clear {{
    font-size: {ENTRY_PX}px; font-weight: bold; padding: 8px {KEY_PADDING}px;
}}
QPushButton[role="choice"] {{ color: {TEXT}; background-color: {SURFACE}; border-color: {BORDER_COLOR}; text-align: left; }}
QPushButton[role="choice"]:checked {{
    color: {ON_PRIMARY}; background-color: {PRIMARY}; border-color: {PRIMARY}; font-weight: bold;
}}
QPushButton:disabled, QPushButton[role="choice"]:disabled {{
    color: {DISABLED_TEXT}; background-color: {DISABLED_BG}; border: {BORDER}px dashed {BORDER_COLOR};
    font-weight: normal;
}}
QComboBox {{ font-size: {BODY_PX}px; min-height: {MIN_TARGET}px; padding: 0px {SMALL_SPACING}px; }}
QComboBox QAbstractItemView::item {{ min-height: {MIN_TARGET}px; }}
QTableWidget#paged_table {{ font-size: {TABLE_PX}px; }}
QCheckBox {{ font-size: {BODY_PX}px; color: {TEXT}; spacing: {SMALL_SPACING}px; min-height: {BUTTON_MIN_HEIGHT}px; }}
QCheckBox::indicator {{
    width: {CHECK_PX}px; height: {CHECK_PX}px; border: {BORDER}px solid {PRIMARY}; border-radius: 8px;
    background-color: {SURFACE};
}}
QCheckBox::indicator:checked {{ background-color: {PRIMARY}; image: url({CHECK_ICON}); }}
QScrollBar:vertical {{ width: {SCROLL_BAR_PX}px; background: {DISABLED_BG}; border-radius: {RADIUS}px; }}
QScrollBar::handle:vertical {{ background: {BORDER_COLOR}; min-height: {BUTTON_MIN_HEIGHT}px; border-radius: {RADIUS}px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
QScrollArea#touch_scroll {{ background: transparent; }}
QLabel[role="title"] {{ font-size: {TITLE_PX}px; font-weight: bold; color: {TEXT}; }}
QLabel[role="muted"] {{ color: {TEXT_MUTED}; }}
QLabel[role="hint"] {{ color: {TEXT_MUTED}; }}
QLabel[role="subtitle"] {{ font-size: {SUBTITLE_PX}px; font-weight: bold; color: {TEXT}; }}
QLabel[role="field"] {{ font-weight: bold; color: {TEXT}; }}
QLabel[role="emphasis"] {{ font-weight: bold; color: {PRIMARY}; }}
QLabel[role="brand"] {{ color: {TEXT}; }}
QLabel[role="error"] {{ color: {DANGER}; font-weight: bold; }}
QLabel[role="success"] {{ color: {SUCCESS}; font-weight: bold; }}
QLabel[role="large"] {{ font-size: {LARGE_PX}px; font-weight: bold; color: {TEXT}; }}
QLabel[role="entry"] {{
    font-size: {LARGE_PX}px; font-weight: bold; color: {TEXT}; background-color: {SURFACE};
    border: {BORDER}px solid {PRIMARY}; border-radius: {RADIUS}px; padding: 8px {PADDING}px;
}}
QLabel[role="entry"][empty="true"] {{ color: {TEXT_MUTED}; font-size: {BODY_PX}px; font-weight: normal; }}
DigitEntry[active="true"] QLabel[role="entry"] {{ border: 5px solid {PRIMARY}; background: {INFO_BG}; }}
QLineEdit {{
    font-size: {ENTRY_PX}px; color: {TEXT}; background-color: {SURFACE};
    border: {BORDER}px solid {PRIMARY}; border-radius: {RADIUS}px; padding: 4px {PADDING}px;
}}
QLineEdit:disabled {{ color: {DISABLED_TEXT}; background-color: {DISABLED_BG}; border-color: {BORDER_COLOR}; }}
QLabel[step="current"] {{
    color: {ON_PRIMARY}; background-color: {PRIMARY}; font-weight: bold;
    border-radius: {RADIUS}px; padding: 8px 16px;
}}
QLabel[step="done"], QLabel[step="todo"] {{ color: {TEXT_MUTED}; padding: 8px 16px; }}
QFrame#message_panel {{ border-radius: {RADIUS}px; border: {BORDER}px solid transparent; }}
QFrame#message_panel[tone="error"] {{ background-color: {ERROR_BG}; border-color: {ERROR_TEXT}; }}
QFrame#message_panel[tone="info"] {{ background-color: {INFO_BG}; border-color: {INFO_TEXT}; }}
QFrame#message_panel[tone="success"] {{ background-color: {SUCCESS_BG}; border-color: {SUCCESS_TEXT}; }}
QLabel[tone="error"] {{ color: {ERROR_TEXT}; }}
QLabel[tone="info"] {{ color: {INFO_TEXT}; }}
QLabel[tone="success"] {{ color: {SUCCESS_TEXT}; }}
QLabel#message_title {{ font-size: {TITLE_PX}px; font-weight: bold; }}
QFrame#overlay_panel {{
    background-color: {SURFACE}; border-radius: {RADIUS}px; border: {BORDER}px solid {PRIMARY};
}}
QLabel#demo_banner {{
    color: {TEXT}; background-color: {DEMO_BG}; font-size: {BANNER_PX}px; font-weight: bold;
    padding: 12px; border-bottom: 4px solid {TEXT};
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
QPushButton#repeat {{ padding: 4px 4px; }}
"""


def _palette() -> QPalette:
    """A palette matching the style sheet, for whatever the style sheet does not reach."""
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, BACKGROUND),
        (QPalette.ColorRole.WindowText, TEXT),
        (QPalette.ColorRole.Base, SURFACE),
        (QPalette.ColorRole.Text, TEXT),
        (QPalette.ColorRole.Button, SURFACE),
        (QPalette.ColorRole.ButtonText, PRIMARY),
        (QPalette.ColorRole.Highlight, PRIMARY),
        (QPalette.ColorRole.HighlightedText, ON_PRIMARY),
        (QPalette.ColorRole.ToolTipBase, SURFACE),
        (QPalette.ColorRole.ToolTipText, TEXT),
        (QPalette.ColorRole.PlaceholderText, TEXT_MUTED),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def body_font() -> QFont:
    """The body font: a CJK sans-serif at the body size in pixels (pixels, not points, so the
    size on the panel does not depend on the DPI the kiosk's X server reports)."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(BODY_PX)
    return font


def apply_theme(app: QApplication) -> None:
    """Give the whole application the kiosk's font, palette and style sheet.

    Args:
        app: The running application.
    """
    app.setFont(body_font())
    app.setPalette(_palette())
    app.setStyleSheet(stylesheet())


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
