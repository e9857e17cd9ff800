"""The maintenance screen (终端维护, staff only): device states, test pages, today's journal,
unprinted documents, the SMS outbox.

It shows what `kiosk devices check` prints, in the same words, and lets staff reprint after a
refill (by serial or by the resident's 补打码) and push queued SMS. It is opened with `kiosk
maintenance` at the terminal, or from the demo dev panel; residents never reach it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.clock import Clock
from kiosk.config import KioskConfig
from kiosk.devices.bundle import Devices
from kiosk.devices.health import DeviceHealth
from kiosk.services import print_fallback, print_run, sms_dispatch
from kiosk.services.maintenance import TodayJournal, outbox_counts, print_test_page, terminal_health, today_journal
from kiosk.store.database import Store, describe
from kiosk.ui.bridge import Bridge
from kiosk.ui.screens.base import label
from kiosk.ui.widgets.buttons import TouchButton
from kiosk.ui.widgets.touch_scroll import TouchScrollArea, settle_layout

log = logging.getLogger(__name__)


class MaintenancePanel(QWidget):
    """Everything runs off the GUI thread through `bridge`; results come back as text on screen."""

    def __init__(self, config: KioskConfig, store: Store, devices: Devices, clock: Clock,
                 bridge: Bridge | None = None) -> None:
        super().__init__()
        self.setObjectName("maintenance")
        self.setWindowTitle("终端维护（工作人员）")
        self.config, self.store, self.devices, self.clock = config, store, devices, clock
        self._own_bridge = bridge is None  # a borrowed bridge (the kiosk's) is its owner's to stop
        self.bridge = bridge or Bridge(self)
        page = QVBoxLayout(self)
        page.setContentsMargins(48, 24, 48, 24)
        page.addWidget(label(f"终端维护（工作人员） · {config.kiosk.terminal_id}", role="title"))
        # Everything scrolls by finger except the bottom bar (重新检测设备 / 关闭): always on screen.
        self.scroll = TouchScrollArea()
        page.addWidget(self.scroll, 1)
        content = QWidget()
        outer = QVBoxLayout(content)
        outer.setContentsMargins(0, 0, 0, 0)

        outer.addWidget(label("设备状态", role="subtitle"))
        self.device_grid = QGridLayout()
        self.device_grid.setHorizontalSpacing(32)
        outer.addLayout(self.device_grid)
        self.device_rows: dict[str, Any] = {}
        self.check_button = self._button("重新检测设备", "maint_check", lambda: self.check())

        outer.addWidget(label("未打印的凭证和报表", role="subtitle"))
        self.unprinted = label("", name="maint_unprinted")
        outer.addWidget(self.unprinted)
        row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setObjectName("maint_code")
        self.code.setMinimumHeight(80)  # a field a finger can tap
        self.code.setPlaceholderText("补打码（6 位数字）或业务流水号")
        row.addWidget(self.code, 1)
        row.addWidget(self._button("补打", "maint_reprint", self.reprint))
        row.addWidget(self._button("补打全部未打印", "maint_reprint_all", self.reprint_all))
        outer.addLayout(row)

        row = QHBoxLayout()
        row.addWidget(self._button("凭条打印机测试页", "maint_test_receipt", lambda: self.test_print("receipt")))
        row.addWidget(self._button("A4 打印机测试页", "maint_test_report", lambda: self.test_print("report")))
        row.addStretch(1)
        outer.addLayout(row)

        outer.addWidget(label("今日业务（本机）", role="subtitle"))
        self.journal = label("", name="maint_journal")
        outer.addWidget(self.journal)

        outer.addWidget(label("短信发件箱", role="subtitle"))
        self.outbox = label("", name="maint_outbox")
        outer.addWidget(self.outbox)
        sms_row = QHBoxLayout()
        sms_row.addWidget(self._button("发送待发短信", "maint_send_sms", self.send_sms))
        sms_row.addStretch(1)
        outer.addLayout(sms_row)

        outer.addStretch(1)
        self.scroll.setWidget(content)
        self.message = label("", role="emphasis", name="maint_message")
        self.message.setMinimumHeight(self.message.fontMetrics().height() * 2)
        page.addWidget(self.message)
        bar = QHBoxLayout()
        bar.addWidget(self.check_button)
        bar.addStretch(1)
        bar.addWidget(self._button("关闭", "maint_close", lambda: self.window().close()))
        page.addLayout(bar)
        self.resize(*config.screen.size)  # on its own (`kiosk maintenance`): the terminal's screen
        self.check()

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> TouchButton:
        button = TouchButton(text, role="secondary")
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _run(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        def failed(exc: Exception) -> None:
            log.error("maintenance action failed: %s", describe(exc))
            self.message.setText(f"操作失败：{getattr(exc, 'message', None) or exc}")
        self.bridge.run(fn, done, failed)

    # -- actions -----------------------------------------------------------------------------
    def check(self, announce: bool = True) -> None:
        """Probes the devices and reads the journal and the outbox; `announce` says the result."""
        if announce:
            self.message.setText("正在检测…")

        def work() -> tuple[list[DeviceHealth], list[tuple[str, str, str]], dict[str, int], TodayJournal]:
            return (terminal_health(self.devices, self.config, self.clock), print_run.failed_jobs(self.store),
                    outbox_counts(self.store),
                    today_journal(self.store, self.clock, self.config.kiosk.terminal_id))
        self._run(work, lambda found: self._show(found, announce))

    def _show(self, found: tuple[list[DeviceHealth], list[tuple[str, str, str]], dict[str, int], TodayJournal],
              announce: bool) -> None:
        health, unprinted, outbox, journal = found
        for i, h in enumerate(health):
            if h.key not in self.device_rows:
                state = label("", name=f"maint_device_{h.key}")
                self.device_grid.addWidget(label(h.label, wrap=False), i, 0)
                self.device_grid.addWidget(label(h.implementation, role="hint", wrap=False), i, 1)
                self.device_grid.addWidget(state, i, 2)
                self.device_grid.setColumnStretch(2, 1)
                self.device_rows[h.key] = state
            state = self.device_rows[h.key]
            state.setText(f"{h.state}：{h.message}")
            state.setProperty("role", "error" if not h.ok else "emphasis" if h.warning else "")
            state.style().unpolish(state)
            state.style().polish(state)
        self.unprinted.setText("\n".join(f"{serial}  《{title}》  {reason}" for serial, title, reason in unprinted)
                               or "无")
        counts = "，".join(f"{word} {n} 笔" for word, n in journal.counts.items()) or "暂无业务"
        lines = [f"{line.at:%H:%M}  {line.serial}  {line.title}  {line.status}" for line in journal.latest]
        left = f"；卡片遗留提醒 {journal.cards_left} 次，请查看读卡器" if journal.cards_left else ""
        self.journal.setText("\n".join([f"{counts}；凭证未打印 {journal.unprinted} 份{left}", *lines]))
        self.outbox.setText(f"待发送 {outbox.get('queued', 0)} 条，已发送 {outbox.get('sent', 0)} 条，"
                            f"发送失败 {outbox.get('failed', 0)} 条")
        faults = [h.label for h in health if not h.ok]
        warnings = [h.label for h in health if h.ok and h.warning]
        settle_layout(self)  # the new lines resize the list now, not under a finger on its way down
        if announce:
            found = [f"{'、'.join(labels)}{word}" for labels, word in ((faults, "故障"), (warnings, "警告")) if labels]
            self.message.setText(f"检测完成：{'；'.join(found)}" if found else "检测完成：全部设备正常")

    def reprint(self) -> None:
        what = self.code.text().strip()
        if not what:
            self.message.setText("请输入补打码或业务流水号")
            return

        def work() -> str:
            if what.isascii() and what.isdigit() and len(what) == 6:
                found = print_fallback.reprint_by_code(self.store, what, self.devices.receipt_printer,
                                                       self.devices.report_printer, self.clock, self.config)
                if found is None:
                    return f"补打码 {what} 不存在，请核对"
                serial, results = found
            else:
                serial, results = what, print_run.print_jobs(self.store, what, self.devices.receipt_printer,
                                                             self.devices.report_printer, self.clock, self.config,
                                                             reprint=True)
            return _summary(serial, results)
        self._run(work, self._after_action)

    def reprint_all(self) -> None:
        def work() -> str:
            serials = list(dict.fromkeys(serial for serial, _, _ in print_run.failed_jobs(self.store)))
            lines = [_summary(s, print_run.print_jobs(self.store, s, self.devices.receipt_printer,
                                                      self.devices.report_printer, self.clock, self.config))
                     for s in serials]
            return "\n".join(lines) or "没有未打印的凭证"
        self._run(work, self._after_action)

    def test_print(self, kind: str) -> None:
        self._run(lambda: print_test_page(kind, self.devices.receipt_printer, self.devices.report_printer,
                                          self.config, self.clock), self._after_action)

    def send_sms(self) -> None:
        self._run(lambda: f"已发送 {sms_dispatch.send_queued(self.store, self.devices.sms, self.clock)} 条短信",
                  self._after_action)

    def _after_action(self, text: str) -> None:
        self.message.setText(text)
        self.check(announce=False)  # fresh lists, while the action's answer stays on screen

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt override)
        if self._own_bridge:
            self.bridge.shutdown()
        super().closeEvent(event)


def _summary(serial: str, results: list[print_run.PrintResult]) -> str:
    if not results:
        return f"{serial}：没有需要打印的内容"
    return f"{serial}：" + "；".join(f"《{r.title}》{'已打印' if r.printed else '未打印（' + r.message + '）'}"
                                   for r in results)
