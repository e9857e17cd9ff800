"""The two log-ins: ID number (then face), citizen card + the centre's query password."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text

from kiosk.clock import CST, ManualClock
from kiosk.config import KioskConfig
from kiosk.services import login
from kiosk.services.idnumber import check_digit, mask
from kiosk.services.login import LoginFailed, LoginOk
from kiosk.store import models as m
from kiosk.store.database import Store
from kiosk.demo.personas import BY_KEY, PERSONAS

FLEX = BY_KEY["flex_normal"]  # 周建华, card M00000101, password 258036


def _person_id(store: Store, key: str) -> int:
    with store.transaction() as tx:
        return tx.execute(text("SELECT id FROM persons WHERE demo_key = :k"), {"k": key}).scalar_one()


def _credential(store: Store, person_id: int) -> m.Credential:
    with store.transaction() as tx:
        return tx.get_one(m.Credential, person_id)


# --- finding the person ----------------------------------------------------------------------------


def test_find_by_id_number_returns_the_person_with_a_masked_number(store: Store, clock: ManualClock) -> None:
    result = login.find_by_id_number(store, FLEX.id_number, clock)
    assert isinstance(result, LoginOk)
    assert result.name == "周建华"
    assert result.masked_id == mask(FLEX.id_number) == "3205**********131X"
    assert result.face_ref == "flex_normal"


def test_find_by_id_number_accepts_a_lower_case_x(store: Store, clock: ManualClock) -> None:
    assert FLEX.id_number.endswith("X")
    result = login.find_by_id_number(store, FLEX.id_number.lower(), clock)
    assert isinstance(result, LoginOk) and result.name == "周建华"


def test_valid_but_unknown_number_gets_a_clear_message(store: Store, clock: ManualClock) -> None:
    first17 = "32058319900101123"
    result = login.find_by_id_number(store, first17 + check_digit(first17), clock)
    assert result == LoginFailed(reason="未查询到该身份证号码的参保信息，请核对号码或到中心柜面咨询")


def test_mistyped_number_gets_the_check_digit_message(store: Store, clock: ManualClock) -> None:
    wrong = FLEX.id_number[:17] + "1"
    result = login.find_by_id_number(store, wrong, clock)
    assert isinstance(result, LoginFailed)
    assert result.reason == "身份证号码有误，请核对最后一位"


def test_find_by_card(store: Store) -> None:
    result = login.find_by_card(store, "M00000103")
    assert isinstance(result, LoginOk) and result.name == "陈志强"


def test_unknown_card(store: Store) -> None:
    result = login.find_by_card(store, "M99999999")
    assert result == LoginFailed(reason="未查询到这张社会保障·市民卡的信息，请使用身份证登录或到中心柜面咨询")


def test_lost_card_is_refused(store: Store) -> None:
    with store.transaction() as tx:
        tx.get_one(m.CitizenCard, "M00000101").status = "lost"
    result = login.find_by_card(store, "M00000101")
    assert result == LoginFailed(reason="这张市民卡已挂失或停用，请使用身份证登录")


# --- the password --------------------------------------------------------------------------------


def test_right_password_logs_in_and_is_audited(store: Store, clock: ManualClock, config: KioskConfig) -> None:
    pid = _person_id(store, "flex_normal")
    result = login.check_password(store, pid, "258036", clock, config)
    assert isinstance(result, LoginOk) and result.person_id == pid
    with store.transaction() as tx:
        actions = tx.execute(text("SELECT action, detail FROM audit_log WHERE person_id = :p"), {"p": pid}).all()
    assert [tuple(a) for a in actions] == [("login_ok", "citizen_card_password")]


def test_wrong_password_says_how_many_tries_remain(store: Store, clock: ManualClock, config: KioskConfig) -> None:
    pid = _person_id(store, "flex_normal")
    for remaining in (4, 3, 2, 1):
        result = login.check_password(store, pid, "000000", clock, config)
        assert result == LoginFailed(reason=f"密码不正确，还可以再试 {remaining} 次", remaining=remaining)
    assert _credential(store, pid).failed_attempts == 4
    assert login.password_lock(store, pid, clock) is None


def test_fifth_wrong_password_locks_until_next_midnight_cst(store: Store, config: KioskConfig) -> None:
    clock = ManualClock(datetime(2026, 3, 10, 23, 30, tzinfo=CST))
    pid = _person_id(store, "flex_normal")
    for _ in range(4):
        login.check_password(store, pid, "111111", clock, config)
    result = login.check_password(store, pid, "111111", clock, config)
    midnight = datetime(2026, 3, 11, 0, 0, tzinfo=CST)
    assert isinstance(result, LoginFailed)
    assert result.remaining == 0
    assert result.locked_until == midnight
    assert "密码登录已锁定至 2026-03-11 00:00" in result.reason
    assert "身份证 + 人脸识别" in result.reason
    cred = _credential(store, pid)
    assert cred.locked_until == midnight and cred.locked_until.utcoffset().total_seconds() == 8 * 3600
    # the keypad is not even offered while locked
    locked = login.password_lock(store, pid, clock)
    assert locked is not None and locked.locked_until == midnight


def test_lock_midnight_is_china_time_even_if_the_clock_is_given_in_utc(store: Store, config: KioskConfig) -> None:
    from datetime import timezone

    # 2026-03-10 17:00 UTC is 2026-03-11 01:00 in Suzhou: locked until 2026-03-12 00:00 CST
    clock = ManualClock(datetime(2026, 3, 10, 17, 0, tzinfo=timezone.utc))
    pid = _person_id(store, "flex_normal")
    for _ in range(5):
        result = login.check_password(store, pid, "111111", clock, config)
    assert result.locked_until == datetime(2026, 3, 12, 0, 0, tzinfo=CST)


def test_correct_password_while_locked_is_still_refused(store: Store, clock: ManualClock,
                                                       config: KioskConfig) -> None:
    pid = _person_id(store, "flex_normal")
    for _ in range(5):
        login.check_password(store, pid, "999999", clock, config)
    clock.advance(hours=13, minutes=59)  # 23:59 the same day
    result = login.check_password(store, pid, "258036", clock, config)
    assert isinstance(result, LoginFailed)
    assert result.locked_until == datetime(2026, 3, 11, 0, 0, tzinfo=CST)
    assert "已锁定" in result.reason


def test_lock_ends_at_midnight_and_the_counter_starts_again(store: Store, clock: ManualClock,
                                                           config: KioskConfig) -> None:
    pid = _person_id(store, "flex_normal")
    for _ in range(5):
        login.check_password(store, pid, "999999", clock, config)
    clock.set(datetime(2026, 3, 11, 0, 0, tzinfo=CST))
    assert login.password_lock(store, pid, clock) is None
    # a wrong password the next day starts from a fresh count of five
    result = login.check_password(store, pid, "999999", clock, config)
    assert result == LoginFailed(reason="密码不正确，还可以再试 4 次", remaining=4)
    cred = _credential(store, pid)
    assert cred.failed_attempts == 1 and cred.locked_until is None


def test_right_password_the_next_day_logs_in(store: Store, clock: ManualClock, config: KioskConfig) -> None:
    pid = _person_id(store, "flex_normal")
    for _ in range(5):
        login.check_password(store, pid, "999999", clock, config)
    clock.set(datetime(2026, 3, 11, 0, 0, tzinfo=CST))
    assert isinstance(login.check_password(store, pid, "258036", clock, config), LoginOk)
    cred = _credential(store, pid)
    assert cred.failed_attempts == 0 and cred.locked_until is None


def test_success_resets_the_counter(store: Store, clock: ManualClock, config: KioskConfig) -> None:
    pid = _person_id(store, "flex_normal")
    for _ in range(4):
        login.check_password(store, pid, "999999", clock, config)
    assert isinstance(login.check_password(store, pid, "258036", clock, config), LoginOk)
    assert _credential(store, pid).failed_attempts == 0
    # four more wrong ones do not lock: the count started again
    for _ in range(4):
        result = login.check_password(store, pid, "999999", clock, config)
    assert result.remaining == 1 and result.locked_until is None


def test_lockout_is_per_person(store: Store, clock: ManualClock, config: KioskConfig) -> None:
    pid = _person_id(store, "flex_normal")
    other = _person_id(store, "enterprise_employee")
    for _ in range(5):
        login.check_password(store, pid, "999999", clock, config)
    assert isinstance(login.check_password(store, other, "480627", clock, config), LoginOk)


def test_person_without_a_password_is_sent_to_the_face_log_in(store: Store, clock: ManualClock,
                                                              config: KioskConfig) -> None:
    pid = _person_id(store, "flex_normal")
    with store.transaction() as tx:
        tx.delete(tx.get_one(m.Credential, pid))
    expected = "您尚未设置社保和公积金查询密码，请使用身份证 + 人脸识别登录"
    assert login.password_lock(store, pid, clock) == LoginFailed(reason=expected)
    assert login.check_password(store, pid, "258036", clock, config) == LoginFailed(reason=expected)


def test_audit_log_never_holds_a_password_or_a_full_id_number(store: Store, clock: ManualClock,
                                                             config: KioskConfig) -> None:
    pid = _person_id(store, "flex_normal")
    typed = ["123456", "654321", "000111", "999888", "777666"]
    login.check_password(store, pid, "258036", clock, config)
    for wrong in typed:  # the fifth locks
        login.check_password(store, pid, wrong, clock, config)
    login.check_password(store, pid, "258036", clock, config)  # refused while locked
    login.find_by_id_number(store, FLEX.id_number, clock)
    login.find_by_card(store, FLEX.card_number)
    other = _person_id(store, "enterprise_employee")
    login.check_password(store, other, "480627", clock, config)
    login.check_password(store, other, "480628", clock, config)

    with store.transaction() as tx:
        columns = [c.name for c in m.AuditEntry.__table__.columns]
        rows = tx.execute(text(f"SELECT {', '.join(columns)} FROM audit_log")).all()
    assert len(rows) >= 7
    cells = [str(value) for row in rows for value in row if value is not None]
    secrets = ["258036", "480627", "480628", *typed, *(p.id_number for p in PERSONAS)]
    leaks = [(s, c) for s in secrets for c in cells if s in c]
    assert leaks == []


@pytest.mark.parametrize("key", [p.key for p in PERSONAS])
def test_every_demo_persona_can_log_in_with_card_and_password(store: Store, clock: ManualClock,
                                                              config: KioskConfig, key: str) -> None:
    persona = BY_KEY[key]
    found = login.find_by_card(store, persona.card_number)
    assert isinstance(found, LoginOk) and found.name == persona.name
    assert isinstance(login.check_password(store, found.person_id, persona.password, clock, config), LoginOk)


def test_a_head_start_gives_the_same_answers_and_counts_every_wrong_try(store: Store, clock: ManualClock,
                                                                        config: KioskConfig) -> None:
    pid = _person_id(store, "flex_normal")
    wrong = login.PasswordHeadStart(pid, "000000")
    wrong.run(store)
    assert _credential(store, pid).failed_attempts == 0  # worked out, not counted
    result = login.check_password(store, pid, "000000", clock, config, wrong)
    assert result == LoginFailed(reason="密码不正确，还可以再试 4 次", remaining=4)
    # A head start for other digits than those confirmed is not used: the confirmed ones are checked.
    other = login.PasswordHeadStart(pid, "000000")
    other.run(store)
    assert isinstance(login.check_password(store, pid, "258036", clock, config, other), LoginOk)


def test_a_head_start_worked_out_before_the_password_was_set_again_is_not_used(store: Store, clock: ManualClock,
                                                                         config: KioskConfig) -> None:
    from kiosk.services.passwords import hash_password

    pid = _person_id(store, "flex_normal")
    head = login.PasswordHeadStart(pid, "258036")
    head.run(store)
    with store.transaction() as tx:
        tx.get_one(m.Credential, pid).password_hash = hash_password("258036")  # set again: a new salt
    assert isinstance(login.check_password(store, pid, "258036", clock, config, head), LoginOk)
