"""Every refusal says what to do next, and is "暂时无法办理" only when it will pass by itself."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from kiosk.config import load_config
from kiosk.services.working_days import DueDate
from kiosk.services import catalogue, refusal, submission
from kiosk.services.outcome import Refused
from kiosk.services.registry import ELIGIBILITY
from kiosk.demo.personas import PERSONAS

if TYPE_CHECKING:
    from .conftest import Kiosk

REFUSALS = [(p.key, sid) for p in PERSONAS for sid, e in p.expected.items() if e.outcome == "refused"]

# The listed refusals that pass later by themselves (on the tests' day, 2026-03-10): a time window,
# a daily, monthly or yearly limit, an application under review. Every other listed refusal is
# permanent ("无法办理").
TEMPORARY = {
    ("hf_five_months", "hf_transfer_in"),  # six months of deposits first
    ("hf_transfer_in_pending", "hf_transfer_in"),
    ("hf_sealed_recent", "sealed_hf_withdrawal"),  # sealed less than half a year
    ("gov_alert_change", "gov_hf_transfer_in"),
    ("gov_local_transfer", "gov_medical_transfer_out"),
    ("gov_out_pending", "gov_hf_transfer_out"),
    ("gov_sealed_recent", "gov_sealed_hf_withdrawal"),
    ("gov_sealed_pending", "gov_sealed_hf_withdrawal"),
    ("gov_biannual_twice", "gov_biannual_withdrawal"),  # two a year
    ("issued_and_claimed", "hf_remote_loan_certificate"),  # one a month
    ("issued_and_claimed", "hf_interest_subsidy"),  # one a year
    ("subsidy_new_loan", "hf_interest_subsidy"),  # claimed from the year after the loan
    ("temp_account_just_moved", "temp_account_upgrade"),  # from the month after the move
    ("temp_account_pending", "temp_account_upgrade"),
    ("ue_refund_applied", "unemployment_refund"),  # seven days
}


def test_every_listed_refusal_says_what_to_do_next(kiosk: Kiosk) -> None:
    """All refusal personas through the service layer, on one store: a refusal writes no business."""
    assert TEMPORARY <= set(REFUSALS)  # the declaration names listed refusals only
    wrong = []
    for key, service_id in REFUSALS:
        outcome = kiosk.run(service_id, key)
        if not isinstance(outcome, Refused):
            wrong.append((key, service_id, "not refused", outcome))
            continue
        if not outcome.reason or len(outcome.next_step) <= len("您可以") or not outcome.next_step.startswith("您可以"):
            wrong.append((key, service_id, "no next step", outcome))
        heading = "暂时无法办理" if (key, service_id) in TEMPORARY else "无法办理"
        if outcome.heading != heading:
            wrong.append((key, service_id, f"heading should be {heading}", outcome))
        if outcome.instead is not None and catalogue.get(outcome.instead).tile_label not in outcome.next_step:
            wrong.append((key, service_id, "next step does not name the tile to tap", outcome))
    assert wrong == []


def test_the_nine_services_that_gave_no_next_step_now_do(kiosk: Kiosk) -> None:
    silent_before = ("hf_loan_query", "insurance_certificate", "mobile_medical_app", "paper_statement_optout",
                     "remote_medical_register", "resident_medical_withdrawal", "temp_account_upgrade",
                     "hf_interest_subsidy", "retirement_hf_withdrawal")
    for service_id in silent_before:
        key = next(k for k, s in REFUSALS if s == service_id)
        assert kiosk.run(service_id, key).next_step.startswith("您可以"), service_id


def test_a_resident_in_an_institution_service_is_sent_to_the_same_business_tile(kiosk: Kiosk) -> None:
    refused = kiosk.open("gov_hf_transfer_in", "enterprise_employee")
    assert refused.heading == "无法办理" and refused.instead == "hf_transfer_in"
    assert refused.next_step == "您可以返回首页，在“住房公积金”类别中点击“大市外住房公积金转入申请”办理"
    # No resident tile does the same as the SMS alerts: the counter then.
    assert kiosk.open("gov_sms_alerts", "enterprise_employee").next_step == refusal.COUNTER_ASK


def test_a_window_refusal_says_the_day_it_opens() -> None:
    refused = refusal.come_back("纸质权益单退订和恢复订阅只能在每年 1 月 1 日至 6 月 30 日办理", date(2027, 1, 1))
    assert (refused.heading, refused.next_step) == ("暂时无法办理", "您可以于 2027 年 1 月 1 日起再来办理")


@pytest.mark.parametrize(("due", "says"), [
    (DueDate(date(2026, 3, 13), False), "您可以等候中心办理（预计 2026-03-13 前办结）"),
    (DueDate(date(2027, 1, 5), True), "（预计 2027-01-05（以中心公布的节假日安排为准） 前办结）"),
    (DueDate(date(2026, 3, 9), False), "（预计办结日期 2026-03-09 已过）"),
    (None, "您可以拨打咨询电话或到中心柜面了解办理进度"),
])
def test_an_application_under_review(due: DueDate | None, says: str) -> None:
    refused = refusal.under_review("您已提交申请", due, date(2026, 3, 10))
    assert refused.temporary and says in refused.next_step


def test_a_next_step_starts_with_you_can() -> None:
    with pytest.raises(ValueError, match="您可以"):
        refusal.refuse("原因", "请至中心柜面办理")


def test_an_eligibility_check_that_returns_bare_text_is_a_bug(kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ELIGIBILITY._items, "flexible_normal", lambda ctx: "不能办理")
    with pytest.raises(TypeError, match="not a Refused"):
        kiosk.open("flex_contribution_change", "flex_normal")


def test_the_centre_contact_leaves_out_what_is_not_configured() -> None:
    demo = refusal.centre_contact(load_config(demo=True))
    assert demo[0] == "苏州工业园区社会保险基金和公积金管理中心" and demo[-1] == "咨询电话：12333"
    assert any(line.startswith("地址：") for line in demo) and any(line.startswith("办公时间：") for line in demo)
    production = refusal.centre_contact(load_config())  # the guide states no address or hours
    assert production == ("苏州工业园区社会保险基金和公积金管理中心", "咨询电话：12333")


def test_a_refusal_at_submission_also_says_what_to_do(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("remote_medical_register", "enterprise_employee")
    kiosk.walk(wizard)
    assert kiosk.submit(wizard).status == "completed"
    # The same answers again, as from a second kiosk that opened the service before the first saved.
    refused = submission.submit(kiosk.store, wizard.spec, wizard.ctx.person.id, wizard.answers, kiosk.clock,
                                kiosk.config)

    assert isinstance(refused, Refused) and refused.instead == "remote_medical_cancel"
    assert refused.next_step.endswith("办理，撤销后再重新登记")
