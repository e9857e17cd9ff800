"""The `kiosk` command's listings, as staff and QA read them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kiosk.cli import main
from kiosk.store.demo_personas import PERSONAS


def test_personas_json_lists_credentials_and_outcomes_with_masked_ids() -> None:
    result = CliRunner().invoke(main, ["personas", "--json"])
    assert result.exit_code == 0
    listing = json.loads(result.output)
    assert [p["key"] for p in listing] == [p.key for p in PERSONAS]
    for entry, persona in zip(listing, PERSONAS, strict=True):
        assert persona.id_number not in result.output
        assert entry["masked_id"] == persona.id_number[:4] + "*" * 10 + persona.id_number[-4:]
        assert entry["login"] == {"citizen_card": persona.card_number, "password": persona.password,
                                  "methods": ["id_card_face", "citizen_card_password"]}
        for outcome in entry["services"].values():
            assert outcome["outcome"] in ("completed", "refused", "pending_review") and outcome["reason"]
    flex = next(p for p in listing if p["key"] == "flex_normal")
    assert "18 日" in flex["services"]["flex_contribution_change"]["dates"]


def test_services_json_lists_all_28_with_steps() -> None:
    result = CliRunner().invoke(main, ["services", "--json"])
    services = json.loads(result.output)
    assert len(services) == 28
    built = {s["id"] for s in services if s["built"]}
    assert {"flex_contribution_change", "insurance_certificate", "remote_medical_register"} <= built
    remote = next(s for s in services if s["id"] == "remote_medical_register")
    fields = {f["key"]: f for step in remote["steps"] for f in step["fields"]}
    assert fields["contact_mobile"]["kind"] == "mobile" and fields["contact_mobile"]["required"]
    assert next(s for s in services if s["id"] == "password_reset")["login_methods"] == ["id_card_face"]


def test_db_init_and_seed_on_a_config_file(tmp_path: Path) -> None:
    config = tmp_path / "k.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path}/k.sqlite"\n', encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["db", "init", "--config", str(config)]).exit_code == 0
    seeded = runner.invoke(main, ["db", "seed-demo", "--config", str(config)])
    assert f"demo personas added: {len(PERSONAS)}" in seeded.output
    again = runner.invoke(main, ["db", "seed-demo", "--config", str(config)])
    assert "demo personas added: 0" in again.output


def test_db_init_on_an_unusable_path_says_why(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    config = tmp_path / "k.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{blocker}/k.sqlite"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["db", "init", "--config", str(config)])
    assert result.exit_code == 1
    assert "无法访问业务数据" in result.output


def test_a_broken_config_is_named(tmp_path: Path) -> None:
    config = tmp_path / "k.toml"
    config.write_text("[session]\nidle_timeout_seconds = 'soon'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["db", "init", "--config", str(config)])
    assert result.exit_code == 1 and str(config) in result.output


def test_devices_check_on_the_demo_config_reports_every_device_working(tmp_path: Path) -> None:
    config = tmp_path / "k.toml"
    config.write_text(f'[paths]\nspool_dir = "{tmp_path}/spool"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["devices", "check", "--config", str(config), "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert [d["label"] for d in found] == ["身份证读卡器", "市民卡读卡器", "摄像头及人脸识别", "凭条打印机",
                                           "A4 打印机", "短信网关"]
    assert all(d["ok"] for d in found)


def test_devices_check_names_the_faulty_device_and_exits_1(tmp_path: Path) -> None:
    config = tmp_path / "k.toml"
    config.write_text(f'[paths]\nspool_dir = "{tmp_path}/spool"\n'
                      f'[devices]\nid_card = "serial"\nid_card_port = "{tmp_path}/no-such-tty"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["devices", "check", "--config", str(config)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("[故障] 身份证读卡器（serial）：身份证读卡器未连接")
    assert all(line.startswith("[正常]") for line in lines[1:])


def test_staff_pin_prints_a_hash_line_that_verifies() -> None:
    from kiosk.services.passwords import verify_password

    result = CliRunner().invoke(main, ["staff-pin"], input="24681357\n24681357\n")
    assert result.exit_code == 0, result.output
    line = result.output.strip().splitlines()[-1]
    assert line.startswith('staff_pin_hash = "scrypt$') and "24681357" not in line
    assert verify_password("24681357", line.split('"')[1])
    assert CliRunner().invoke(main, ["staff-pin"], input="111111\n111111\n").exit_code == 1
