"""An ESC/POS receipt printer on a serial line, with real-time status (DLE EOT) before every job.

Why not python-escpos' own status calls (`Escpos.query_status`, `is_online`, `paper_status` on
`escpos.printer.Serial`)? Its serial `_read` asks for 16 bytes, so every one-byte status answer
waits out the whole port timeout; it has no call for DLE EOT 2 (the cover); and `paper_status`
reads a silent printer as "paper adequate". The command bytes are still python-escpos' constants;
the jobs themselves are rendered with python-escpos by `kiosk.printing.receipt`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import serial
from escpos.constants import RT_STATUS

from kiosk.devices.receipt_printer.protocol import (
    RECEIPT_PRINTER,
    PrinterCoverOpen,
    PrinterFault,
    PrinterOffline,
    PrinterPaperOut,
    PrinterReady,
    PrinterStatus,
)
from kiosk.devices.serial_port import SerialPortDevice

log = logging.getLogger(__name__)

DLE_EOT = RT_STATUS  # DLE EOT n: transmit real-time status, answered even while offline
PRINTER_STATUS = 1  # n=1: bit 3 = offline
OFFLINE_CAUSE = 2  # n=2: bit 2 = cover open, bit 5 = stopped by paper end, bit 6 = error
PAPER_SENSOR = 4  # n=4: bits 2-3 = roll paper near end, bits 5-6 = roll paper end
QUERIES = (PRINTER_STATUS, OFFLINE_CAUSE, PAPER_SENSOR)

# Every status byte has bit 0 = 0, bit 1 = 1, bit 4 = 1, bit 7 = 0; anything else is not an answer.
_FIXED_MASK, _FIXED_BITS = 0x93, 0x12
_OFFLINE = 0x08
_COVER_OPEN, _PAPER_END_STOP, _ERROR = 0x04, 0x20, 0x40
_NEAR_END, _PAPER_END = 0x0C, 0x60
# 8N1: a start bit, eight data bits and a stop bit per byte.
BITS_PER_BYTE = 10
# A line glitch can spoil one answer; asking again once keeps a single bad byte from refusing a job.
MALFORMED_RETRIES = 1


def is_status_byte(answer: bytes) -> bool:
    """Whether `answer` is exactly one byte with the fixed bits of a DLE EOT answer."""
    return len(answer) == 1 and answer[0] & _FIXED_MASK == _FIXED_BITS


def decode_status(printer: bytes, offline_cause: bytes, paper: bytes) -> PrinterStatus:
    """The printer's state from its answers to DLE EOT 1, 2 and 4 (b"" for no answer).

    A missing or malformed answer makes the printer offline (the first one found is named in
    `detail`). Otherwise the most specific cause wins: cover open, then paper end, then any
    other offline or error state. A near-end paper roll still prints. Never raises.
    """
    for n, answer in zip(QUERIES, (printer, offline_cause, paper)):
        if not answer:
            return PrinterOffline(device=RECEIPT_PRINTER, detail=f"no answer to DLE EOT {n}")
        if not is_status_byte(answer):
            return PrinterOffline(device=RECEIPT_PRINTER,
                                  detail=f"malformed answer to DLE EOT {n}: {bytes(answer[:8]).hex(' ')}")
    s1, s2, s4 = printer[0], offline_cause[0], paper[0]
    if s2 & _COVER_OPEN:
        return PrinterCoverOpen(device=RECEIPT_PRINTER)
    if s4 & _PAPER_END or s2 & _PAPER_END_STOP:
        return PrinterPaperOut(device=RECEIPT_PRINTER)
    if s2 & _ERROR:
        return PrinterOffline(device=RECEIPT_PRINTER, detail=f"printer reports an error (DLE EOT 2 = {s2:02x})")
    if s1 & _OFFLINE:
        return PrinterOffline(device=RECEIPT_PRINTER, detail=f"printer reports offline (DLE EOT 1 = {s1:02x})")
    return PrinterReady(device=RECEIPT_PRINTER)


def paper_near_end(paper: bytes) -> bool:
    """Whether a valid DLE EOT 4 answer reports the roll near its end."""
    return is_status_byte(paper) and bool(paper[0] & _NEAR_END)


class SerialReceiptPrinter(SerialPortDevice):
    """An ESC/POS receipt printer on a serial port (USB-serial adapters show up as ttyUSB*).

    The port is opened on first use and reopened after any fault that closed it. `status` and
    `print_bytes` from several threads take turns (a lock), so a status query never lands in the
    middle of another job. Neither ever lets a port error escape: `status` turns it into
    `PrinterOffline`, `print_bytes` into `PrinterFault`.

    Args:
        port: Device path, e.g. "/dev/ttyUSB1".
        baudrate: Line speed, as set on the printer (115200 or 9600 8N1 are common).
        timeout: Seconds to wait for each status answer before calling the printer offline.
        serial_factory: Builds the port object (pyserial's Serial; replaced in tests).
    """

    def __init__(self, port: str, baudrate: int = 115200, timeout: float = 0.5,
                 serial_factory: Callable[..., Any] = serial.Serial) -> None:
        super().__init__(port, baudrate, timeout, serial_factory)
        self._lock = threading.Lock()
        self._last_logged = ""

    def status(self) -> PrinterStatus:
        """The printer's state, asked over the line now. Never raises."""
        with self._lock:
            return self._status()

    def print_bytes(self, data: bytes) -> None:
        """Checks the status, then sends one ESC/POS job.

        Returns once the job is in the port's output buffer; the line carries it on from there.

        Raises:
            TypeError: If `data` is not bytes.
            PrinterFault: If the printer is not ready, or the port fails while sending.
        """
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"print_bytes wants bytes, got {type(data).__name__}")
        job = bytes(data)
        with self._lock:
            status = self._status()
            if not isinstance(status, PrinterReady):
                raise PrinterFault(status)
            try:
                # The whole job must fit through the line in time; a stalled line is a dead printer.
                self._serial.write_timeout = self.timeout + len(job) * BITS_PER_BYTE / self.baudrate
                self._serial.write(job)
            except Exception as exc:  # noqa: BLE001 - any port failure means the job did not go out
                self._close()
                offline = PrinterOffline(device=RECEIPT_PRINTER, detail=f"sending to {self.port} failed: {exc}")
                self._note(logging.ERROR, offline.detail)
                raise PrinterFault(offline) from exc
            log.info("receipt printer on %s: sent %d bytes", self.port, len(job))

    def close(self) -> None:
        """Releases the port (the next call opens it again)."""
        with self._lock:
            self._close()

    # -- the line ----------------------------------------------------------------------------
    def _status(self) -> PrinterStatus:
        answers = (b"", b"", b"")
        try:
            if self._serial is None:
                self._open()
            for _attempt in range(1 + MALFORMED_RETRIES):
                answers = self._ask_all()
                status = decode_status(*answers)
                if not (isinstance(status, PrinterOffline) and status.detail.startswith("malformed")):
                    break
        except Exception as exc:  # noqa: BLE001 - a status check must never raise
            self._close()
            status = PrinterOffline(device=RECEIPT_PRINTER, detail=f"{self.port}: {exc}")
        if isinstance(status, PrinterOffline) and status.detail.startswith("no answer"):
            # Reopen next time: a USB-serial adapter that was unplugged needs a fresh handle.
            self._close()
            status = PrinterOffline(device=RECEIPT_PRINTER,
                                    detail=f"{status.detail} within {self.timeout} s on {self.port}")
        if isinstance(status, PrinterReady):
            if self._last_logged:
                log.info("receipt printer on %s ready again", self.port)
                self._last_logged = ""
            if paper_near_end(answers[2]):
                log.warning("receipt printer on %s: paper roll near its end", self.port)
        else:
            self._note(logging.WARNING, getattr(status, "detail", "") or type(status).__name__)
        return status

    def _ask_all(self) -> tuple[bytes, bytes, bytes]:
        """Answers to DLE EOT 1, 2, 4; stops at the first silence (it would only wait again)."""
        answers = [b"", b"", b""]
        for index, n in enumerate(QUERIES):
            answers[index] = self._ask(n)
            if not answers[index]:
                break
        return answers[0], answers[1], answers[2]

    def _ask(self, n: int) -> bytes:
        # Anything still waiting (a late answer, noise) must not be taken for this answer.
        self._serial.reset_input_buffer()
        self._serial.write(DLE_EOT + bytes([n]))
        return bytes(self._serial.read(1))

    def _note(self, level: int, text: str) -> None:
        """Logs a fault once, not on every check while it lasts."""
        if text != self._last_logged:
            log.log(level, "receipt printer: %s", text)
            self._last_logged = text
