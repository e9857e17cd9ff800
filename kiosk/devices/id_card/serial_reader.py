"""The ID-card reader on a serial line, speaking the SAM protocol of GA 467 (see sam_frames)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import serial

from kiosk.devices.id_card import sam_frames as sam
from kiosk.devices.id_card.protocol import CardError, CardPresent, IdCardData, IdCardStatus, NoCard, NoReader
from kiosk.devices.serial_port import SerialPortDevice

log = logging.getLogger(__name__)

SILENT_MESSAGE = "身份证读卡器无响应，暂停身份证登录，请使用市民卡登录"
SAM_FAULT_MESSAGE = "身份证读卡器安全模块故障，暂停身份证登录，请使用市民卡登录"
# A line fault (noise, torn frame, bad checksum) while a read card still lies on the reader is
# most likely a one-off: the screens end the session when CardPresent turns into anything else,
# so a single glitch must not log the resident out. After this many in a row the card is dropped.
GLITCHES_TOLERATED_WHILE_HELD = 2
# 8N1: a start bit, eight data bits and a stop bit per byte.
BITS_PER_BYTE = 10


class _Silent(Exception):
    """No byte came back within the timeout."""


class _SamFault(Exception):
    """The SAM reported itself broken (SW3 60 or 66)."""

    def __init__(self, reply: sam.Reply) -> None:
        super().__init__(f"SAM fault SW3={reply.sw3:02X}")
        self.reply = reply


class SerialIdCardReader(SerialPortDevice):
    """A GA 467 ID-card reader on a serial port, polled by the kiosk.

    `poll` runs find (20 01), select (20 02) and read text + photo (30 01) and never raises. The
    card is read on every poll that finds one, so a card swapped for another between two polls is
    seen (its ID number differs): find alone cannot tell the two apart. That costs ~1.3 KB, about
    0.11 s of line time at 115200 baud, per 300 ms poll. When find fails the card has gone. A
    select or read that fails while a card already read is held counts as a glitch (tolerated
    twice) rather than a removal. The port is opened on the first poll and reopened after any
    fault that closed it.
    Polls from several threads take turns (a lock), so requests and replies never interleave.

    Args:
        port: Device path, e.g. "/dev/ttyUSB0".
        baudrate: Line speed; the SAM default is 115200 8N1.
        timeout: Seconds to wait for the reader to answer before calling it silent.
        serial_factory: Builds the port object (pyserial's Serial; replaced in tests).
    """

    def __init__(self, port: str, baudrate: int = 115200, timeout: float = 1.0,
                 serial_factory: Callable[..., Any] = serial.Serial) -> None:
        super().__init__(port, baudrate, timeout, serial_factory)
        self._decoder: sam.FrameDecoder[sam.Reply] = sam.FrameDecoder()
        self._lock = threading.Lock()  # the UI's poll worker and the dev tools may poll at once
        self._held: IdCardData | None = None
        self._glitches = 0
        self._last_logged = ""
        # Longest reply on the wire plus the timeout: how long one exchange may take in all.
        self._exchange_budget = timeout + (sam.MAX_LENGTH + sam.HEADER_SIZE) * BITS_PER_BYTE / baudrate

    # -- public --------------------------------------------------------------------------------
    def poll(self) -> IdCardStatus:
        """Looks for a card and reads it. Never raises: faults come back as statuses."""
        with self._lock:
            try:
                status = self._poll()
            except Exception as exc:  # noqa: BLE001 - the UI's poll must never see an exception
                log.exception("id card reader on %s: unexpected failure", self.port)
                self._close()
                status = NoReader(message=SILENT_MESSAGE)
                self._last_logged = f"unexpected {exc!r}"
            return status

    def close(self) -> None:
        """Releases the port (the next poll opens it again)."""
        with self._lock:
            self._close()

    # -- one poll ----------------------------------------------------------------------------
    def _poll(self) -> IdCardStatus:
        if self._serial is None:
            try:
                self._open()
            except (serial.SerialException, OSError, ValueError) as exc:
                self._close()
                self._held = None
                self._note(logging.ERROR, f"cannot open {self.port}: {exc}")
                return NoReader()
        try:
            return self._find_select_read()
        except _Silent as exc:
            self._close()
            self._held = None
            self._note(logging.ERROR, f"reader on {self.port} silent: {exc}")
            return NoReader(message=SILENT_MESSAGE)
        except _SamFault as exc:
            self._held = None
            self._note(logging.ERROR, f"reader on {self.port}: {exc}: {sam.sw3_message(exc.reply.sw3)}")
            return NoReader(message=SAM_FAULT_MESSAGE)
        except sam.SamFrameError as exc:
            return self._line_fault(exc)
        except (serial.SerialException, OSError) as exc:  # unplugged mid-exchange
            self._close()
            self._held = None
            self._note(logging.ERROR, f"reader on {self.port} failed: {exc}")
            return NoReader()

    def _find_select_read(self) -> IdCardStatus:
        found = self._exchange(sam.FIND_CARD)
        if found.sw3 == sam.SW3_FIND_FAILED:
            if self._held is not None:
                log.info("id card removed from %s", self.port)
            self._held, self._glitches = None, 0
            return self._settled(NoCard())
        if found.sw3 != sam.SW3_CARD_FOUND:
            return self._refused("find", found)
        # Caveat (device-protocols.md practice notes): a real reader may not find a card again
        # after reading it until it is put back; then find fails at once and the card reads as
        # removed. Check on the real reader; test_reader_contract.py keeps this as an xfail.
        selected = self._exchange(sam.SELECT_CARD)
        if selected.sw3 != sam.SW3_OK:
            return self._refused("select", selected)
        read = self._exchange(sam.READ_TEXT_PHOTO)
        if read.sw3 != sam.SW3_OK:
            return self._refused("read", read)
        text, _photo = sam.split_read_data(read.data)  # the WLT photo needs the vendor decoder
        card = sam.parse_text_block(text)
        if self._held is None:
            log.info("id card read on %s", self.port)
        elif card.id_number != self._held.id_number:
            log.info("id card on %s swapped for another without being taken off", self.port)
        self._held, self._glitches = card, 0
        return self._settled(CardPresent(card=card))

    def _refused(self, step: str, reply: sam.Reply) -> IdCardStatus:
        if reply.sw3 in sam.SAM_FAULT_CODES:
            raise _SamFault(reply)
        message = sam.sw3_message(reply.sw3)
        self._note(logging.WARNING, f"{step} refused on {self.port}: SW {reply.sw1:02X} {reply.sw2:02X} "
                                    f"{reply.sw3:02X} ({message})")
        if step == "find":
            self._held, self._glitches = None, 0
            return CardError(message=message)
        return self._glitch(CardError(message=message))

    def _line_fault(self, exc: sam.SamFrameError) -> IdCardStatus:
        # The reply may have been half-eaten; drop whatever is still arriving so the next
        # request and its reply line up again.
        self._flush()
        self._note(logging.WARNING, f"reader on {self.port}: {exc.kind}: {exc.detail}")
        # "format" is a well-framed reply with a card we cannot read: the card's fault, not the line's.
        return self._glitch(CardError(message=exc.message, line_fault=exc.kind != "format"))

    def _glitch(self, error: CardError) -> IdCardStatus:
        """The card already read while it is held and the glitch is one of the tolerated few; else `error`."""
        if self._held is not None and self._glitches < GLITCHES_TOLERATED_WHILE_HELD:
            self._glitches += 1
            return CardPresent(card=self._held)
        self._held, self._glitches = None, 0
        return error

    def _settled(self, status: IdCardStatus) -> IdCardStatus:
        if self._last_logged:
            log.info("id card reader on %s working again", self.port)
            self._last_logged = ""
        return status

    def _note(self, level: int, text: str) -> None:
        """Logs a fault once, not on every 300 ms poll while it lasts."""
        if text != self._last_logged:
            log.log(level, "id card: %s", text)
            self._last_logged = text

    # -- the line ----------------------------------------------------------------------------
    def _open(self) -> None:
        super()._open()
        self._flush()

    def _close(self) -> None:
        self._decoder.reset()
        super()._close()

    def _flush(self) -> None:
        self._decoder.reset()
        if self._serial is not None:
            self._serial.reset_input_buffer()

    def _exchange(self, command: tuple[int, int]) -> sam.Reply:
        """Sends one command and waits for its reply; raises _Silent or SamFrameError."""
        self._flush()  # nothing unasked-for may be taken as this command's reply
        self._serial.write(sam.encode_command(*command))
        deadline = time.monotonic() + self._exchange_budget
        noise: sam.SamFrameError | None = None
        while True:
            # Blocks for the first byte up to the port's timeout, then takes whatever has arrived.
            chunk = self._serial.read(max(1, self._serial.in_waiting))
            if not chunk:
                raise self._leftover_error() or noise or _Silent(
                    f"no reply to {command[0]:02X} {command[1]:02X} within {self.timeout} s")
            for item in self._decoder.feed(chunk):
                if isinstance(item, sam.SamFrameError) and item.kind == "noise":
                    # Keep reading: taking the reply that follows keeps requests and replies in
                    # step, but the exchange still fails because the line cannot be trusted.
                    noise = noise or item
                elif isinstance(item, sam.SamFrameError):
                    raise item
                elif noise is not None:
                    raise noise
                else:
                    return item
            if time.monotonic() > deadline:
                raise self._leftover_error() or noise or sam.SamFrameError("torn", "reply never completed")

    def _leftover_error(self) -> sam.SamFrameError | None:
        """The torn-frame error for bytes still held when the reply stopped coming, if any."""
        return next((x for x in self._decoder.finish() if isinstance(x, sam.SamFrameError)), None)
