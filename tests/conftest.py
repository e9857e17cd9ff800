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


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A private PostgreSQL cluster in a temporary folder, on 127.0.0.1 only, stopped at the end.

    Debian's `postgresql` (scripts/install.sh). initdb refuses to run as root, so as root the
    server runs as the `postgres` user. No skip: a server that cannot start fails the test with
    initdb's or the server's own words.
    """
    import glob
    import subprocess
    import tempfile

    bindirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not bindirs:
        pytest.fail("PostgreSQL is not installed: add Debian's `postgresql` (scripts/install.sh)")
    bindir = Path(bindirs[-1])
    root = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", _free_port()

    def pg(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*run_as, *args], capture_output=True, text=True, timeout=120)

    def stop() -> None:
        pg(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)

    steps = [
        [str(bindir / "initdb"), "-D", str(data), "-U", "kiosk", "--auth=trust", "-E", "UTF8", "--locale=C"],
        [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w", "-t", "60", "-o",
         f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c synchronous_commit=off "
         "-c full_page_writes=off -c max_connections=60", "start"],
    ]
    for step in steps:
        done = pg(*step)
        if done.returncode != 0:
            log = (root / "server.log").read_text() if (root / "server.log").exists() else ""
            stop()
            pytest.fail(f"PostgreSQL did not start ({Path(step[0]).name}): {done.stdout}{done.stderr}{log}")
    try:
        yield f"postgresql+psycopg://kiosk@127.0.0.1:{port}/postgres"
    finally:
        stop()


def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Once a Qt test has turned automatic collection off (kiosk/ui/garbage.py), the tests that run no
    event loop collect here, on the main thread, as the kiosk's timer would."""
    import gc

    if not gc.isenabled():
        from kiosk.ui.garbage import collect_due

        collect_due()


def pytest_runtest_logstart(nodeid: str) -> None:
    """With KIOSK_TEST_TRACE set, the test being run is in that file: after a crash (a segfault kills
    pytest before it reports), .ci/run prints which test it was."""
    trace = os.environ.get("KIOSK_TEST_TRACE")
    if trace:
        Path(trace).write_text(nodeid + "\n", encoding="utf-8")
