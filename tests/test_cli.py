"""The `kiosk` command's listings, as staff and QA read them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk.cli import main
from kiosk.demo.personas import PERSONAS


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
    seeded = runner.invoke(main, ["db", "seed-demo", "--config", str(config), "--today", "2027-01-15"])
    assert f"demo personas for 2027-01-15 added: {len(PERSONAS)} (" in seeded.output
    again = runner.invoke(main, ["db", "seed-demo", "--config", str(config), "--today", "2027-01-15"])
    assert "demo personas for 2027-01-15 added: 0 (" in again.output
    moved = runner.invoke(main, ["db", "seed-demo", "--config", str(config), "--today", "2028-02-29"])
    assert f"demo personas for 2028-02-29 added: {len(PERSONAS)}, replacing those of 2027-01-15" in moved.output


def test_personas_lists_the_outcomes_of_the_day_asked() -> None:
    def listing(day: str) -> dict:
        result = CliRunner().invoke(main, ["personas", "--json", "--today", day])
        assert result.exit_code == 0, result.output
        return {p["key"]: p["services"] for p in json.loads(result.output)}

    spring, autumn = listing("2027-03-01"), listing("2027-10-08")
    assert spring["subsidy_family"]["hf_interest_subsidy"]["outcome"] == "completed"
    assert autumn["subsidy_family"]["hf_interest_subsidy"]["outcome"] == "refused"  # outside the window
    assert spring["paper_opted_out"]["paper_statement_optout"]["outcome"] == "completed"
    assert autumn["paper_opted_out"]["paper_statement_optout"]["outcome"] == "refused"  # 1 July – 31 December
    assert "2027-02-22 已申请退支" in spring["ue_refund_applied"]["unemployment_refund"]["reason"]
    bad = CliRunner().invoke(main, ["personas", "--today", "2027-02-30"])
    assert bad.exit_code == 2 and "2027-02-30" in bad.output


def test_db_init_on_an_unusable_path_says_why(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    config = tmp_path / "k.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{blocker}/k.sqlite"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["db", "init", "--config", str(config)])
    assert result.exit_code == 2
    assert "无法创建或打开" in result.output and str(blocker) in result.output


def test_a_broken_config_is_named(tmp_path: Path) -> None:
    config = tmp_path / "k.toml"
    config.write_text("[session]\nidle_timeout_seconds = 'soon'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["db", "init", "--config", str(config)])
    assert result.exit_code == 2 and str(config) in result.output


def test_devices_check_on_the_demo_config_reports_every_device_working(tmp_path: Path) -> None:
    config = tmp_path / "k.toml"
    config.write_text(f'[paths]\nspool_dir = "{tmp_path}/spool"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["devices", "check", "--config", str(config), "--json", "--today", "2026-10-31"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert [d["label"] for d in found] == ["身份证读卡器", "市民卡读卡器", "摄像头及人脸识别", "凭条打印机",
                                           "A4 打印机", "短信网关", "语音播报", "耳机插孔", "节假日安排"]
    assert all(d["ok"] and d["state"] == "正常" for d in found)


def test_devices_check_names_the_faulty_device_and_exits_1(tmp_path: Path) -> None:
    config = tmp_path / "k.toml"
    config.write_text(f'[paths]\nspool_dir = "{tmp_path}/spool"\n'
                      f'[devices]\nid_card = "serial"\nid_card_port = "{tmp_path}/no-such-tty"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["devices", "check", "--config", str(config), "--today", "2026-12-04"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("[故障] 身份证读卡器（serial）：身份证读卡器未连接")
    assert all(line.startswith("[正常]") for line in lines[1:-1])
    assert lines[-1].startswith("[警告] 节假日安排")


def test_devices_check_warns_from_1_november_without_next_years_schedule(tmp_path: Path) -> None:
    config = tmp_path / "k.toml"
    config.write_text(f'[paths]\nspool_dir = "{tmp_path}/spool"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["devices", "check", "--config", str(config), "--today", "2026-12-04"])
    assert result.exit_code == 0, result.output  # a warning alone is not a fault
    last = result.output.splitlines()[-1]
    assert last.startswith("[警告] 节假日安排") and "2027 年节假日安排未载入" in last and "complete_years" in last
    october = CliRunner().invoke(main, ["devices", "check", "--config", str(config), "--today", "2026-10-31"])
    assert october.output.splitlines()[-1].startswith("[正常] 节假日安排")
    config.write_text(config.read_text(encoding="utf-8") + "[calendar]\ncomplete_years = [2027]\n", encoding="utf-8")
    loaded = CliRunner().invoke(main, ["devices", "check", "--config", str(config), "--today", "2026-12-04"])
    assert loaded.output.splitlines()[-1].startswith("[正常] 节假日安排")
    assert "已载入 2026、2027 年节假日安排" in loaded.output


def test_staff_pin_prints_a_hash_line_that_verifies() -> None:
    from kiosk.services.passwords import verify_password

    result = CliRunner().invoke(main, ["staff-pin"], input="24681357\n24681357\n")
    assert result.exit_code == 0, result.output
    line = result.output.strip().splitlines()[-1]
    assert line.startswith('staff_pin_hash = "scrypt$') and "24681357" not in line
    assert verify_password("24681357", line.split('"')[1])
    assert CliRunner().invoke(main, ["staff-pin"], input="111111\n111111\n").exit_code == 2


# --- bad input: a clear message and exit code 2, never a traceback --------------------------------

@pytest.mark.parametrize(("url", "said"), [
    ("nonsense://x", "数据库类型或驱动不存在"),
    ("postgresql+nodriver://u:secret@h/db", "数据库类型或驱动不存在"),
    ("not a url", "[database] url 无法识别"),
    ("sqlite:////proc/no-such-process/k.sqlite", "无法创建或打开"),
])
@pytest.mark.parametrize("command", [["db", "init"], ["db", "seed-demo"], ["reprint", "123456"],
                                     ["faces", "enroll", "32057119780512131X", "photo.jpg"]])
def test_a_database_url_that_cannot_work_is_named_with_exit_2(tmp_path: Path, url: str, said: str,
                                                               command: list[str]) -> None:
    config = tmp_path / "k.toml"
    config.write_text(f'[database]\nurl = "{url}"\n[paths]\nspool_dir = "{tmp_path}/spool"\n', encoding="utf-8")
    result = CliRunner().invoke(main, [*command, "--config", str(config)])
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert "Traceback" not in result.output and "secret" not in result.output


@pytest.mark.parametrize("what", ["\udcff\udcfe", "12345", "YW-1", "１２３４５６", "٠١٢٣٤٥"])
def test_reprint_of_something_that_is_neither_serial_nor_code_exits_2(what: str) -> None:
    result = CliRunner().invoke(main, ["reprint", what, "--demo"])
    assert result.exit_code == 2
    assert "应为业务流水号" in result.output
