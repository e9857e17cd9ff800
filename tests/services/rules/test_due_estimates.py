"""A due date counted over a year with no published holiday schedule is stored as a date and returned
as an estimate (Accepted.due_estimated), and a refusal quoting it later still says so."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from kiosk.clock import CST
from kiosk.services.outcome import Accepted, Refused

if TYPE_CHECKING:
    from ..conftest import Kiosk

NOTE = "（以中心公布的节假日安排为准）"
_IN = {"from_centre": "南京住房公积金管理中心", "old_account": "3201009876543210", "old_employer": "南京市某设计院"}


def test_a_transfer_in_over_spring_festival_2027_is_an_estimate_until_it_is_done(kiosk: Kiosk) -> None:
    kiosk.clock.set(datetime(2027, 1, 29, 10, 0, tzinfo=CST))
    outcome = kiosk.run("gov_hf_transfer_in", "institution_staff", **_IN)
    assert isinstance(outcome, Accepted)
    assert (outcome.due, outcome.due_estimated) == (date(2027, 2, 19), True)
    assert ("中心审核入账（办结）", f"3 个工作日内，预计 2027-02-19{NOTE} 前（第 11 个工作日）") in outcome.lines
    kiosk.clock.set(datetime(2027, 2, 2, 10, 0, tzinfo=CST))
    refused = kiosk.open("gov_hf_transfer_in", "institution_staff")
    assert isinstance(refused, Refused)
    assert "中心正在办理" in refused.reason and f"预计 2027-02-19{NOTE} 前办结" in refused.next_step


def test_a_transfer_in_within_2026_is_not_an_estimate(kiosk: Kiosk) -> None:
    kiosk.clock.set(datetime(2026, 12, 1, 10, 0, tzinfo=CST))
    outcome = kiosk.run("gov_hf_transfer_in", "institution_staff", **_IN)
    assert isinstance(outcome, Accepted)
    assert (outcome.due, outcome.due_estimated) == (date(2026, 12, 16), False)
    assert all("以中心公布" not in value for _, value in outcome.lines)
    refused = kiosk.open("gov_hf_transfer_in", "institution_staff")
    assert isinstance(refused, Refused) and "预计 2026-12-16 前办结" in refused.next_step


def test_a_resident_transfer_in_submitted_at_the_end_of_2026_is_an_estimate(kiosk: Kiosk) -> None:
    # 3 working days from Wed 30 Dec 2026: Thu 31, (New Year's Day Fri 1 Jan), Mon 4, Tue 5 Jan.
    kiosk.clock.set(datetime(2026, 12, 30, 10, 0, tzinfo=CST))
    outcome = kiosk.run("hf_transfer_in", "hf_stable_six")
    assert isinstance(outcome, Accepted), outcome
    assert (outcome.due, outcome.due_estimated) == (date(2027, 1, 5), True)
    assert ("审核期限", f"3 个工作日内，预计 2027-01-05{NOTE} 前审核") in outcome.lines
