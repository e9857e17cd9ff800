"""The soak: kiosk processes on one database, faults and kill -9 at random, nothing lost."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kiosk.clock import CST
from kiosk.soak import SoakPlan, run_soak


def test_a_small_soak_with_kills_and_a_locked_database_loses_nothing(tmp_path: Path) -> None:
    plan = SoakPlan(sessions=60, processes=3, kills=2, locks=1, seed=7, fault_rate=0.5,
                    start=datetime(2027, 1, 15, 9, 0, tzinfo=CST))
    report = run_soak(plan, tmp_path)
    table = report.table()
    assert report.sessions >= 55, table  # a session cut by a kill never reached the ledger
    assert report.kills == 2 and report.locks == 1, table
    assert report.businesses > 0, table
    assert sum(report.faults.values()) > 0, table
    assert (report.lost, report.unprinted_without_code, report.sms_unsent) == (0, 0, 0), table
    assert report.limit_violations == report.password_violations == 0, table
    assert report.system_faults == 0, table
    assert report.ok
