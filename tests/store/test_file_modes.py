"""Files the kiosk writes hold residents' data: the database (and its WAL/SHM), the log, the spool."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

from kiosk.devices.report_printer.spool import SpoolFolderPrinter
from kiosk.logging_setup import PrivateRotatingFileHandler
from kiosk.store.database import Store
from kiosk.demo.builder import REFERENCE_DAY
from kiosk.demo.seed import seed_demo


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_and_its_wal_and_shm_are_private(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'var' / 'kiosk.sqlite'}")
    seed_demo(store, REFERENCE_DAY)
    with store.transaction() as tx:  # keep a connection open: the -wal and -shm files exist now
        tx.connection()
        files = sorted((tmp_path / "var").iterdir())
        assert [f.name for f in files] == ["kiosk.sqlite", "kiosk.sqlite-shm", "kiosk.sqlite-wal"]
        assert {f.name: _mode(f) for f in files} == {f.name: 0o600 for f in files}
    store.close()
    assert _mode(tmp_path / "var") == 0o700


def test_the_log_and_its_rotated_files_are_private(tmp_path: Path) -> None:
    handler = PrivateRotatingFileHandler(tmp_path / "kiosk.log", maxBytes=200, backupCount=2, encoding="utf-8")
    try:
        for n in range(20):
            handler.emit(logging.makeLogRecord({"msg": f"line {n} " + "x" * 40}))
    finally:
        handler.close()
    logs = sorted(tmp_path.glob("kiosk.log*"))
    assert len(logs) == 3 and all(_mode(f) == 0o600 for f in logs)


def test_a_spooled_pdf_and_its_folder_are_private(tmp_path: Path) -> None:
    printer = SpoolFolderPrinter(tmp_path / "spool")
    printer.print_pdf(b"%PDF-1.4 test", "YW2026031000100001-1")
    [pdf] = (tmp_path / "spool").glob("*.pdf")
    assert _mode(pdf) == 0o600 and _mode(tmp_path / "spool") == 0o700
