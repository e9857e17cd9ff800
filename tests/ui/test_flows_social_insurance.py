"""灵活就业人员中断参保, 纸质权益单退订/恢复, 社保关系转出凭证补打印 and 临时缴费账户维护 through the
real window, as a resident would use them (the clock stands at Tuesday 2026-03-17 10:00)."""

from __future__ import annotations

from kiosk.services.idnumber import mask

from datetime import date, datetime

from sqlalchemy import select

from kiosk.clock import CST
from kiosk.printing.document import Document
from kiosk.printing.escpos_text import receipt_text
from kiosk.services.session_flow import Screen
from kiosk.store import models as m
from kiosk.store.tables.social_insurance import (PaperStatementSubscription, SiTransferVoucher,
                                                 TempAccountUpgrade, TempContributionAccount)


def _receipt(kiosk) -> str:  # noqa: ANN001
    kiosk.qtbot.waitUntil(lambda: "已打印" in kiosk.window.result.printing.text(), timeout=30000)
    return "\n".join(receipt_text(kiosk.devices.receipt_printer.jobs[-1]))


def test_flex_suspend_with_citizen_card(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["flex_normal"]
    kiosk.choose("flex_suspend", "social_insurance")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    assert "首次扣款日" in kiosk.texts()
    kiosk.next()
    assert kiosk.step_key() == "current"
    assert "当前套餐：" in kiosk.texts() and "月缴费金额：" in kiosk.texts()
    kiosk.next()
    assert kiosk.step_key() == "review"
    assert kiosk.button("submit").text() == "确认终止"
    assert "停止缴费月份：自 2026 年 3 月 起不再扣缴" in kiosk.texts()  # 17 March: before the 18th
    kiosk.tap("submit")
    kiosk.tap("confirm_submit")  # asked once more: it cannot be undone
    kiosk.wait_screen(Screen.RESULT)
    result = kiosk.window.result
    assert result.status.text() == "办理成功"
    assert result.headline.text() == "灵活就业参保已中断，自 2026 年 3 月 起停止缴费"
    receipt = _receipt(kiosk)
    assert "业务办结凭证" in receipt and "灵活就业人员中断参保" in receipt and "2026 年 3 月" in receipt
    assert persona.id_number not in receipt and persona.id_number[-4:] in receipt
    pid = kiosk.person_id(persona.key)
    with kiosk.store.transaction() as tx:
        assert tx.get(m.FlexEnrolment, pid).status == "suspended"
        assert tx.get(m.Person, pid).insured_status == "suspended"
    kiosk.tap("finish")
    kiosk.wait_screen(Screen.HOME)
    kiosk.devices.citizen_card.remove()
    kiosk.poll()

    kiosk.choose("flex_suspend", "social_insurance")  # a second time: no longer normal
    kiosk.login_id_card(persona)
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "无法办理"  # permanent: it will not pass by itself
    assert "不是正常缴费状态" in kiosk.window.result.headline.text()


def test_paper_statement_resume_with_id_card(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["paper_opted_out"]
    kiosk.choose("paper_statement_optout", "social_insurance")
    kiosk.login_id_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    assert kiosk.step_key() == "subscription"
    shown = kiosk.texts()
    for line in ("当期权益单：202606 期（对账期 2025-07-01 至 2026-06-30）", "投递方式：已退订纸质",
                 f"证件号码：{mask(persona.id_number)}"):
        assert line in shown
    assert persona.id_number not in shown
    kiosk.next()
    actions = kiosk.window.wizard.fields["paper_action"].input
    assert actions.disabled_reason("optout") == "您已退订 202606 期纸质权益单"
    assert actions.disabled_reason("resume") is None
    kiosk.pick("paper_action", "resume")
    kiosk.next()
    assert kiosk.step_key() == "review"
    assert "办理后：恢复投递纸质权益单" in kiosk.texts()
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.headline.text() == "已恢复订阅 202606 期纸质权益单"
    receipt = _receipt(kiosk)
    assert "恢复订阅纸质" in receipt and "202606" in receipt
    with kiosk.store.transaction() as tx:
        row = tx.scalars(select(PaperStatementSubscription).where(
            PaperStatementSubscription.person_id == kiosk.person_id(persona.key),
            PaperStatementSubscription.period == "202606")).one()
        assert row.paper is True


def test_paper_statement_opt_out_then_closed_in_july(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["institution_staff"]
    kiosk.choose("paper_statement_optout", "social_insurance")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    kiosk.next()
    assert kiosk.window.wizard.fields["paper_action"].input.disabled_reason("resume")
    kiosk.pick("paper_action", "optout")
    kiosk.next()
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.headline.text() == "已退订 202606 期纸质权益单"
    assert "退订仅限当期" in _receipt(kiosk)
    kiosk.tap("finish")
    kiosk.wait_screen(Screen.HOME)
    kiosk.devices.citizen_card.remove()
    kiosk.poll()

    kiosk.clock.set(datetime(2026, 7, 1, 9, 0, tzinfo=CST))  # outside 1 January – 30 June
    kiosk.choose("paper_statement_optout", "social_insurance")
    kiosk.login_id_card(persona)
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "暂时无法办理"
    assert kiosk.window.result.headline.text() == (
        "纸质权益单退订和恢复订阅只能在每年 1 月 1 日至 6 月 30 日办理")


def test_transfer_voucher_reprint_prints_the_medical_form(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["si_transfer_partial"]
    kiosk.choose("si_transfer_voucher_reprint", "social_insurance")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    assert kiosk.step_key() == "applications"
    shown = kiosk.texts()
    assert "基本养老保险参保缴费凭证：2025-10-15 申请，转往浙江省杭州市；已于 2025-12-20 转出，无法补打印" in shown
    assert "基本医疗保障参保（合）凭证：2025-10-15 申请，转往浙江省杭州市；可补打印" in shown
    kiosk.next()
    assert kiosk.step_key() == "mobile_step"
    assert kiosk.window.wizard.fields["mobile"].value() == persona.mobile  # prefilled
    kiosk.tap("key_clear")
    for digit in "13700005555":
        kiosk.tap(f"key_{digit}")
    kiosk.next()
    forms = kiosk.window.wizard.fields["form_type"].input
    assert forms.disabled_reason("pension") == "中心已于 2025-12-20 将基本养老保险办理转出，相应凭证无法补打印"
    assert forms.disabled_reason("medical") is None
    kiosk.pick("form_type", "medical")
    kiosk.next()
    assert kiosk.step_key() == "review"
    review = kiosk.texts()
    assert "表单类型：基本医疗保障参保（合）凭证" in review and "137****5555" in review
    assert kiosk.button("submit").text() == "打印"
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    kiosk.qtbot.waitUntil(lambda: "已打印" in kiosk.window.result.printing.text(), timeout=30000)
    assert kiosk.window.result.headline.text() == "《基本医疗保障参保（合）凭证》已补打印，请在下方出纸口取走"
    pdfs = list(kiosk.config.paths.spool_dir.glob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
    assert kiosk.devices.receipt_printer.jobs == []  # an A4 form, no receipt
    pid = kiosk.person_id(persona.key)
    with kiosk.store.transaction() as tx:
        [job] = tx.scalars(select(m.PrintJob)).all()
        doc = Document.model_validate(job.document)
        assert (job.kind, job.title, job.status) == ("report", "基本医疗保障参保（合）凭证", "printed")
        text = doc.as_text()
        assert "转入地：浙江省杭州市" in text and "联系手机：137****5555" in text
        assert persona.id_number not in text and "3205**********2531" in text
        vouchers = {v.kind: v.reprints for v in tx.scalars(select(SiTransferVoucher)
                                                           .where(SiTransferVoucher.person_id == pid))}
        assert vouchers == {"pension": 0, "medical": 1}


def test_transfer_voucher_refused_once_everything_was_transferred(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("si_transfer_voucher_reprint", "social_insurance")
    kiosk.login_id_card(personas["si_transfer_done"])
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "无法办理"  # permanent: it will not pass by itself
    assert "相应凭证无法补打印" in kiosk.window.result.headline.text()


def test_temp_account_upgrade_is_submitted_for_review(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["temp_account_holder"]
    kiosk.choose("temp_account_upgrade", "social_insurance")
    kiosk.login_id_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    assert kiosk.step_key() == "account"
    assert "账户类型：临时缴费账户" in kiosk.texts() and "户籍迁入园区日期：2025-11-20" in kiosk.texts()
    kiosk.next()
    assert kiosk.step_key() == "hukou_step"
    address = kiosk.window.wizard.fields["hukou_address"]
    assert address.value() == "苏州工业园区唯亭街道浦田路 58 号 3 幢 402 室"  # the centre's record, to check
    kiosk.clear_text(address.input)
    kiosk.type_chinese(address.input, "浦田路")
    kiosk.next()
    assert address.error.text() == "请填写详细的户籍地址（至少 6 个字，写到门牌号）"
    kiosk.clear_text(address.input)
    kiosk.type_chinese(address.input, "苏州工业园区唯亭街道浦田路 58 号 3 幢 402 室")
    kiosk.next()
    assert kiosk.step_key() == "mobile_step"
    assert kiosk.window.wizard.fields["mobile"].value() == persona.mobile
    kiosk.next()
    assert kiosk.step_key() == "declaration"
    assert "本人户籍已迁入苏州工业园区" in kiosk.texts()
    kiosk.next()  # not ticked yet
    assert kiosk.step_key() == "declaration"
    assert kiosk.window.wizard.message.text() == "请阅读声明后点击“我已阅读并同意以上声明”"
    kiosk.agree()
    kiosk.next()
    assert kiosk.step_key() == "review"
    review = kiosk.texts()
    assert "审核期限：3 个工作日内（预计 2026-03-20 前）" in review
    assert "审核通过后：账户类型由临时缴费账户变更为一般账户" in review
    assert kiosk.button("submit").text() == "提交申请"
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    kiosk.settle()
    result = kiosk.window.result
    assert result.status.text() == "申请已提交，等待审核"
    assert result.headline.text() == "临时缴费账户维护申请已提交，中心将在 3 个工作日内审核"
    assert result.effective.text() == "预计办结日期：2026-03-20"
    assert "审核通过后：账户类型将由临时缴费账户变更为一般账户" in result.details.text()
    assert result.serial.text().startswith("业务流水号：YW20260317")
    assert kiosk.devices.receipt_printer.jobs == []
    pid = kiosk.person_id(persona.key)
    with kiosk.store.transaction() as tx:
        [application] = tx.scalars(select(TempAccountUpgrade).where(TempAccountUpgrade.person_id == pid)).all()
        assert (application.status, application.due_on, application.mobile) == (
            "pending", date(2026, 3, 20), persona.mobile)
        submitted = tx.get(m.Submission, application.serial)
        assert (submitted.status, submitted.due_date) == ("pending_review", date(2026, 3, 20))
        assert tx.get(TempContributionAccount, pid).account_type == "temporary"


def test_temp_account_upgrade_refused_in_the_month_of_the_move(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("temp_account_upgrade", "social_insurance")
    kiosk.login_card(personas["temp_account_just_moved"])
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "暂时无法办理"
    assert kiosk.window.result.headline.text() == (
        "请在户籍迁入园区后的次月申请：您的户籍于 2026 年 3 月 2 日迁入园区")

