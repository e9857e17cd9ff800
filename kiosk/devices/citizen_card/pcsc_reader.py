"""The citizen-card (社会保障卡) reader on PC/SC through pyscard: reads EF05 / EF06, never the PIN."""

from __future__ import annotations

import logging
import threading
from typing import Any

from smartcard import scard

from kiosk.devices.citizen_card import apdu
from kiosk.devices.citizen_card.protocol import (
    CardError,
    CardPresent,
    CitizenCardData,
    CitizenCardStatus,
    NoCard,
    NoReader,
)

log = logging.getLogger(__name__)

# The card was pulled or stopped answering mid-read: PC/SC cannot tell the two apart in time.
INTERRUPTED_MESSAGE = "市民卡读取中断，请将卡插好，读取完成前不要取出"
NO_ANSWER_MESSAGE = "市民卡无应答，请取出后重新插入"
READER_FAULT_MESSAGE = "市民卡读卡器故障，暂停市民卡登录，请使用身份证登录"

# pcscd itself is gone or restarted: the context is dead and must be established again.
_SERVICE_GONE = {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED, scard.SCARD_E_INVALID_HANDLE}
_READER_GONE = {scard.SCARD_E_READER_UNAVAILABLE, scard.SCARD_E_UNKNOWN_READER}
_NO_CARD = {scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_REMOVED_CARD}
_MUTE_CARD = {scard.SCARD_W_UNRESPONSIVE_CARD, scard.SCARD_W_UNPOWERED_CARD, scard.SCARD_E_PROTO_MISMATCH,
              scard.SCARD_W_UNSUPPORTED_CARD}


class _TransportError(Exception):
    """PC/SC could not carry a command to the card and back."""

    def __init__(self, step: str, hresult: int) -> None:
        super().__init__(f"{step}: {_describe(hresult)}")
        self.hresult = hresult


class PcscCitizenCardReader:
    """A PC/SC reader holding the citizen card, polled by the kiosk.

    `poll` selects the SSSE DDF and reads the card number (EF05 tag 07), the social-security
    number (EF06 tag 08) and the name (EF06 tag 09) inside one PC/SC transaction, and never
    raises. The card stays connected after a good read: while pcscd reports the same ATR on that
    connection the card is still in, and the read is reused (one SCardStatus per poll). pcscd
    invalidates the connection when the card leaves, so a new card is always read afresh. Polls
    from several threads take turns.

    Args:
        reader_name: Part of the PC/SC reader name to use; empty takes the first reader listed.
    """

    def __init__(self, reader_name: str = "") -> None:
        self.reader_name = reader_name
        self._lock = threading.Lock()
        self._context: Any = None
        self._card: Any = None
        self._protocol = 0
        self._atr: list[int] = []
        self._held: CitizenCardData | None = None
        self._last_logged = ""

    # -- public --------------------------------------------------------------------------------
    def poll(self) -> CitizenCardStatus:
        """Reads the inserted card, if any. Never raises: faults come back as statuses."""
        with self._lock:
            try:
                return self._poll()
            except Exception as exc:  # noqa: BLE001 - the UI's poll must never see an exception
                log.exception("citizen card reader: unexpected failure")
                self._release()
                self._last_logged = f"unexpected {exc!r}"
                return NoReader(message=READER_FAULT_MESSAGE)

    def close(self) -> None:
        """Lets go of the card and of pcscd (the next poll connects again)."""
        with self._lock:
            self._release()

    # -- one poll ------------------------------------------------------------------------------
    def _poll(self) -> CitizenCardStatus:
        if self._card is not None:
            held = self._still_held()
            if held is not None:
                return held
        if self._context is None:
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult != scard.SCARD_S_SUCCESS:
                self._note(logging.ERROR, f"no PC/SC service: {_describe(hresult)}")
                return NoReader()
            self._context = context
        reader = self._find_reader()
        if reader is None:
            return NoReader()
        hresult, card, protocol = scard.SCardConnect(self._context, reader, scard.SCARD_SHARE_SHARED,
                                                     scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
        if hresult in _NO_CARD:
            return self._settled(NoCard())
        if hresult != scard.SCARD_S_SUCCESS:
            return self._connect_failed(reader, hresult)
        self._card, self._protocol = card, protocol
        return self._read(reader)

    def _still_held(self) -> CitizenCardStatus | None:
        """The held card if its connection says it is still in; None when it must be connected afresh."""
        hresult, _reader, _state, _protocol, atr = scard.SCardStatus(self._card)
        if hresult == scard.SCARD_S_SUCCESS and self._held is not None and list(atr) == self._atr:
            return self._settled(CardPresent(card=self._held))
        if self._held is not None:
            log.info("citizen card removed or reset (%s)", _describe(hresult))
        self._disconnect(scard.SCARD_LEAVE_CARD)
        if hresult in _SERVICE_GONE:
            self._release()
        return None

    def _find_reader(self) -> str | None:
        hresult, readers = scard.SCardListReaders(self._context, [])
        if hresult in _SERVICE_GONE:
            self._release()  # pcscd restarted: the next poll establishes a new context
        if hresult != scard.SCARD_S_SUCCESS or not readers:
            self._note(logging.ERROR, f"no PC/SC reader: {_describe(hresult)}")
            return None
        chosen = next((r for r in readers if self.reader_name in r), None)
        if chosen is None:
            self._note(logging.ERROR, f"no PC/SC reader matches {self.reader_name!r} among {readers}")
        return chosen

    def _connect_failed(self, reader: str, hresult: int) -> CitizenCardStatus:
        self._note(logging.WARNING, f"cannot connect to the card in {reader!r}: {_describe(hresult)}")
        if hresult in _SERVICE_GONE:
            self._release()
            return NoReader()
        if hresult in _READER_GONE:
            return NoReader()
        if hresult in _MUTE_CARD:
            return CardError(message=NO_ANSWER_MESSAGE)
        return CardError()

    def _read(self, reader: str) -> CitizenCardStatus:
        hresult, _reader, _state, _protocol, atr = scard.SCardStatus(self._card)
        if hresult != scard.SCARD_S_SUCCESS:
            return self._transport_failed(_TransportError("status", hresult))
        # The transaction keeps other PC/SC clients from slipping commands between ours.
        hresult = scard.SCardBeginTransaction(self._card)
        if hresult != scard.SCARD_S_SUCCESS:
            return self._transport_failed(_TransportError("begin transaction", hresult))
        try:
            card = apdu.read_card(self._transmit)
        except apdu.ApduError as exc:
            self._note(logging.WARNING, f"card in {reader!r} answered wrongly: {exc.detail}")
            self._disconnect(scard.SCARD_RESET_CARD)  # a reset puts the card's state machine back
            return CardError(message=exc.message)
        except _TransportError as exc:
            return self._transport_failed(exc)
        scard.SCardEndTransaction(self._card, scard.SCARD_LEAVE_CARD)
        self._held, self._atr = card, list(atr)
        log.info("citizen card %s read in %r", card.card_number, reader)
        return self._settled(CardPresent(card=card))

    def _transport_failed(self, exc: _TransportError) -> CitizenCardStatus:
        self._note(logging.WARNING, f"citizen card exchange failed: {exc}")
        self._disconnect(scard.SCARD_LEAVE_CARD)
        if exc.hresult in _SERVICE_GONE:
            self._release()
            return NoReader()
        if exc.hresult in _READER_GONE:
            return NoReader()
        return CardError(message=INTERRUPTED_MESSAGE)

    def _transmit(self, command: bytes) -> bytes:
        if len(command) > 1 and command[1] == apdu.INS_VERIFY:
            raise apdu.ApduError("refusing to send VERIFY to the card")
        hresult, response = scard.SCardTransmit(self._card, self._protocol, list(command))
        if hresult != scard.SCARD_S_SUCCESS:
            raise _TransportError(f"transmit {command[:4].hex(' ')}", hresult)
        if not response:
            # vpcd answers a card that left the contacts mid-command with an empty reply.
            raise _TransportError(f"transmit {command[:4].hex(' ')}: empty reply", scard.SCARD_E_NOT_TRANSACTED)
        return bytes(response)

    # -- bookkeeping ---------------------------------------------------------------------------
    def _disconnect(self, disposition: int) -> None:
        card, self._card = self._card, None
        self._held, self._atr = None, []
        if card is not None:
            scard.SCardDisconnect(card, disposition)  # fails harmlessly when the card is gone

    def _release(self) -> None:
        self._disconnect(scard.SCARD_LEAVE_CARD)
        context, self._context = self._context, None
        if context is not None:
            scard.SCardReleaseContext(context)

    def _settled(self, status: CitizenCardStatus) -> CitizenCardStatus:
        if self._last_logged:
            log.info("citizen card reader working again")
            self._last_logged = ""
        return status

    def _note(self, level: int, text: str) -> None:
        """Logs a fault once, not on every poll while it lasts."""
        if text != self._last_logged:
            log.log(level, "citizen card: %s", text)
            self._last_logged = text


def _describe(hresult: int) -> str:
    return f"{scard.SCardGetErrorMessage(hresult)} ({hresult & 0xFFFFFFFF:08X})"
