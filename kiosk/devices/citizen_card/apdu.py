"""APDUs of the social-security card's SSSE application and their replies, with no I/O.

Byte layouts follow shared/reference/device-protocols.md section 2: SELECT the SSSE DDF, SELECT
EF05 / EF06, READ RECORD by data-item tag (`00 B2 <tag> 00 <Le>`, Le counting the 2-byte TLV
header), `61xx` answered with GET RESPONSE and `6Cxx` with the same command resent with Le=xx.
`read_card` runs the whole read over any `transmit(bytes) -> bytes`, so the PC/SC reader, the
virtual card's tests and the fuzz tests share one code path. Every reply the card should not
have given raises `ApduError`, and nothing else.

The card's own PIN (VERIFY, INS 20) is never sent: the log-in password is the centre's, checked
server-side; a wrong VERIFY would spend the card's retry counter and can block the card.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from kiosk.devices.citizen_card.protocol import CitizenCardData

# "sx1.sh." followed by 社会保障 in GBK: the DDF holding EF05 and EF06.
SSSE_AID = b"sx1.sh." + "社会保障".encode("gbk")
EF05 = 0xEF05  # issuer data: card number (tag 07)
EF06 = 0xEF06  # holder's basic data: social-security number (tag 08), name (tag 09)

INS_VERIFY = 0x20
INS_SELECT = 0xA4
INS_READ_RECORD = 0xB2
INS_GET_RESPONSE = 0xC0

TAG_CARD_NUMBER = 0x07
TAG_SSN = 0x08
TAG_NAME = 0x09
ITEM_SIZES = {TAG_CARD_NUMBER: 9, TAG_SSN: 18, TAG_NAME: 30}

SW_OK = 0x9000
# A T=0 card hands out long replies piece by piece; more rounds than this is a card in a loop.
MAX_GET_RESPONSE_ROUNDS = 16

UNREADABLE_MESSAGE = "市民卡应答无法识别，请取出后重新插入"
NOT_SSSE_MESSAGE = "此卡不是社会保障卡（市民卡），请插入本人的社会保障卡"
REFUSED_MESSAGE = "市民卡拒绝读取个人信息，请到中心柜面办理"
BLOCKED_MESSAGE = "市民卡已锁定或失效，请到中心柜面办理"
READ_FAILED_MESSAGE = "市民卡读取失败，请取出后重新插入"

# Status words with a message of their own (everything else reads as READ_FAILED_MESSAGE).
_SW_MESSAGES = {
    0x6982: REFUSED_MESSAGE,  # security status not satisfied
    0x6985: REFUSED_MESSAGE,  # conditions of use not satisfied
    0x6983: BLOCKED_MESSAGE,  # authentication method blocked
    0x6283: BLOCKED_MESSAGE,  # selected file invalidated
    0x6A81: BLOCKED_MESSAGE,  # function not supported (application locked)
}

_CARD_NUMBER = re.compile(r"[0-9A-Z]{9}")
_SSN = re.compile(r"[0-9]{17}[0-9X]")


class ApduError(Exception):
    """A reply the card should not have given.

    Attributes:
        detail: English, for the log.
        message: Chinese, for the screen.
        sw: The status word that caused it, if any.
    """

    def __init__(self, detail: str, message: str = UNREADABLE_MESSAGE, sw: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.message = message
        self.sw = sw


# -- commands --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Command:
    """A short command APDU; `le` is None for no Le byte, 1..256 otherwise (256 is sent as 00)."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None

    def encode(self) -> bytes:
        out = bytes([self.cla, self.ins, self.p1, self.p2])
        if self.data:
            out += bytes([len(self.data)]) + self.data
        if self.le is not None:
            out += bytes([self.le & 0xFF])
        return out


def parse_command(raw: bytes) -> Command:
    """Decodes a short command APDU (the card's side); raises ApduError if malformed."""
    if len(raw) < 4:
        raise ApduError(f"command of {len(raw)} bytes is shorter than a header")
    cla, ins, p1, p2 = raw[:4]
    body = raw[4:]
    if not body:
        return Command(cla, ins, p1, p2)
    if len(body) == 1:
        return Command(cla, ins, p1, p2, le=body[0] or 256)
    lc = body[0]
    if lc == 0 or len(body) not in (1 + lc, 2 + lc):
        raise ApduError(f"command body of {len(body)} bytes does not match Lc={lc}")
    le = (body[1 + lc] or 256) if len(body) == 2 + lc else None
    return Command(cla, ins, p1, p2, bytes(body[1:1 + lc]), le)


def select_ssse() -> Command:
    return Command(0x00, INS_SELECT, 0x04, 0x00, SSSE_AID)


def select_ef(fid: int) -> Command:
    return Command(0x00, INS_SELECT, 0x02, 0x00, fid.to_bytes(2, "big"))


def read_record(tag: int) -> Command:
    """READ RECORD of one data item by its tag in the selected EF, Le = item size + TLV header."""
    return Command(0x00, INS_READ_RECORD, tag, 0x00, le=ITEM_SIZES[tag] + 2)


def get_response(length: int) -> Command:
    return Command(0x00, INS_GET_RESPONSE, 0x00, 0x00, le=length or 256)


# -- replies ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Response:
    data: bytes
    sw1: int
    sw2: int

    @property
    def sw(self) -> int:
        return self.sw1 << 8 | self.sw2


def parse_response(raw: bytes) -> Response:
    """Splits a reply into data and status word; raises ApduError for one that cannot be one."""
    if len(raw) < 2:
        raise ApduError(f"reply of {len(raw)} bytes has no status word")
    sw1, sw2 = raw[-2], raw[-1]
    # ISO 7816-4 status words all start 6x (but not 60, a T=0 procedure byte) or 9x.
    if not (0x61 <= sw1 <= 0x6F or 0x90 <= sw1 <= 0x9F):
        raise ApduError(f"invalid status word {sw1:02X}{sw2:02X}", sw=sw1 << 8 | sw2)
    return Response(bytes(raw[:-2]), sw1, sw2)


def encode_response(data: bytes = b"", sw: int = SW_OK) -> bytes:
    return bytes(data) + sw.to_bytes(2, "big")


def expect_ok(response: Response, step: str, message: str | None = None) -> bytes:
    """The reply's data if it says 9000; otherwise ApduError naming the step and status word."""
    if response.sw == SW_OK:
        return response.data
    chosen = message or _SW_MESSAGES.get(response.sw, READ_FAILED_MESSAGE)
    raise ApduError(f"{step} answered {response.sw:04X}", chosen, response.sw)


Transmit = Callable[[bytes], bytes]


def exchange(transmit: Transmit, command: Command) -> Response:
    """Sends a command and follows the card's 6Cxx (resend with Le=xx) and 61xx (GET RESPONSE).

    Returns the final reply with the data of every GET RESPONSE round joined; its status word
    may be anything but 61xx / 6Cxx, which are settled here or raise ApduError.
    """
    reply = _resend_on_wrong_le(transmit, command)
    data = reply.data
    rounds = 0
    while reply.sw1 == 0x61:
        rounds += 1
        if rounds > MAX_GET_RESPONSE_ROUNDS:
            raise ApduError(f"more than {MAX_GET_RESPONSE_ROUNDS} GET RESPONSE rounds")
        reply = _resend_on_wrong_le(transmit, get_response(reply.sw2))
        data += reply.data
    return Response(data, reply.sw1, reply.sw2)


def _resend_on_wrong_le(transmit: Transmit, command: Command) -> Response:
    if command.ins == INS_VERIFY:
        # Defence in depth: nothing in this module builds VERIFY, and nothing may send it.
        raise ApduError("refusing to send VERIFY to the card")
    reply = parse_response(transmit(command.encode()))
    if reply.sw1 != 0x6C:
        return reply
    again = parse_response(transmit(replace(command, le=reply.sw2 or 256).encode()))
    if again.sw1 == 0x6C:
        raise ApduError(f"card asked for Le={again.sw2:02X} after Le={reply.sw2:02X} was sent", sw=again.sw)
    return again


# -- data items ------------------------------------------------------------------------------
def encode_tlv(tag: int, value: bytes) -> bytes:
    if len(value) > 0x7F:
        raise ValueError(f"item of {len(value)} bytes is too long for a one-byte length")
    return bytes([tag, len(value)]) + value


def parse_tlv(data: bytes, tag: int) -> bytes:
    """The value of the one `tag len value` item a READ RECORD returns."""
    if len(data) < 2:
        raise ApduError(f"record of {len(data)} bytes is shorter than a TLV header")
    if data[0] != tag:
        raise ApduError(f"record has tag {data[0]:02X}, expected {tag:02X}")
    length = data[1]
    if length > 0x7F:
        raise ApduError(f"record length byte {length:02X} is not a short length")
    if len(data) < 2 + length:
        raise ApduError(f"record tag {tag:02X} is truncated: {len(data) - 2} of {length} bytes")
    rest = data[2 + length:]
    # Some cards pad the record out to Le; anything else after the item is a misread.
    if rest.strip(b"\x00\xff"):
        raise ApduError(f"record tag {tag:02X} has {len(rest)} unexpected bytes after its item")
    return bytes(data[2:2 + length])


def encode_an(text: str, size: int) -> bytes:
    """An alphanumeric (an) item: ASCII, right-padded with 00."""
    raw = text.encode("ascii")
    if len(raw) > size:
        raise ValueError(f"{text!r} does not fit {size} bytes")
    return raw.ljust(size, b"\x00")


def decode_an(value: bytes) -> str:
    """An alphanumeric (an) item: printable ASCII, right-padded with 00."""
    raw = value.rstrip(b"\x00")
    if any(not 0x20 <= b <= 0x7E for b in raw):
        raise ApduError(f"an item {value.hex(' ')} is not printable ASCII")
    return raw.decode("ascii")


def encode_cn(digits: str, size: int) -> bytes:
    """A numeric (cn) item: BCD, right-padded with F nibbles."""
    if not digits.isdigit() or not digits.isascii() or len(digits) > size * 2:
        raise ValueError(f"{digits!r} is not at most {size * 2} digits")
    return bytes.fromhex(digits.ljust(size * 2, "F"))


def decode_cn(value: bytes) -> str:
    """A numeric (cn) item: BCD digits, right-padded with F nibbles."""
    nibbles = value.hex().upper()
    digits = nibbles.rstrip("F")
    if not digits.isdigit() and digits:
        raise ApduError(f"cn item {value.hex(' ')} is not BCD with F padding")
    return digits


def encode_name(name: str, size: int = ITEM_SIZES[TAG_NAME]) -> bytes:
    """The name item: GBK, right-padded with 00."""
    raw = name.encode("gbk")
    if len(raw) > size:
        raise ValueError(f"{name!r} does not fit {size} bytes in GBK")
    return raw.ljust(size, b"\x00")


def decode_name(value: bytes) -> str:
    """The name item: GBK, right-padded with 00 (some cards pad with spaces as well)."""
    try:
        name = value.rstrip(b"\x00").decode("gbk").strip()
    except UnicodeDecodeError as exc:
        raise ApduError(f"name {value.hex(' ')} is not GBK: {exc.reason}") from None
    if not name or not name.isprintable():
        raise ApduError(f"name {name!r} is empty or holds control characters")
    return name


# -- the whole read --------------------------------------------------------------------------
def read_item(transmit: Transmit, tag: int) -> bytes:
    """One data item of the selected EF, read by its tag."""
    data = expect_ok(exchange(transmit, read_record(tag)), f"READ RECORD tag {tag:02X}")
    value = parse_tlv(data, tag)
    if len(value) > ITEM_SIZES[tag]:
        raise ApduError(f"item tag {tag:02X} has {len(value)} bytes, at most {ITEM_SIZES[tag]} expected")
    return value


def read_card(transmit: Transmit) -> CitizenCardData:
    """Reads card number, social-security number and name; raises ApduError on any bad reply."""
    expect_ok(exchange(transmit, select_ssse()), "SELECT SSSE", NOT_SSSE_MESSAGE)
    expect_ok(exchange(transmit, select_ef(EF05)), "SELECT EF05")
    card_number = decode_an(read_item(transmit, TAG_CARD_NUMBER))
    expect_ok(exchange(transmit, select_ef(EF06)), "SELECT EF06")
    ssn = decode_an(read_item(transmit, TAG_SSN)).upper()
    name = decode_name(read_item(transmit, TAG_NAME))
    if not _CARD_NUMBER.fullmatch(card_number):
        raise ApduError(f"card number {card_number!r} is not 9 letters or digits")
    if not _SSN.fullmatch(ssn):
        raise ApduError(f"social-security number {ssn!r} is not 17 digits and a check character")
    return CitizenCardData(card_number=card_number, ssn=ssn, name=name)
