#!/usr/bin/env python3
"""Times the receipt printer on the pty printer and the A4 printer on a private cupsd; prints a table.

Run `venv/bin/python scripts/bench_printers.py [-n 20]` (the CUPS rows need root, cupsd and
cups-pdf). The pty printer takes bytes off the line no faster than a real 8N1 line at the given
speed, so "job on the wire" is what a real printer would see; the print head's own time is not in it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_table import p95, print_table, timed  # noqa: E402 (this folder, on the path as the script's own)

from kiosk.devices.receipt_printer.protocol import PrinterReady  # noqa: E402
from kiosk.devices.receipt_printer.pty_printer import PtyReceiptPrinterSimulator  # noqa: E402
from kiosk.devices.receipt_printer.serial_printer import SerialReceiptPrinter  # noqa: E402
from kiosk.devices.report_printer.cups_printer import CupsReportPrinter  # noqa: E402
from kiosk.devices.report_printer.cups_sandbox import PrivateCupsd, unavailable_reason  # noqa: E402
from kiosk.printing.document import DocLine, DocSection, DocTable, Document  # noqa: E402
from kiosk.printing.receipt import render_receipt  # noqa: E402
from kiosk.printing.report_pdf import render_report  # noqa: E402

RECEIPT = Document(
    kind="receipt", title="灵活就业参保登记凭证", serial="SIP20260301000123", issued_at=datetime(2026, 3, 1, 9, 30),
    holder_name="王小明", holder_id_masked="320582********2412",
    sections=(DocSection(heading="办理结果", lines=(DocLine(label="参保险种", value="养老+医疗综合套餐"),
                                                   DocLine(label="月缴费额", value="1366.40 元"))),),
    footer=("请妥善保管本凭证",), qr_text="https://sip.example/verify/SIP20260301000123")
REPORT = Document(
    kind="report", title="参保证明", serial="SIP20260301000456", issued_at=datetime(2026, 3, 1, 9, 30),
    holder_name="王小明", holder_id_masked="320582********2412",
    sections=(DocSection(heading="缴费明细", table=DocTable(
        columns=("月份", "险种", "缴费基数", "个人缴费"),
        rows=tuple((f"2025-{m:02d}", "养老保险", "4880.00", "390.40") for m in range(1, 13)))),),
    qr_text="https://sip.example/verify/SIP20260301000456")

Row = tuple[str, list[float], str]


def receipt_rows(n: int, baudrate: int) -> list[Row]:
    job = render_receipt(RECEIPT)
    with PtyReceiptPrinterSimulator(line_baudrate=baudrate) as sim:
        printer = SerialReceiptPrinter(sim.port, baudrate=baudrate, timeout=1.0)
        try:
            def status() -> None:
                if not isinstance(printer.status(), PrinterReady):
                    raise SystemExit("receipt printer not ready")

            def render_and_send() -> None:
                sim.clear()
                printer.print_bytes(render_receipt(RECEIPT))
                if not sim.wait_for(lambda s: s.jobs == [job], 30):
                    raise SystemExit("receipt job did not arrive whole")

            note = f"{len(job)} B job"
            return [(f"receipt status query (DLE EOT 1,2,4) @{baudrate}", timed(n, status), "3 round trips"),
                    (f"receipt render + send, job on the wire @{baudrate}", timed(n, render_and_send), note)]
        finally:
            printer.close()


def report_rows(n: int) -> list[Row]:
    reason = unavailable_reason()
    if reason:
        print(f"(A4 rows skipped: {reason})")
        return []
    with PrivateCupsd() as cups:
        out = cups.add_pdf_queue("A4")
        printer = CupsReportPrinter("A4", server=cups.socket)
        submit: list[float] = []

        def render_submit_complete() -> None:
            before = len(list(out.iterdir()))
            start = time.perf_counter()
            job = printer.print_pdf(render_report(REPORT), "SIP20260301000456-参保证明")
            submit.append((time.perf_counter() - start) * 1000)
            deadline = time.monotonic() + 60
            while printer.job_state(job) != "done" or len(list(out.iterdir())) == before:
                if time.monotonic() > deadline:
                    raise SystemExit(f"job {job} did not complete: {cups.error_log()[-1000:]}")
                time.sleep(0.01)  # polling lpstat; cups-pdf gives no completion signal

        pdf_size = len(render_report(REPORT))
        render = timed(n, lambda: render_report(REPORT))
        status = timed(n, printer.status)
        complete = timed(n, render_submit_complete)
        return [("A4 render PDF (reportlab)", render, f"{pdf_size} B"),
                ("A4 status (lpstat)", status, "2 lpstat runs"),
                ("A4 render + status + lp submit", submit, "until lp returns the job id"),
                ("A4 render + submit + complete on cups-pdf", complete, "job done, PDF written")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="runs per row (default 20)")
    args = parser.parse_args()

    rows = [*receipt_rows(args.n, 115200), *receipt_rows(args.n, 9600), *report_rows(args.n)]
    print_table(f"printers, n={args.n} per row",
                "{:<52} {:>9.2f} {:>9.2f}  {}", ("scenario", "mean ms", "p95 ms", "note"),
                [(name, statistics.fmean(samples), p95(samples), note) for name, samples, note in rows])


if __name__ == "__main__":
    main()
