"""One word per thing: the glossary, and no replaced word left in what residents read."""

from __future__ import annotations

from pathlib import Path

from kiosk.services import catalogue, glossary

ROOT = Path(__file__).resolve().parents[2]
# Every package whose Chinese strings reach residents: the screens, results, refusals and service
# specs, device status, printed documents (read as source: nothing is imported).
SCANNED = [ROOT / "kiosk" / "ui", ROOT / "kiosk" / "services", ROOT / "kiosk" / "devices", ROOT / "kiosk" / "printing"]


def test_no_resident_facing_string_uses_a_replaced_word() -> None:
    found = glossary.scan(SCANNED, skip=[ROOT / "kiosk" / "services" / "glossary.py"])
    assert [str(f) for f in found] == []


def test_the_scan_reads_string_literals_but_not_docstrings_or_comments(tmp_path: Path) -> None:
    source = tmp_path / "screen.py"
    source.write_text('"""身份证阅读器 (a docstring)."""\n'
                      '# 取件口 in a comment\n'
                      'A = "请在下方取件口取走"\n'
                      'B = f"身份证阅读器{1}号未连接"\n'
                      'C = "no Chinese here"\n', encoding="utf-8")
    found = glossary.scan([tmp_path])
    assert [(f.line, f.word, f.use) for f in found] == [(3, "取件口", "出纸口"), (4, "阅读器", "读卡器")]



def test_the_plain_words_replace_the_technical_ones() -> None:
    assert glossary.replaced_in("身份证号码校验位不正确") == [("校验位", "最后一位")]
    assert glossary.replaced_in("活体检测未通过") == [("活体检测", glossary.LIVENESS_HINT)]
    assert glossary.replaced_in(glossary.CHECK_DIGIT_WRONG) == []
    assert glossary.replaced_in("请将身份证平放在感应区") == [("感应区", "读卡器")]
    assert glossary.replaced_in("请到人工窗口办理") == [("人工窗口", "中心柜面")]


def test_the_scan_covers_the_screens_and_the_service_specs() -> None:
    scanned = {p.relative_to(ROOT).as_posix() for p in glossary._files(SCANNED)}
    assert {"kiosk/ui/screens/simple.py", "kiosk/ui/screens/wizard_host.py", "kiosk/ui/main_window.py",
            "kiosk/services/specs/social_insurance.py", "kiosk/printing/receipt.py"} <= scanned


def test_final_buttons_name_what_they_do() -> None:
    labels = {s.submit_label for s in catalogue.SERVICES if not s.query}
    assert labels <= set(glossary.FINAL_BUTTONS)
    assert catalogue.get("flex_suspend").submit_label == "确认终止"
    assert catalogue.get("insurance_certificate").submit_label == "打印"
    assert catalogue.get("hf_transfer_in").submit_label == "提交申请"
    # What cannot be undone is asked once more with a button named by the action.
    confirms = {s.id: s.confirm_label for s in catalogue.SERVICES if s.confirm}
    assert set(confirms.values()) <= set(glossary.FINAL_BUTTONS)
    assert (confirms["flex_suspend"], confirms["hf_transfer_out_local"], confirms["sealed_hf_withdrawal"]) == (
        "确认终止", "确认转出", "确认提取")


def test_home_tiles_use_the_names_the_guide_tells_residents_to_tap() -> None:
    # The guide: 点击“灵活就业人员缴费档次变更”, “参保证明或参保明细打印”, “封存住房公积金账户提取”.
    assert catalogue.get("flex_contribution_change").tile_label == "灵活就业人员缴费档次变更"
    assert catalogue.get("insurance_certificate").tile_label == "参保证明或参保明细打印"
    assert catalogue.get("sealed_hf_withdrawal").tile_label == "封存住房公积金账户提取"
    for category in {s.category for s in catalogue.SERVICES}:
        tiles = [s.tile_label for s in catalogue.SERVICES if s.category == category]
        assert len(set(tiles)) == len(tiles), category  # one tile, one business within a category
