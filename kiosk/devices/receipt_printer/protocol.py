"""What the kiosk needs from a receipt printer, and the printer states it reports.

The status types are shared with the A4 report printer (`kiosk.devices.report_printer`): both
are printers that run out of paper, have covers and go offline. `device` names the printer in
the Chinese message, so one type serves both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Union, runtime_checkable

from kiosk.devices.errors import DeviceError

RECEIPT_PRINTER = "凭条打印机"
REPORT_PRINTER = "A4 打印机"


@dataclass(frozen=True, kw_only=True)
class PrinterReady:
    """The printer accepts jobs."""

    device: str = RECEIPT_PRINTER

    @property
    def message(self) -> str:
        return f"{self.device}就绪"


@dataclass(frozen=True, kw_only=True)
class PrinterPaperOut:
    """No paper: a job would be lost."""

    device: str = RECEIPT_PRINTER

    @property
    def message(self) -> str:
        return f"{self.device}缺纸"


@dataclass(frozen=True, kw_only=True)
class PrinterCoverOpen:
    """The paper cover is open."""

    device: str = RECEIPT_PRINTER

    @property
    def message(self) -> str:
        return f"{self.device}舱盖未关闭"


@dataclass(frozen=True, kw_only=True)
class PrinterOffline:
    """The printer does not answer, or its spool cannot be written.

    Attributes:
        detail: Why, in English, for the log (e.g. the OS error).
    """

    device: str = RECEIPT_PRINTER
    detail: str = ""

    @property
    def message(self) -> str:
        return f"{self.device}未连接或故障"


PrinterStatus = Union[PrinterReady, PrinterPaperOut, PrinterCoverOpen, PrinterOffline]


class PrinterFault(DeviceError):
    """A printer refused a job because it is not ready.

    Attributes:
        status: The state that made it refuse.
    """

    def __init__(self, status: PrinterStatus, detail: str = "") -> None:
        reason = getattr(status, "detail", "") or type(status).__name__
        super().__init__(status.message, detail or f"{status.device} not ready: {reason}")
        self.status = status


@runtime_checkable
class ReceiptPrinter(Protocol):
    """An ESC/POS receipt printer. Jobs may come from a worker thread."""

    def status(self) -> PrinterStatus:
        """The printer's current state."""
        ...

    def print_bytes(self, data: bytes) -> None:
        """Prints one ESC/POS job.

        Raises:
            PrinterFault: If the printer is not ready; `status` says why.
        """
        ...
