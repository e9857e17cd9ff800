"""Store fixtures: the demo personas seeded once per run, copied into a fresh file per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.clock import CST, ManualClock
from kiosk.store.database import Store
from kiosk.store.seed import seed_demo


@pytest.fixture(scope="session")
def seeded_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file with the demo personas (scrypt hashing is slow: seed once, copy per test)."""
    path = tmp_path_factory.mktemp("seeded") / "k.sqlite"
    store = Store(f"sqlite:///{path}")
    seed_demo(store)
    store.close()  # checkpoints the WAL into the main file, so one file copy is the whole database
    return path


@pytest.fixture
def store(seeded_db_file: Path, tmp_path: Path) -> Iterator[Store]:
    """A fresh, seeded SQLite store of this test's own."""
    path = tmp_path / "k.sqlite"
    shutil.copyfile(seeded_db_file, path)
    s = Store(f"sqlite:///{path}")
    yield s
    s.close()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 3, 10, 10, 0, tzinfo=CST))
