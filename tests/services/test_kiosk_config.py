"""Kiosk configuration files (kiosk/config.py): the two shipped files, and clear errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.config import REPO_CONFIG_DIR, ConfigError, KioskConfig, load_config


def test_demo_toml_loads() -> None:
    config = load_config(demo=True)
    assert config.kiosk.terminal_id == "SIP-DEMO-001" and config.kiosk.demo
    assert config.database.url == "sqlite:///var/demo.sqlite"
    assert (config.session.idle_timeout_seconds, config.session.idle_warning_seconds) == (60, 20)
    assert (config.session.result_idle_s, config.session.card_left_s) == (180, 60)
    assert (config.session.face_attempts, config.session.password_attempts) == (3, 5)
    assert config.rules.flex_first_deduction_day == 18
    assert (config.rules.remote_medical_max_start_days, config.rules.remote_medical_max_years) == (90, 5)


def test_kiosk_toml_loads() -> None:
    config = load_config()
    assert config.kiosk.terminal_id == "SIP-24H-001" and not config.kiosk.demo
    assert config.database.url == "sqlite:///var/kiosk.sqlite"
    assert config == load_config(REPO_CONFIG_DIR / "kiosk.toml")


def test_demo_flag_turns_a_production_file_into_a_demo() -> None:
    config = load_config(REPO_CONFIG_DIR / "kiosk.toml", demo=True)
    assert config.kiosk.demo and config.kiosk.terminal_id == "SIP-24H-001"


def test_flex_tariff_amounts_are_exact() -> None:
    config = load_config(demo=True)
    package = config.flex_package("pension_medical")
    assert package is not None and package.label == "养老+医疗综合套餐"
    assert [(g.code, g.monthly_amount) for g in package.grades] == [
        ("1", Decimal("1366.40")), ("2", Decimal("1820.00")), ("3", Decimal("2380.00"))]
    assert str(package.grades[0].monthly_amount) == "1366.40"
    assert [g.monthly_amount for g in config.flex_package("medical_only").grades] == [
        Decimal("390.40"), Decimal("520.00")]
    assert config.flex_package("nonexistent") is None


def test_an_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("", encoding="utf-8")
    assert load_config(path) == KioskConfig()


def test_config_is_frozen() -> None:
    config = load_config(demo=True)
    with pytest.raises(ValueError):
        config.session.face_attempts = 10  # type: ignore[misc]


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    with pytest.raises(ConfigError, match="配置文件不存在") as info:
        load_config(path)
    assert str(path) in str(info.value)


def test_malformed_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[kiosk]\nterminal_id = "SIP-24H-001\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="配置文件格式错误") as info:
        load_config(path)
    assert str(path) in str(info.value)


def test_unknown_key_names_the_file_and_the_key(tmp_path: Path) -> None:
    path = tmp_path / "typo.toml"
    path.write_text("[session]\nidle_timeout_secs = 60\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="配置文件内容错误") as info:
        load_config(path)
    assert str(path) in str(info.value) and "idle_timeout_secs" in str(info.value)


def test_unknown_section_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "section.toml"
    path.write_text("[printer]\nmodel = \"TM-T88\"\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="printer"):
        load_config(path)


@pytest.mark.parametrize(("body", "field"), [
    ("[session]\nidle_timeout_seconds = 5\n", "idle_timeout_seconds"),
    ("[rules]\nflex_first_deduction_day = 31\n", "flex_first_deduction_day"),
    ("[devices]\nid_card = \"usb\"\n", "id_card"),
])
def test_out_of_range_values_are_refused(tmp_path: Path, body: str, field: str) -> None:
    path = tmp_path / "range.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value) and field in str(info.value)


@pytest.mark.parametrize("kind", ["gbk", "directory"])
def test_unreadable_file_raises_config_error_naming_it(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "kiosk.toml"
    if kind == "gbk":
        path.write_bytes('[kiosk]\nlocation = "苏州工业园区社保公积金服务大厅"\n'.encode("gbk"))
    else:
        path.mkdir()
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value)
