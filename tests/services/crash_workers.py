"""A kiosk process killed with SIGKILL in tests/services/test_journal_resume.py (spawned: importable by name)."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.clock import ManualClock
from kiosk.config import load_config
from kiosk.devices.receipt_printer.protocol import PrinterReady
from kiosk.devices.report_printer.spool import SpoolFolderPrinter
from kiosk.services import catalogue, print_run, submission
from kiosk.store.database import Store


class _StuckPrinter:
    """A receipt printer that takes the job and never returns: the kiosk dies while printing."""

    def __init__(self, started: Any) -> None:
        self.started = started

    def status(self) -> PrinterReady:
        return PrinterReady()

    def print_bytes(self, data: bytes) -> None:
        self.started.put("printing")
        threading.Event().wait()


def submit_and_die(url: str, service_id: str, person_id: int, answers: dict, now: datetime, spool: Path,
                   when: str, told: Any) -> None:
    """Submits a business like the kiosk does, then hangs where the parent kills it with SIGKILL."""
    store, config, clock = Store(url), load_config(demo=True), ManualClock(now)
    outcome = submission.submit(store, catalogue.get(service_id), person_id, answers, clock, config)
    if when == "after_commit":
        told.put(outcome.serial)
        threading.Event().wait()
    told.put(outcome.serial)
    print_run.print_jobs(store, outcome.serial, _StuckPrinter(told), SpoolFolderPrinter(spool), clock, config)
