"""The simulated receipt printer: prints when ready, refuses with the reason when not."""

from __future__ import annotations

import threading

import pytest

from kiosk.devices.errors import DeviceError
from kiosk.devices.receipt_printer.protocol import (
    PrinterCoverOpen,
    PrinterFault,
    PrinterOffline,
    PrinterPaperOut,
    PrinterReady,
    ReceiptPrinter,
)
from kiosk.devices.receipt_printer.simulated import SimulatedReceiptPrinter

JOB = b"\x1b@\x1c&" + "业务办结凭证".encode("gb18030") + b"\n\x1dV\x01"


def test_is_a_receipt_printer():
    assert isinstance(SimulatedReceiptPrinter(), ReceiptPrinter)


def test_ready_printer_records_each_job_in_order():
    printer = SimulatedReceiptPrinter()

    assert printer.status() == PrinterReady()
    printer.print_bytes(JOB)
    printer.print_bytes(bytearray(b"second"))

    assert printer.jobs == [JOB, b"second"]
    assert all(type(job) is bytes for job in printer.jobs)


@pytest.mark.parametrize(("flag", "status", "message"), [
    ("paper_out", PrinterPaperOut, "凭条打印机缺纸"),
    ("cover_open", PrinterCoverOpen, "凭条打印机舱盖未关闭"),
    ("offline", PrinterOffline, "凭条打印机未连接或故障"),
])
def test_not_ready_printer_refuses_with_the_reason(flag, status, message):
    printer = SimulatedReceiptPrinter()
    setattr(printer, flag, True)

    assert isinstance(printer.status(), status)
    with pytest.raises(PrinterFault) as refused:
        printer.print_bytes(JOB)

    assert isinstance(refused.value, DeviceError)
    assert isinstance(refused.value.status, status)
    assert refused.value.message == message == printer.status().message
    assert refused.value.detail  # English, for the log
    assert printer.jobs == []


def test_worst_state_wins():
    printer = SimulatedReceiptPrinter()
    printer.paper_out = printer.cover_open = True
    assert isinstance(printer.status(), PrinterCoverOpen)
    printer.offline = True
    assert isinstance(printer.status(), PrinterOffline)


def test_prints_again_once_paper_is_loaded():
    printer = SimulatedReceiptPrinter()
    printer.paper_out = True
    with pytest.raises(PrinterFault):
        printer.print_bytes(JOB)

    printer.paper_out = False
    printer.print_bytes(JOB)

    assert printer.jobs == [JOB]


def test_rejects_text_instead_of_bytes():
    with pytest.raises(TypeError):
        SimulatedReceiptPrinter().print_bytes("业务办结凭证")  # type: ignore[arg-type]


def test_jobs_from_many_threads_are_all_kept():
    printer = SimulatedReceiptPrinter()
    start = threading.Barrier(8)

    def worker(n: int) -> None:
        start.wait()
        for i in range(50):
            printer.print_bytes(f"{n}-{i}".encode())

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(printer.jobs) == sorted(f"{n}-{i}".encode() for n in range(8) for i in range(50))


def test_jobs_is_a_snapshot_and_clear_forgets_them():
    printer = SimulatedReceiptPrinter()
    printer.print_bytes(JOB)
    snapshot = printer.jobs
    snapshot.append(b"not printed")

    assert printer.jobs == [JOB]
    printer.clear()
    assert printer.jobs == []
