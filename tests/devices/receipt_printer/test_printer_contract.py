"""One behaviour for every receipt printer: the simulated one, and the serial one on a pty printer.

The serial printer runs its real code path (pyserial on a pseudo-terminal, DLE EOT status both
ways, the job's bytes on the wire); faults only a wire can have are tested on it alone. The pty
printer's recorded bytes are decoded back into lines with `kiosk.printing.escpos_text`.
Timeouts are 0.2 s, so no test waits longer for a silent printer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
import serial
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
    ReceiptPrinter,
)
from kiosk.devices.receipt_printer.pty_printer import PtyReceiptPrinterSimulator
from kiosk.devices.receipt_printer.serial_printer import (
    QUERIES,
    SerialReceiptPrinter,
    decode_status,
    is_status_byte,
)
from kiosk.devices.receipt_printer.simulated import SimulatedReceiptPrinter
from kiosk.printing.document import DocLine, DocSection, Document
from kiosk.printing.escpos_text import receipt_has_cut, receipt_qr_payloads, receipt_text, tokens
from kiosk.printing.receipt import render_receipt

TIMEOUT = 0.2
WAIT = 2.0  # upper bound for bytes to cross the pty; normally well under a millisecond
RECEIPT = Document(
    kind="receipt", title="灵活就业参保登记凭证", serial="SIP20260301000123", issued_at=datetime(2026, 3, 1, 9, 30),
    holder_name="王小明", holder_id_masked="320582********2412",
    sections=(DocSection(heading="办理结果", lines=(DocLine(label="参保险种", value="养老+医疗综合套餐"),
                                                   DocLine(label="月缴费额", value="1366.40 元", bold=True))),),
    footer=("请妥善保管本凭证",), qr_text="https://sip.example/verify/SIP20260301000123")
JOB = render_receipt(RECEIPT)


@dataclass
class Rig:
    printer: ReceiptPrinter
    device: Any  # has the flags paper_out, cover_open, offline
    printed: Callable[[int], list[bytes]]  # the jobs once `count` have arrived (waits for the pty)


@pytest.fixture
def sim() -> Iterator[PtyReceiptPrinterSimulator]:
    with PtyReceiptPrinterSimulator() as simulator:
        yield simulator


@pytest.fixture
def serial_printer(sim: PtyReceiptPrinterSimulator) -> Iterator[SerialReceiptPrinter]:
    printer = SerialReceiptPrinter(sim.port, timeout=TIMEOUT)
    yield printer
    printer.close()


def received(sim: PtyReceiptPrinterSimulator, expected: list[bytes]) -> list[bytes]:
    """The simulator's jobs once they equal `expected` (or whatever arrived within WAIT)."""
    sim.wait_for(lambda s: s.jobs == expected, WAIT)
    return sim.jobs


@pytest.fixture(params=["simulated", "serial-on-pty"])
def rig(request: pytest.FixtureRequest) -> Rig:
    if request.param == "simulated":
        printer = SimulatedReceiptPrinter()
        return Rig(printer, printer, lambda count: printer.jobs)
    sim = request.getfixturevalue("sim")

    def printed(count: int) -> list[bytes]:
        sim.wait_for(lambda s: len(s.jobs) >= count and sum(map(len, s.jobs)) >= count * len(JOB), WAIT)
        return sim.jobs

    return Rig(request.getfixturevalue("serial_printer"), sim, printed)


# -- the shared contract ---------------------------------------------------------------------------
def test_is_a_receipt_printer(rig: Rig) -> None:
    assert isinstance(rig.printer, ReceiptPrinter)


def test_a_receipt_arrives_whole_with_chinese_lines_bold_title_qr_and_cut(rig: Rig) -> None:
    assert rig.printer.status() == PrinterReady()
    rig.printer.print_bytes(JOB)

    [job] = rig.printed(1)
    assert job == JOB
    lines = receipt_text(job)
    assert lines[0] == "灵活就业参保登记凭证"
    for expected in ("业务流水号：SIP20260301000123", "姓名：王小明", "参保险种：养老+医疗综合套餐",
                     "月缴费额：1366.40 元", "请妥善保管本凭证", "打印时间：2026-03-01 09:30"):
        assert expected in lines
    assert job.count(b"\x1c&") == 1 and "办理结果".encode("gb18030") in job  # Chinese mode, GB18030
    assert receipt_qr_payloads(job) == ["https://sip.example/verify/SIP20260301000123"]
    assert receipt_has_cut(job)
    # The title is printed bold: the last ESC E before its text switches emphasis on.
    parts = list(tokens(job))
    title_at = next(i for i, (kind, chunk) in enumerate(parts) if kind == "text" and "凭证".encode("gb18030") in chunk)
    emphasis = [chunk for kind, chunk in parts[:title_at] if kind == "command" and chunk[:2] == b"\x1bE"]
    assert emphasis and emphasis[-1] == b"\x1bE\x01"


def test_jobs_arrive_in_order(rig: Rig) -> None:
    rig.printer.print_bytes(JOB)
    rig.printer.print_bytes(bytearray(JOB))

    assert rig.printed(2) == [JOB, JOB]


@pytest.mark.parametrize(("flag", "status", "message"), [
    ("paper_out", PrinterPaperOut, "凭条打印机缺纸"),
    ("cover_open", PrinterCoverOpen, "凭条打印机舱盖未关闭"),
    ("offline", PrinterOffline, "凭条打印机未连接或故障"),
])
def test_not_ready_printer_refuses_with_the_reason_and_prints_nothing(rig: Rig, flag, status, message) -> None:
    setattr(rig.device, flag, True)

    assert isinstance(rig.printer.status(), status)
    with pytest.raises(PrinterFault) as refused:
        rig.printer.print_bytes(JOB)

    assert isinstance(refused.value.status, status)
    assert refused.value.message == message == rig.printer.status().message
    assert refused.value.detail
    assert rig.printed(0) == []


def test_cover_open_wins_over_paper_out(rig: Rig) -> None:
    rig.device.paper_out = rig.device.cover_open = True
    assert isinstance(rig.printer.status(), PrinterCoverOpen)


def test_prints_again_once_the_fault_is_cleared(rig: Rig) -> None:
    rig.device.paper_out = True
    with pytest.raises(PrinterFault):
        rig.printer.print_bytes(JOB)
    rig.device.paper_out = False
    rig.device.offline = True
    with pytest.raises(PrinterFault):
        rig.printer.print_bytes(JOB)

    rig.device.offline = False
    rig.printer.print_bytes(JOB)
    assert rig.printed(1) == [JOB]


def test_rejects_text_instead_of_bytes(rig: Rig) -> None:
    with pytest.raises(TypeError):
        rig.printer.print_bytes("业务办结凭证")  # type: ignore[arg-type]


def test_jobs_from_several_threads_never_interleave(rig: Rig) -> None:
    start = threading.Barrier(4)

    def worker() -> None:
        start.wait()
        for _ in range(3):
            rig.printer.print_bytes(JOB)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert rig.printed(12) == [JOB] * 12


# -- the wire (serial only) ------------------------------------------------------------------------
def test_status_asks_dle_eot_1_2_4_and_queries_are_not_printed(sim, serial_printer):
    assert serial_printer.status() == PrinterReady()
    serial_printer.print_bytes(JOB)

    assert received(sim, [JOB]) == [JOB]
    assert sim.queries == [1, 2, 4, 1, 2, 4]


def test_silent_printer_is_offline_within_the_timeout_and_reopened_when_back(sim, serial_printer):
    sim.offline = True
    status = serial_printer.status()
    assert isinstance(status, PrinterOffline) and "no answer to DLE EOT 1" in status.detail

    sim.offline = False
    assert serial_printer.status() == PrinterReady()


def test_near_end_roll_still_prints(sim, serial_printer):
    sim.paper_near_end = True
    serial_printer.print_bytes(JOB)
    assert received(sim, [JOB]) == [JOB]


def test_one_garbled_answer_is_asked_again_but_a_garbled_line_is_offline(sim, serial_printer):
    sim.garble(1)
    assert serial_printer.status() == PrinterReady()

    sim.garble(2 * len(QUERIES))
    status = serial_printer.status()
    assert isinstance(status, PrinterOffline) and "malformed answer" in status.detail
    assert serial_printer.status() == PrinterReady()


def test_a_port_that_cannot_be_opened_is_offline_with_the_os_error(tmp_path):
    printer = SerialReceiptPrinter(str(tmp_path / "ttyUSB9"), timeout=TIMEOUT)

    status = printer.status()
    assert isinstance(status, PrinterOffline) and "No such file or directory" in status.detail
    with pytest.raises(PrinterFault) as refused:
        printer.print_bytes(JOB)
    assert isinstance(refused.value.status, PrinterOffline)


class _Port:
    """A port object that answers every status query "ready" and can break on demand."""

    def __init__(self, fail_write_over: int = 1 << 30, fail_read: bool = False, **kwargs: Any) -> None:
        self.fail_write_over, self.fail_read = fail_write_over, fail_read
        self.write_timeout = kwargs.get("write_timeout")

    def reset_input_buffer(self) -> None:
        pass

    def write(self, data: bytes) -> int:
        if len(data) > self.fail_write_over:
            raise serial.SerialTimeoutException("Write timeout")
        return len(data)

    def read(self, size: int) -> bytes:
        if self.fail_read:
            raise RuntimeError("driver bug")
        return b"\x12"

    def close(self) -> None:
        pass


def test_status_never_raises_even_when_the_port_misbehaves():
    def unplugged(**kwargs: Any) -> Any:
        raise serial.SerialException("device disconnected")

    assert isinstance(SerialReceiptPrinter("/dev/x", serial_factory=unplugged).status(), PrinterOffline)
    broken = SerialReceiptPrinter("/dev/x", serial_factory=lambda **kw: _Port(fail_read=True, **kw))
    status = broken.status()
    assert isinstance(status, PrinterOffline) and "driver bug" in status.detail


def test_a_job_stuck_on_the_line_is_a_printer_fault():
    printer = SerialReceiptPrinter("/dev/x", serial_factory=lambda **kw: _Port(fail_write_over=3, **kw))

    assert printer.status() == PrinterReady()
    with pytest.raises(PrinterFault) as refused:
        printer.print_bytes(JOB)
    assert isinstance(refused.value.status, PrinterOffline) and "Write timeout" in refused.value.detail


# -- the status decoder ----------------------------------------------------------------------------
@pytest.mark.parametrize(("s1", "s2", "s4", "expected"), [
    (0x12, 0x12, 0x12, PrinterReady),
    (0x16, 0x12, 0x12, PrinterReady),  # drawer pin high: not a printer fault
    (0x12, 0x12, 0x1E, PrinterReady),  # near end
    (0x1A, 0x16, 0x12, PrinterCoverOpen),
    (0x1A, 0x32, 0x72, PrinterPaperOut),
    (0x12, 0x12, 0x72, PrinterPaperOut),
    (0x1A, 0x36, 0x72, PrinterCoverOpen),
    (0x1A, 0x52, 0x12, PrinterOffline),  # error
    (0x1A, 0x12, 0x12, PrinterOffline),  # offline for another reason
])
def test_decode_status_bits(s1, s2, s4, expected):
    assert isinstance(decode_status(bytes([s1]), bytes([s2]), bytes([s4])), expected)


@given(st.binary(max_size=3), st.binary(max_size=3), st.binary(max_size=3))
def test_decode_status_turns_any_answer_into_a_clear_status(a1, a2, a4):
    status = decode_status(a1, a2, a4)

    assert isinstance(status, (PrinterReady, PrinterPaperOut, PrinterCoverOpen, PrinterOffline))
    assert status.message.startswith("凭条打印机")
    bad = [n for n, a in zip(QUERIES, (a1, a2, a4)) if not is_status_byte(a)]
    if bad:
        assert isinstance(status, PrinterOffline)
        assert f"DLE EOT {bad[0]}" in status.detail


@given(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255), st.integers(0, 2))
def test_decode_status_of_truncated_answers_is_offline(s1, s2, s4, answered):
    answers = [bytes([s1]), bytes([s2]), bytes([s4])]
    for index in range(answered + 1, 3):
        answers[index] = b""
    answers[answered] = b""

    status = decode_status(*answers)
    assert isinstance(status, PrinterOffline) and status.detail


# -- config ----------------------------------------------------------------------------------------
def test_config_serial_builds_the_serial_printer_without_opening_the_port():
    config = KioskConfig.model_validate({"devices": {"receipt_printer": "serial",
                                                     "receipt_printer_port": "/dev/ttyS4",
                                                     "receipt_printer_baudrate": 9600}})

    printer = build_devices(config).receipt_printer
    assert isinstance(printer, SerialReceiptPrinter)
    assert (printer.port, printer.baudrate) == ("/dev/ttyS4", 9600)
