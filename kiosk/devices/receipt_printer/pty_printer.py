"""A byte-level ESC/POS receipt printer on a pseudo-terminal, so tests and benchmarks run the real serial code.

The simulator holds the master side of a pty; `SerialReceiptPrinter` opens the slave's path
(`port`) as if it were /dev/ttyUSB1. Real-time status queries (DLE EOT n) are answered from the
`paper_out`, `cover_open`, `paper_near_end` and `offline` flags and kept apart from the job bytes,
which are recorded: every query closes the job being received, so each `print_bytes` (queries,
then its job) shows up as one entry in `jobs`.
"""

from __future__ import annotations

import select
import threading
from collections.abc import Callable

from kiosk.devices.pty_peer import PtyPeer
from kiosk.devices.receipt_printer.serial_printer import BITS_PER_BYTE

_DLE, _EOT = 0x10, 0x04
_FIXED_BITS = 0x12  # bits 1 and 4 are always set in a status byte
GARBAGE_ANSWER = 0xFF  # bits 0 and 7 set: no printer would send this as a status byte


class PtyReceiptPrinterSimulator(PtyPeer):
    """A simulated ESC/POS receipt printer serving a pseudo-terminal from its own thread.

    `start`, `stop` and the with-statement come from `PtyPeer`; once started, `port` is the path
    the printer adapter opens.

    Flags (plain attributes, flipped by tests and the benchmark at any time):
        paper_out: The roll is empty: the printer goes offline and says why.
        cover_open: The paper cover is open: likewise.
        paper_near_end: The near-end sensor is on; the printer still prints.
        offline: Powered off: nothing is answered and received bytes are lost.

    Args:
        line_baudrate: When set, bytes are taken off the pty no faster than a real 8N1 line at
            this speed would deliver them, so timings include the wire. None: as fast as possible.
    """

    thread_name = "pty-receipt-printer"
    log_label = "pty printer"

    def __init__(self, *, line_baudrate: int | None = None) -> None:
        super().__init__()
        self.line_baudrate = line_baudrate
        self.paper_out = False
        self.cover_open = False
        self.paper_near_end = False
        self.offline = False
        self._changed = threading.Condition()
        self._jobs: list[bytes] = []
        self._current = bytearray()
        self._queries: list[int] = []
        self._garble = 0
        self._pending = b""  # the start of a DLE EOT split across two reads

    # -- what was received -----------------------------------------------------------------------
    @property
    def jobs(self) -> list[bytes]:
        """Job bytes received, one entry per run between status queries, oldest first.

        The last entry may still be growing; `wait_for` a condition on it.
        """
        with self._changed:
            return self._job_list()

    @property
    def queries(self) -> list[int]:
        """The n of every DLE EOT n received, in order."""
        with self._changed:
            return list(self._queries)

    def clear(self) -> None:
        """Forgets the recorded jobs and queries."""
        with self._changed:
            self._jobs.clear()
            self._current.clear()
            self._queries.clear()

    def wait_for(self, condition: Callable[[PtyReceiptPrinterSimulator], bool], timeout: float) -> bool:
        """Waits until `condition(self)` holds (checked whenever bytes arrive); False on timeout."""
        with self._changed:
            # The condition's lock is re-entrant, so `condition` may read `jobs` and `queries`.
            return self._changed.wait_for(lambda: condition(self), timeout)

    # -- faults ----------------------------------------------------------------------------------
    def garble(self, answers: int = 1) -> None:
        """The next `answers` status answers are a byte no printer sends (line noise)."""
        with self._changed:
            self._garble += answers

    # -- serving ---------------------------------------------------------------------------------
    def _job_list(self) -> list[bytes]:
        return [*self._jobs, bytes(self._current)] if self._current else list(self._jobs)

    def _received(self, chunk: bytes) -> bool:
        if self.line_baudrate and not self._wire_delay(len(chunk)):
            return False
        if self.offline:
            self._pending = b""
            return True  # an unpowered printer hears nothing
        for answer in self._take(chunk):
            if not self._write_all(bytes([answer])):
                return False
        return True

    def _wire_delay(self, size: int) -> bool:
        """Holds the bytes as long as the line would take to carry them; False when asked to stop."""
        ready, _, _ = select.select([self._stop_r], [], [], size * BITS_PER_BYTE / self.line_baudrate)
        return not ready

    def _take(self, chunk: bytes) -> list[int]:
        """Splits received bytes into job bytes and status queries; returns the answers to send."""
        data, answers = self._pending + chunk, []
        self._pending = b""
        with self._changed:
            start = i = 0
            while i < len(data):
                if data[i] != _DLE:
                    i += 1
                    continue
                if len(data) - i < 3 and data[i + 1:i + 2] in (b"", bytes([_EOT])):
                    self._pending = data[i:]  # maybe a query whose rest is still on the way
                    break
                if data[i + 1] == _EOT and data[i + 2] in (1, 2, 3, 4):
                    self._current += data[start:i]
                    if self._current:
                        self._jobs.append(bytes(self._current))
                        self._current.clear()
                    self._queries.append(data[i + 2])
                    answers.append(self._answer(data[i + 2]))
                    i = start = i + 3
                else:
                    i += 1
            self._current += data[start:len(data) - len(self._pending)]
            self._changed.notify_all()
        return answers

    def _answer(self, n: int) -> int:
        """The status byte for DLE EOT n, from the flags (ESC/POS bit layout)."""
        if self._garble:
            self._garble -= 1
            return GARBAGE_ANSWER
        paper_out, cover_open = self.paper_out, self.cover_open
        if n == 1:
            return _FIXED_BITS | (0x08 if paper_out or cover_open else 0)
        if n == 2:
            return _FIXED_BITS | (0x04 if cover_open else 0) | (0x20 if paper_out else 0)
        if n == 4:
            return _FIXED_BITS | (0x0C if self.paper_near_end else 0) | (0x60 if paper_out else 0)
        return _FIXED_BITS  # n=3, error cause: no cutter or unrecoverable errors simulated
