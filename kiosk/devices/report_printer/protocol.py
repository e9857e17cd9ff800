"""What the kiosk needs from the A4 report printer.

Its states are the receipt printer's (`kiosk.devices.receipt_printer.protocol`), named
`REPORT_PRINTER` in their messages, and it refuses jobs with the same `PrinterFault`.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from kiosk.devices.receipt_printer.protocol import PrinterStatus


@runtime_checkable
class ReportPrinter(Protocol):
    """A printer of A4 PDF reports. Jobs may come from a worker thread."""

    def status(self) -> PrinterStatus:
        """The printer's current state."""
        ...

    def print_pdf(self, pdf: bytes, job_name: str) -> str:
        """Prints one PDF.

        Args:
            pdf: The document, e.g. from `kiosk.printing.report_pdf.render_report`.
            job_name: The business serial plus a suffix, for the operator's queue.

        Returns:
            The job id.

        Raises:
            PrinterFault: If the printer is not ready; `status` says why.
        """
        ...
