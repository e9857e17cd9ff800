"""凭补打码补打: the resident types the 6-digit 补打码 on the home screen's tile, without logging in,
and the kiosk prints again what did not print the first time.

Against guessing it has the staff PIN's limits: five wrong codes lock this terminal's code entry for
15 minutes. The count and the lock live in the store and are read, checked and written in one
serialising transaction (`BEGIN IMMEDIATE` on SQLite, the lock row's `FOR UPDATE` on PostgreSQL),
so they hold across restarts, kiosk processes and kiosks sharing a database. Every try is logged
and audited; the code itself never is.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kiosk.clock import Clock
from kiosk.config import KioskConfig
from kiosk.devices.receipt_printer.protocol import ReceiptPrinter
from kiosk.devices.report_printer.protocol import ReportPrinter
from kiosk.services import print_fallback
from kiosk.services.print_run import PrintResult
from kiosk.store import journal
from kiosk.store.database import Store
from kiosk.store.locks import insert_missing
from kiosk.store.tables.reprint_codes import ReprintCode, ReprintEntryLock

log = logging.getLogger(__name__)
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
PAPER = {"receipt": "小票", "report": "A4 纸"}
AGAIN = "您的补打码仍然有效，请稍后再试，或到中心柜面补打"

Status = Literal["printed", "partly_printed", "not_printed", "incomplete", "wrong", "locked", "used", "expired",
                 "printed_before"]


class ReprintAnswer(BaseModel):
    """What the screen says after a try; `remaining` and `locked_until` for a wrong code."""

    model_config = ConfigDict(frozen=True)

    status: Status
    message: str
    remaining: int | None = None
    locked_until: datetime | None = None
    results: tuple[PrintResult, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == "printed"


def _locked(until: datetime, remaining: int | None = None) -> ReprintAnswer:
    """`remaining` 0 on the try that locks; None on a try refused because the entry was locked already."""
    return ReprintAnswer(status="locked", remaining=remaining, locked_until=until,
                         message=f"补打码输错次数过多，本机暂停补打，请于 {until:%H:%M} 后再试，或到中心柜面补打")


def _day(when: datetime) -> str:
    return f"{when.month} 月 {when.day} 日 {when:%H:%M}"


def entry_lock(store: Store, clock: Clock, terminal_id: str) -> ReprintAnswer | None:
    """The lock answer while this terminal's code entry is locked (asked when the screen opens), else None."""
    with store.transaction(read_only=True) as tx:
        gate = tx.get(ReprintEntryLock, terminal_id)
        if gate is not None and gate.locked_until and clock.now() < gate.locked_until:
            return _locked(gate.locked_until)
    return None


def _gate(store: Store, code: str, clock: Clock, terminal: str) -> ReprintAnswer | str:
    """Counts the try and judges the code: the serial to print, or the answer to show."""
    with store.transaction() as tx:  # count, check and lock in one serialising transaction
        now = clock.now()
        insert_missing(tx, ReprintEntryLock, terminal_id=terminal, failures=0)
        gate = tx.get_one(ReprintEntryLock, terminal, with_for_update=True, populate_existing=True)
        if gate.locked_until and now < gate.locked_until:
            journal.audit(tx, now, terminal, "reprint_code_refused", detail="entry locked")
            return _locked(gate.locked_until)
        found = tx.get(ReprintCode, code)
        if found is None:
            gate.failures += 1
            journal.audit(tx, now, terminal, "reprint_code_wrong", detail=f"{gate.failures} of {MAX_FAILURES}")
            if gate.failures >= MAX_FAILURES:
                gate.failures, gate.locked_until = 0, now + LOCKOUT
                log.error("reprint code entry locked until %s", gate.locked_until.isoformat(timespec="minutes"))
                journal.audit(tx, now, terminal, "reprint_code_locked", detail=f"until {gate.locked_until:%H:%M}")
                return _locked(gate.locked_until, remaining=0)
            remaining = MAX_FAILURES - gate.failures
            return ReprintAnswer(status="wrong", remaining=remaining,
                                 message=f"补打码不正确，请核对后重新输入（还可以再试 {remaining} 次）")
        # A real code is no guess: it is not counted, but only a code that prints starts the count again.
        serial = found.serial
        if found.used_at is not None:
            journal.audit(tx, now, terminal, "reprint_code_refused", serial=serial, detail="used")
            return ReprintAnswer(status="used", message=f"这个补打码已经用过：凭证已于 {_day(found.used_at)} 补打。"
                                                        "如没有拿到，请到中心柜面咨询")
        if now - found.created_at > timedelta(days=print_fallback.CODE_VALID_DAYS):
            journal.audit(tx, now, terminal, "reprint_code_refused", serial=serial, detail="expired")
            return ReprintAnswer(status="expired", message=f"这个补打码已过期（{print_fallback.CODE_VALID_DAYS} 天内有效）。"
                                                           "请带身份证到中心柜面补打")
        if all(job.status == "printed" for job in journal.jobs_for_serial(tx, serial)):
            journal.audit(tx, now, terminal, "reprint_code_refused", serial=serial, detail="printed before")
            return _printed_before()
        gate.failures = 0
        journal.audit(tx, now, terminal, "reprint_code_ok", serial=serial)
        return serial


def _printed_before() -> ReprintAnswer:
    return ReprintAnswer(status="printed_before", message="这个补打码的凭证已经打印好了，不需要补打。"
                                                          "如没有拿到，请到中心柜面咨询")


def _printed(results: list[PrintResult]) -> ReprintAnswer:
    done = [r for r in results if r.printed]
    failed = [r for r in results if not r.printed]
    took = "、".join(f"《{r.title}》（{PAPER[r.kind]}）" for r in done)
    if not failed:
        return ReprintAnswer(status="printed", results=tuple(results), message=f"已打印{took}，请在出纸口取走")
    reasons = "；".join(sorted({r.message for r in failed}))
    missing = "、".join(f"《{r.title}》" for r in failed)
    if not done:
        return ReprintAnswer(status="not_printed", results=tuple(results),
                             message=f"打印机暂时无法打印（{reasons}），{missing}未能打印。{AGAIN}")
    return ReprintAnswer(status="partly_printed", results=tuple(results),
                         message=f"已打印{took}，请在出纸口取走；{missing}未能打印（{reasons}）。{AGAIN}")


def reprint(store: Store, code: str, receipt: ReceiptPrinter, report: ReportPrinter, clock: Clock,
            config: KioskConfig) -> ReprintAnswer:
    """One try at the tile: the gate, then what is still unprinted, printed as the staff reprint does."""
    terminal = config.kiosk.terminal_id
    code = code.strip()
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        log.info("resident reprint at %s: %d digits typed, not counted", terminal, len(code))
        return ReprintAnswer(status="incomplete", message="请输入 6 位数字补打码")
    judged = _gate(store, code, clock, terminal)
    if isinstance(judged, ReprintAnswer):
        log.info("resident reprint at %s: %s", terminal, judged.status)
        return judged
    found = print_fallback.reprint_by_code(store, code, receipt, report, clock, config)
    answer = _printed(found[1]) if found and found[1] else _printed_before()  # empty: another kiosk was quicker
    log.info("resident reprint at %s of %s: %s", terminal, judged, answer.status)
    return answer
