"""Password reset and 园区掌上医保: weak passwords, the SMS code's life and tries, secrets never stored."""

from __future__ import annotations

import re


import pytest
from sqlalchemy import select

from kiosk.config import load_config
from kiosk.services import catalogue, login, submission
from kiosk.services.passwords import verify_password
from kiosk.services.profile import ServiceContext, load_profile
from kiosk.services.rules.accounts import weak_reason
from kiosk.store import journal
from kiosk.store import models as m
from kiosk.store.tables.accounts import MobileMedicalAccount, SmsCode

CONFIG = load_config(demo=True)


def _person(store, key: str) -> int:  # noqa: ANN001
    with store.transaction() as tx:
        return tx.scalar(select(m.Person.id).where(m.Person.demo_key == key))


def _ctx(store, person_id: int, clock) -> ServiceContext:  # noqa: ANN001
    with store.transaction() as tx:
        return ServiceContext(load_profile(tx, person_id), clock.now(), CONFIG)


@pytest.mark.parametrize(("password", "why"), [
    ("111111", "同一个数字"), ("123456", "连续"), ("654321", "连续"), ("345678", "连续"),
])
def test_weak_passwords_are_refused(store, clock, password: str, why: str) -> None:  # noqa: ANN001
    assert why in weak_reason(password, _ctx(store, _person(store, "flex_normal"), clock))


def test_birth_date_and_id_number_parts_are_refused(store, clock) -> None:  # noqa: ANN001
    ctx = _ctx(store, _person(store, "flex_normal"), clock)  # born 1978-05-12
    for password in ("780512", "051278", "120578", ctx.person.id_number[-7:-1]):
        assert "出生日期" in weak_reason(password, ctx), password
    assert weak_reason("739146", ctx) is None
    assert weak_reason("135792", ctx) is None  # a step of 2 is not a run of consecutive digits


def _answers(mobile: str, code: str = "") -> dict:
    return {"mobile": mobile, "sms_code": code}


def _sent_code(store) -> str:  # noqa: ANN001
    with store.transaction() as tx:
        message = tx.scalars(select(m.SmsMessage).order_by(m.SmsMessage.id.desc())).first()
        assert "验证码 ******" in message.text  # never stored in clear; the gateway gets the digits
        text = journal.sms_text(message)
    return re.search(r"验证码 (\d{6})", text).group(1)


def test_code_is_texted_and_stored_hashed_only(store, clock) -> None:  # noqa: ANN001
    spec = catalogue.get("mobile_medical_app")
    pid = _person(store, "enterprise_employee")
    message = submission.run_action(store, spec, "mobile", pid, _answers("13912345603"), clock, CONFIG)
    assert message == "验证码已发送至 139****5603，5 分钟内有效"
    code = _sent_code(store)
    with store.transaction() as tx:
        row = tx.scalars(select(SmsCode)).one()
        assert code not in row.code_hash and verify_password(code, row.code_hash)


def test_code_cannot_be_resent_within_a_minute(store, clock) -> None:  # noqa: ANN001
    spec = catalogue.get("mobile_medical_app")
    pid = _person(store, "enterprise_employee")
    submission.run_action(store, spec, "mobile", pid, _answers("13912345603"), clock, CONFIG)
    clock.advance(30)
    assert "30 秒后再获取" in submission.run_action(store, spec, "mobile", pid, _answers("13912345603"), clock, CONFIG)
    clock.advance(30)
    assert "已发送至" in submission.run_action(store, spec, "mobile", pid, _answers("13912345603"), clock, CONFIG)


def test_code_expires_after_five_minutes(store, clock) -> None:  # noqa: ANN001
    spec = catalogue.get("mobile_medical_app")
    pid = _person(store, "enterprise_employee")
    submission.run_action(store, spec, "mobile", pid, _answers("13912345603"), clock, CONFIG)
    code = _sent_code(store)
    clock.advance(minutes=5)
    errors = submission.verify_step(store, spec, "mobile_step", pid, _answers("13912345603", code), clock, CONFIG)
    assert errors == {"sms_code": "验证码已过期，请返回上一步重新获取"}


def test_code_right_just_before_expiry(store, clock) -> None:  # noqa: ANN001
    spec = catalogue.get("mobile_medical_app")
    pid = _person(store, "enterprise_employee")
    submission.run_action(store, spec, "mobile", pid, _answers("13912345603"), clock, CONFIG)
    code = _sent_code(store)
    clock.advance(minutes=4, seconds=59)
    assert submission.verify_step(store, spec, "mobile_step", pid, _answers("13912345603", code), clock, CONFIG) == {}


def test_three_wrong_codes_use_the_code_up(store, clock) -> None:  # noqa: ANN001
    spec = catalogue.get("mobile_medical_app")
    pid = _person(store, "enterprise_employee")
    submission.run_action(store, spec, "mobile", pid, _answers("13912345603"), clock, CONFIG)
    code = _sent_code(store)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    verify = lambda c: submission.verify_step(store, spec, "mobile_step", pid, _answers("13912345603", c),  # noqa: E731
                                              clock, CONFIG)
    assert verify(wrong) == {"sms_code": "验证码不正确，还可以再试 2 次"}
    assert verify(wrong) == {"sms_code": "验证码不正确，还可以再试 1 次"}
    assert "次数过多" in verify(wrong)["sms_code"]
    assert "次数过多" in verify(code)["sms_code"]  # even the right code is no good now


def test_code_sent_to_another_mobile_does_not_verify(store, clock) -> None:  # noqa: ANN001
    spec = catalogue.get("mobile_medical_app")
    pid = _person(store, "enterprise_employee")
    submission.run_action(store, spec, "mobile", pid, _answers("13912345603"), clock, CONFIG)
    code = _sent_code(store)
    errors = submission.verify_step(store, spec, "mobile_step", pid, _answers("13700000000", code), clock, CONFIG)
    assert errors == {"sms_code": "请先点击“获取短信验证码”"}


def test_app_account_keeps_a_hash_and_submission_keeps_no_secret(store, clock) -> None:  # noqa: ANN001
    spec = catalogue.get("mobile_medical_app")
    pid = _person(store, "enterprise_employee")
    submission.run_action(store, spec, "mobile", pid, _answers("13912345603"), clock, CONFIG)
    code = _sent_code(store)
    assert submission.verify_step(store, spec, "mobile_step", pid, _answers("13912345603", code), clock, CONFIG) == {}
    answers = {"mobile": "13912345603", "sms_code": code, "payment_password": "739146",
               "payment_password_again": "739146"}
    outcome = submission.submit(store, spec, pid, answers, clock, CONFIG)
    assert outcome.status == "completed"
    with store.transaction() as tx:
        account = tx.get(MobileMedicalAccount, pid)
        assert verify_password("739146", account.payment_password_hash)
        stored = tx.get(m.Submission, outcome.serial).answers
        assert stored == {"mobile": "13912345603"}


def test_app_refused_without_a_verified_code(store, clock) -> None:  # noqa: ANN001
    spec = catalogue.get("mobile_medical_app")
    pid = _person(store, "enterprise_employee")
    answers = {"mobile": "13912345603", "sms_code": "123456", "payment_password": "739146",
               "payment_password_again": "739146"}
    outcome = submission.submit(store, spec, pid, answers, clock, CONFIG)
    assert outcome.status == "refused" and "短信验证" in outcome.reason


def test_password_reset_clears_the_lockout_and_the_new_password_works(store, clock) -> None:  # noqa: ANN001
    pid = _person(store, "flex_normal")
    for _ in range(5):
        login.check_password(store, pid, "000000", clock, CONFIG)
    assert login.password_lock(store, pid, clock) is not None
    spec = catalogue.get("password_reset")
    outcome = submission.submit(store, spec, pid, {"new_password": "739146", "new_password_again": "739146"},
                                clock, CONFIG)
    assert outcome.status == "completed"
    assert login.password_lock(store, pid, clock) is None
    assert isinstance(login.check_password(store, pid, "739146", clock, CONFIG), login.LoginOk)
    assert not isinstance(login.check_password(store, pid, "258036", clock, CONFIG), login.LoginOk)
    with store.transaction() as tx:
        assert tx.get(m.Submission, outcome.serial).answers == {}


def test_password_reset_needs_both_entries_equal(store, clock) -> None:  # noqa: ANN001
    spec = catalogue.get("password_reset")
    pid = _person(store, "flex_normal")
    outcome = submission.submit(store, spec, pid, {"new_password": "739146", "new_password_again": "739147"},
                                clock, CONFIG)
    assert outcome.status == "refused" and "不一致" in outcome.reason


def test_password_reset_is_for_id_card_log_in_only() -> None:
    assert catalogue.get("password_reset").login_methods == ("id_card_face",)


