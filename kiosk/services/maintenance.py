"""What the maintenance screen asks of the business layer: today's journal, the outbox, a test page."""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select

from kiosk.clock import CST, Clock
from kiosk.config import KioskConfig
from kiosk.devices.bundle import Devices, device_kinds
from kiosk.devices.errors import DeviceError
from kiosk.devices.health import DeviceHealth, check_devices
from kiosk.devices.receipt_printer.protocol import PrinterReady, ReceiptPrinter
from kiosk.devices.report_printer.protocol import ReportPrinter
from kiosk.printing.document import DocLine, DocSection, Document
from kiosk.printing.receipt import render_receipt
from kiosk.printing.report_pdf import render_report
from kiosk.services import catalogue
from kiosk.services.working_days import PACKAGE_YEARS, calendar_from_config
from kiosk.store import models as m
from kiosk.store.database import Store

log = logging.getLogger(__name__)
STATUS_WORDS = {"completed": "办结", "pending_review": "待审核"}


def terminal_health(devices: Devices, config: KioskConfig, clock: Clock) -> list[DeviceHealth]:
    """What `kiosk devices check` and the maintenance screen list: every device, then the calendar."""
    return [*check_devices(devices, device_kinds(config)), calendar_health(config, clock)]


def calendar_health(config: KioskConfig, clock: Clock) -> DeviceHealth:
    """警告 when this year's, or from 1 November next year's, holiday schedule is not loaded.

    Due dates over such a year are still given, estimated from the statutory holidays and marked
    预计 (kiosk/services/working_days.py), so it is a warning, not a fault.
    """
    today = clock.now().astimezone(CST).date()
    complete = config.calendar.complete_years
    implementation = f"chinesecalendar {PACKAGE_YEARS.start}–{PACKAGE_YEARS.stop - 1}" + (
        f"，[calendar] {'、'.join(map(str, complete))}" if complete else "")
    missing = calendar_from_config(config).missing_schedules(today)
    if not missing:
        years = "、".join(str(y) for y in (today.year, today.year + 1) if y in PACKAGE_YEARS or y in complete)
        return DeviceHealth("calendar", CALENDAR_LABEL, implementation, True, f"已载入 {years} 年节假日安排")
    years = "、".join(map(str, missing))
    log.warning("holiday schedule for %s not loaded: due dates over it are estimated (预计); add the "
                "State Council's notice to the config's [calendar] and list the year in complete_years", years)
    return DeviceHealth("calendar", CALENDAR_LABEL, implementation, True,
                        f"{years} 年节假日安排未载入，到期日按法定节假日推算并标注“预计”。请按国务院办公厅放假通知"
                        f"在配置 [calendar] 中填写，并将年份列入 complete_years", warning=True)


CALENDAR_LABEL = "节假日安排"


class JournalLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    at: datetime
    serial: str
    title: str
    status: str


class TodayJournal(BaseModel):
    model_config = ConfigDict(frozen=True)

    counts: dict[str, int]  # by status word
    unprinted: int
    latest: tuple[JournalLine, ...]  # newest first
    cards_left: int = 0  # times 请取回您的… timed out today ([session] card_left_s): a card may be in a reader


def today_journal(store: Store, clock: Clock, terminal_id: str, latest: int = 10) -> TodayJournal:
    """This terminal's businesses since midnight (China time); no names or ID numbers."""
    start = datetime.combine(clock.now().astimezone(CST).date(), time(), CST)
    with store.transaction() as tx:
        rows = tx.scalars(select(m.Submission).where(m.Submission.terminal_id == terminal_id,
                                                     m.Submission.created_at >= start,
                                                     m.Submission.created_at < start + timedelta(days=1))
                          .order_by(m.Submission.created_at.desc())).all()
        serials = [r.serial for r in rows]
        unprinted = len(tx.scalars(select(m.PrintJob.id).where(m.PrintJob.serial.in_(serials),
                                                               m.PrintJob.status != "printed")).all())
        counts: dict[str, int] = {}
        for row in rows:
            word = STATUS_WORDS.get(row.status, row.status)
            counts[word] = counts.get(word, 0) + 1
        lines = tuple(JournalLine(at=r.created_at, serial=r.serial, title=catalogue.get(r.service_id).title,
                                  status=STATUS_WORDS.get(r.status, r.status)) for r in rows[:latest])
        cards_left = tx.scalar(select(func.count()).select_from(m.AuditEntry).where(
            m.AuditEntry.terminal_id == terminal_id, m.AuditEntry.action == "card_left",
            m.AuditEntry.at >= start, m.AuditEntry.at < start + timedelta(days=1)))
    return TodayJournal(counts=counts, unprinted=unprinted, latest=lines, cards_left=cards_left or 0)


def outbox_counts(store: Store) -> dict[str, int]:
    """SMS in the outbox by status (queued, sent, failed)."""
    with store.transaction() as tx:
        rows = tx.execute(select(m.SmsMessage.status, func.count()).group_by(m.SmsMessage.status)).all()
    return {status: n for status, n in rows}


def device_test_page(kind: str, config: KioskConfig, clock: Clock) -> Document:
    now = clock.now()
    return Document(
        kind="receipt" if kind == "receipt" else "report", title="设备测试页", serial=f"TEST{now:%Y%m%d%H%M%S}",
        issued_at=now, holder_name="（测试）", holder_id_masked="（无）",
        sections=(DocSection(lines=(DocLine(label="终端编号", value=config.kiosk.terminal_id),
                                    DocLine(label="打印时间", value=f"{now:%Y-%m-%d %H:%M:%S}"),
                                    DocLine(label="中文测试", value="苏州工业园区社保和公积金 24 小时自助服务"))),),
        footer=("本页仅用于检查打印机，不是业务凭证。",),
    )


def print_test_page(kind: str, receipt: ReceiptPrinter, report: ReportPrinter, config: KioskConfig,
                    clock: Clock) -> str:
    """Prints a test page on the receipt or the A4 printer; returns what happened, in Chinese."""
    printer = receipt if kind == "receipt" else report
    status = printer.status()
    if not isinstance(status, PrinterReady):
        return f"测试页未打印：{status.message}"
    doc = device_test_page(kind, config, clock)
    try:
        if kind == "receipt":
            receipt.print_bytes(render_receipt(doc))
        else:
            report.print_pdf(render_report(doc), doc.serial)
    except DeviceError as exc:
        log.error("test page on the %s printer failed: %s", kind, exc.detail or exc.message)
        return f"测试页未打印：{exc.message}"
    return f"{status.device}测试页已打印"
