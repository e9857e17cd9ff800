"""The audit log is a hash chain per terminal: `kiosk audit verify` finds an edited or deleted row."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text

from kiosk.cli import main
from kiosk.clock import ManualClock
from kiosk.store import journal
from kiosk.store import models as m
from kiosk.store.database import Store


def _write(store: Store, clock: ManualClock) -> dict[int, int]:
    """Five entries at terminal SIP-T001 (one transaction each) and two at SIP-T002; seq → row id."""
    for n in range(1, 6):
        with store.transaction() as tx:
            journal.audit(tx, clock.now() + timedelta(minutes=n), "SIP-T001", "submitted", person_id=None,
                          service_id="hf_withdraw_retirement", serial=f"YW20260310001{n:05d}",
                          detail=f"withdrawal 48600.00 to bank card #{n}")
            if n <= 2:
                journal.audit(tx, clock.now(), "SIP-T002", "login_ok", detail="citizen_card_password")
    with store.transaction() as tx:
        return dict(tx.execute(select(m.AuditEntry.seq, m.AuditEntry.id)
                               .where(m.AuditEntry.terminal_id == "SIP-T001")).all())


def _verify(store: Store, tmp_path: Path) -> tuple[int, str]:
    config = tmp_path / "k.toml"
    config.write_text(f'[database]\nurl = "{store.url}"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", "verify", "--config", str(config)])
    return result.exit_code, result.output.strip()


def test_an_untouched_log_is_complete(store: Store, clock: ManualClock, tmp_path: Path) -> None:
    _write(store, clock)
    assert _verify(store, tmp_path) == (0, "审计记录完整")


@pytest.mark.parametrize(("tamper", "seq", "says"), [
    ("UPDATE audit_log SET detail = 'withdrawal 1.00 to bank card #3' WHERE id = {3}", 3, "内容与校验值不符（被修改）"),
    ("DELETE FROM audit_log WHERE id = {3}", 4, "之前缺少第 3 条（被删除）"),
    ("DELETE FROM audit_log WHERE id = {5}", 5, "最新的记录缺失（链尾应为第 5 条，实有 4 条）"),
    ("UPDATE audit_log SET at = '2026-03-10T09:00:00+08:00' WHERE id = {2}", 2, "内容与校验值不符（被修改）"),
])
def test_an_edited_or_deleted_row_is_named(store: Store, clock: ManualClock, tmp_path: Path, tamper: str, seq: int,
                                           says: str) -> None:
    ids = _write(store, clock)
    with store.transaction() as tx:
        tx.execute(text(tamper.format(*[ids.get(n) for n in range(6)])))
    code, output = _verify(store, tmp_path)
    where = "末尾" if "链尾" in says else f"第 {ids[seq]} 行"
    assert (code, output) == (1, f"审计记录被改动：终端 SIP-T001 的{where}（第 {seq} 条）{says}")


def test_a_row_rewritten_with_a_fresh_hash_still_breaks_the_next_link(store: Store, clock: ManualClock,
                                                                      tmp_path: Path) -> None:
    from kiosk.store import audit_chain

    ids = _write(store, clock)
    with store.transaction() as tx:
        row = tx.get_one(m.AuditEntry, ids[2])
        row.detail = "withdrawal 1.00 to bank card #2"
        row.hash = audit_chain.digest(row)
    code, output = _verify(store, tmp_path)
    assert code == 1 and output.endswith(f"第 {ids[3]} 行（第 3 条）与上一条记录接不上（上一条被改动或删除）")
