"""`kiosk scenario`: scripted sessions through the real UI, as QA runs them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from PySide6.QtWidgets import QWidget

from kiosk.cli import main
from kiosk.services import catalogue
from kiosk.demo.personas import BY_KEY, PERSONAS
from kiosk.ui.scenario import Scenario, run_scenario

NOW = "2026-03-17T10:00:00+08:00"
CASES = [(p.key, sid, e.outcome) for p in PERSONAS for sid, e in p.expected.items()]


# Each case alternates the log-in (both log-ins of every service are covered by the flow tests);
# running both for every case doubled the suite's longest part.
LOGINS = ("id_card_face", "citizen_card_password")


@pytest.mark.parametrize(("persona", "service", "outcome", "login"),
                         [(p, s, o, LOGINS[i % 2]) for i, (p, s, o) in enumerate(CASES)],
                         ids=[f"{p}-{s}" for p, s, _ in CASES])
def test_every_listed_persona_outcome_holds_through_the_ui(qapp, persona, service, outcome, login) -> None:  # noqa: ANN001
    [result] = run_scenario(Scenario(now=NOW, persona=persona, login=login, service=service))
    if login not in catalogue.get(service).login_methods:  # e.g. a password reset by password
        assert result["status"] == "login_failed" and "不能使用此方式登录" in result["reason"]
        return
    assert result["status"] == outcome, result["reason"]
    if outcome == "completed" and catalogue.get(service).query:
        assert result["reason"] == "查询完毕"
    elif outcome == "completed":
        assert result["serial"].startswith("YW20260317")
        assert result["printed"] or result["sms"]
    else:
        assert result["reason"]


def test_flex_change_after_the_18th_takes_effect_next_month(qapp) -> None:  # noqa: ANN001
    scenario = Scenario(now=datetime.fromisoformat("2026-12-18T09:00:00+08:00"), persona="flex_normal",
                        login="citizen_card_password", service="flex_contribution_change",
                        answers={"change_type": "grade", "grade": "2"})
    [result] = run_scenario(scenario)
    assert result["effective"] == "2027-01"
    assert "2027 年 1 月" in result["printed"][0]["text"]


def test_repeat_runs_on_one_database_one_minute_apart(qapp) -> None:  # noqa: ANN001
    scenario = Scenario(now=NOW, persona="enterprise_employee", login="citizen_card_password",
                        service="remote_medical_register", repeat=2)
    first, second = run_scenario(scenario)
    assert first["status"] == "completed" and first["sms"]
    assert second["status"] == "refused" and "已有有效的异地就医登记" in second["reason"]


def test_wrong_password_is_a_failed_login(qapp) -> None:  # noqa: ANN001
    scenario = Scenario(now=NOW, persona="flex_normal", login="citizen_card_password", password="000000",
                        service="insurance_certificate", repeat=5)
    results = run_scenario(scenario)
    assert [r["status"] for r in results] == ["login_failed"] * 5
    assert "还可以再试 4 次" in results[0]["reason"]
    assert "锁定" in results[4]["reason"]


def test_an_empty_receipt_printer_gives_the_warning_and_a_reprint_code(qapp) -> None:  # noqa: ANN001
    scenario = Scenario(now=NOW, persona="flex_normal", login="citizen_card_password",
                        service="flex_contribution_change", answers={"change_type": "grade", "grade": "2"},
                        faults=["receipt_paper_out", "sms_down"])
    [result] = run_scenario(scenario)
    assert result["status"] == "completed"  # the business is done; only the paper is missing
    assert result["print_warning"].startswith("凭条打印机缺纸：本次业务可以正常办理")
    assert result["reprint_code"].isdigit() and len(result["reprint_code"]) == 6
    assert [p["printed"] for p in result["printed"]] == [False]
    assert any(f"补打码 {result['reprint_code']}" in text for text in result["sms"])  # queued while the gateway is down


def test_without_faults_there_is_no_warning_and_no_code(qapp) -> None:  # noqa: ANN001
    [result] = run_scenario(Scenario(now=NOW, persona="flex_normal", login="citizen_card_password",
                                     service="flex_contribution_change"))
    assert result["print_warning"] is None and result["reprint_code"] is None


@pytest.mark.parametrize(("fault", "login", "reason"), [
    ("id_reader_unplugged", "id_card_face", "身份证读卡器未连接"),
    ("citizen_card_reader_unplugged", "citizen_card_password", "市民卡读卡器未连接"),
])
def test_an_unplugged_reader_refuses_its_log_in(qapp, fault: str, login: str, reason: str) -> None:  # noqa: ANN001
    [result] = run_scenario(Scenario(now=NOW, persona="flex_normal", login=login, service="insurance_certificate",
                                     faults=[fault]))
    assert result["status"] == "login_failed" and reason in result["reason"]


def test_a_broken_camera_fails_the_face_log_in_with_the_card_offered(qapp) -> None:  # noqa: ANN001
    [result] = run_scenario(Scenario(now=NOW, persona="flex_normal", login="id_card_face",
                                     service="insurance_certificate", faults=["camera_broken"]))
    assert result["status"] == "login_failed" and "市民卡" in result["reason"]


def test_an_answer_the_kiosk_will_not_take_is_a_refusal(qapp) -> None:  # noqa: ANN001
    scenario = Scenario(now=NOW, persona="institution_staff", login="id_card_face", service="insurance_certificate",
                        answers={"insurances": ["pension"]})
    [result] = run_scenario(scenario)
    assert result["status"] == "refused"
    assert "机关事业单位人员只能打印医疗、工伤、生育和住房公积金" in result["reason"]


def test_cli_writes_the_result_file(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    file = tmp_path / "s.json"
    file.write_text(json.dumps({"now": NOW, "persona": "flex_normal", "login": "id_card_face",
                                "service": "insurance_certificate", "answers": {"document": "certificate"}}))
    out = tmp_path / "r.json"
    result = CliRunner().invoke(main, ["scenario", str(file), "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["status"] == "completed" and data["printed"][0]["title"] == "参保证明"
    # A 参保证明 is addressed to another office: it carries the full number (the screens stay masked).
    assert f"证件号码：{BY_KEY['flex_normal'].id_number}" in data["printed"][0]["text"]


@pytest.mark.parametrize("content", ["not json", '{"now": "2026-03-17T10:00:00+08:00"}',
                                     '{"now": "2026-03-17T10:00:00+08:00", "persona": "nobody", '
                                     '"login": "id_card_face", "service": "insurance_certificate"}'])
def test_cli_malformed_file_exits_2_with_a_message(tmp_path: Path, content: str) -> None:
    file = tmp_path / "bad.json"
    file.write_text(content)
    result = CliRunner().invoke(main, ["scenario", str(file)])
    assert result.exit_code == 2
    assert "error:" in result.output


@pytest.mark.parametrize(("content", "said"), [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"now": "9999-12-31T10:00:00+08:00", "persona": "flex_normal", "login": "id_card_face", '
     '"service": "insurance_certificate"}', "the year must be 2000–2099"),
    ('{"now": "2026-03-17T10:00:00+08:00", "persona": "flex_normal", "login": "id_card_face", '
     '"service": "insurance_certificate", "answers": {"documnet": "certificate"}}', "answers.documnet: 业务"),
    ('{"now": "2026-03-17T10:00:00+08:00", "persona": "enterprise_employee", "login": "id_card_face", '
     '"service": "remote_medical_register", "answers": {"start_date": "2026-02-30"}}', "不是有效日期"),
    ('{"now": "2026-03-17T10:00:00+08:00", "persona": "flex_normal", "login": "id_card_face", '
     '"service": "insurance_certificate", "answers": {"document": "diploma"}}', "没有选项 ['diploma']"),
    ('{"now": "2026-03-17T10:00:00+08:00", "persona": "enterprise_employee", "login": "id_card_face", '
     '"service": "remote_medical_register", "answers": {"contact_mobile": "١٣٩١٢٣٤٥٦٠٣"}}', "只能是数字 0–9"),
    ('{"now": "2026-03-17T10:00:00+08:00", "persona": "flex_normal", "login": "id_card_face", '
     '"service": "insurance_certificate", "database": "nonsense://x"}', "not a usable database URL"),
])
def test_cli_bad_input_exits_2_with_a_clear_message(tmp_path: Path, content: str, said: str) -> None:
    file = tmp_path / "bad.json"
    file.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["scenario", str(file)])
    assert result.exit_code == 2, result.output
    assert said in result.output and "Traceback" not in result.output


def test_cli_unwritable_out_file_exits_2_after_printing_the_result(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    file = tmp_path / "s.json"
    file.write_text(json.dumps({"now": NOW, "persona": "flex_normal", "login": "id_card_face",
                                "service": "insurance_certificate", "answers": {"document": "certificate"}}))
    result = CliRunner().invoke(main, ["scenario", str(file), "--out", str(tmp_path / "no-dir" / "r.json")])
    assert result.exit_code == 2
    assert '"status": "completed"' in result.output and "cannot write" in result.output


def test_results_list_each_tap_with_its_label_and_rectangle_and_hide_the_password(qapp) -> None:  # noqa: ANN001
    [result] = run_scenario(Scenario(now=NOW, persona="flex_normal", login="citizen_card_password",
                                     service="flex_contribution_change", answers={"change_type": "grade", "grade": "2"}))
    labels = [tap["label"] for tap in result["taps"]]
    assert labels[:3] == ["社会保险", "灵活就业人员缴费档次变更", "社会保障·市民卡 + 密码"]  # the tile's name
    assert labels[3:9] == ["密码键"] * 6  # the persona's six digits, never the digits themselves
    assert labels[9:] == ["确定", "下一步", "下一步", "缴费档次变更", "下一步", "二档（基数 6,500 元）  月缴 1,820.00 元",
                          "下一步", "保存", "完成，返回首页"]
    for tap in result["taps"]:
        x, y, w, h = tap["rect"]
        assert w >= 60 and h >= 60 and x >= 0 and y >= 0 and x + w <= 1920 and y + h <= 1080, tap


def test_a_covered_control_ends_the_run_as_unreachable(qapp) -> None:  # noqa: ANN001
    def cover(window, screen: str) -> None:  # noqa: ANN001
        if screen == "login_choice":  # a banner stuck over the whole kiosk
            banner = QWidget(window)
            banner.setObjectName("stuck_banner")
            banner.setGeometry(window.rect())
            banner.show()

    results = run_scenario(Scenario(now=NOW, persona="flex_normal", login="id_card_face",
                                    service="insurance_certificate", repeat=3), on_screen=cover)
    assert len(results) == 1  # no further runs
    assert results[0]["status"] == "unreachable"
    assert results[0]["reason"] == "unreachable: 身份证 + 人脸识别 (covered by stuck_banner)"


def test_cli_exits_3_when_a_tap_is_unreachable(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import kiosk.ui.scenario as scenario_module
    reason = "unreachable: 0 (clipped by shared_keypad: 138×40 of 138×138 px visible)"
    monkeypatch.setattr(scenario_module, "run_scenario",
                        lambda spec: [{"status": "unreachable", "reason": reason, "taps": []}])
    file = tmp_path / "s.json"
    file.write_text(json.dumps({"now": NOW, "persona": "flex_normal", "login": "id_card_face",
                                "service": "insurance_certificate"}))
    result = CliRunner().invoke(main, ["scenario", str(file)])
    assert result.exit_code == 3
    assert f"error: {reason}" in result.output


def test_a_scenario_can_reprint_its_code_at_the_home_tile(qapp) -> None:  # noqa: ANN001
    scenario = Scenario(now=NOW, persona="flex_normal", login="citizen_card_password",
                        service="flex_contribution_change", answers={"change_type": "grade", "grade": "2"},
                        faults=["receipt_paper_out"], reprint=True)
    results = run_scenario(scenario)
    assert results[0]["reprint"]["status"] == "printed"
    assert results[0]["reprint"]["reason"] == "已打印《业务办结凭证》（小票），请在出纸口取走"
    assert [t["label"] for t in results[0]["reprint"]["taps"]] == [
        "凭补打码补打", *results[0]["reprint_code"], "确定", "返回首页"]
    assert "reprint" not in run_scenario(scenario.model_copy(update={"faults": []}))[0]  # no code, nothing to reprint
def test_results_include_the_card_return_step(qapp) -> None:  # noqa: ANN001
    [result] = run_scenario(Scenario(now=NOW, persona="flex_normal", login="citizen_card_password",
                                     service="flex_contribution_change", card_taken_after=8))
    assert result["status"] == "completed"
    assert result["card_return"] == {"card": "citizen_card", "taken": True, "seconds": 8}


def test_a_card_left_behind_is_reported_as_not_taken_after_card_left_s(qapp) -> None:  # noqa: ANN001
    [result] = run_scenario(Scenario(now=NOW, persona="flex_normal", login="id_card_face",
                                     service="insurance_certificate", card_taken_after=None))
    assert result["card_return"] == {"card": "id_card", "taken": False, "seconds": 60}
