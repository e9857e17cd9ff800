"""The device end of a pseudo-terminal, served from its own thread, for the byte-level simulators.

A simulator holds the master side of a pty; the real serial adapter opens the slave's path
(`port`) as if it were /dev/ttyUSB*, so tests and benchmarks run the real serial code.
"""

from __future__ import annotations

import logging
import os
import select
import threading
import tty
from types import TracebackType
from typing import Self


class PtyPeer:
    """A pty pair and a thread that hands every chunk the adapter writes to `_received`.

    Subclasses answer in `_received` and write back with `_write_all`; they name their thread
    and their log lines with `thread_name` and `log_label`.
    """

    thread_name = "pty-peer"
    log_label = "pty peer"

    def __init__(self) -> None:
        self._master = self._slave = self._stop_r = self._stop_w = -1
        self._thread: threading.Thread | None = None
        self.port = ""

    def start(self) -> Self:
        """Opens the pty pair and starts serving; `port` is then the path the adapter opens."""
        if self._thread is not None:
            return self
        self._master, self._slave = os.openpty()
        # Raw mode before the adapter opens the port: a fresh pty echoes and rewrites CR/LF, which
        # would bounce our answers back as requests and change binary frames and job bytes.
        tty.setraw(self._slave)
        # Keeping our slave fd open means the master never reads EIO between the adapter's
        # close and reopen.
        self.port = os.ttyname(self._slave)
        os.set_blocking(self._master, False)
        self._stop_r, self._stop_w = os.pipe()
        self._thread = threading.Thread(target=self._serve, name=self.thread_name, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stops the thread and closes every descriptor it opened (the adapter's own fd stays its business)."""
        if self._thread is None:
            return
        os.write(self._stop_w, b"x")
        self._thread.join()
        self._thread = None
        for fd in (self._master, self._slave, self._stop_r, self._stop_w):
            os.close(fd)
        self._master = self._slave = self._stop_r = self._stop_w = -1

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def _received(self, chunk: bytes) -> bool:
        """Subclasses answer here, one chunk as read off the master; False stops serving."""
        return True

    def _write_all(self, data: bytes) -> bool:
        """Writes `data` to the master in full; False when asked to stop meanwhile."""
        while data:
            _, writable, _ = select.select([self._stop_r], [self._master], [])
            if not writable:
                return False
            try:
                data = data[os.write(self._master, data):]
            except BlockingIOError:
                continue
        return True

    def _serve(self) -> None:
        while True:
            ready, _, _ = select.select([self._master, self._stop_r], [], [])
            if self._stop_r in ready:
                return
            try:
                chunk = os.read(self._master, 4096)
            except BlockingIOError:
                continue
            except OSError as exc:
                # Logged under the simulator's own module, where its other lines go too.
                logging.getLogger(type(self).__module__).error("%s: reading the master failed: %s",
                                                               self.log_label, exc)
                return
            if not self._received(chunk):
                return
