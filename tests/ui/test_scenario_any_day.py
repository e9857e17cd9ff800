"""`kiosk scenario` seeds the demo for its `now`: the outcomes that depend on the day hold through the UI
on another day too (the whole matrix runs through the services in tests/services/test_personas_any_day.py)."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.demo.personas import by_key
from kiosk.ui.scenario import Scenario, run_scenario

DAY = date(2027, 1, 15)  # inside the paper-statement and subsidy windows, in a year chinesecalendar lacks
# The personas whose fixed 2026 dates broke their outcome on other days (issue 10).
CASES = [("hf_sealed_recent", "sealed_hf_withdrawal"), ("gov_sealed_recent", "gov_sealed_hf_withdrawal"),
         ("temp_account_just_moved", "temp_account_upgrade"), ("issued_and_claimed", "hf_remote_loan_certificate"),
         ("ue_refund_applied", "unemployment_refund"), ("ue_letter_relation", "unemployment_transfer_letter"),
         ("subsidy_family", "hf_interest_subsidy"), ("paper_optout_suspended", "paper_statement_optout"),
         ("gov_biannual_twice", "gov_biannual_withdrawal"), ("paper_opted_out", "paper_statement_optout")]


@pytest.mark.parametrize(("persona", "service"), CASES, ids=[f"{p}-{s}" for p, s in CASES])
def test_day_dependent_outcomes_hold_through_the_ui(qapp, persona: str, service: str) -> None:  # noqa: ANN001
    [result] = run_scenario(Scenario(now=f"{DAY}T10:00:00+08:00", persona=persona, login="citizen_card_password",
                                     service=service))
    assert result["status"] == by_key(DAY)[persona].expected[service].outcome, result["reason"]
    if result["status"] == "completed":
        assert result["serial"].startswith(f"YW{DAY:%Y%m%d}")
