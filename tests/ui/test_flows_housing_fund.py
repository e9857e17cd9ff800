"""The four housing-fund services of A/B-class contributors through the real window (the clock stands
at Tuesday 2026-03-17 10:00)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from kiosk.services.session_flow import Screen
from kiosk.services.working_days import calendar_from_config
from kiosk.store.tables.housing_fund import HfAccount
from kiosk.store.tables.hf_applications import HfApplication

TODAY = date(2026, 3, 17)


def _application(kiosk, key: str) -> HfApplication:  # noqa: ANN001
    with kiosk.store.transaction() as tx:
        row = tx.scalars(select(HfApplication).where(HfApplication.person_id == kiosk.person_id(key))).one()
        tx.expunge(row)
        return row


def test_all_four_are_on_the_housing_fund_tab(kiosk) -> None:  # noqa: ANN001
    kiosk.finger.tap_named(kiosk.window.home, "category_housing_fund")
    texts = kiosk.texts()
    for tile in ("园区离退休一次性提取", "大市外住房公积金转入申请", "住房公积金转出至大市内", "封存住房公积金账户提取"):
        assert tile in texts  # the tile names the guide tells residents to tap


def test_retirement_withdrawal_shows_both_figures_and_prints_the_report(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["hf_retiree_si"]
    kiosk.choose("retirement_hf_withdrawal", "housing_fund")
    kiosk.login_id_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    shown = kiosk.texts()
    for line in ("退休类别：社保（公积金）退休", "审核依据：养老金发放记录", "账户余额：68,540.30 元",
                 "留足应缴养老保险费：12,360.00 元", "可提取金额：56,180.30 元"):
        assert line in shown
    kiosk.next()
    assert kiosk.step_key() == "review"
    assert kiosk.button("submit").text() == "确认提取"
    kiosk.submit()
    result = kiosk.window.result
    assert result.status.text() == "办理成功"
    assert result.headline.text() == "离退休一次性提取已办结，提取 56,180.30 元，请在下方出纸口取走报表"
    text = kiosk.report("园区离退休一次性提取住房账户报表")
    assert "留足应缴养老保险费：12,360.00 元" in text and "提取金额：56,180.30 元" in text
    assert persona.id_number not in text
    with kiosk.store.transaction() as tx:
        assert tx.get(HfAccount, kiosk.person_id(persona.key)).balance == Decimal("12360.00")


def test_transfer_in_with_the_keypad_and_the_pinyin_keyboard(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["hf_stable_six"]
    kiosk.choose("hf_transfer_in", "housing_fund")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    assert "连续缴存：6 个月" in kiosk.texts()
    kiosk.next()
    assert kiosk.window.wizard.fields["mobile"].value() == persona.mobile
    kiosk.next()
    centre = kiosk.window.wizard.fields["from_centre"]
    kiosk.type_chinese(centre.input, "杭州住房公积金管理中心")
    kiosk.next()
    kiosk.type_digits("330100123456")
    kiosk.next()
    kiosk.type_chinese(kiosk.window.wizard.fields["old_employer"].input, "杭州某网络科技有限公司")
    kiosk.next()
    assert kiosk.step_key() == "declaration"
    kiosk.next()
    assert kiosk.step_key() == "declaration"  # not agreed yet
    kiosk.agree()
    kiosk.next()
    due = calendar_from_config(kiosk.config).add_working_days(TODAY, 3)
    assert f"审核期限：3 个工作日内，预计 {due:%Y-%m-%d} 前审核" in kiosk.texts()
    kiosk.submit()
    assert kiosk.window.result.status.text() == "申请已提交，等待审核"
    assert kiosk.window.result.effective.text() == f"预计办结日期：{due:%Y-%m-%d}"
    row = _application(kiosk, persona.key)
    assert row.details == {"from_centre": "杭州住房公积金管理中心", "old_account": "330100123456",
                           "old_employer": "杭州某网络科技有限公司"}


def test_five_months_of_contributions_is_refused_on_opening(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("hf_transfer_in", "housing_fund")
    kiosk.login_card(personas["hf_five_months"])
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "暂时无法办理"
    assert "您已连续缴存 5 个月" in kiosk.window.result.headline.text()


def test_transfer_out_without_the_voucher_is_refused_with_the_reason(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("hf_transfer_out_local", "housing_fund")
    kiosk.login_id_card(personas["hf_to_no_voucher"])
    kiosk.wait_screen(Screen.RESULT)
    assert "须先办理社会保险关系转出，开具《基本养老保险参保缴费凭证》" in kiosk.window.result.headline.text()


def test_transfer_out_to_kunshan(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["hf_to_kunshan"]
    kiosk.choose("hf_transfer_out_local", "housing_fund")
    kiosk.login_id_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    shown = kiosk.texts()
    assert "转入地：苏州市昆山市" in shown and "转入地公积金账号：3215*******4016" in shown
    assert "321583000084016" not in shown
    kiosk.next()
    assert "可转出余额：52,360.00 元" in kiosk.texts()
    kiosk.next()
    kiosk.next()
    assert kiosk.step_key() == "review"
    kiosk.submit()
    assert kiosk.window.result.status.text() == "申请已提交，等待审核"
    assert _application(kiosk, persona.key).kind == "transfer_out_local"


def test_sealed_withdrawal_checks_the_address_and_picks_the_bound_card(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["hf_sealed_ready"]
    kiosk.choose("sealed_hf_withdrawal", "housing_fund")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    assert "资金发放：苏州银行" in kiosk.texts() and "绑定银行卡：6228***********9015" in kiosk.texts()
    kiosk.next()
    kiosk.agree()
    kiosk.next()
    address = kiosk.window.wizard.fields["hukou_address"]
    assert address.value() == "安徽省合肥市蜀山区长江西路 100 号"  # the address on record, to check
    kiosk.next()
    kiosk.pick("method", "bound_card")
    kiosk.next()
    assert "发放账户：绑定银行卡 6228***********9015" in kiosk.texts()
    kiosk.submit()
    assert kiosk.window.result.status.text() == "申请已提交，等待审核"
    row = _application(kiosk, persona.key)
    assert (row.details["method"], row.amount) == ("bound_card", Decimal("52360.00"))


def test_the_address_field_shows_its_limit_and_refuses_rather_than_cuts(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["hf_sealed_ready"]
    kiosk.choose("sealed_hf_withdrawal", "housing_fund")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    kiosk.next()
    kiosk.agree()
    kiosk.next()
    address = kiosk.window.wizard.fields["hukou_address"]
    assert address.count.text() == "最多 80 字，已输入 19 字"  # the prefilled address, before any typing
    kiosk.clear_text(address.input)
    kiosk.type_chinese(address.input, "苏州市工业园区星湖街\u202e328号")
    kiosk.next()
    assert "户籍地址第 11 个字是看不见的排版字符" in address.error.text()
    kiosk.clear_text(address.input)
    kiosk.type_chinese(address.input, "苏州" * 5000)
    assert len(address.value()) == 10000  # nothing cut
    assert address.count.text() == "最多 80 字，已输入 10000 字，超出 9920 字，请删减"
    kiosk.next()
    assert address.error.text() == "户籍地址最多 80 个字，现在是 10000 个字，请删减"
    assert kiosk.window.wizard.fields.get("hukou_address") is address  # still on the step
