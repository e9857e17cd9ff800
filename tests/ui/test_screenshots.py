"""`kiosk screenshots`: per profile a report of unreachable controls and clipped labels, exit 1 on any.

The catalogue itself is walked at every profile in test_screen_profiles.py; here the command's
report and exit code, on a catalogue with and without problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk import cli
from kiosk.ui import screenshots
from kiosk.ui.layout_check import Item

OK = Item("control", "next", "下一步", (10, 10, 120, 80))
CUT = Item("label", "step_title", "选择就医地", (10, 10, 40, 40), "clipped: 选择就医地 (needs 140 px width, has 40)")
FAR = Item("control", "key_0", "0", (10, 1100, 120, 80), "unreachable: 0 (not fully inside the kiosk area)")


def _fake(out: Path, items: list[Item]):  # noqa: ANN202
    def render_all(folder: Path, profiles: list[str], services: list[str] | None, language: str = "zh",
                   mode: str = "standard", theme: str = "standard") -> list[screenshots.Catalogue]:
        assert services is None and (mode, theme) == ("standard", "standard")
        return [screenshots.Catalogue(folder / p, p, [screenshots.Shot("home", "001_home.png", items)])
                for p in profiles]
    return render_all


@pytest.mark.parametrize(("items", "code"), [([OK], 0), ([OK, CUT], 1), ([FAR], 1)])
def test_the_command_fails_on_any_unreachable_control_or_clipped_label(monkeypatch, tmp_path: Path,  # noqa: ANN001
                                                                        items: list[Item], code: int) -> None:
    monkeypatch.setattr(screenshots, "render_all", _fake(tmp_path, items))
    result = CliRunner().invoke(cli.main, ["screenshots", "--out", str(tmp_path), "--profile", "all"])
    assert result.exit_code == code
    lines = [line for line in result.output.splitlines() if "screens in" in line]
    assert [line.split(":")[0] for line in lines] == ["1920x1080", "1080x1920", "1280x1024"]
    unreachable, clipped = sum(i is FAR for i in items), sum(i is CUT for i in items)
    assert all(f"{unreachable} unreachable controls · {clipped} clipped labels" in line for line in lines)
    if code:
        assert (CUT.problem if clipped else FAR.problem) in result.output


def test_in_english_the_command_fails_on_chinese_left(monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    left = Item("label", "screen_title", "请选择要办理的业务", (10, 10, 400, 40),
                "untranslated: 请选择要办理的业务 in '请选择要办理的业务'")
    monkeypatch.setattr(screenshots, "render_all", _fake(tmp_path, [OK, left]))
    result = CliRunner().invoke(cli.main, ["screenshots", "--out", str(tmp_path), "--language", "en"])
    assert result.exit_code == 1
    assert "0 unreachable controls · 0 clipped labels · 1 untranslated texts" in result.output
    assert left.problem in result.output


def test_an_unknown_profile_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli.main, ["screenshots", "--out", str(tmp_path), "--profile", "800x600"])
    assert result.exit_code == 2 and "800x600" in result.output


def test_the_command_takes_the_pictures_in_elder_mode_and_high_contrast(monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    asked = []

    def render_all(folder: Path, profiles: list[str], services: list[str] | None, language: str = "zh",
                   mode: str = "standard", theme: str = "standard") -> list[screenshots.Catalogue]:
        asked.append((profiles, mode, theme))
        return [screenshots.Catalogue(folder / p, p, [screenshots.Shot("home", "001_home.png", [OK])]) for p in profiles]
    monkeypatch.setattr(screenshots, "render_all", render_all)
    result = CliRunner().invoke(cli.main, ["screenshots", "--out", str(tmp_path), "--mode", "elder",
                                           "--theme", "high_contrast"])
    assert result.exit_code == 0
    assert asked == [(["1920x1080"], "elder", "high_contrast")]
