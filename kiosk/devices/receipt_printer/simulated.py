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

    Jobs arrive from a worker thread while the dev panel and tests flip the flags; a bool
    assignment is atomic, so only the job list needs the lock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: list[bytes] = []
        self.paper_out = False
        self.cover_open = False
        self.offline = False

    @property
    def jobs(self) -> list[bytes]:
        """A snapshot of the printed jobs, oldest first."""
        with self._lock:
            return list(self._jobs)

    def status(self) -> PrinterStatus:
        """The state, worst first: offline hides the cover, an open cover hides the paper."""
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
        if self.offline:
            return PrinterOffline(device=RECEIPT_PRINTER, detail="simulated printer set offline")
        if self.cover_open:
            return PrinterCoverOpen(device=RECEIPT_PRINTER)
        if self.paper_out:
            return PrinterPaperOut(device=RECEIPT_PRINTER)
        return PrinterReady(device=RECEIPT_PRINTER)
