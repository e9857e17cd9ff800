"""Due dates over a year with no published holiday schedule (2027 for chinesecalendar 1.11) reach the
resident as estimates: 预计 <date>（以中心公布的节假日安排为准） on screen, on the receipt and on A4."""

from __future__ import annotations

import re
from datetime import datetime

from kiosk.clock import CST
from kiosk.printing.escpos_text import receipt_text
from kiosk.services.session_flow import Screen

NOTE = "（以中心公布的节假日安排为准）"


def _withdraw(kiosk, persona) -> str:  # noqa: ANN001
    """居民医保一次性提取 to the bound card; returns the review step's text."""
    kiosk.withdrawal_to_mobile_step(persona)
    kiosk.next()
    assert kiosk.step_key() == "review"
    review = kiosk.texts()
    kiosk.tap("submit")
    kiosk.tap("confirm_submit")  # asked once more: it cannot be undone
    kiosk.wait_screen(Screen.RESULT)
    kiosk.qtbot.waitUntil(lambda: "已打印" in kiosk.window.result.printing.text(), timeout=30000)
    return review


def test_a_withdrawal_paid_over_new_year_2027_is_an_estimate_everywhere(kiosk, personas) -> None:  # noqa: ANN001
    # Mon 28 Dec 2026 + 5 working days skips New Year's Day 2027 (a statutory holiday): Tue 5 Jan.
    kiosk.clock.set(datetime(2026, 12, 28, 10, 0, tzinfo=CST))
    review = _withdraw(kiosk, personas["resident_transferred"])
    assert f"预计到账日期：2027-01-05{NOTE}（5 个工作日内）" in review
    result = kiosk.window.result
    assert result.headline.text().endswith(f"预计 2027-01-05{NOTE} 前到账")
    assert result.effective.text() == f"预计到账日期：2027-01-05{NOTE}"
    # 48 columns: the note wraps onto an indented second line.
    receipt = re.sub(r"\s+", "", "".join(receipt_text(kiosk.devices.receipt_printer.jobs[-1])))
    assert f"预计到账日期：2027-01-05{NOTE}" in receipt


def test_a_withdrawal_paid_within_2026_is_not_marked(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.clock.set(datetime(2026, 12, 1, 10, 0, tzinfo=CST))
    review = _withdraw(kiosk, personas["resident_transferred"])
    assert "预计到账日期：2026-12-08（5 个工作日内）" in review
    assert kiosk.window.result.effective.text() == "预计到账日期：2026-12-08"
    receipt = "".join(receipt_text(kiosk.devices.receipt_printer.jobs[-1]))
    assert "预计到账日期：2026-12-08" in receipt and "以中心公布" not in receipt
    assert "以中心公布" not in kiosk.texts()


def _open_on_29_january_2027(kiosk, service_id: str, login, persona) -> None:  # noqa: ANN001
    """An institution service opened on Fri 29 Jan 2027, past its first two steps."""
    kiosk.clock.set(datetime(2027, 1, 29, 10, 0, tzinfo=CST))
    kiosk.choose(service_id, "institution")
    login(persona)
    kiosk.wizard_ready()
    kiosk.next()
    kiosk.next()


def test_medical_transfer_out_over_spring_festival_2027_prints_estimated_stages(kiosk, personas) -> None:  # noqa: ANN001
    # Fri 29 Jan 2027: the stages skip 除夕–初三 (5–8 Feb) and the weekend days made up on 9 and 10 Feb.
    _open_on_29_january_2027(kiosk, "gov_medical_transfer_out", kiosk.login_id_card, personas["institution_staff"])
    review = kiosk.texts()
    assert f"15 个工作日内，预计 2027-02-25{NOTE} 前（第 15 个工作日）" in review
    assert f"办结时限：45 个工作日，预计 2027-04-09{NOTE} 前办结" in review
    kiosk.submit()
    assert f"预计 2027-03-18{NOTE} 前（第 30 个工作日）" in kiosk.window.result.details.text()
    text = kiosk.report("基本医疗保障参保（合）凭证")
    assert "2027-02-25" in text and "2027-04-09" in text and text.count("以中心公布的节假日安排为准") >= 4


def test_a_pending_transfer_in_over_spring_festival_2027_shows_an_estimated_date(kiosk, personas) -> None:  # noqa: ANN001
    _open_on_29_january_2027(kiosk, "gov_hf_transfer_in", kiosk.login_card, personas["institution_staff"])
    kiosk.type_chinese(kiosk.window.wizard.fields["from_centre"].input, "南京住房公积金管理中心")
    kiosk.next()
    kiosk.type_digits("3201009876543210")
    kiosk.next()
    kiosk.type_chinese(kiosk.window.wizard.fields["old_employer"].input, "南京市某设计院")
    kiosk.next()
    kiosk.next()
    assert f"办结期限：11 个工作日内，预计 2027-02-19{NOTE} 前办结" in kiosk.texts()
    kiosk.submit()
    result = kiosk.window.result
    assert result.status.text() == "申请已提交，等待审核"
    assert result.effective.text() == f"预计办结日期：2027-02-19{NOTE}"
