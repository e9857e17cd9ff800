"""失业金退支申请 and 失业保险关系接收函开具 through the real window, as a resident would use them
(the clock stands at Tuesday 2026-03-17 10:00)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from kiosk.services.session_flow import Screen
from kiosk.store import models as m
from kiosk.store.tables.unemployment import UnemploymentRefundApplication, UnemploymentTransferLetter


def test_refund_detail_form_printed_and_a_second_one_sent_to_the_counter(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["ue_refund_sip_employer"]
    kiosk.choose("unemployment_refund", "unemployment")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    assert kiosk.step_key() == "notice"
    assert "暂不支持网银或手机转账" in kiosk.texts()
    kiosk.next()
    assert kiosk.step_key() == "basic"
    shown = kiosk.texts()
    for line in ("姓名：钱立新", "证件号码：3205**********9513", "预留手机：139****6401",
                 "相关单位：苏州工业园区金鸡湖电子科技有限公司", "涉及月份：2025 年 8 月 至 2025 年 9 月"):
        assert line in shown, line
    assert "退支原因：申请失业金待遇时，系统提示前次领取失业金期间就业，且领取月份同时存在园区单位缴纳社保" in shown
    assert persona.id_number not in shown and persona.mobile not in shown
    kiosk.next()
    assert kiosk.step_key() == "detail"
    shown = kiosk.texts()
    assert ("2025 年 9 月：失业金 2,088.00 元、临时物价补贴 60.00 元、失业金补差 112.00 元、失业门诊补助 40.00 元；"
            "小计 2,300.00 元") in shown
    assert "退支合计：4,488.00 元" in shown
    kiosk.next()
    assert kiosk.step_key() == "review"
    review = kiosk.texts()
    assert "退支合计：4,488.00 元" in review and "退支月份：2025 年 8 月、2025 年 9 月（共 2 个月）" in review
    assert kiosk.button("submit").text() == "确认退支"
    kiosk.tap("submit")
    kiosk.tap("confirm_submit")  # asked once more: it cannot be undone
    kiosk.wait_screen(Screen.RESULT)
    result = kiosk.window.result
    assert result.status.text() == "办理成功"
    assert result.headline.text() == ("失业金退支申请已提交，请取走《苏州工业园区失业金退支申请表》，"
                                      "按表上金额 4,488.00 元至银行柜面转账退款")
    assert "2026-03-25 起可在本机再次申请" in result.details.text()
    job, doc = kiosk.printed_report()
    assert (job.kind, job.title, job.status) == ("report", "苏州工业园区失业金退支申请表", "printed")
    text = doc.as_text()
    assert "退支金额合计：人民币 4,488.00 元" in text and "暂不支持网银或手机转账" in text
    assert persona.id_number not in text and "3205**********9513" in text
    pid = kiosk.person_id(persona.key)
    with kiosk.store.transaction() as tx:
        [row] = tx.scalars(select(UnemploymentRefundApplication)
                           .where(UnemploymentRefundApplication.person_id == pid)).all()
        assert (row.total, row.situation, row.applied_on, row.serial) == (
            Decimal("4488.00"), "sip_employer", date(2026, 3, 17), job.serial)
        [sub] = tx.scalars(select(m.Submission).where(m.Submission.person_id == pid)).all()
        assert (sub.service_id, sub.status, sub.serial) == ("unemployment_refund", "completed", job.serial)
    kiosk.tap("finish")
    kiosk.wait_screen(Screen.HOME)
    kiosk.devices.citizen_card.remove()
    kiosk.poll()

    kiosk.clock.advance(minutes=5)
    kiosk.choose("unemployment_refund", "unemployment")  # again the same day: 七天内 → counter
    kiosk.login_id_card(persona)
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "暂时无法办理"
    headline = kiosk.window.result.headline.text()
    assert "七天内不可重复打印退支申请表" in headline
    assert len(list(kiosk.config.paths.spool_dir.glob("*.pdf"))) == 1  # nothing printed again


def test_transfer_letter_to_the_institution_of_the_transferable_record(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["ue_letter_relation"]
    kiosk.choose("unemployment_transfer_letter", "unemployment")
    kiosk.login_id_card(persona)
    kiosk.wizard_ready()
    assert "当天最多可开具 5 次" in kiosk.texts()
    kiosk.next()
    assert kiosk.step_key() == "basic"
    shown = kiosk.texts()
    for line in ("证件号码：3205**********9556", "户籍：园区户籍", "最后参保地：苏州工业园区",
                 "最后用人单位：苏州工业园区方洲半导体有限公司", "该单位缴费：2024 年 3 月 至 2026 年 1 月，共 23 个月",
                 "离职日期：2026-01-31", "区外可转移：上海市失业保险关系，缴费 48 个月",
                 "今天已开具接收函：0 次（每人每天最多 5 次）"):
        assert line in shown, line
    assert persona.id_number not in shown
    kiosk.next()
    assert kiosk.step_key() == "institution_step"
    field = kiosk.window.wizard.fields["institution"]
    assert field.value() == "shanghai"  # prefilled from the transferable record's place
    assert "上海市失业保险经办机构" in kiosk.texts() and "昆山市失业保险经办机构" in kiosk.texts()
    kiosk.next()
    assert kiosk.step_key() == "review"
    review = kiosk.texts()
    assert "转出地机构：上海市失业保险经办机构" in review and "开具次数：今天第 1 次（每人每天最多 5 次）" in review
    assert kiosk.button("submit").text() == "打印"
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "办理成功"
    assert kiosk.window.result.headline.text() == (
        "《苏州工业园区失业保险关系接收函》已开具，请在下方出纸口取走，并携带至上海市失业保险经办机构申请转出")
    job, doc = kiosk.printed_report()
    assert (job.kind, job.title, job.status) == ("report", "苏州工业园区失业保险关系接收函", "printed")
    text = doc.as_text()
    assert "上海市失业保险经办机构：" in text and "核算完成的失业金年限以及待遇总金额一同转入" in text
    # The letter goes to the Shanghai office: the full number on paper, masked on every screen.
    assert f"证件号码：{persona.id_number}" in text
    assert persona.id_number not in " ".join(kiosk.texts())
    pid = kiosk.person_id(persona.key)
    with kiosk.store.transaction() as tx:
        [letter] = tx.scalars(select(UnemploymentTransferLetter)
                              .where(UnemploymentTransferLetter.person_id == pid)).all()
        assert (letter.institution_code, letter.issued_on, letter.seq_of_day, letter.serial) == (
            "shanghai", date(2026, 3, 17), 1, job.serial)


def test_transfer_letter_sends_a_late_applicant_to_the_counter(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("unemployment_transfer_letter", "unemployment")
    kiosk.login_card(personas["ue_letter_left_long_ago"])
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "无法办理"  # permanent: it will not pass by itself
    headline = kiosk.window.result.headline.text()
    assert "离职日期为 2025-12-15" in headline and "超过 2 个月" in headline

    with kiosk.store.transaction() as tx:
        assert tx.scalars(select(UnemploymentTransferLetter)).all() == []
