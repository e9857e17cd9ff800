"""The loan services of rows 10–13 through the real window, as a resident would use them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from kiosk.clock import CST
from kiosk.printing.document import Document
from kiosk.printing.escpos_text import receipt_text
from kiosk.services.session_flow import Screen
from kiosk.store import models as m
from kiosk.store.tables.housing_fund import HousePlan
from kiosk.store.tables.loans import InterestSubsidyClaim, RemoteLoanCertificate


def _printed(kiosk) -> None:  # noqa: ANN001
    kiosk.qtbot.waitUntil(lambda: "已打印" in kiosk.window.result.printing.text(), timeout=30000)


def _report_text(kiosk, serial: str) -> str:  # noqa: ANN001
    with kiosk.store.transaction() as tx:
        [job] = tx.scalars(select(m.PrintJob).where(m.PrintJob.serial == serial)).all()
        return Document.model_validate(job.document).as_text()


def _receipt(kiosk) -> str:  # noqa: ANN001
    """The last voucher's text, its lines joined again (80 mm paper wraps long lines)."""
    return "".join(receipt_text(kiosk.devices.receipt_printer.jobs[-1]))


def _leave(kiosk) -> None:  # noqa: ANN001
    kiosk.tap("finish")
    kiosk.wait_screen(Screen.HOME)
    kiosk.devices.citizen_card.remove()
    kiosk.devices.id_card.remove()
    kiosk.poll()


def test_certificate_for_a_typed_centre_then_once_a_month(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["enterprise_employee"]
    kiosk.choose("hf_remote_loan_certificate", "loan")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    assert kiosk.step_key() == "notice"
    assert "同一参保人在一个自然月内只能开具一次，证明有效期 2 个月" in kiosk.texts()
    kiosk.next()
    assert kiosk.step_key() == "contributions"
    shown = kiosk.texts()
    for line in ("公积金账号：HF****0103", "账户类别：甲类", "缴存至：2026 年 2 月", "月缴存额：2,400.00 元",
                 "累计缴存：38 个月", "账户余额：86,520.00 元", "证件号码：3205**********3516"):
        assert line in shown, line
    assert persona.id_number not in shown and "HF00000103" not in shown
    kiosk.next()
    centres = kiosk.window.wizard.fields["centre"].input
    assert "上海市公积金管理中心" in kiosk.texts() and "其他（手工输入）" in kiosk.texts()
    kiosk.pick("centre", "other")
    kiosk.next()
    assert kiosk.step_key() == "centre_name_step"
    entry = kiosk.window.wizard.fields["centre_name"].input
    kiosk.type_chinese(entry, "苏州市住房公积金管理中心")
    kiosk.next()
    assert "苏州大市范围内的住房公积金中心无需开具本证明" in kiosk.window.wizard.fields["centre_name"].error.text()
    kiosk.clear_text(entry)
    kiosk.type_chinese(entry, "常州市住房公积金管理中心")
    kiosk.next()
    assert kiosk.step_key() == "review"
    review = kiosk.texts()
    assert "出具给：常州市住房公积金管理中心" in review and "有效期：2026-03-17 至 2026-05-17（2 个月）" in review
    assert kiosk.button("submit").text() == "打印"
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    _printed(kiosk)
    result = kiosk.window.result
    assert result.status.text() == "办理成功"
    assert result.headline.text() == "异地贷款资格证明已开具，有效期至 2026-05-17，请在下方出纸口取走证明"
    pdfs = list(kiosk.config.paths.spool_dir.glob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
    with kiosk.store.transaction() as tx:
        row = tx.scalars(select(RemoteLoanCertificate).where(
            RemoteLoanCertificate.person_id == kiosk.person_id(persona.key))).one()
        assert (row.person_id, row.centre_name, row.valid_until, row.latest_paid_month) == (
            kiosk.person_id(persona.key), "常州市住房公积金管理中心", date(2026, 5, 17), "2026-02")
    text = _report_text(kiosk, row.serial)
    assert text.startswith("异地贷款职工住房公积金缴存使用证明") and "常州市住房公积金管理中心：" in text
    # Addressed to the Changzhou centre: the full number on paper, masked on every screen.
    assert "2026-03-17 至 2026-05-17" in text and f"证件号码：{persona.id_number}" in text
    assert persona.id_number not in " ".join(kiosk.texts())
    _leave(kiosk)

    # The same month again, with the ID card: refused, and told when it can be done.
    kiosk.choose("hf_remote_loan_certificate", "loan")
    kiosk.login_id_card(persona)
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "暂时无法办理"
    headline = kiosk.window.result.headline.text()
    assert "同一参保人在一个自然月内只能开具一次" in headline and "您已于 2026-03-17 开具" in headline


def test_temporary_account_is_refused_with_the_reason(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("hf_remote_loan_certificate", "loan")
    kiosk.login_card(personas["hf_temporary"])
    kiosk.wait_screen(Screen.RESULT)
    assert "您的住房公积金账户为临时缴费账户，不能开具" in kiosk.window.result.headline.text()


def test_amortization_stop_with_a_voucher_and_the_house_barred(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["commercial_plans"]
    pid = kiosk.person_id(persona.key)
    kiosk.choose("commercial_amortization_stop", "loan")
    kiosk.login_id_card(persona)
    kiosk.wizard_ready()
    assert kiosk.step_key() == "tips"
    assert "住房公积金贷款主动摊还计划不允许线上终止" in kiosk.texts()
    kiosk.next()
    plans = kiosk.window.wizard.fields["plan"].input
    with kiosk.store.transaction() as tx:
        ids = {p.house_id: str(p.id) for p in tx.scalars(select(HousePlan).where(
            HousePlan.person_id == pid, HousePlan.kind == "amortization"))}
    assert plans.value() == ids["H-XD-1502"]  # the one commercial plan, already chosen
    assert plans.disabled_reason(ids["H-ZY-0301"]) == "住房公积金贷款主动摊还计划不允许线上终止，请至中心柜面办理"
    kiosk.next()
    kiosk.pick("reason", "personal")
    kiosk.next()
    assert kiosk.step_key() == "review"
    review = kiosk.texts()
    assert "终止原因：个人原因" in review and "终止后：不得再以该套房办理每月还贷申请，终止后不能恢复" in review
    assert kiosk.button("submit").text() == "确认终止"
    kiosk.tap("submit")
    kiosk.tap("confirm_submit")  # asked once more: it cannot be undone
    kiosk.wait_screen(Screen.RESULT)
    _printed(kiosk)
    assert kiosk.window.result.headline.text() == "商业贷款主动摊还计划已终止，请取走业务办结凭证"
    receipt = _receipt(kiosk)
    assert "业务办结凭证" in receipt and "商贷主动摊还计划终止" in receipt
    assert "不得再以该套房办理每月还贷申请" in receipt and "现代大道 88 号 5 幢 1502 室" in receipt
    assert persona.id_number not in receipt and persona.id_number[-4:] in receipt
    with kiosk.store.transaction() as tx:
        plan = tx.get(HousePlan, int(ids["H-XD-1502"]))
        assert (plan.status, plan.stopped_on, plan.stop_reason, plan.barred) == (
            "stopped", date(2026, 3, 17), "个人原因", True)
        assert tx.get(HousePlan, int(ids["H-ZY-0301"])).status == "active"
    _leave(kiosk)

    kiosk.choose("commercial_amortization_stop", "loan")
    kiosk.login_card(persona)
    kiosk.wait_screen(Screen.RESULT)
    assert "住房公积金贷款主动摊还计划不允许线上终止" in kiosk.window.result.headline.text()


def test_biannual_stop_then_a_suzhou_city_plan_is_refused(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("commercial_biannual_stop", "loan")
    kiosk.login_card(personas["commercial_plans"])
    kiosk.wizard_ready()
    assert "苏州大市内的住房公积金贷款还贷一年两次提取不允许线上终止" in kiosk.texts()
    kiosk.next()
    kiosk.next()  # the one commercial plan is chosen
    kiosk.pick("reason", "settled")
    kiosk.next()
    kiosk.tap("submit")
    kiosk.tap("confirm_submit")  # asked once more: it cannot be undone
    kiosk.wait_screen(Screen.RESULT)
    _printed(kiosk)
    receipt = _receipt(kiosk)
    assert "商贷还贷一年两次提取计划终止" in receipt and "不得再以该套房重新申请还贷一年两次提取" in receipt
    with kiosk.store.transaction() as tx:
        plan = tx.scalars(select(HousePlan).where(HousePlan.house_id == "H-DSH-0602")).one()
        assert (plan.status, plan.barred, plan.stop_reason) == ("stopped", True, "贷款已结清")
    _leave(kiosk)

    kiosk.choose("commercial_biannual_stop", "loan")
    kiosk.login_card(personas["hf_loan_plans"])
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.headline.text() == (
        "苏州大市内的住房公积金贷款还贷一年两次提取不允许线上终止")



def test_interest_subsidy_report_then_once_a_year(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["subsidy_family"]
    kiosk.choose("hf_interest_subsidy", "loan")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    assert "贴息申请每年上半年受理" in kiosk.texts()
    kiosk.next()
    assert kiosk.step_key() == "loan"
    shown = kiosk.texts()
    for line in ("贴息期限：2024-05-20 至 2027-05-19（自贷款发放之日起三年）", "申请贴息年度：2025 年度",
                 "该年度还款：12 期，均按期足额偿还", "该年度已还利息：8,214.15 元", "房屋性质：政府保障性住房"):
        assert line in shown, line
    kiosk.next()
    assert kiosk.step_key() == "review" and kiosk.button("submit").text() == "提交申请"
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    _printed(kiosk)
    assert kiosk.window.result.headline.text() == "2025 年度贷款贴息申请已递交，请在下方出纸口取走报表"
    assert len(list(kiosk.config.paths.spool_dir.glob("*.pdf"))) == 1
    with kiosk.store.transaction() as tx:
        claim = tx.scalars(select(InterestSubsidyClaim).where(
            InterestSubsidyClaim.person_id == kiosk.person_id(persona.key))).one()
        assert (claim.covered_year, claim.instalments, str(claim.interest)) == (2025, 12, "8214.15")
    text = _report_text(kiosk, claim.serial)
    assert text.startswith("中低收入家庭住房公积金贷款贴息申请表")
    assert "该年度已还利息：8,214.15 元" in text and "2025-12-20  2025-12-20" in text
    _leave(kiosk)

    kiosk.choose("hf_interest_subsidy", "loan")
    kiosk.login_id_card(persona)
    kiosk.wait_screen(Screen.RESULT)
    assert "每年只能申请一次" in kiosk.window.result.headline.text()


def test_interest_subsidy_is_not_accepted_after_june(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.clock.set(datetime(2026, 7, 1, 9, 0, tzinfo=CST))
    kiosk.choose("hf_interest_subsidy", "loan")
    kiosk.login_card(personas["subsidy_family"])
    kiosk.wait_screen(Screen.RESULT)
    headline = kiosk.window.result.headline.text()
    assert "2026 年的受理期已于 6 月 30 日结束，逾期视为自动放弃" in headline
    with kiosk.store.transaction() as tx:
        assert tx.scalars(select(InterestSubsidyClaim).where(
            InterestSubsidyClaim.person_id == kiosk.person_id("subsidy_family"))).all() == []
