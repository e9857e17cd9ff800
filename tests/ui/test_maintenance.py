"""The maintenance screen: staff see each device's state, reprint after a refill, push the SMS outbox."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from kiosk.clock import CST
from kiosk.services.session_flow import Screen
from kiosk.store import models as m
from kiosk.ui.maintenance import MaintenancePanel


def _panel(kiosk) -> MaintenancePanel:  # noqa: ANN001
    panel = MaintenancePanel(kiosk.config, kiosk.store, kiosk.devices, kiosk.clock)
    kiosk.qtbot.addWidget(panel)
    panel.show()  # on the terminal's screen, where staff tap it
    kiosk.qtbot.waitUntil(lambda: panel.message.text().startswith("检测完成"), timeout=30000)
    return panel


def _text(panel: MaintenancePanel, name: str) -> str:
    return panel.findChild(QLabel, name).text()


def _after(kiosk, panel: MaintenancePanel, button: str) -> str:  # noqa: ANN001
    panel.message.clear()
    kiosk.finger.tap_named(panel, button)
    kiosk.qtbot.waitUntil(lambda: bool(panel.message.text()) and not panel.message.text().startswith("正在"),
                          timeout=30000)
    kiosk.qtbot.waitUntil(lambda: panel.bridge.busy == 0, timeout=30000)
    return panel.message.text()


def test_every_device_is_listed_with_its_state(kiosk) -> None:  # noqa: ANN001
    kiosk.devices.receipt_printer.paper_out = True
    panel = _panel(kiosk)
    assert _text(panel, "maint_device_id_card") == "正常：已连接，无卡"
    assert _text(panel, "maint_device_receipt_printer") == "故障：凭条打印机缺纸"
    assert panel.message.text() == "检测完成：凭条打印机故障"
    kiosk.devices.receipt_printer.paper_out = False
    assert _after(kiosk, panel, "maint_check") == "检测完成：全部设备正常"
    panel.close()


def test_after_a_refill_staff_reprint_by_the_residents_code(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.devices.receipt_printer.paper_out = True
    kiosk.flex_grade_change_to_review(personas["flex_normal"], "2")
    kiosk.qtbot.waitUntil(lambda: kiosk.window.wizard.sms_code is not None, timeout=30000)
    kiosk.tap("submit")
    kiosk.wait_screen(Screen.RESULT)
    kiosk.qtbot.waitUntil(lambda: "补打码" in kiosk.window.result.printing.text(), timeout=30000)
    kiosk.settle()
    code = kiosk.window.result.printing.text().split("补打码 ")[1][:6]
    serial = kiosk.window.result.serial.text().split("：")[1]
    kiosk.devices.receipt_printer.paper_out = False
    panel = _panel(kiosk)
    assert serial in _text(panel, "maint_unprinted") and "缺纸" in _text(panel, "maint_unprinted")
    kiosk.finger.type_text(panel.code, "999999" if code != "999999" else "999998")
    assert _after(kiosk, panel, "maint_reprint").endswith("不存在，请核对")
    kiosk.clear_text(panel.code)
    kiosk.finger.type_text(panel.code, code)
    assert _after(kiosk, panel, "maint_reprint") == f"{serial}：《业务办结凭证》已打印"
    assert len(kiosk.devices.receipt_printer.jobs) == 1
    assert _text(panel, "maint_unprinted") == "无"
    panel.close()


def test_queued_sms_go_out_when_the_gateway_is_back(kiosk) -> None:  # noqa: ANN001
    kiosk.devices.sms.down = True
    with kiosk.store.transaction() as tx:
        tx.add(m.SmsMessage(serial=None, terminal_id=kiosk.config.kiosk.terminal_id, mobile="13900001111", text="测试",
                            created_at=kiosk.clock.now()))
    panel = _panel(kiosk)
    assert _text(panel, "maint_outbox").startswith("待发送 1 条")
    assert panel.message.text() == "检测完成：短信网关故障"
    kiosk.devices.sms.down = False
    assert _after(kiosk, panel, "maint_send_sms") == "已发送 1 条短信"
    with kiosk.store.transaction() as tx:
        assert tx.scalars(select(m.SmsMessage.status).where(m.SmsMessage.mobile == "13900001111")).one() == "sent"
    panel.close()


def test_test_pages_and_todays_journal(kiosk, personas) -> None:  # noqa: ANN001
    kiosk.flex_grade_change_to_review(personas["flex_normal"], "2")
    kiosk.submit()
    serial = kiosk.window.result.serial.text().split("：")[1]
    panel = _panel(kiosk)
    journal = _text(panel, "maint_journal")
    assert journal.startswith("办结 1 笔；凭证未打印 0 份")
    assert f"10:00  {serial}  灵活就业人员办理缴费套餐或档次变更  办结" in journal
    assert personas["flex_normal"].name not in journal  # no personal data on the staff screen
    printed_before = len(kiosk.devices.receipt_printer.jobs)
    assert _after(kiosk, panel, "maint_test_receipt") == "凭条打印机测试页已打印"
    assert len(kiosk.devices.receipt_printer.jobs) == printed_before + 1
    assert _after(kiosk, panel, "maint_test_report") == "A4 打印机测试页已打印"
    assert len(list(kiosk.config.paths.spool_dir.glob("*.pdf"))) == 1
    kiosk.devices.receipt_printer.paper_out = True
    assert _after(kiosk, panel, "maint_test_receipt") == "测试页未打印：凭条打印机缺纸"
    panel.close()


def test_the_holiday_schedule_is_listed_and_warns_from_1_november(kiosk) -> None:  # noqa: ANN001
    panel = _panel(kiosk)
    assert _text(panel, "maint_device_calendar") == "正常：已载入 2026 年节假日安排"
    kiosk.clock.set(datetime(2026, 12, 4, 9, 0, tzinfo=CST))
    assert _after(kiosk, panel, "maint_check") == "检测完成：节假日安排警告"
    state = _text(panel, "maint_device_calendar")
    assert state.startswith("警告：2027 年节假日安排未载入") and "complete_years" in state
    panel.close()
