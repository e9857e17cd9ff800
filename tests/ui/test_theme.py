"""The palette is readable and the theme reaches the widgets."""

import re

import pytest
from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QLabel

from kiosk.ui import theme
from kiosk.ui.theme import TEXT_PAIRS, contrast_ratio, stylesheet




def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    # WebAIM's checker gives 4.48:1 for #777777 on white: just below AA.
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_contrast_ratio_rejects_malformed_colours():
    with pytest.raises(ValueError):
        contrast_ratio("#FFF", "#000000")


@pytest.mark.parametrize(("name", "fg", "bg"), TEXT_PAIRS, ids=[p[0] for p in TEXT_PAIRS])
def test_every_text_pair_is_readable(name, fg, bg):
    minimum = 3.0 if name.startswith("disabled") else 4.5
    assert contrast_ratio(fg, bg) >= minimum


def test_disabled_look_differs_from_every_enabled_button():
    assert theme.DISABLED_BG not in {theme.PRIMARY, theme.SURFACE, theme.DANGER}
    assert theme.DISABLED_TEXT not in {theme.ON_PRIMARY, theme.PRIMARY, theme.TEXT}


def test_text_pairs_cover_every_text_colour_in_the_stylesheet():
    text_colours = set(re.findall(r"(?<![-\w])color:\s*(#[0-9A-Fa-f]{6})", stylesheet()))
    assert text_colours, "the stylesheet sets text colours"
    assert text_colours <= {fg for _name, fg, _bg in TEXT_PAIRS}


def test_sizes_suit_a_touch_screen():
    assert theme.BODY_PX >= 24
    assert theme.TITLE_PX > theme.BODY_PX
    assert theme.BUTTON_MIN_HEIGHT >= 80


def test_stylesheet_styles_roles():
    qss = stylesheet()
    for selector in (
        'QPushButton[role="primary"]',
        'QPushButton[role="secondary"]',
        'QPushButton[role="danger"]',
        'QLabel[role="title"]',
        'QLabel[role="error"]',
        'QLabel[role="success"]',
    ):
        assert selector in qss


def test_apply_theme_sets_cjk_font_at_body_size(themed):
    font = themed.font()
    assert font.families()[:2] == ["Noto Sans CJK SC", "WenQuanYi Micro Hei"]
    assert font.pixelSize() == theme.BODY_PX
    assert themed.styleSheet() == stylesheet()


def test_titles_are_larger_than_body_text(themed, qtbot):
    body, title = QLabel("正文"), QLabel("标题")
    title.setProperty("role", "title")
    for label in (body, title):
        qtbot.addWidget(label)
        label.ensurePolished()
    assert QFontInfo(body.font()).pixelSize() == theme.BODY_PX
    assert QFontInfo(title.font()).pixelSize() == theme.TITLE_PX


def test_chinese_renders_in_a_cjk_font_when_installed(themed, qtbot):
    installed = set(QFontDatabase.families())
    if not installed & set(theme.FONT_FAMILIES):
        pytest.skip("no CJK font installed on this machine (scripts/install.sh installs them)")
    label = QLabel("社保公积金")
    qtbot.addWidget(label)
    label.ensurePolished()
    assert QFontInfo(label.font()).family() in theme.FONT_FAMILIES


def test_every_label_role_the_screens_use_is_styled() -> None:
    import re
    from pathlib import Path

    ui = Path(__file__).resolve().parents[2] / "kiosk" / "ui"
    used = set()
    for path in [*ui.joinpath("screens").glob("*.py"), ui / "main_window.py"]:
        used |= set(re.findall(r'role="([a-z_]+)"', path.read_text(encoding="utf-8")))
    styled = set(re.findall(r'\[role="([a-z_]+)"\]', stylesheet()))
    assert used - styled == set()
