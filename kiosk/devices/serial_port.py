"""The serial port of a device adapter: opened on first use, dropped after any fault."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any


class SerialPortDevice:
    """A device on a serial port; `_open` and `_close` manage the port object in `_serial`.

    Args:
        port: Device path, e.g. "/dev/ttyUSB0".
        baudrate: Line speed, 8N1.
        timeout: Seconds each read, and each write by default, may wait.
        serial_factory: Builds the port object (pyserial's Serial; replaced in tests).
    """

    def __init__(self, port: str, baudrate: int, timeout: float, serial_factory: Callable[..., Any]) -> None:
        self.port = port
        self.baudrate = baudrate
        self.timeout = timeout
        self._factory = serial_factory
        self._serial: Any = None

    def _open(self) -> None:
        # exclusive: a second process on the same port (a maintenance run beside the kiosk) gets
        # "busy" and reports the device offline, instead of interleaving frames with ours.
        self._serial = self._factory(port=self.port, baudrate=self.baudrate, timeout=self.timeout,
                                     write_timeout=self.timeout, exclusive=True)

    def _close(self) -> None:
        port, self._serial = self._serial, None
        if port is not None:
            try:
                port.close()
            except Exception as exc:  # noqa: BLE001 - closing a dead port may fail; it is gone anyway
                # Logged under the adapter's own module, where its other lines go too.
                logging.getLogger(type(self).__module__).debug("closing %s: %s", self.port, exc)
