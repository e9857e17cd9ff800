"""A report printer that drops each PDF into a spool folder.

A print service watching the folder (a CUPS hot folder, or a person at the demo desk) prints
whatever appears there, so files must appear complete: each is written under a hidden temporary
name and renamed into place.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from pathlib import Path

from kiosk.devices.receipt_printer.protocol import (
    REPORT_PRINTER,
    PrinterFault,
    PrinterOffline,
    PrinterPaperOut,
    PrinterReady,
    PrinterStatus,
)

MAX_NAME_CHARS = 80
_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")


def safe_job_name(job_name: str) -> str:
    """A file stem made from `job_name`: ASCII letters, digits, ".", "_" and "-" only.

    ASCII because the watching spooler and any share it sits on may not agree on an encoding;
    no leading dot (a hidden file is never printed) or dash (it reads as an option to `lp`).
    """
    name = _UNSAFE.sub("_", job_name).strip("._-")[:MAX_NAME_CHARS].rstrip("._-")
    return name or "job"


class SpoolFolderPrinter:
    """Writes each job to `<folder>/<job_name>.pdf` and remembers the files in `jobs`.

    Args:
        folder: The spool folder; created on first use if missing.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._lock = threading.Lock()
        self._jobs: list[Path] = []
        # Set for demos and tests: a spool folder cannot tell when the real tray is empty.
        self.paper_out = False

    @property
    def jobs(self) -> list[Path]:
        """A snapshot of the files written, oldest first."""
        with self._lock:
            return list(self._jobs)

    def status(self) -> PrinterStatus:
        """Offline (with the OS reason in `detail`) when the folder cannot be created or written."""
        with self._lock:
            return self._status()

    def print_pdf(self, pdf: bytes, job_name: str) -> str:
        """Writes one PDF into the spool folder.

        Args:
            pdf: The PDF file's bytes.
            job_name: The business serial plus a suffix; sanitised by `safe_job_name`. A name
                already used gets "-2", "-3"… so a reprint never overwrites a queued job.

        Returns:
            The job id: the file's stem.

        Raises:
            ValueError: If `pdf` is not a PDF.
            PrinterFault: If the printer is not ready or the file cannot be written.
        """
        if not bytes(pdf[:5]) == b"%PDF-":
            raise ValueError("print_pdf wants a PDF file (it must start with %PDF-)")
        with self._lock:
            status = self._status()
            if not isinstance(status, PrinterReady):
                raise PrinterFault(status)
            target = self._free_path(safe_job_name(job_name))
            temporary = target.with_name(f".{target.name}.tmp")
            try:
                # 0600: a spooled document carries a resident's name, ID and figures
                with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as file:
                    file.write(pdf)
                    file.flush()
                    os.fsync(file.fileno())  # the kiosk may lose power right after printing
                os.replace(temporary, target)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    temporary.unlink()
                raise PrinterFault(PrinterOffline(device=REPORT_PRINTER,
                                                  detail=f"cannot write {target}: {exc}")) from exc
            self._jobs.append(target)
            return target.stem

    def _free_path(self, stem: str) -> Path:
        candidate, number = self.folder / f"{stem}.pdf", 1
        while candidate.exists():
            number += 1
            candidate = self.folder / f"{stem}-{number}.pdf"
        return candidate

    def _status(self) -> PrinterStatus:
        problem = self._folder_problem()
        if problem:
            return PrinterOffline(device=REPORT_PRINTER, detail=problem)
        if self.paper_out:
            return PrinterPaperOut(device=REPORT_PRINTER)
        return PrinterReady(device=REPORT_PRINTER)

    def _folder_problem(self) -> str:
        """Why the spool folder is unusable, or "" when it is fine."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            return f"cannot create spool folder {self.folder}: {exc}"
        if not self.folder.is_dir():
            return f"spool folder {self.folder} is not a directory"
        if not os.access(self.folder, os.W_OK | os.X_OK):
            return f"spool folder {self.folder} is not writable"
        return ""
