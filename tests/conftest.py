"""Suite-wide settings: Qt runs offscreen unless a test is marked to need a real X window."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep Qt's own chatter about fonts and the offscreen platform out of the strict log check.
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")


import shutil  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from kiosk.store.database import Store  # noqa: E402
from kiosk.demo.builder import REFERENCE_DAY  # noqa: E402
from kiosk.demo.seed import seed_demo  # noqa: E402

# Fuzzing checks what parsers do, not how fast: on a busy 2-core CI machine the default 200 ms
# deadline per example would fail a correct parser now and then.
settings.register_profile("kiosk", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("kiosk")


@pytest.fixture(scope="session")
def seeded_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file with the demo personas built for the reference day 2026-03-17, the day the tests'
    clocks stand on (scrypt hashing is slow: seed once, copy per test)."""
    path = tmp_path_factory.mktemp("seeded") / "k.sqlite"
    store = Store(f"sqlite:///{path}")
    seed_demo(store, REFERENCE_DAY)
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
