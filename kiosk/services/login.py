"""The two log-ins of the guide: ID card (or typed number) + face, citizen card + query password.

The password is the centre's 社保和公积金密码, checked here against a salted scrypt hash with a
server-side lockout; it is never sent to the card, logged, or stored in clear.
"""

from __future__ import annotations

import hmac
import logging
import threading
from datetime import datetime, time, timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from kiosk.clock import Clock
from kiosk.config import KioskConfig
from kiosk.services import idnumber
from kiosk.services.passwords import password_digest, verify_password
from kiosk.store import journal
from kiosk.store import models as m
from kiosk.store.database import Store

log = logging.getLogger(__name__)


class LoginOk(BaseModel):
    model_config = ConfigDict(frozen=True)

    person_id: int
    name: str
    masked_id: str
    face_ref: str | None = None


class LoginFailed(BaseModel):
    model_config = ConfigDict(frozen=True)

    reason: str
    remaining: int | None = None
    locked_until: datetime | None = None


LoginResult = LoginOk | LoginFailed


def _ok(person: m.Person) -> LoginOk:
    return LoginOk(person_id=person.id, name=person.name, masked_id=idnumber.mask(person.id_number),
                   face_ref=person.face_ref)


def find_by_id_number(store: Store, raw: str, clock: Clock) -> LoginResult:
    """Checks the number (GB 11643: region, birth date, check digit), then finds the insured person."""
    try:
        number = idnumber.validate(raw, clock.now().date())
    except idnumber.IdNumberError as exc:
        return LoginFailed(reason=str(exc))
    with store.transaction(read_only=True) as tx:
        person = tx.scalar(select(m.Person).where(m.Person.id_number == number))
        if person is None:
            return LoginFailed(reason="未查询到该身份证号码的参保信息，请核对号码或到中心柜面咨询")
        return _ok(person)


def find_by_card(store: Store, card_number: str) -> LoginResult:
    with store.transaction(read_only=True) as tx:
        card = tx.get(m.CitizenCard, card_number)
        if card is None:
            return LoginFailed(reason="未查询到这张社会保障·市民卡的信息，请使用身份证登录或到中心柜面咨询")
        if card.status != "normal":
            return LoginFailed(reason="这张市民卡已挂失或停用，请使用身份证登录")
        return _ok(tx.get_one(m.Person, card.person_id))


def _next_midnight(now: datetime) -> datetime:
    return datetime.combine(now.date() + timedelta(days=1), time(0, 0), tzinfo=now.tzinfo)


def _locked_message(until: datetime) -> str:
    return (f"密码连续输错次数过多，密码登录已锁定至 {until:%Y-%m-%d %H:%M}。"
            "您可以改用身份证 + 人脸识别登录，或办理“社保查询密码重置”")


def password_lock(store: Store, person_id: int, clock: Clock) -> LoginFailed | None:
    """Whether password log-in is locked for this person now (asked before showing the keypad)."""
    with store.transaction(read_only=True) as tx:
        cred = tx.get(m.Credential, person_id)
        if cred is None:
            return LoginFailed(reason="您尚未设置社保和公积金查询密码，请使用身份证 + 人脸识别登录")
        if cred.locked_until and cred.locked_until > clock.now():
            return LoginFailed(reason=_locked_message(cred.locked_until), locked_until=cred.locked_until)
    return None


class PasswordHeadStart:
    """The scrypt work of a typed password, done while the resident moves to 确定 (issue 15).

    `run` (on a worker) reads the person's stored hash without counting anything and works out the
    digest of the digits typed; `check_password` given this object uses that digest when the
    password confirmed and the stored hash are still the same ones, and waits for it if it is still
    being worked out (before taking the row). Nothing is decided here: the try is counted, and the lock applied, by
    `check_password` as before. Kept by the window only until the password is confirmed or the
    session ends.
    """

    WAIT_S = 2.0  # longer than any scrypt here: past it, check_password works the digest out itself

    def __init__(self, person_id: int, password: str) -> None:
        self.person_id = person_id
        self._password = password
        self._stored: str | None = None
        self._digest: bytes | None = None
        self._done = threading.Event()

    def run(self, store: Store) -> None:
        try:
            with store.transaction(read_only=True) as tx:
                cred = tx.get(m.Credential, self.person_id)
                stored = cred.password_hash if cred is not None else None
            if stored is not None:
                self._stored, self._digest = stored, password_digest(self._password, stored)
        finally:
            self._done.set()

    def digest_for(self, person_id: int, password: str, stored: str) -> bytes | None:
        """The digest worked out beforehand, or None when it was for another password, person or hash."""
        if person_id != self.person_id or not hmac.compare_digest(password.encode(), self._password.encode()):
            return None
        if not self._done.is_set() or self._stored != stored:
            return None
        return self._digest

    def wait(self) -> None:
        """Until `run` is over (at most WAIT_S): before the check's transaction, which holds the row."""
        self._done.wait(self.WAIT_S)


def check_password(store: Store, person_id: int, password: str, clock: Clock,
                   config: KioskConfig, head_start: PasswordHeadStart | None = None) -> LoginResult:
    """Checks the query password; counts failures and locks until the next day at the limit.

    The counter lives in the store and is read, checked against scrypt and written in one
    transaction that holds the credential row (PostgreSQL) or the write lock (SQLite): with many
    kiosks trying one person at once, no more than `limit` wrong passwords are ever checked.
    """
    limit = config.session.password_attempts
    now = clock.now()
    terminal = config.kiosk.terminal_id
    if head_start is not None:
        head_start.wait()
    with store.transaction() as tx:
        cred = tx.get(m.Credential, person_id, with_for_update=True)
        person = tx.get_one(m.Person, person_id)
        if cred is None:
            return LoginFailed(reason="您尚未设置社保和公积金查询密码，请使用身份证 + 人脸识别登录")
        if cred.locked_until and cred.locked_until > now:
            return LoginFailed(reason=_locked_message(cred.locked_until), locked_until=cred.locked_until)
        if cred.locked_until and cred.locked_until <= now:
            cred.failed_attempts, cred.locked_until = 0, None
        elif cred.failed_attempts and cred.updated_at.date() < now.date():
            cred.failed_attempts = 0  # the limit counts the wrong tries of one day
        digest = head_start.digest_for(person_id, password, cred.password_hash) if head_start else None
        if verify_password(password, cred.password_hash, digest):
            cred.failed_attempts = 0
            cred.updated_at = now
            journal.audit(tx, now, terminal, "login_ok", person_id=person_id, detail="citizen_card_password")
            return _ok(person)
        cred.failed_attempts += 1
        cred.updated_at = now
        remaining = limit - cred.failed_attempts
        if remaining <= 0:
            cred.locked_until = _next_midnight(now)
            journal.audit(tx, now, terminal, "password_locked", person_id=person_id,
                          detail=f"{cred.failed_attempts} wrong passwords")
            log.warning("password log-in locked for person %s until %s", person_id, cred.locked_until)
            return LoginFailed(reason=_locked_message(cred.locked_until), remaining=0,
                               locked_until=cred.locked_until)
        journal.audit(tx, now, terminal, "login_failed", person_id=person_id, detail="wrong password")
        return LoginFailed(reason=f"密码不正确，还可以再试 {remaining} 次", remaining=remaining)


def lock_note(failed: LoginFailed) -> str:
    """The few words under the greyed 市民卡 + 密码 button once password log-in is closed."""
    if failed.locked_until is not None:
        return f"密码输错次数过多，已锁定至 {failed.locked_until:%H:%M}"
    return failed.reason.split("，")[0]  # e.g. 您尚未设置社保和公积金查询密码
