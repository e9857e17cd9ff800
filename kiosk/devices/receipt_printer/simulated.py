"""A receipt printer that keeps its jobs in memory, for development, demos and tests."""

from __future__ import annotations

import threading

from kiosk.devices.receipt_printer.protocol import (
    RECEIPT_PRINTER,
    PrinterCoverOpen,
    PrinterFault,
    PrinterOffline,
    PrinterPaperOut,
    PrinterReady,
    PrinterStatus,
)


class SimulatedReceiptPrinter:
    """Records every job's bytes; `paper_out`, `cover_open` and `offline` make it refuse.

    Jobs arrive from a worker thread while the UI thread reads status and tests flip flags, so
    every read and write goes through one lock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: list[bytes] = []
        self._paper_out = False
        self._cover_open = False
        self._offline = False

    @property
    def jobs(self) -> list[bytes]:
        """A snapshot of the printed jobs, oldest first."""
        with self._lock:
            return list(self._jobs)

    @property
    def paper_out(self) -> bool:
        with self._lock:
            return self._paper_out

    @paper_out.setter
    def paper_out(self, value: bool) -> None:
        with self._lock:
            self._paper_out = value

    @property
    def cover_open(self) -> bool:
        with self._lock:
            return self._cover_open

    @cover_open.setter
    def cover_open(self, value: bool) -> None:
        with self._lock:
            self._cover_open = value

    @property
    def offline(self) -> bool:
        with self._lock:
            return self._offline

    @offline.setter
    def offline(self, value: bool) -> None:
        with self._lock:
            self._offline = value

    def status(self) -> PrinterStatus:
        """The state, worst first: offline hides the cover, an open cover hides the paper."""
        with self._lock:
            return self._status()

    def print_bytes(self, data: bytes) -> None:
        """Records one job.

        Raises:
            TypeError: If `data` is not bytes.
            PrinterFault: If the printer is not ready.
        """
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"print_bytes wants bytes, got {type(data).__name__}")
        with self._lock:
            # Status and append under one lock: a flag flipped mid-job cannot let it through.
            status = self._status()
            if not isinstance(status, PrinterReady):
                raise PrinterFault(status)
            self._jobs.append(bytes(data))

    def clear(self) -> None:
        """Forgets the recorded jobs."""
        with self._lock:
            self._jobs.clear()

    def _status(self) -> PrinterStatus:
        if self._offline:
            return PrinterOffline(device=RECEIPT_PRINTER, detail="simulated printer set offline")
        if self._cover_open:
            return PrinterCoverOpen(device=RECEIPT_PRINTER)
        if self._paper_out:
            return PrinterPaperOut(device=RECEIPT_PRINTER)
        return PrinterReady(device=RECEIPT_PRINTER)
