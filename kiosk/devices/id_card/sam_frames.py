"""Bytes of the SAM serial protocol (GA 467) and the card's text block (GA/T 490). Pure: no I/O.

Every fact here is from shared/reference/device-protocols.md section 1. A frame is
`AA AA AA 96 69 | LenH LenL | body | CHK`, where Len counts body + CHK and CHK is the XOR of the
length bytes and the body. A request body is `CMD PARA DATA…`, a reply body `SW1 SW2 SW3 DATA…`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from kiosk.devices.errors import DeviceError
from kiosk.devices.id_card.protocol import IdCardData

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_SIZE = len(PREAMBLE) + 2  # preamble + two length bytes

# (CMD, PARA) of the commands the kiosk sends.
RESET_SAM = (0x10, 0xFF)
SAM_STATUS = (0x11, 0xFF)
READ_SAM_ID = (0x12, 0xFF)
FIND_CARD = (0x20, 0x01)
SELECT_CARD = (0x20, 0x02)
READ_TEXT_PHOTO = (0x30, 0x01)

# SW3 values the kiosk acts on.
SW3_OK = 0x90
SW3_CARD_FOUND = 0x9F
SW3_CHECKSUM_ERROR = 0x10
SW3_LENGTH_ERROR = 0x11
SW3_COMMAND_ERROR = 0x21
SW3_READ_FAILED = 0x41
SW3_SAM_SELF_TEST_FAILED = 0x60
SW3_SAM_NOT_AUTHORISED = 0x66
SW3_FIND_FAILED = 0x80
SW3_SELECT_FAILED = 0x81
# The SAM itself is broken or unlicensed: no card can be read until an engineer comes.
SAM_FAULT_CODES = frozenset({SW3_SAM_SELF_TEST_FAILED, SW3_SAM_NOT_AUTHORISED})

REQUEST_MIN_LENGTH = 3  # CMD PARA CHK
REPLY_MIN_LENGTH = 4  # SW1 SW2 SW3 CHK
# The longest documented reply is text + photo + two fingerprints: 2321 bytes in all, so its
# length field is 2321 - 7 = 2314. Anything longer is line noise that happens to follow a preamble.
MAX_LENGTH = 2321 - HEADER_SIZE

TEXT_SIZE = 256
PHOTO_SIZE = 1024  # WLT wavelet data; only the licensed vendor decoder turns it into a picture

# Resident-facing text per SW3 (codes and meanings from the reference's SW3 table). 23 and 91 are
# listed by the sources without a verified meaning, so they get the generic message.
SW3_MESSAGES: dict[int, str] = {
    0x90: "读卡成功",
    0x9F: "已找到身份证",
    0x10: "身份证读卡器通信校验错误，请取出身份证后重新放置",
    0x11: "身份证读卡器通信长度错误，请取出身份证后重新放置",
    0x21: "身份证读卡器无法识别指令，请取出身份证后重新放置",
    0x24: "身份证读卡器发生未知错误，请取出身份证后重新放置",
    0x31: "身份证读卡器认证失败，请取出身份证后重新放置",
    0x32: "读卡器认证身份证失败，请确认使用的是有效的第二代居民身份证",
    0x33: "身份证信息校验错误，请取出身份证后重新放置",
    0x40: "卡片类型不符，请放置第二代居民身份证",
    0x41: "身份证读取失败，请取出身份证后重新放置",
    0x47: "身份证读卡器安全模块出错，请取出身份证后重新放置",
    0x60: "身份证读卡器安全模块自检失败",
    0x66: "身份证读卡器安全模块未授权",
    0x80: "未找到身份证，请将身份证平放在读卡器上",
    0x81: "身份证选取失败，请取出身份证后重新放置",
}


def sw3_message(sw3: int) -> str:
    """The resident-facing message for a SAM status byte, generic for codes without a known meaning."""
    return SW3_MESSAGES.get(sw3, f"身份证读卡器返回错误（代码 {sw3:02X}），请取出身份证后重新放置")


class SamFrameError(DeviceError):
    """A frame or text block that cannot be trusted.

    Attributes:
        kind: "noise" (bytes outside any frame), "length" (impossible length field), "checksum",
            "torn" (a frame cut short) or "format" (a well-framed body with the wrong content).
        message: Chinese text fit to show the resident.
        detail: English detail for the log.
    """

    MESSAGES = {
        "noise": "身份证读卡器通信受到干扰，请取出身份证后重新放置",
        "length": "身份证读卡器数据长度异常，请取出身份证后重新放置",
        "checksum": "身份证读卡器数据校验错误，请取出身份证后重新放置",
        "torn": "身份证读卡器数据不完整，请取出身份证后重新放置",
        "format": "身份证信息无法识别，请取出身份证后重新放置",
    }

    def __init__(self, kind: str, detail: str, message: str | None = None) -> None:
        super().__init__(message or self.MESSAGES[kind], detail)
        self.kind = kind


def checksum(data: bytes) -> int:
    """XOR of all bytes (the frame's CHK over the length bytes and the body)."""
    value = 0
    for byte in data:
        value ^= byte
    return value


def encode_frame(body: bytes) -> bytes:
    """Wraps a request or reply body in preamble, big-endian length and checksum."""
    length = len(body) + 1
    if length > 0xFFFF:
        raise ValueError(f"frame body of {len(body)} bytes does not fit a 16-bit length")
    counted = length.to_bytes(2, "big") + bytes(body)
    return PREAMBLE + counted + bytes([checksum(counted)])


def encode_command(cmd: int, para: int, data: bytes = b"") -> bytes:
    """A request frame, e.g. `encode_command(*FIND_CARD)` == `AA AA AA 96 69 00 03 20 01 22`."""
    return encode_frame(bytes([cmd, para]) + data)


def encode_reply(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """A reply frame as a reader sends it (used by the simulator and tests)."""
    return encode_frame(bytes([sw1, sw2, sw3]) + data)


@dataclass(frozen=True)
class Request:
    """A decoded request: command, parameter and data."""

    cmd: int
    para: int
    data: bytes = b""


@dataclass(frozen=True)
class Reply:
    """A decoded reply: the card's SW1 SW2, the SAM's SW3 and the data."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes = b""


def parse_request(body: bytes) -> Request:
    """Splits a request body (between the length bytes and the checksum)."""
    if len(body) < REQUEST_MIN_LENGTH - 1:
        raise SamFrameError("format", f"request body of {len(body)} bytes has no CMD and PARA")
    return Request(body[0], body[1], bytes(body[2:]))


def parse_reply(body: bytes) -> Reply:
    """Splits a reply body (between the length bytes and the checksum)."""
    if len(body) < REPLY_MIN_LENGTH - 1:
        raise SamFrameError("format", f"reply body of {len(body)} bytes has no SW1 SW2 SW3")
    return Reply(body[0], body[1], body[2], bytes(body[3:]))


T = TypeVar("T")


class FrameDecoder(Generic[T]):
    """Turns a byte stream into frames, whatever chunks it arrives in.

    `feed` returns, in stream order, a parsed frame or a `SamFrameError` (returned, not raised)
    for each thing found. After an error the decoder looks for the next preamble one byte past the
    bad one, so a good frame that follows garbage, a bad checksum or a torn frame still decodes.
    Bytes skipped while re-synchronising after an error are part of that error, not new noise.

    Args:
        parse: Turns a frame body into the value returned (`parse_reply` or `parse_request`).
        min_length: Smallest legal length field (4 for replies, 3 for requests).
        max_length: Largest legal length field.
    """

    def __init__(self, parse: Callable[[bytes], T] = parse_reply,  # type: ignore[assignment]
                 min_length: int = REPLY_MIN_LENGTH, max_length: int = MAX_LENGTH) -> None:
        self._parse = parse
        self._min = min_length
        self._max = max_length
        self._buffer = bytearray()
        self._resyncing = False

    @classmethod
    def for_requests(cls) -> FrameDecoder[Request]:
        """A decoder for the reader's side of the line (the simulator)."""
        return FrameDecoder(parse_request, REQUEST_MIN_LENGTH)

    @property
    def pending(self) -> int:
        """Bytes held back waiting for the rest of a frame."""
        return len(self._buffer)

    def reset(self) -> None:
        """Forgets any partial frame (before a new request, so a stale tail cannot join a reply)."""
        self._buffer.clear()
        self._resyncing = False

    def finish(self) -> list[T | SamFrameError]:
        """Ends the stream (a timeout): a partial frame left over is reported as torn.

        A torn frame's length field may have swallowed a good frame that came after it, so the
        bytes behind the torn start are searched again and any frame found there is returned too.
        """
        out: list[T | SamFrameError] = []
        while self._buffer:
            if not out:
                held = bytes(self._buffer)
                out.append(SamFrameError(
                    "torn", f"frame cut short: {len(held)} bytes then silence: {held[:16].hex(' ')}"))
            del self._buffer[:1]
            self._resyncing = True
            while (item := self._next()) is not None:
                out.append(item)
        self._resyncing = False
        return out

    def feed(self, data: bytes) -> list[T | SamFrameError]:
        """Adds bytes; returns every frame or error completed by them."""
        self._buffer += data
        out: list[T | SamFrameError] = []
        while True:
            item = self._next()
            if item is None:
                return out
            out.append(item)

    def _skip(self, count: int) -> SamFrameError | None:
        skipped = bytes(self._buffer[:count])
        del self._buffer[:count]
        if not skipped or self._resyncing:
            return None
        return SamFrameError("noise", f"{len(skipped)} bytes outside any frame: {skipped[:16].hex(' ')}")

    def _next(self) -> T | SamFrameError | None:
        while True:
            start = self._buffer.find(PREAMBLE)
            if start < 0:
                # Keep a tail that may be the start of a preamble split across chunks.
                keep = next((n for n in range(len(PREAMBLE) - 1, 0, -1)
                             if self._buffer.endswith(PREAMBLE[:n])), 0)
                noise = self._skip(len(self._buffer) - keep)
                return noise  # None when nothing (new) was skipped: wait for more bytes
            if start:
                noise = self._skip(start)
                if noise is not None:
                    return noise
                continue
            self._resyncing = False
            if len(self._buffer) < HEADER_SIZE:
                return None
            length = int.from_bytes(self._buffer[len(PREAMBLE):HEADER_SIZE], "big")
            if not self._min <= length <= self._max:
                return self._drop_bad_start(SamFrameError(
                    "length", f"length field {length} outside {self._min}..{self._max}"))
            end = HEADER_SIZE + length
            if len(self._buffer) < end:
                return None
            counted = bytes(self._buffer[len(PREAMBLE):end - 1])
            expected, got = checksum(counted), self._buffer[end - 1]
            if expected != got:
                # Drop only the first preamble byte: a torn frame's tail may hold the next frame.
                return self._drop_bad_start(SamFrameError(
                    "checksum", f"checksum {got:02X} != {expected:02X} over {length}-byte frame"))
            del self._buffer[:end]
            try:
                return self._parse(counted[2:])
            except SamFrameError as exc:
                return exc

    def _drop_bad_start(self, error: SamFrameError) -> SamFrameError:
        del self._buffer[:1]
        self._resyncing = True
        return error


# -- the 256-byte text block (GA/T 490) ------------------------------------------------------
# (field, first byte, byte count); UCS-2 little-endian, so two bytes per character.
TEXT_FIELDS: tuple[tuple[str, int, int], ...] = (
    ("name", 0, 30),
    ("sex", 30, 2),
    ("nation", 32, 4),
    ("birth_date", 36, 16),
    ("address", 52, 70),
    ("id_number", 122, 36),
    ("issuer", 158, 30),
    ("valid_from", 188, 16),
    ("valid_to", 204, 16),
)
PERMANENT = "长期"  # valid-to of a card that does not expire
# The 2017 foreigner's permanent-residence card puts "I" at byte 248 and lays the rest out
# differently (English name first), so reading it as a resident card would give nonsense.
FOREIGNER_FLAG_OFFSET = 248


def _field(block: bytes, start: int, size: int, name: str) -> str:
    try:
        text = block[start:start + size].decode("utf-16-le")
    except UnicodeDecodeError as exc:
        raise SamFrameError("format", f"{name}: not UCS-2: {exc}") from None
    return text.rstrip(" \x00")


def _date(text: str, name: str) -> date:
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        raise SamFrameError("format", f"{name}: {text!r} is not YYYYMMDD")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError as exc:
        raise SamFrameError("format", f"{name}: {text!r}: {exc}") from None


def parse_text_block(block: bytes) -> IdCardData:
    """Decodes the card's 256-byte text block as the card states it.

    Sex and nation stay codes (GB/T 2261.1, GB 3304); the ID number's check digit is the service
    layer's to judge. Raises SamFrameError for a block that is not a resident card's text.
    """
    if len(block) != TEXT_SIZE:
        raise SamFrameError("format", f"text block of {len(block)} bytes, expected {TEXT_SIZE}")
    if _field(block, FOREIGNER_FLAG_OFFSET, 2, "card type") == "I":
        raise SamFrameError("format", "foreigner's permanent-residence card (type I)",
                            "暂不支持外国人永久居留身份证，请使用市民卡登录")
    raw = {name: _field(block, start, size, name) for name, start, size in TEXT_FIELDS}
    if not (len(raw["sex"]) == 1 and raw["sex"].isascii() and raw["sex"].isdigit()):
        raise SamFrameError("format", f"sex code {raw['sex']!r} is not one digit")
    if not (len(raw["nation"]) == 2 and raw["nation"].isascii() and raw["nation"].isdigit()):
        raise SamFrameError("format", f"nation code {raw['nation']!r} is not two digits")
    if not raw["name"] or not raw["id_number"]:
        raise SamFrameError("format", "empty name or ID number")
    valid_to = None if raw["valid_to"] == PERMANENT else _date(raw["valid_to"], "valid_to")
    return IdCardData(name=raw["name"], sex=raw["sex"], nation=raw["nation"],
                      birth_date=_date(raw["birth_date"], "birth_date"), address=raw["address"],
                      id_number=raw["id_number"], issuer=raw["issuer"],
                      valid_from=_date(raw["valid_from"], "valid_from"), valid_to=valid_to)


def _yyyymmdd(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def build_text_block(card: IdCardData) -> bytes:
    """The inverse of `parse_text_block`: what a card with this data holds (simulator and tests).

    Raises ValueError when a field is longer than its slot.
    """
    values = {
        "name": card.name, "sex": card.sex, "nation": card.nation,
        "birth_date": _yyyymmdd(card.birth_date), "address": card.address,
        "id_number": card.id_number, "issuer": card.issuer,
        "valid_from": _yyyymmdd(card.valid_from),
        "valid_to": PERMANENT if card.valid_to is None else _yyyymmdd(card.valid_to),
    }
    block = bytearray(" ".encode("utf-16-le") * (TEXT_SIZE // 2))
    for name, start, size in TEXT_FIELDS:
        encoded = values[name].encode("utf-16-le")
        if len(encoded) > size:
            raise ValueError(f"{name} {values[name]!r} is longer than {size // 2} characters")
        block[start:start + len(encoded)] = encoded
    return bytes(block)


# -- the read reply's data -------------------------------------------------------------------
def build_read_data(text: bytes, photo: bytes) -> bytes:
    """The data of a text + photo reply: big-endian text and photo lengths, then both."""
    return len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo


def split_read_data(data: bytes) -> tuple[bytes, bytes]:
    """Splits a text + photo reply's data into (text, photo); checks the stated lengths."""
    if len(data) < 4:
        raise SamFrameError("format", f"read data of {len(data)} bytes has no length fields")
    text_len, photo_len = int.from_bytes(data[:2], "big"), int.from_bytes(data[2:4], "big")
    if text_len != TEXT_SIZE or len(data) < 4 + text_len + photo_len:
        raise SamFrameError("format", f"read data of {len(data)} bytes states text {text_len}, "
                                      f"photo {photo_len}")
    return data[4:4 + text_len], data[4 + text_len:4 + text_len + photo_len]
