"""The database handle: one transaction per unit of work, and one clear message when it is gone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, text

from kiosk.store import models as m
from kiosk.store.database import Store, StoreUnavailable

UNAVAILABLE = "系统暂时无法访问业务数据，本次业务未办理，请稍后再试或到中心柜面办理"


def test_a_transaction_commits_on_success(store: Store) -> None:
    with store.transaction() as tx:
        tx.get_one(m.CitizenCard, "M00000101").status = "lost"
    with store.transaction() as tx:
        assert tx.get_one(m.CitizenCard, "M00000101").status == "lost"


def test_a_transaction_rolls_back_on_any_error(store: Store) -> None:
    with pytest.raises(KeyError), store.transaction() as tx:
        tx.get_one(m.CitizenCard, "M00000101").status = "lost"
        tx.flush()
        raise KeyError("boom")
    with store.transaction() as tx:
        assert tx.get_one(m.CitizenCard, "M00000101").status == "normal"


def test_sqlite_runs_in_wal_mode_with_foreign_keys(store: Store) -> None:
    with store.transaction() as tx:
        assert tx.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert tx.execute(text("PRAGMA foreign_keys")).scalar_one() == 1


def test_a_row_for_an_unknown_person_is_refused(store: Store) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), store.transaction() as tx:
        tx.add(m.CitizenCard(card_number="M99999999", person_id=999999))


def test_create_schema_is_safe_to_run_again(store: Store) -> None:
    store.create_schema()
    with store.transaction() as tx:
        assert tx.scalar(select(m.Person.name).where(m.Person.demo_key == "flex_normal")) == "周建华"


def test_deleted_database_directory_raises_store_unavailable(tmp_path: Path, seeded_db_file: Path) -> None:
    folder = tmp_path / "gone"
    folder.mkdir()
    shutil.copyfile(seeded_db_file, folder / "k.sqlite")
    doomed = Store(f"sqlite:///{folder}/k.sqlite")
    with doomed.transaction() as tx:
        tx.execute(text("SELECT 1"))
    doomed.close()
    shutil.rmtree(folder)
    with pytest.raises(StoreUnavailable) as info, doomed.transaction() as tx:
        tx.execute(text("SELECT count(*) FROM persons"))
    assert str(info.value) == UNAVAILABLE
    assert "unable to open database file" in info.value.detail
    with pytest.raises(StoreUnavailable):
        doomed.create_schema()
    doomed.close()


def test_database_file_replaced_by_an_empty_one_raises_store_unavailable(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/empty.sqlite")  # no schema: "no such table"
    try:
        with pytest.raises(StoreUnavailable, match="系统暂时无法访问业务数据"), store.transaction() as tx:
            tx.execute(select(m.Person)).all()
    finally:
        store.close()


def test_unreachable_path_raises_store_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "a-regular-file"
    blocker.write_text("not a directory", encoding="utf-8")
    with pytest.raises(StoreUnavailable) as info:
        store = Store(f"sqlite:///{blocker}/missing/k.sqlite")
        try:
            store.create_schema()
        finally:
            store.close()
    assert str(info.value) == UNAVAILABLE
