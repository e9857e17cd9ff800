"""The database handle: engine, WAL for SQLite, one serialising transaction per unit of work.

Several kiosks may share one database (a SQLite file or a PostgreSQL server). Every limit is a
read-check-write, so a writing transaction must serialise with the others that touch the same
person: on SQLite it starts with `BEGIN IMMEDIATE` (one writer at a time, taken before the first
read), on PostgreSQL it locks the person's row (`lock_person`) and counters are atomic
`INSERT … ON CONFLICT` + `UPDATE … RETURNING` (kiosk/store/locks.py).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store import audit_chain  # noqa: F401  (chains every audit entry on commit)
from kiosk.store.locks import DIALECTS
from kiosk.store.models import Base

log = logging.getLogger(__name__)
READ_ONLY = "kiosk_read_only"  # execution option: a plain BEGIN that does not take the write lock


class StoreUnavailable(Exception):
    """The database cannot be reached or written. `str()` is the resident-facing message.

    `detail` is for the log: class names and the driver's own words, never a statement or its
    parameters (they carry residents' mobiles and addresses).
    """

    def __init__(self, detail: str) -> None:
        super().__init__("系统暂时无法访问业务数据，本次业务未办理，请稍后再试或到中心柜面办理")
        self.detail = detail


def describe(exc: BaseException) -> str:
    """A database error for the log: what failed, without the SQL statement or its parameters."""
    if isinstance(exc, StoreUnavailable):
        return exc.detail
    if not isinstance(exc, SQLAlchemyError):
        return type(exc).__name__
    orig = getattr(exc, "orig", None)
    if orig is None:
        return type(exc).__name__
    parts = [f"{type(exc).__name__}/{type(orig).__name__}"]
    diag = getattr(orig, "diag", None)
    if diag is not None:  # psycopg: the SQLSTATE and the object named, not the message (it may quote values)
        parts += [f"{name}={value}" for name in ("sqlstate", "constraint_name", "table_name")
                  if (value := getattr(diag, name, None))]
    elif isinstance(exc, DBAPIError) and orig.args:  # sqlite3's messages name tables and columns only
        parts.append(str(orig.args[0]).splitlines()[0][:200])
    return " ".join(parts)


def _sqlite_connect(dbapi_connection, _record) -> None:  # noqa: ANN001 (DB-API objects)
    # SQLAlchemy's documented recipe: stop pysqlite from issuing its own BEGIN, so the "begin"
    # hook below decides how each transaction starts.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets a reader go on while a submission writes; busy_timeout lets a second kiosk wait
    # for the write lock (a log-in holds it for one scrypt check, ~50 ms) instead of failing.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # IMMEDIATE takes the write lock before the first read: a count read under it cannot be
    # outdated by another kiosk's write before this transaction writes.
    conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")


def _private_sqlite_file(database: str) -> None:
    """Creates the database file 0600 in a 0700 folder; SQLite gives its -wal and -shm the file's mode."""
    path = Path(database)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    if path.stat().st_uid == os.getuid():
        os.chmod(path, 0o600)


class Store:
    """Owns the engine; hands out transactions."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        if self.dialect not in DIALECTS:
            raise StoreUnavailable(f"unsupported database {self.dialect}: the kiosk runs on SQLite or PostgreSQL")
        kwargs: dict = {}
        if self.dialect == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                try:
                    _private_sqlite_file(parsed.database)
                except OSError as exc:  # e.g. the path runs through a file, or a read-only disk
                    raise StoreUnavailable(f"{type(exc).__name__}: {exc.strerror}") from exc
            # Worker threads run service calls; each takes its own session and connection.
            kwargs["connect_args"] = {"check_same_thread": False}
        self.url = url
        # hide_parameters: an error's text (logged, shown to staff) never quotes a resident's data.
        self.engine: Engine = create_engine(url, hide_parameters=True, **kwargs)
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_connect)
            event.listen(self.engine, "begin", _sqlite_begin)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._open = threading.local()  # transactions this thread has open

    def create_schema(self) -> None:
        import kiosk.store.tables  # noqa: F401  (registers every domain's tables on Base)

        try:
            Base.metadata.create_all(self.engine)
        except SQLAlchemyError as exc:
            raise StoreUnavailable(describe(exc)) from exc

    @contextmanager
    def transaction(self, *, read_only: bool = False) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error.

        A writing transaction (the default) serialises with the other writers on SQLite; pass
        `read_only` for a look-up that writes nothing. Audit entries are chained on commit
        (kiosk/store/audit_chain.py). Database failures surface as `StoreUnavailable`, so callers
        show one clear message and nothing is half-written.
        """
        depth = getattr(self._open, "depth", 0)
        # One opened inside another on the same thread (a look-up while reading) only reads: the
        # write lock is the outer one's, and waiting for it here would wait for ourselves.
        read_only = read_only or depth > 0
        self._open.depth = depth + 1
        try:
            with self._sessions.begin() as session:
                if read_only:
                    session.connection(execution_options={READ_ONLY: True})
                yield session
        except OperationalError as exc:
            log.error("database unavailable: %s", describe(exc))
            raise StoreUnavailable(describe(exc)) from exc
        finally:
            self._open.depth = depth

    def close(self) -> None:
        self.engine.dispose()

