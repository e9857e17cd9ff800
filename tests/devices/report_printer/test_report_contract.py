"""One behaviour for every report printer: the spool folder, and CUPS on a real private cupsd.

The CUPS printer runs against a cupsd of the session's own (`PrivateCupsd`: own config, spool
and socket, stopped at the end) with a cups-pdf queue, so a job goes through the real scheduler
and filter chain and comes out as a PDF file. Paper and cover faults come from a queue whose
backend reports printer-state-reasons the way a real printer's backend does.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.config import KioskConfig
from kiosk.devices.bundle import build_devices
from kiosk.devices.receipt_printer.protocol import (
    PrinterCoverOpen,
    PrinterFault,
    PrinterOffline,
    PrinterPaperOut,
    PrinterReady,
)
from kiosk.devices.report_printer.cups_printer import CupsReportPrinter, parse_lpstat
from kiosk.devices.report_printer.cups_sandbox import PrivateCupsd, unavailable_reason
from kiosk.devices.report_printer.protocol import ReportPrinter
from kiosk.devices.report_printer.spool import SpoolFolderPrinter
from kiosk.printing.document import DocLine, DocSection, DocTable, Document
from kiosk.printing.report_pdf import render_report

WAIT = 30.0  # bound for cups-pdf to render a job (about 0.2 s here)
REPORT = Document(
    kind="report", title="参保证明", serial="SIP20260301000456", issued_at=datetime(2026, 3, 1, 9, 30),
    holder_name="王小明", holder_id_masked="320582********2412",
    sections=(DocSection(heading="参保信息", lines=(DocLine(label="参保状态", value="正常参保"),),
                         table=DocTable(columns=("月份", "缴费基数"), rows=(("2026-01", "4880.00"),))),),
    qr_text="https://sip.example/verify/SIP20260301000456")


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_report(REPORT)


def wait_until(condition: Callable[[], bool], timeout: float = WAIT) -> bool:
    """Polls `condition` until it holds or `timeout` passes (CUPS has no completion callback here)."""
    deadline, pause = time.monotonic() + timeout, threading.Event()
    while not condition():
        if time.monotonic() > deadline:
            return False
        pause.wait(0.02)
    return True


@pytest.fixture(scope="session")
def cupsd() -> Iterator[PrivateCupsd]:
    reason = unavailable_reason()
    if reason:
        pytest.skip(f"no private cupsd here: {reason}")
    with PrivateCupsd() as server:
        server.add_pdf_queue("A4")
        server.add_sim_queue("sim")
        yield server


@pytest.fixture
def cups(cupsd: PrivateCupsd) -> Iterator[PrivateCupsd]:
    """The session's cupsd, with both queues printing again after the test."""
    yield cupsd
    cupsd.recover("sim")
    cupsd.run("cupsenable", "A4")
    cupsd.run("cupsaccept", "A4")
    cupsd.run("cupsaccept", "sim")


@dataclass
class Rig:
    printer: ReportPrinter
    printed: Callable[[str], Path | None]  # the PDF a job produced, once it is there
    fault: Callable[[str], ReportPrinter]  # puts the printer into "paper_out" / "offline"; the printer to ask


@pytest.fixture(params=["spool", "cups"])
def rig(request: pytest.FixtureRequest, tmp_path: Path) -> Rig:
    if request.param == "spool":
        spool = SpoolFolderPrinter(tmp_path / "spool")

        def spool_fault(kind: str) -> ReportPrinter:
            if kind == "paper_out":
                spool.paper_out = True
                return spool
            (tmp_path / "blocker").write_text("a file, not a folder")
            return SpoolFolderPrinter(tmp_path / "blocker" / "spool")

        return Rig(spool, lambda job: tmp_path / "spool" / f"{job}.pdf", spool_fault)

    cups: PrivateCupsd = request.getfixturevalue("cups")
    printer = CupsReportPrinter("A4", server=cups.socket)
    before = set(cups.pdf_outputs["A4"].iterdir())

    def printed(job: str) -> Path | None:
        new: list[Path] = []

        def finished() -> bool:
            new[:] = sorted(set(cups.pdf_outputs["A4"].iterdir()) - before)
            return printer.job_state(job) == "done" and bool(new)

        return new[-1] if wait_until(finished) else None

    def cups_fault(kind: str) -> ReportPrinter:
        if kind == "paper_out":
            cups.report_state("sim", "media-empty-error")
            return CupsReportPrinter("sim", server=cups.socket)
        cups.run("cupsdisable", "-r", "paper jam", "A4")
        return printer

    return Rig(printer, printed, cups_fault)


# -- the shared contract ---------------------------------------------------------------------------
def test_is_a_report_printer(rig: Rig) -> None:
    assert isinstance(rig.printer, ReportPrinter)


def test_a_report_comes_out_as_a_pdf(rig: Rig, pdf: bytes) -> None:
    assert isinstance(rig.printer.status(), PrinterReady)

    job = rig.printer.print_pdf(pdf, "SIP20260301000456-参保证明")
    assert job

    out = rig.printed(job)
    assert out is not None and out.read_bytes().startswith(b"%PDF-")
    assert out.name.startswith("SIP20260301000456")


def test_two_jobs_get_two_ids(rig: Rig, pdf: bytes) -> None:
    first = rig.printer.print_pdf(pdf, "SIP1-report")
    second = rig.printer.print_pdf(pdf, "SIP1-report")
    assert first != second


@pytest.mark.parametrize(("kind", "status", "message"), [
    ("paper_out", PrinterPaperOut, "A4 打印机缺纸"),
    ("offline", PrinterOffline, "A4 打印机未连接或故障"),
])
def test_not_ready_printer_refuses_with_the_reason(rig: Rig, pdf: bytes, kind, status, message) -> None:
    printer = rig.fault(kind)

    assert isinstance(printer.status(), status)
    with pytest.raises(PrinterFault) as refused:
        printer.print_pdf(pdf, "SIP1-report")
    assert isinstance(refused.value.status, status)
    assert refused.value.message == message
    assert refused.value.detail


def test_only_pdfs_are_printed(rig: Rig) -> None:
    with pytest.raises(ValueError, match="PDF"):
        rig.printer.print_pdf(b"\x1b@receipt bytes", "SIP1-report")


# -- CUPS only -------------------------------------------------------------------------------------
def test_cover_open_reported_by_the_printer(cups: PrivateCupsd) -> None:
    cups.report_state("sim", "cover-open-error")
    assert isinstance(CupsReportPrinter("sim", server=cups.socket).status(), PrinterCoverOpen)


def test_stale_reasons_on_an_enabled_idle_queue_do_not_block_printing(cups: PrivateCupsd, pdf: bytes) -> None:
    printer = CupsReportPrinter("sim", server=cups.socket)
    cups.report_state("sim", "media-empty-error")
    assert isinstance(printer.status(), PrinterPaperOut)

    cups.recover("sim")  # paper loaded, queue enabled: CUPS still lists the old reason until a job runs
    assert "media-empty" in cups.run("lpstat", "-l", "-p", "sim")
    assert isinstance(printer.status(), PrinterReady)
    job = printer.print_pdf(pdf, "SIP1-report")
    assert wait_until(lambda: printer.job_state(job) == "done")


def test_a_queue_rejecting_jobs_is_offline(cups: PrivateCupsd) -> None:
    cups.run("cupsreject", "A4")
    status = CupsReportPrinter("A4", server=cups.socket).status()
    assert isinstance(status, PrinterOffline) and "rejecting" in status.detail


def test_an_unknown_queue_is_offline(cups: PrivateCupsd, pdf: bytes) -> None:
    printer = CupsReportPrinter("no-such-queue", server=cups.socket)
    status = printer.status()
    assert isinstance(status, PrinterOffline) and "no-such-queue" in status.detail
    with pytest.raises(PrinterFault):
        printer.print_pdf(pdf, "SIP1-report")


def test_the_default_queue_is_used_when_none_is_named(cups: PrivateCupsd, pdf: bytes) -> None:
    printer = CupsReportPrinter(server=cups.socket)
    cups.run("lpadmin", "-d", "A4")

    assert isinstance(printer.status(), PrinterReady)
    assert printer.print_pdf(pdf, "SIP1-report").startswith("A4-")


def test_no_scheduler_is_offline(tmp_path: Path, pdf: bytes) -> None:
    printer = CupsReportPrinter("A4", server=str(tmp_path / "no-cupsd.sock"), timeout=5)

    status = printer.status()
    assert isinstance(status, PrinterOffline) and status.message == "A4 打印机未连接或故障"
    with pytest.raises(PrinterFault):
        printer.print_pdf(pdf, "SIP1-report")
    assert printer.job_state("A4-1") == "unknown"


def test_cups_not_installed_is_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    status = CupsReportPrinter("A4").status()
    assert isinstance(status, PrinterOffline) and "cannot run lpstat" in status.detail


def test_a_hanging_lpstat_is_offline_after_the_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hang = tmp_path / "lpstat"
    hang.write_text("#!/bin/sh\nexec sleep 30\n")
    hang.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")

    status = CupsReportPrinter("A4", timeout=0.3).status()
    assert isinstance(status, PrinterOffline) and "longer than 0.3 s" in status.detail


# -- reading lpstat --------------------------------------------------------------------------------
IDLE = "printer A4 is idle.  enabled since Sun 01 Mar 2026\n\tAlerts: {alerts}\nA4 accepting requests since x\n"
PRINTING = "printer A4 now printing A4-7.  enabled since x\n\tAlerts: {alerts}\nA4 accepting requests since x\n"
STOPPED = "printer A4 disabled since x -\n\treason\n\tAlerts: {alerts}\nA4 accepting requests since x\n"


@pytest.mark.parametrize(("text", "alerts", "expected"), [
    (IDLE, "none", PrinterReady),
    (IDLE, "media-empty-error", PrinterReady),  # stale: heard during the last job
    (PRINTING, "media-empty-error", PrinterPaperOut),
    (PRINTING, "media-needed-warning", PrinterPaperOut),
    (PRINTING, "door-open-report", PrinterCoverOpen),
    (PRINTING, "offline-report", PrinterOffline),
    (PRINTING, "media-low-warning", PrinterReady),
    (STOPPED, "paused", PrinterOffline),
    (STOPPED, "media-empty-error paused", PrinterPaperOut),
    (STOPPED, "cover-open-error media-empty-error", PrinterCoverOpen),
])
def test_parse_lpstat(text, alerts, expected):
    assert isinstance(parse_lpstat(text.format(alerts=alerts), "A4"), expected)


@given(st.text(max_size=300))
def test_parse_lpstat_never_raises(text):
    status = parse_lpstat(text, "A4")
    assert status.message.startswith("A4 打印机")


# -- config ----------------------------------------------------------------------------------------
def test_config_cups_builds_the_cups_printer_without_calling_cups():
    config = KioskConfig.model_validate({"devices": {"report_printer": "cups", "report_printer_queue": "A4-hall"}})

    printer = build_devices(config).report_printer
    assert isinstance(printer, CupsReportPrinter) and printer.queue == "A4-hall"
