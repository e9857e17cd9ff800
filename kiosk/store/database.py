"""The database handle: engine, WAL for SQLite, one transaction per unit of work."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.store.models import Base

log = logging.getLogger(__name__)


class StoreUnavailable(Exception):
    """The database cannot be reached or written. `str()` is the resident-facing message."""

    def __init__(self, detail: str) -> None:
        super().__init__("系统暂时无法访问业务数据，本次业务未办理，请稍后再试或到中心柜面办理")
        self.detail = detail


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 (DB-API objects)
    cursor = dbapi_connection.cursor()
    # WAL lets the printing worker read while a submission writes; busy_timeout covers the
    # rare overlap of two writers (a second kiosk process on the same file).
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class Store:
    """Owns the engine; hands out transactions."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        kwargs: dict = {}
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                try:
                    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:  # e.g. the path runs through a file, or a read-only disk
                    raise StoreUnavailable(str(exc)) from exc
            # Worker threads run service calls; each takes its own session and connection.
            kwargs["connect_args"] = {"check_same_thread": False}
        self.url = url
        self.engine: Engine = create_engine(url, **kwargs)
        if parsed.get_backend_name() == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def create_schema(self) -> None:
        import kiosk.store.tables  # noqa: F401  (registers every domain's tables on Base)

        try:
            Base.metadata.create_all(self.engine)
        except SQLAlchemyError as exc:
            raise StoreUnavailable(str(exc)) from exc

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error.

        Database failures surface as `StoreUnavailable`, so callers show one clear message and
        nothing is half-written.
        """
        try:
            with self._sessions.begin() as session:
                yield session
        except OperationalError as exc:
            log.error("database unavailable: %s", exc.orig if exc.orig else exc)
            raise StoreUnavailable(str(exc)) from exc

    def close(self) -> None:
        self.engine.dispose()
