"""异地就医登记撤销 and 居民医保一次性提取 through the real window, as a resident would use them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from kiosk.printing.escpos_text import receipt_text
from kiosk.services.session_flow import Screen
from kiosk.store import models as m
from kiosk.store.tables.medical import (RemoteMedicalCancellation, ResidentMedicalAccount,
                                        ResidentMedicalWithdrawal)


def _registrations(kiosk, person_id: int) -> list[tuple[str, str]]:  # noqa: ANN001
    with kiosk.store.transaction() as tx:
        rows = tx.scalars(select(m.RemoteMedicalRegistration)
                          .where(m.RemoteMedicalRegistration.person_id == person_id)
                          .order_by(m.RemoteMedicalRegistration.id))
        return [(r.place, r.status) for r in rows]


def test_cancel_then_register_again(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["remote_registered"]
    pid = kiosk.person_id(persona.key)
    kiosk.choose("remote_medical_cancel", "medical")
    kiosk.login_card(persona)
    kiosk.wizard_ready()
    assert kiosk.step_key() == "notice"
    kiosk.next()
    assert kiosk.step_key() == "registration"
    shown = kiosk.texts()
    for line in ("就医地：苏州市昆山市", "居住地址：昆山市前进中路 88 号 2 幢 302 室", "开始日期：2025-12-01",
                 "结束日期：2027-12-31", "联系手机：139****5606", "证件号码：3205**********6821"):
        assert line in shown
    assert persona.mobile not in shown and persona.id_number not in shown
    kiosk.next()
    assert kiosk.step_key() == "review"
    assert kiosk.button("submit").text() == "确认撤销"
    assert "苏州市昆山市，2025-12-01 至 2027-12-31" in kiosk.texts()
    kiosk.tap("submit")
    kiosk.tap("confirm_submit")  # asked once more: it cannot be undone
    kiosk.wait_screen(Screen.RESULT)
    kiosk.settle()
    result = kiosk.window.result
    assert result.status.text() == "办理成功"
    assert result.headline.text() == "异地就医登记已撤销，结果将以短信通知您"
    assert "原有效期：2025-12-01 至 2027-12-31" in result.details.text()
    assert result.sms.text() == "短信通知已发送至您的手机"
    kiosk.qtbot.waitUntil(lambda: len(kiosk.devices.sms.sent) == 1, timeout=30000)
    mobile, text = kiosk.devices.sms.sent[-1]
    assert mobile == persona.mobile and "已于 2026-03-17 撤销" in text and "昆山市" in text
    assert _registrations(kiosk, pid) == [("kunshan", "cancelled")]  # kept, not deleted
    with kiosk.store.transaction() as tx:
        assert tx.scalars(select(RemoteMedicalCancellation.person_id)).all() == [pid]
    kiosk.tap("finish")
    kiosk.wait_screen(Screen.HOME)
    kiosk.devices.citizen_card.remove()
    kiosk.poll()

    # Registration is open again for her (it refused while the old one was in force).
    kiosk.choose("remote_medical_register", "medical")
    kiosk.login_id_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    kiosk.next()
    kiosk.pick("reason", "retiree_resettled")
    kiosk.next()
    kiosk.pick("place", "changshu")
    kiosk.next()
    kiosk.type_chinese(kiosk.window.wizard.fields["address"].input, "常熟市虞山路 18 号 2 幢 501 室")
    kiosk.next()
    kiosk.next()  # contact mobile prefilled
    kiosk.next()  # start today
    kiosk.pick_date("end_date", date(2027, 3, 16))
    kiosk.next()
    assert kiosk.step_key() == "review"
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    kiosk.settle()
    assert kiosk.window.result.status.text() == "办理成功"
    assert _registrations(kiosk, pid) == [("kunshan", "cancelled"), ("changshu", "active")]
    kiosk.qtbot.waitUntil(lambda: len(kiosk.devices.sms.sent) == 2, timeout=30000)
    assert "常熟市" in kiosk.devices.sms.sent[-1][1]


def test_cancel_without_a_registration_is_refused(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("remote_medical_cancel", "medical")
    kiosk.login_id_card(personas["remote_lapsed"])
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "无法办理"  # permanent: it will not pass by itself
    assert "未查询到您有效的异地就医登记备案" in kiosk.window.result.headline.text()
    assert kiosk.devices.sms.sent == []


def test_withdrawal_to_the_bound_card_then_a_second_is_refused(kiosk, personas) -> None:  # noqa: ANN001
    persona = personas["resident_transferred"]
    pid = kiosk.person_id(persona.key)
    kiosk.choose("resident_medical_withdrawal", "medical")
    kiosk.login_id_card(persona)
    kiosk.wizard_ready()
    kiosk.next()
    assert kiosk.step_key() == "account"
    shown = kiosk.texts()
    assert "居民医保转出：已办理（2025-09-01）" in shown and "个人账户余额：1,520.30 元" in shown
    kiosk.next()
    kinds = kiosk.window.wizard.fields["withdrawal_type"].input
    assert kinds.disabled_reason("retirement") == "系统未查询到您的企业职工退休审批记录，不能选择退休一次性提取"
    assert kinds.disabled_reason("transfer_out") is None
    kiosk.pick("withdrawal_type", "transfer_out")
    kiosk.next()
    assert "本人其他银行卡（中国银行，尾号 5678）" in kiosk.texts()
    assert "6217856000012345678" not in kiosk.texts()
    kiosk.pick("payout_method", "bound_card")
    kiosk.next()
    assert kiosk.step_key() == "mobile_step"
    assert kiosk.window.wizard.fields["mobile"].value() == persona.mobile  # prefilled
    kiosk.tap("key_clear")
    kiosk.type_digits("1370000333")  # one digit short
    kiosk.next()
    assert kiosk.window.wizard.fields["mobile"].error.text() == "手机号码应为 11 位数字，以 1 开头"
    assert kiosk.step_key() == "mobile_step"
    kiosk.type_digits("3")
    kiosk.next()
    assert kiosk.step_key() == "review"
    review = kiosk.texts()
    assert "提取金额：1,520.30 元" in review and "预计到账日期：2026-03-24（5 个工作日内）" in review
    assert "137****3333" in review and "13700003333" not in review
    assert kiosk.button("submit").text() == "确认提取"
    kiosk.tap("submit")
    kiosk.tap("confirm_submit")  # asked once more: it cannot be undone
    kiosk.wait_screen(Screen.RESULT)
    kiosk.qtbot.waitUntil(lambda: "已打印" in kiosk.window.result.printing.text(), timeout=30000)
    result = kiosk.window.result
    assert result.status.text() == "办理成功"
    assert result.headline.text() == "居民医保一次性提取已办结，提取金额 1,520.30 元，预计 2026-03-24 前到账"
    assert "2026-03-24" in result.effective.text()
    assert "发放方式：本人其他银行卡（中国银行，尾号 5678）" in result.details.text()
    receipt = "\n".join(receipt_text(kiosk.devices.receipt_printer.jobs[-1]))
    assert "业务办结凭证" in receipt and "居民医保一次性提取" in receipt and "1,520.30 元" in receipt
    assert "2026-03-24" in receipt and "尾号 5678" in receipt
    assert persona.id_number not in receipt and persona.id_number[-4:] in receipt
    assert kiosk.devices.sms.sent == []  # the guide names no SMS for this service
    with kiosk.store.transaction() as tx:
        row = tx.scalars(select(ResidentMedicalWithdrawal)).one()
        assert (row.person_id, row.withdrawal_type, row.payout_method, row.mobile, row.amount,
                row.expected_arrival) == (pid, "transfer_out", "bound_card", "13700003333", Decimal("1520.30"),
                                          date(2026, 3, 24))
        submitted = tx.get(m.Submission, row.serial)
        assert submitted.due_date == date(2026, 3, 24)
        assert tx.get(ResidentMedicalAccount, pid).balance == Decimal("0.00")
    kiosk.tap("finish")
    kiosk.wait_screen(Screen.HOME)
    kiosk.devices.id_card.remove()
    kiosk.poll()

    kiosk.choose("resident_medical_withdrawal", "medical")
    kiosk.login_card(persona)
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "无法办理"  # permanent: it will not pass by itself
    assert "已于 2026-03-17 一次性提取，不能重复提取" in kiosk.window.result.headline.text()
    with kiosk.store.transaction() as tx:
        assert len(tx.scalars(select(ResidentMedicalWithdrawal)).all()) == 1


def test_withdrawal_refused_without_retirement_or_transfer(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.choose("resident_medical_withdrawal", "medical")
    kiosk.login_card(personas["resident_insured"])
    kiosk.wait_screen(Screen.RESULT)
    assert kiosk.window.result.status.text() == "无法办理"  # permanent: it will not pass by itself
    assert "未查询到您的退休审批或转出记录" in kiosk.window.result.headline.text()
