"""The six institution-staff services through the real window, as a resident would use them (the clock
stands at Tuesday 2026-03-17 10:00)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from kiosk.services.session_flow import Screen
from kiosk.services.working_days import calendar_from_config
from kiosk.store import models as m
from kiosk.store.tables.housing_fund import HfAccount, HfWithdrawal
from kiosk.store.tables.institution import (GovHfTransferIn, GovHfTransferOut, GovMedicalTransferOut,
                                            GovSealedWithdrawal, GovSmsAlert)

TODAY = date(2026, 3, 17)


def _days(kiosk, n: int) -> date:  # noqa: ANN001
    return calendar_from_config(kiosk.config).add_working_days(TODAY, n)


def _row(tx, table: type, person_id: int):  # noqa: ANN001, ANN202
    """The one application of that person (other personas have seeded ones)."""
    return tx.scalars(select(table).where(table.person_id == person_id)).one()


def test_sms_alerts_change_the_number(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["gov_alert_change"]
    kiosk.choose("gov_sms_alerts", "institution")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    assert "即时生效" in kiosk.texts()
    kiosk.next()
    assert kiosk.step_key() == "current"
    assert "短信动账提醒：已开通，接收号码 137****5101（2024-05-10 开通）" in kiosk.texts()
    kiosk.next()
    assert kiosk.step_key() == "mobile_step"
    field = kiosk.window.wizard.fields["alert_mobile"]
    assert field.value() == persona.mobile  # the reserved mobile, prefilled
    kiosk.tap("key_clear")
    kiosk.type_digits("13700005101")  # the number already receiving the texts
    kiosk.next()
    assert kiosk.step_key() == "mobile_step"
    assert "已是您的短信动账提醒接收号码" in field.error.text()
    kiosk.tap("key_clear")
    kiosk.type_digits("13811112222")
    kiosk.next()
    assert kiosk.step_key() == "review"
    review = kiosk.texts()
    assert "接收提醒手机号码：138****2222" in review and "办理事项：变更接收号码（原号码 137****5101）" in review
    assert kiosk.button("submit").text() == "保存"
    kiosk.submit()
    result = kiosk.window.result
    assert result.status.text() == "办理成功"
    assert result.headline.text() == "短信动账提醒已变更，账户变动将发送至 138****2222"
    assert "原接收号码：137****5101" in result.details.text()
    sent = dict(kiosk.devices.sms.sent)
    assert "已变更" in sent["13811112222"] and "变更为 138****2222" in sent["13700005101"]
    with kiosk.store.transaction() as tx:
        assert tx.get(GovSmsAlert, kiosk.person_id(persona.key)).mobile == "13811112222"


def test_medical_transfer_out_prints_the_form_with_dates(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["institution_staff"]
    kiosk.choose("gov_medical_transfer_out", "institution")
    kiosk.login_id_card(persona)
    kiosk.wizard_ready()
    assert "办结时限 45 个工作日" in kiosk.texts()
    kiosk.next()
    assert "园区缴费记录：2024-01 至 2025-12，共 24 个月" in kiosk.texts()
    kiosk.next()
    assert kiosk.step_key() == "review"
    letter, funds, booked = _days(kiosk, 15), _days(kiosk, 30), _days(kiosk, 45)
    review = kiosk.texts()
    assert f"转入地生成联系函并发至中心：15 个工作日内，{letter:%Y-%m-%d} 前（第 15 个工作日）" in review
    assert f"15 个工作日内，{funds:%Y-%m-%d} 前（第 30 个工作日）" in review
    assert f"办结时限：45 个工作日，预计 {booked:%Y-%m-%d} 前办结" in review
    assert kiosk.button("submit").text() == "打印"
    kiosk.submit()
    result = kiosk.window.result
    assert result.status.text() == "办理成功"
    assert result.effective.text() == ""  # no "预计到账日期": nothing is paid to the resident
    details = result.details.text()
    assert f"转入地生成联系函并发至中心：15 个工作日内，{letter:%Y-%m-%d} 前（第 15 个工作日）" in details
    assert f"办结时限：45 个工作日，预计 {booked:%Y-%m-%d} 前办结" in details
    text = kiosk.report("基本医疗保障参保（合）凭证")
    assert f"{letter:%Y-%m-%d} 前" in text and f"{booked:%Y-%m-%d} 前办结" in text
    assert persona.id_number not in text and "3205**********" in text
    with kiosk.store.transaction() as tx:
        row = _row(tx, GovMedicalTransferOut, kiosk.person_id(persona.key))
        assert (row.status, row.booked_due) == ("in_progress", booked)


def test_hf_transfer_in_with_the_pinyin_keyboard_and_keypad(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["institution_staff"]
    kiosk.choose("gov_hf_transfer_in", "institution")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    assert "账户类别：机关住房公积金" in kiosk.texts()
    assert "公积金账号：HF****0104" in kiosk.texts()
    kiosk.next()
    centre = kiosk.window.wizard.fields["from_centre"]
    assert "拼音" in kiosk.texts()
    kiosk.type_chinese(centre.input, "苏州市住房公积金管理中心")
    kiosk.next()
    assert "苏州大市以外" in centre.error.text()
    kiosk.clear_text(centre.input)
    kiosk.type_chinese(centre.input, "南京住房公积金管理中心")
    kiosk.next()
    assert kiosk.step_key() == "old_account_step"
    kiosk.type_digits("3201009876543210")
    kiosk.next()
    kiosk.type_chinese(kiosk.window.wizard.fields["old_employer"].input, "南京市某设计院")
    kiosk.next()
    assert kiosk.window.wizard.fields["mobile"].value() == persona.mobile
    kiosk.next()
    assert kiosk.step_key() == "review"
    review = kiosk.texts()
    assert "转出地住房公积金中心：南京住房公积金管理中心" in review
    assert f"3 个工作日内，{_days(kiosk, 3):%Y-%m-%d} 前" in review
    assert f"5 个工作日内，{_days(kiosk, 8):%Y-%m-%d} 前" in review
    assert f"办结期限：11 个工作日内，预计 {_days(kiosk, 11):%Y-%m-%d} 前办结" in review
    kiosk.submit()
    result = kiosk.window.result
    assert result.status.text() == "申请已提交，等待审核"
    assert result.effective.text() == "预计办结日期：2026-04-01"
    assert "原公积金账号：3201********3210" in result.details.text()
    with kiosk.store.transaction() as tx:
        row = _row(tx, GovHfTransferIn, kiosk.person_id(persona.key))
        assert (row.from_centre, row.old_account, row.old_employer) == (
            "南京住房公积金管理中心", "3201009876543210", "南京市某设计院")
        assert (row.status, row.due_on) == ("pending", date(2026, 4, 1))
        sub = tx.get(m.Submission, row.serial)
        assert (sub.status, sub.due_date) == ("pending_review", date(2026, 4, 1))


def test_hf_transfer_out_shows_the_generated_destination(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["gov_local_transfer"]
    kiosk.choose("gov_hf_transfer_out", "institution")
    kiosk.login_id_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    assert kiosk.step_key() == "destination"
    shown = kiosk.texts()
    for line in ("转入地：苏州市姑苏区", "转入地中心：苏州市住房公积金管理中心", "转入地公积金账号：3205*******5678",
                 "转入地缴存单位：苏州市姑苏区某事业单位", "可转出余额：52,360.80 元"):
        assert line in shown
    assert "320500012345678" not in shown
    kiosk.next()
    assert "转出金额：52,360.80 元（账户余额）" in kiosk.texts()
    kiosk.submit()
    assert kiosk.window.result.status.text() == "申请已提交，等待审核"
    assert kiosk.window.result.effective.text() == f"预计办结日期：{_days(kiosk, 5):%Y-%m-%d}"
    with kiosk.store.transaction() as tx:
        row = _row(tx, GovHfTransferOut, kiosk.person_id(persona.key))
        assert (row.amount, row.account_number, row.due_on) == (Decimal("52360.80"), "320500012345678",
                                                                date(2026, 3, 24))


def test_sealed_withdrawal_with_the_declaration(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["gov_left_city"]
    kiosk.choose("gov_sealed_hf_withdrawal", "institution")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    shown = kiosk.texts()
    assert "账户状态：封存（2025-06-30 封存）" in shown and "户籍：外地户籍" in shown
    kiosk.next()
    assert kiosk.step_key() == "payout"
    assert "银行账号：6224********0201" in kiosk.texts() and "6224800000050201" not in kiosk.texts()
    kiosk.next()
    assert kiosk.step_key() == "declaration"
    kiosk.next()
    assert kiosk.step_key() == "declaration"  # not agreed yet
    kiosk.agree()
    kiosk.next()
    assert kiosk.step_key() == "review"
    assert "提取金额：68,420.35 元（账户余额）" in kiosk.texts()
    kiosk.submit()
    assert kiosk.window.result.status.text() == "申请已提交，等待审核"
    assert kiosk.window.result.effective.text() == "预计办结日期：2026-03-24"
    with kiosk.store.transaction() as tx:
        row = _row(tx, GovSealedWithdrawal, kiosk.person_id(persona.key))
        assert (row.amount, row.status) == (Decimal("68420.35"), "pending")


def test_biannual_withdrawal_prints_the_report(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["gov_biannual"]
    kiosk.choose("gov_biannual_withdrawal", "institution")
    kiosk.login_id_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    shown = kiosk.texts()
    assert "借款人：主借款人（本人）" in shown and "2026 年已提取：0 次（每个自然年度可提取两次）" in shown
    kiosk.next()
    kiosk.next()
    assert kiosk.step_key() == "review"
    assert "本次提取：2026 年第 1 次" in kiosk.texts()
    assert kiosk.button("submit").text() == "确认提取"
    kiosk.submit()
    result = kiosk.window.result
    assert result.status.text() == "办理成功"
    assert result.headline.text() == "2026 年第 1 次还贷提取已办结，提取 48,600.00 元，请在下方出纸口取走报表"
    text = kiosk.report("机关住房公积金还贷一年两次提取报表")
    assert "提取金额：48,600.00 元" in text and persona.id_number not in text
    pid = kiosk.person_id(persona.key)
    with kiosk.store.transaction() as tx:
        assert tx.get(HfAccount, pid).balance == Decimal("0.00")
        assert len(tx.scalars(select(HfWithdrawal).where(HfWithdrawal.person_id == pid)).all()) == 3


def test_third_withdrawal_of_the_year_is_refused_on_opening(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("gov_biannual_withdrawal", "institution")
    kiosk.login_card(personas["gov_biannual_twice"])
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "暂时无法办理"
    assert kiosk.window.result.headline.text() == (
        "机关住房公积金还贷一年两次提取每个自然年度可提取两次，您 2026 年已于 2026-01-12、2026-03-05 提取两次")

