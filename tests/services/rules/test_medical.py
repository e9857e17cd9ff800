"""Remote medical registration (row 4): places, dates, who may choose resettlement, the SMS."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from kiosk.clock import CST
from kiosk.services.outcome import Accepted, Refused
from kiosk.services.profile import ServiceContext
from kiosk.services.refusal import COUNTER_ASK
from kiosk.services.rules.medical import remote_dates
from kiosk.store import models as m

if TYPE_CHECKING:
    from ..conftest import Kiosk

TODAY = date(2026, 3, 10)  # the kiosk fixture's clock
NINE_PLACES = [("gusu", "姑苏区"), ("gaoxin", "高新区"), ("wuzhong", "吴中区"), ("xiangcheng", "相城区"),
               ("wujiang", "吴江区"), ("kunshan", "昆山市"), ("taicang", "太仓市"), ("changshu", "常熟市"),
               ("zhangjiagang", "张家港市")]


def _at_dates(kiosk: Kiosk, key: str = "enterprise_employee"):
    wizard = kiosk.wizard("remote_medical_register", key)
    assert kiosk.walk(wizard, until="start_date") == {}
    return wizard


def _dates(kiosk: Kiosk, wizard, start: date, end: date) -> dict[str, str]:
    """Enters the dates whether they share a step or have one each; returns the first errors."""
    return kiosk.walk(wizard, start_date=start, end_date=end)


def test_place_options_are_the_nine_suzhou_places_outside_sip(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("remote_medical_register", "enterprise_employee")
    kiosk.walk(wizard, until="place")
    place = next(f for f in wizard.fields() if f.key == "place")
    assert [(o.value, o.label) for o in wizard.options(place)] == NINE_PLACES
    assert wizard.disabled_options(place) == {}
    assert "苏州工业园区" not in [o.label for o in wizard.options(place)]
    assert wizard.next({"place": "sip"}) == {"place": "请从列出的选项中选择就医地"}


def test_start_yesterday_is_refused(kiosk: Kiosk) -> None:
    wizard = _at_dates(kiosk)
    assert _dates(kiosk, wizard, TODAY - timedelta(days=1), TODAY + timedelta(days=30)) == {
        "start_date": "开始日期不能早于今天"}


def test_start_today_is_accepted(kiosk: Kiosk) -> None:
    wizard = _at_dates(kiosk)
    assert _dates(kiosk, wizard, TODAY, TODAY + timedelta(days=30)) == {}
    assert wizard.at_review


def test_start_at_most_90_days_ahead(kiosk: Kiosk) -> None:
    wizard = _at_dates(kiosk)
    limit = TODAY + timedelta(days=90)
    assert limit == date(2026, 6, 8)
    assert _dates(kiosk, wizard, limit + timedelta(days=1), limit + timedelta(days=60)) == {
        "start_date": "开始日期最晚可选 2026-06-08"}
    wizard = _at_dates(kiosk)
    assert _dates(kiosk, wizard, limit, limit + timedelta(days=60)) == {}


@pytest.mark.parametrize("end", [TODAY, TODAY - timedelta(days=1)], ids=["same day", "before"])
def test_end_not_after_start_is_refused(kiosk: Kiosk, end: date) -> None:
    wizard = _at_dates(kiosk)
    assert _dates(kiosk, wizard, TODAY, end) == {"end_date": "结束日期应晚于开始日期"}
    assert not wizard.at_review


def test_end_more_than_five_years_after_start_is_refused(kiosk: Kiosk) -> None:
    wizard = _at_dates(kiosk)
    assert _dates(kiosk, wizard, TODAY, date(2031, 3, 11)) == {
        "end_date": "一次登记最长 5 年，结束日期最晚为 2031-03-10"}
    wizard = _at_dates(kiosk)
    assert _dates(kiosk, wizard, TODAY, date(2031, 3, 10)) == {}


def test_five_years_from_a_leap_day_ends_on_28_february(kiosk: Kiosk) -> None:
    ctx = kiosk.open("remote_medical_register", "enterprise_employee")
    assert isinstance(ctx, ServiceContext)
    start = date(2028, 2, 29)
    assert remote_dates(ctx, {"start_date": start, "end_date": date(2033, 2, 28)}) == {}
    assert remote_dates(ctx, {"start_date": start, "end_date": date(2033, 3, 1)}) == {
        "end_date": "一次登记最长 5 年，结束日期最晚为 2033-02-28"}


def test_non_retired_person_cannot_choose_resettlement(kiosk: Kiosk) -> None:
    wizard = kiosk.wizard("remote_medical_register", "enterprise_employee")
    kiosk.walk(wizard, until="reason")
    reason = next(f for f in wizard.fields() if f.key == "reason")
    assert [(o.value, o.label) for o in wizard.options(reason)] == [
        ("retiree_resettled", "异地安置退休人员"), ("long_term_residence", "异地长期居住人员")]
    assert wizard.disabled_options(reason) == {"retiree_resettled": "异地安置仅限已退休人员选择"}
    assert wizard.next({"reason": "retiree_resettled"}) == {"reason": "异地安置仅限已退休人员选择"}
    assert wizard.next({"reason": "long_term_residence"}) == {}


def test_retiree_may_choose_resettlement(kiosk: Kiosk) -> None:
    outcome = kiosk.run("remote_medical_register", "retiree_resettled", reason="retiree_resettled")
    assert isinstance(outcome, Accepted)
    assert ("登记类型", "异地安置退休人员") in outcome.lines


def test_registration_row_and_sms_to_the_contact_mobile(kiosk: Kiosk) -> None:
    outcome = kiosk.run("remote_medical_register", "enterprise_employee", reason="long_term_residence",
                        place="kunshan", contact_mobile="13700001111", start_date=date(2026, 4, 1),
                        end_date=date(2028, 3, 31))
    assert isinstance(outcome, Accepted) and outcome.status == "completed"
    assert outcome.headline == "异地就医登记备案已办理成功，结果将以短信通知您"
    assert outcome.effective == "2026-04-01"
    assert outcome.printed == ()
    assert ("就医地", "苏州市昆山市") in outcome.lines
    assert ("有效期", "2026-04-01 至 2028-03-31") in outcome.lines

    pid = kiosk.person_id("enterprise_employee")
    [reg] = [r for r in kiosk.rows(m.RemoteMedicalRegistration, person_id=pid)]
    assert (reg.serial, reg.reason, reg.place, reg.contact_mobile, reg.start_date, reg.end_date, reg.status) == (
        outcome.serial, "long_term_residence", "kunshan", "13700001111", date(2026, 4, 1), date(2028, 3, 31),
        "active")
    assert reg.address == "姑苏区人民路 100 号 3 幢 201 室"

    [sms] = kiosk.rows(m.SmsMessage, serial=outcome.serial)
    assert sms.mobile == "13700001111" and sms.status == "queued"
    assert "苏州市昆山市" in sms.text
    assert "2026-04-01 至 2028-03-31" in sms.text
    assert outcome.serial in sms.text
    assert outcome.sms_count == 1  # the text, with the name, stays in the outbox only
    [submitted] = kiosk.rows(m.Submission, serial=outcome.serial)
    assert submitted.answers["start_date"] == "2026-04-01" and submitted.answers["end_date"] == "2028-03-31"


def test_a_second_registration_is_refused_at_opening(kiosk: Kiosk) -> None:
    first = kiosk.run("remote_medical_register", "enterprise_employee", place="wujiang",
                      end_date=date(2027, 6, 30))
    assert isinstance(first, Accepted)
    kiosk.clock.advance(minutes=5)
    again = kiosk.open("remote_medical_register", "enterprise_employee")
    assert again == Refused(reason="您已有有效的异地就医登记（就医地吴江区，至 2027-06-30），需要变更的，请先撤销原登记",
                            next_step="您可以返回首页，在“医疗保险”类别中点击“异地就医撤销”办理，撤销后再重新登记",
                            instead="remote_medical_cancel")
    pid = kiosk.person_id("enterprise_employee")
    assert len(kiosk.rows(m.RemoteMedicalRegistration, person_id=pid)) == 1
    assert [a.action for a in kiosk.rows(m.AuditEntry, person_id=pid)] == ["submitted", "refused"]


def test_seeded_registration_blocks_until_it_ends(kiosk: Kiosk) -> None:
    refused = kiosk.open("remote_medical_register", "remote_registered")
    assert isinstance(refused, Refused)
    assert "就医地昆山市，至 2027-12-31" in refused.reason
    kiosk.clock.set(datetime(2027, 12, 31, 23, 59, tzinfo=CST))
    assert isinstance(kiosk.open("remote_medical_register", "remote_registered"), Refused)
    kiosk.clock.set(datetime(2028, 1, 1, 0, 0, tzinfo=CST))
    assert isinstance(kiosk.open("remote_medical_register", "remote_registered"), ServiceContext)


def test_cancelled_registration_does_not_block(kiosk: Kiosk) -> None:
    pid = kiosk.person_id("remote_registered")
    with kiosk.store.transaction() as tx:
        for reg in tx.query(m.RemoteMedicalRegistration).filter_by(person_id=pid):
            reg.status = "cancelled"
    assert isinstance(kiosk.run("remote_medical_register", "remote_registered"), Accepted)


@pytest.mark.parametrize("key", ["flex_suspended", "no_sip_record"])
def test_without_normal_medical_insurance_is_refused(kiosk: Kiosk, key: str) -> None:
    assert kiosk.open("remote_medical_register", key) == Refused(
        reason="未查询到您在园区正常参加医疗保险的记录，无法办理异地就医登记", next_step=COUNTER_ASK)

