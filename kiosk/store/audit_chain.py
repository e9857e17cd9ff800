"""The tamper-evident audit: each terminal's entries form a SHA-256 hash chain with a stored head.

An entry's hash covers its canonical serialisation and the previous entry's hash, so an edited
row no longer matches its hash, a deleted middle row leaves a gap in `seq` and a `prev_hash` that
points nowhere, and deleted newest rows fall short of the head kept in `audit_heads`. Entries are
linked when their transaction commits, under the head row's lock (PostgreSQL) or the write lock
(SQLite), so two kiosks sharing a terminal id cannot fork the chain.
"""

from __future__ import annotations

import hashlib
import json

from pydantic import BaseModel, ConfigDict
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from kiosk.clock import CST
from kiosk.store import models as m
from kiosk.store.locks import insert_missing

GENESIS = "0" * 64
_PENDING = "kiosk_audit_pending"


def digest(entry: m.AuditEntry) -> str:
    """SHA-256 over the entry's fields in a fixed order, and the previous entry's hash."""
    canonical = json.dumps(
        [entry.terminal_id, entry.seq, entry.at.astimezone(CST).isoformat(), entry.person_id, entry.action,
         entry.service_id, entry.serial, entry.detail or "", entry.prev_hash],
        ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def stage(tx: Session, entry: m.AuditEntry) -> None:
    """Keeps an entry to be chained and written when the transaction commits."""
    tx.info.setdefault(_PENDING, []).append(entry)


@event.listens_for(Session, "before_commit")
def _link(tx: Session) -> None:
    pending: list[m.AuditEntry] = tx.info.pop(_PENDING, [])
    pending += [e for e in tx.new if isinstance(e, m.AuditEntry) and e.seq is None]  # added directly
    with tx.no_autoflush:  # an entry added directly must not be flushed before it is linked
        for terminal in sorted({e.terminal_id for e in pending}):  # one lock order: no deadlock
            insert_missing(tx, m.AuditHead, terminal_id=terminal, seq=0, hash=GENESIS)
            head = tx.execute(select(m.AuditHead).where(m.AuditHead.terminal_id == terminal).with_for_update()
                              .execution_options(populate_existing=True)).scalar_one()
            for entry in (e for e in pending if e.terminal_id == terminal):
                entry.seq, entry.prev_hash = head.seq + 1, head.hash
                entry.hash = digest(entry)
                head.seq, head.hash = entry.seq, entry.hash
                tx.add(entry)

@event.listens_for(Session, "after_rollback")
def _forget(tx: Session) -> None:
    tx.info.pop(_PENDING, None)


class Break(BaseModel):
    """The first place a terminal's chain does not hold."""

    model_config = ConfigDict(frozen=True)

    terminal_id: str
    row_id: int | None
    seq: int
    reason: str

    def message(self) -> str:
        where = f"第 {self.row_id} 行" if self.row_id is not None else "末尾"
        return f"审计记录被改动：终端 {self.terminal_id} 的{where}（第 {self.seq} 条）{self.reason}"


def _check_terminal(tx: Session, terminal: str, head: m.AuditHead | None) -> Break | None:
    expected_seq, previous = 1, GENESIS
    rows = tx.scalars(select(m.AuditEntry).where(m.AuditEntry.terminal_id == terminal)
                      .order_by(m.AuditEntry.seq, m.AuditEntry.id).execution_options(yield_per=500))
    for row in rows:
        if row.seq != expected_seq:
            return Break(terminal_id=terminal, row_id=row.id, seq=row.seq,
                         reason=f"之前缺少第 {expected_seq} 条（被删除）")
        if row.prev_hash != previous:
            return Break(terminal_id=terminal, row_id=row.id, seq=row.seq, reason="与上一条记录接不上（上一条被改动或删除）")
        if row.hash != digest(row):
            return Break(terminal_id=terminal, row_id=row.id, seq=row.seq, reason="内容与校验值不符（被修改）")
        expected_seq, previous = expected_seq + 1, row.hash
    if head is None or head.seq != expected_seq - 1 or head.hash != previous:
        last = head.seq if head else expected_seq - 1
        return Break(terminal_id=terminal, row_id=None, seq=last,
                     reason=f"最新的记录缺失（链尾应为第 {last} 条，实有 {expected_seq - 1} 条）")
    return None


def verify(tx: Session) -> Break | None:
    """Walks every terminal's chain; None when all hold."""
    heads = {h.terminal_id: h for h in tx.scalars(select(m.AuditHead))}
    terminals = sorted(set(heads) | set(tx.scalars(select(m.AuditEntry.terminal_id).distinct())))
    for terminal in terminals:
        broken = _check_terminal(tx, terminal, heads.get(terminal))
        if broken:
            return broken
    return None
