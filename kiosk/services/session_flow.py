"""The kiosk's session flow as a pure function: `next_state(state, event) -> state`.

Each `Screen` is one screen of the UI. Leaving a session (home, idle timeout, card removed,
service finished) yields a state with no person in it; the UI clears every screen on that.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the home screen paints before the store (issue 15)
    from kiosk.services.login import LoginOk
    from kiosk.services.outcome import Outcome


class Screen(StrEnum):
    HOME = "home"
    LOGIN_CHOICE = "login_choice"
    ID_INPUT = "id_input"
    FACE = "face"
    CARD_INSERT = "card_insert"
    PASSWORD = "password"
    WIZARD = "wizard"
    RESULT = "result"
    REPRINT = "reprint"  # 凭补打码补打: a reprint by code, no log-in, no person
    CARD_RETURN = "card_return"  # 请取回您的身份证/市民卡: held until the reader reports the card gone


ID_CARD_FACE = "id_card_face"
CARD_PASSWORD = "citizen_card_password"


@dataclass(frozen=True)
class FlowState:
    screen: Screen = Screen.HOME
    service_id: str | None = None
    methods: tuple[str, ...] = ()  # log-in methods the service allows and the session still offers
    method: str | None = None
    candidate: LoginOk | None = None  # identified, not yet verified (face or password pending)
    person: LoginOk | None = None  # logged in
    card_inserted: bool = False  # the log-in card was inserted (not typed), so pulling it logs out
    face_attempts: int = 0
    message: str = ""
    outcome: Outcome | None = None
    card_left: str | None = None  # a card still in a reader after the business ("id_card"/"citizen_card")
    # Log-in methods this session took away, with why (said under the greyed button): face tries
    # used up, the camera out, the password locked.
    closed: tuple[tuple[str, str], ...] = ()

    @property
    def has_person(self) -> bool:
        return self.candidate is not None or self.person is not None


# --- events -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ServiceChosen:
    service_id: str
    methods: tuple[str, ...]


@dataclass(frozen=True)
class MethodChosen:
    method: str


@dataclass(frozen=True)
class Identified:
    """The ID card or typed number (or the citizen card) names a known person."""

    login: LoginOk
    inserted: bool


@dataclass(frozen=True)
class IdentifyFailed:
    reason: str


@dataclass(frozen=True)
class FaceChecked:
    ok: bool
    message: str = ""


@dataclass(frozen=True)
class FaceUnavailable:
    """The camera or verifier is out of order: offer the other log-in at once."""

    message: str


@dataclass(frozen=True)
class PasswordChecked:
    ok: bool
    message: str = ""
    locked: bool = False
    note: str = ""  # when locked: what the log-in choice says under the greyed button (login.lock_note)


@dataclass(frozen=True)
class ServiceFinished:
    outcome: Outcome


@dataclass(frozen=True)
class Back:
    pass


@dataclass(frozen=True)
class GoHome:
    pass


@dataclass(frozen=True)
class IdleTimeout:
    pass


@dataclass(frozen=True)
class CardRemoved:
    pass


@dataclass(frozen=True)
class ReprintChosen:
    """The home screen's 凭补打码补打 tile."""


@dataclass(frozen=True)
class CardLeft:
    """The session ended with this card still in its reader: the result asks for it, or its own screen."""

    card: str


@dataclass(frozen=True)
class CardTaken:
    """The reader no longer holds the card that was asked back."""


Event = (ServiceChosen | MethodChosen | Identified | IdentifyFailed | FaceChecked | FaceUnavailable
         | PasswordChecked
         | ReprintChosen
         | ServiceFinished | Back | GoHome | IdleTimeout | CardRemoved | CardLeft | CardTaken)

HOME = FlowState()


def _without(methods: tuple[str, ...], method: str) -> tuple[str, ...]:
    return tuple(m for m in methods if m != method)


def _close(state: FlowState, method: str, why: str, message: str) -> FlowState:
    """Back to the log-in choice without `method`, or home when no other method is left."""
    others = _without(state.methods, method)
    if not others:
        return replace(HOME, message=message)
    return FlowState(screen=Screen.LOGIN_CHOICE, service_id=state.service_id, methods=others, message=message,
                     closed=(*state.closed, (method, why)))


def next_state(state: FlowState, event: Event, *, face_attempts: int = 3) -> FlowState:
    """The flow's whole logic. Unknown (event, screen) pairs leave the state unchanged."""
    match event:
        case GoHome() | IdleTimeout():
            return HOME
        case CardRemoved():
            return HOME if state.card_inserted and state.screen != Screen.HOME else state
        case CardLeft(card) if state.screen == Screen.RESULT:
            return replace(state, card_left=card)  # the result stays; a banner asks for the card
        case CardLeft(card) if state.screen == Screen.HOME:
            # Why the session ended (e.g. 人脸识别未通过，请到中心柜面办理) stays on screen with the card.
            return FlowState(screen=Screen.CARD_RETURN, card_left=card, message=state.message)
        case CardTaken() if state.screen == Screen.RESULT:
            return replace(state, card_left=None)
        case CardTaken() if state.screen == Screen.CARD_RETURN:
            return HOME
        case ServiceChosen(service_id, methods) if state.screen == Screen.HOME:
            return FlowState(screen=Screen.LOGIN_CHOICE, service_id=service_id, methods=methods)
        case ReprintChosen() if state.screen == Screen.HOME:
            return FlowState(screen=Screen.REPRINT)
        case Back() if state.screen == Screen.REPRINT:
            return HOME
        case MethodChosen(method) if state.screen == Screen.LOGIN_CHOICE and method in state.methods:
            screen = Screen.ID_INPUT if method == ID_CARD_FACE else Screen.CARD_INSERT
            # face_attempts is kept: going back and choosing the face again does not earn new tries.
            return replace(state, screen=screen, method=method, message="", candidate=None)
        case Identified(login, inserted) if state.screen in (Screen.ID_INPUT, Screen.CARD_INSERT):
            screen = Screen.FACE if state.screen == Screen.ID_INPUT else Screen.PASSWORD
            return replace(state, screen=screen, candidate=login, card_inserted=inserted, message="")
        case IdentifyFailed(reason) if state.screen in (Screen.ID_INPUT, Screen.CARD_INSERT):
            return replace(state, message=reason)
        case FaceChecked(ok, message) if state.screen == Screen.FACE:
            if ok:
                return replace(state, screen=Screen.WIZARD, person=state.candidate, candidate=None, message="")
            attempts = state.face_attempts + 1
            if attempts < face_attempts:
                return replace(state, face_attempts=attempts,
                               message=f"{message}（还可以再试 {face_attempts - attempts} 次）")
            if not _without(state.methods, ID_CARD_FACE):
                return replace(HOME, message="人脸识别未通过，请到中心柜面办理")
            return _close(state, ID_CARD_FACE,
                          f"人脸识别已 {face_attempts} 次未通过，本次不能再用此方式",
                          f"人脸识别 {face_attempts} 次未通过，请改用市民卡 + 密码登录")
        case FaceUnavailable(message) if state.screen == Screen.FACE:
            return _close(state, ID_CARD_FACE, message.split("，")[0], message)
        case PasswordChecked(ok, message, locked, note) if state.screen == Screen.PASSWORD:
            if ok:
                return replace(state, screen=Screen.WIZARD, person=state.candidate, candidate=None, message="")
            if locked:
                return _close(state, CARD_PASSWORD, note or message, message)
            return replace(state, message=message)
        case ServiceFinished(outcome) if state.screen == Screen.WIZARD:
            # The business is done: the person is logged out; the result screen shows no personal data.
            return FlowState(screen=Screen.RESULT, service_id=state.service_id, outcome=outcome)
        case Back():
            if state.screen == Screen.LOGIN_CHOICE:
                return HOME
            if state.screen in (Screen.ID_INPUT, Screen.CARD_INSERT, Screen.FACE, Screen.PASSWORD):
                return FlowState(screen=Screen.LOGIN_CHOICE, service_id=state.service_id, methods=state.methods,
                                 face_attempts=state.face_attempts, closed=state.closed)
            if state.screen == Screen.RESULT:
                return HOME
    return state
