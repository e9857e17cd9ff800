"""A byte-level virtual social-security card behind pcscd's vpcd reader, so tests run the real PC/SC path.

vpcd (Debian's vsmartcard-vpcd driver inside pcscd) listens on TCP 35963 and shows the reader
"Virtual PCD 00 00"; a card is "inserted" while a client is connected. Every message either way
is a 2-byte big-endian length and a payload; a 1-byte payload from vpcd is a control code
(0 power off, 1 power on, 2 reset, 4 send the ATR), anything longer a command APDU that the card
answers with a response APDU.

`VpcdCard` is that client, answering as an SSSE card would (SELECT the SSSE DDF and EF05 / EF06,
READ RECORD by tag or record number, GET RESPONSE). Fault modes are armed by hand; lasting ones
hold until `recover`. `PcscdService` makes sure pcscd runs, starting `pcscd --foreground` as a
child when its socket is not there, and stops only what it started.

Run `python -m kiosk.devices.citizen_card.vpcd_card` to hold a demo card in the reader by hand.
"""

from __future__ import annotations

import argparse
import logging
import select
import shutil
import socket
import subprocess
import threading
import time
from collections import deque
from pathlib import Path
from types import TracebackType

from kiosk.devices.citizen_card import apdu
from kiosk.devices.citizen_card.protocol import CitizenCardData

log = logging.getLogger(__name__)

VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963
VPCD_READER = "Virtual PCD 00 00"
PCSCD_SOCKET = Path("/run/pcscd/pcscd.comm")

CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4
# TS 3B, T0 6A (TB1 and TC1 follow, 10 historical bytes), T=0 implied: no TCK needed.
ATR = bytes.fromhex("3B 6A 00 00") + b"SIP-SSCARD"
# Stand-in FCI the SSSE DDF and its EFs return on SELECT (a T=0 card makes the reader fetch it).
FCI = bytes.fromhex("6F 08 84 06 D1 56 00 00 05 00")
GARBAGE = b"\x42"  # a reply too short to hold a status word
# How long a mute card keeps the reader waiting before it drops off the contacts: a real reader
# gives up after its own timeout, which vpcd does not have, so the card ends the wait itself.
MUTE_SECONDS = 0.1
CONNECT_RETRY_SECONDS = 0.02

SW_WRONG_LENGTH = 0x6700
SW_NO_CURRENT_EF = 0x6986
SW_CONDITIONS = 0x6985
SW_NOT_FOUND = 0x6A82
SW_RECORD_NOT_FOUND = 0x6A83
SW_WRONG_P1P2 = 0x6B00
SW_INS_UNKNOWN = 0x6D00
SW_CLA_UNKNOWN = 0x6E00
SW_WRONG_PIN = 0x63C2


def records_of(card: CitizenCardData) -> dict[int, bytes]:
    """The three data items the kiosk reads, as TLV records padded the way a card stores them."""
    return {
        apdu.TAG_CARD_NUMBER: apdu.encode_tlv(apdu.TAG_CARD_NUMBER, apdu.encode_an(card.card_number, 9)),
        apdu.TAG_SSN: apdu.encode_tlv(apdu.TAG_SSN, apdu.encode_an(card.ssn, 18)),
        apdu.TAG_NAME: apdu.encode_tlv(apdu.TAG_NAME, apdu.encode_name(card.name)),
    }


# The other items of EF05 / EF06, so record numbering matches a real card (record n = nth tag).
_OTHER_ITEMS = {
    0x01: apdu.encode_an("320500D156000005", 16), 0x02: b"3", 0x03: b"3.00",
    0x04: apdu.encode_an("320500000001", 12), 0x05: bytes.fromhex("20150601"),
    0x06: bytes.fromhex("20350601"), 0x0A: b"1", 0x0B: b"\x01", 0x0C: apdu.encode_cn("32059", 3),
    0x0D: bytes.fromhex("19620315"),
}
_FILES = {apdu.EF05: (0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07),
          apdu.EF06: (0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D)}
_SFI = {5: apdu.EF05, 6: apdu.EF06}


class SsseCard:
    """What an SSSE card answers, with no I/O: `answer(command APDU) -> response APDU`."""

    def __init__(self, records: dict[int, bytes]) -> None:
        self.records = {tag: apdu.encode_tlv(tag, value) for tag, value in _OTHER_ITEMS.items()}
        self.records.update(records)
        self.t0_chunk: int | None = None  # set: replies with data go out through 61xx / GET RESPONSE
        self.exact_le = False  # set: every READ RECORD first answers 6Cxx with the record's length
        self.refusals: dict[tuple[int, int | None], int] = {}  # (INS, P1 or None) -> status word
        self.reset()

    def reset(self) -> None:
        self._ssse = False
        self._ef: int | None = None
        self._pending = b""  # what GET RESPONSE hands out next
        self._asked_le: bytes | None = None  # the command a 6Cxx was just answered to

    def answer(self, raw: bytes) -> bytes:
        try:
            command = apdu.parse_command(raw)
        except apdu.ApduError:
            return apdu.encode_response(sw=SW_WRONG_LENGTH)
        if command.cla != 0x00:
            return apdu.encode_response(sw=SW_CLA_UNKNOWN)
        refusal = self.refusals.get((command.ins, command.p1), self.refusals.get((command.ins, None)))
        if refusal is not None:
            return apdu.encode_response(sw=refusal)
        if command.ins == apdu.INS_GET_RESPONSE:
            return self._get_response(command)
        self._pending = b""
        if command.ins == apdu.INS_SELECT:
            return self._select(command)
        if command.ins == apdu.INS_READ_RECORD:
            return self._read_record(command)
        if command.ins == apdu.INS_VERIFY:
            return apdu.encode_response(sw=SW_WRONG_PIN)  # spends a try, as a real card would
        return apdu.encode_response(sw=SW_INS_UNKNOWN)

    def _select(self, command: apdu.Command) -> bytes:
        if command.p1 == 0x04 and command.data == apdu.SSSE_AID:
            self._ssse, self._ef = True, None
        elif command.p1 in (0x00, 0x02) and self._ssse and int.from_bytes(command.data, "big") in _FILES:
            self._ef = int.from_bytes(command.data, "big")
        else:
            return apdu.encode_response(sw=SW_NOT_FOUND)
        return self._with_data(FCI)

    def _read_record(self, command: apdu.Command) -> bytes:
        ef = self._ef
        if command.p2 >> 3:  # short file identifier: no SELECT needed
            ef = _SFI.get(command.p2 >> 3) if self._ssse else None
            if ef is None:
                return apdu.encode_response(sw=SW_NOT_FOUND)
        if ef is None:
            return apdu.encode_response(sw=SW_NO_CURRENT_EF)
        tags = _FILES[ef]
        if command.p2 == 0x00:  # P1 is the data item's tag
            tag = command.p1
        elif command.p2 & 0x07 == 0x04:  # P1 is the record number in the file
            tag = tags[command.p1 - 1] if 1 <= command.p1 <= len(tags) else -1
        else:
            return apdu.encode_response(sw=SW_WRONG_P1P2)
        if tag not in tags or tag not in self.records:
            return apdu.encode_response(sw=SW_RECORD_NOT_FOUND)
        record = self.records[tag]
        le = command.le or 0
        asked_again = self._asked_le == command.encode()[:4] and le == len(record)
        if (le not in (256, len(record)) or self.exact_le) and not asked_again:
            self._asked_le = command.encode()[:4]
            return apdu.encode_response(sw=0x6C00 | (len(record) & 0xFF))
        self._asked_le = None
        return self._with_data(record)

    def _with_data(self, data: bytes) -> bytes:
        if self.t0_chunk is None:
            return apdu.encode_response(data)
        self._pending = data
        return apdu.encode_response(sw=0x6100 | (len(data) & 0xFF))

    def _get_response(self, command: apdu.Command) -> bytes:
        if not self._pending:
            return apdu.encode_response(sw=SW_CONDITIONS)
        le = command.le or 0
        if le > len(self._pending):
            return apdu.encode_response(sw=0x6C00 | len(self._pending))
        size = min(le, self.t0_chunk or le)
        out, self._pending = self._pending[:size], self._pending[size:]
        return apdu.encode_response(out, 0x6100 | len(self._pending) if self._pending else apdu.SW_OK)


class VpcdCard:
    """A virtual SSSE card that vpcd sees while a card is inserted; its own thread answers.

    `insert` connects to vpcd (pcscd notices at its next presence check, every 0.4 s) and
    `remove` disconnects; both return once the socket is connected or closed. `commands` lists
    every command APDU received, in order, for tests.
    """

    def __init__(self, host: str = VPCD_HOST, port: int = VPCD_PORT, atr: bytes = ATR) -> None:
        self.host, self.port, self.atr = host, port, atr
        self.commands: list[bytes] = []
        self._lock = threading.Lock()
        self._model: SsseCard | None = None
        self._one_shot: deque[str] = deque()  # "garbage" | "mute"
        self._pull_after: int | None = None  # commands still answered before the card is pulled
        self._t0_chunk: int | None = None
        self._exact_le = False
        self._refusals: dict[tuple[int, int | None], int] = {}
        self._sock: socket.socket | None = None
        self._connected = threading.Event()
        self._disconnected = threading.Event()
        self._disconnected.set()
        self._seen = threading.Event()  # vpcd asked this connection for the ATR
        self._stop = threading.Event()
        self._wake_r, self._wake_w = socket.socketpair()
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self) -> VpcdCard:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="vpcd-card", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Takes the card out and ends the thread."""
        if self._thread is None:
            return
        self._stop.set()
        self._wake()
        self._thread.join()
        self._thread = None
        self._close()
        self._wake_r.close()
        self._wake_w.close()

    def __enter__(self) -> VpcdCard:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # -- the card --------------------------------------------------------------------------------
    def insert(self, card: CitizenCardData, timeout: float = 5.0) -> None:
        """Puts this card in the reader."""
        self.insert_records(records_of(card), timeout)

    def insert_records(self, records: dict[int, bytes], timeout: float = 5.0) -> None:
        """Puts a card whose READ RECORD replies for these tags are the given bytes (malformed cards)."""
        with self._lock:
            self._model = SsseCard(records)
            self._configure(self._model)
        self._wake()
        if not self._connected.wait(timeout):
            raise TimeoutError(f"vpcd at {self.host}:{self.port} did not take the card within {timeout} s")

    def remove(self, timeout: float = 5.0) -> None:
        """Takes the card out of the reader."""
        with self._lock:
            self._model = None
        self._wake()
        if not self._disconnected.wait(timeout):
            raise TimeoutError("the card did not leave vpcd")

    @property
    def inserted(self) -> bool:
        return self._connected.is_set()

    def wait_seen(self, timeout: float = 2.0) -> None:
        """Blocks until vpcd has asked the current connection for its ATR.

        vpcd accepts a connection only in pcscd's presence check (every 0.4 s), so until then
        commands cannot reach a card that has just (re)connected.
        """
        if not self._seen.wait(timeout):
            raise TimeoutError(f"vpcd did not look at the card within {timeout} s")

    # -- faults ----------------------------------------------------------------------------------
    def answer_61_first(self, chunk: int = 255) -> None:
        """Replies with data answer 61xx; GET RESPONSE then hands out `chunk` bytes a round (lasting)."""
        with self._lock:
            self._t0_chunk = chunk
            self._configure(self._model)

    def answer_6c_first(self) -> None:
        """Every READ RECORD is first answered 6Cxx with its record's length, and names carry no
        padding, so the right Le differs from the one the reader asks (lasting)."""
        with self._lock:
            self._exact_le = True
            self._configure(self._model)

    def refuse(self, ins: int, sw: int, p1: int | None = None) -> None:
        """Commands with this INS (and P1, if given) answer `sw` (lasting)."""
        with self._lock:
            self._refusals[(ins, p1)] = sw
            self._configure(self._model)

    def send_garbage(self) -> None:
        """The next command APDU is answered with bytes that hold no status word."""
        with self._lock:
            self._one_shot.append("garbage")

    def go_mute(self) -> None:
        """The next command APDU is never answered; the card drops off and comes back."""
        with self._lock:
            self._one_shot.append("mute")

    def pull_mid_read(self, after: int = 3) -> None:
        """After answering `after` more command APDUs the card is pulled out, leaving the next unanswered."""
        with self._lock:
            self._pull_after = after

    def recover(self) -> None:
        """Clears every fault, lasting or armed."""
        with self._lock:
            self._one_shot.clear()
            self._pull_after, self._t0_chunk, self._exact_le = None, None, False
            self._refusals.clear()
            self._configure(self._model)

    def _configure(self, model: SsseCard | None) -> None:
        if model is not None:
            model.t0_chunk, model.exact_le, model.refusals = self._t0_chunk, self._exact_le, dict(self._refusals)
            if self._exact_le and apdu.TAG_NAME in model.records:
                tlv = model.records[apdu.TAG_NAME]
                model.records[apdu.TAG_NAME] = apdu.encode_tlv(apdu.TAG_NAME, tlv[2:].rstrip(b"\x00"))

    # -- serving ---------------------------------------------------------------------------------
    def _wake(self) -> None:
        try:
            self._wake_w.send(b"x")
        except OSError:
            pass  # already stopped

    def _run(self) -> None:
        buffer = b""
        while not self._stop.is_set():
            with self._lock:
                wanted = self._model is not None
            if wanted and self._sock is None:
                buffer = b""
                if not self._connect():
                    self._stop.wait(CONNECT_RETRY_SECONDS)
                    continue
            elif not wanted and self._sock is not None:
                self._close()
            watch = [self._wake_r] + ([self._sock] if self._sock is not None else [])
            ready, _, _ = select.select(watch, [], [])
            if self._wake_r in ready:
                self._wake_r.recv(64)
            if self._sock is None or self._sock not in ready:
                continue
            try:
                chunk = self._sock.recv(4096)
                self._quick_ack()
            except OSError:
                chunk = b""
            if not chunk:  # vpcd went away (pcscd stopped): try again while the card is in
                self._close()
                continue
            buffer += chunk
            while len(buffer) >= 2 and len(buffer) >= 2 + int.from_bytes(buffer[:2], "big"):
                size = int.from_bytes(buffer[:2], "big")
                payload, buffer = buffer[2:2 + size], buffer[2 + size:]
                if not self._handle(payload):
                    buffer = b""
                    break

    def _connect(self) -> bool:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=1.0)
        except OSError:
            return False
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock
        self._quick_ack()
        self._disconnected.clear()
        self._connected.set()
        log.debug("virtual card connected to vpcd")
        return True

    def _quick_ack(self) -> None:
        # vpcd writes the 2-byte length and the payload in two sends; with Nagle on its side the
        # payload waits for our ACK of the length, which Linux delays up to 40 ms unless asked
        # not to. The kernel drops this flag again after a while, so it is set after every read.
        if self._sock is not None and hasattr(socket, "TCP_QUICKACK"):
            self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)

    def _close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            sock.close()
            log.debug("virtual card left vpcd")
        self._seen.clear()
        self._connected.clear()
        self._disconnected.set()

    def _handle(self, payload: bytes) -> bool:
        """Answers one message from vpcd; False when the connection was closed meanwhile."""
        with self._lock:
            model = self._model
            if model is None:
                return True
            if len(payload) == 1:
                if payload[0] == CTRL_ATR:
                    self._seen.set()
                    return self._send(self.atr)
                if payload[0] in (CTRL_OFF, CTRL_ON, CTRL_RESET):
                    model.reset()
                return True
            self.commands.append(bytes(payload))
            if self._pull_after is not None:
                if self._pull_after == 0:
                    self._pull_after, self._model = None, None
                    self._close()
                    return False
                self._pull_after -= 1
            fault = self._one_shot.popleft() if self._one_shot else None
            reply = model.answer(payload)
        if fault == "garbage":
            return self._send(GARBAGE)
        if fault == "mute":
            self._stop.wait(MUTE_SECONDS)
            self._close()  # the card is still in: the loop connects it again
            return False
        return self._send(reply)

    def _send(self, payload: bytes) -> bool:
        if self._sock is None:
            return False
        try:
            self._sock.sendall(len(payload).to_bytes(2, "big") + payload)
        except OSError:
            self._close()
            return False
        return True


class PcscdService:
    """Makes sure pcscd (with the vpcd reader of /etc/reader.conf.d/vpcd) is running.

    `start` does nothing when pcscd already answers on its socket; otherwise it starts
    `pcscd --foreground` as a child (root is needed for /run/pcscd). `stop` ends only that child.
    """

    def __init__(self, socket_path: Path = PCSCD_SOCKET, log_file: Path | None = None) -> None:
        self.socket_path = socket_path
        self.log_file = log_file
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def started(self) -> bool:
        """Whether this object started the pcscd that runs."""
        return self._process is not None

    def running(self) -> bool:
        """Whether pcscd accepts connections on its socket."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            try:
                probe.connect(str(self.socket_path))
            except OSError:
                return False
        return True

    def start(self, timeout: float = 5.0) -> PcscdService:
        if self._process is not None or self.running():
            return self
        executable = shutil.which("pcscd") or shutil.which("pcscd", path="/usr/sbin:/sbin")
        if executable is None:
            raise FileNotFoundError("pcscd is not installed (Debian package pcscd)")
        # A socket left by a pcscd that was killed outright makes a new one refuse to start.
        self.socket_path.unlink(missing_ok=True)
        self.socket_path.with_name("pcscd.pid").unlink(missing_ok=True)
        out = open(self.log_file, "ab") if self.log_file else subprocess.DEVNULL  # noqa: SIM115
        try:
            self._process = subprocess.Popen([executable, "--foreground"], stdout=out, stderr=subprocess.STDOUT,
                                              stdin=subprocess.DEVNULL)
        finally:
            if self.log_file:
                out.close()
        try:
            self._wait_running(timeout)
        except BaseException:  # a timeout, an interrupt: never leave our pcscd behind
            self.stop()
            raise
        log.info("started pcscd (pid %d)", self._process.pid)
        return self

    def _wait_running(self, timeout: float) -> None:
        assert self._process is not None
        deadline = time.monotonic() + timeout
        while not self.running():
            if self._process.poll() is not None:
                raise RuntimeError(f"pcscd exited with {self._process.returncode} "
                                   f"(root is needed to create {self.socket_path})")
            if time.monotonic() > deadline:
                raise TimeoutError(f"pcscd did not open {self.socket_path} within {timeout} s")
            self._stop_wait(0.01)

    def stop(self, timeout: float = 5.0) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.info("stopped pcscd (pid %d)", process.pid)

    def _stop_wait(self, seconds: float) -> None:
        assert self._process is not None
        try:
            self._process.wait(seconds)
        except subprocess.TimeoutExpired:
            pass

    def __enter__(self) -> PcscdService:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description="Hold a virtual social-security card in vpcd's reader.")
    parser.add_argument("--card-number", default="D10034567")
    parser.add_argument("--ssn", default="320582196203152412")
    parser.add_argument("--name", default="王小明")
    parser.add_argument("--start-pcscd", action="store_true", help="start pcscd if it is not running (root)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    card = CitizenCardData(card_number=args.card_number, ssn=args.ssn, name=args.name)
    service = PcscdService()
    if args.start_pcscd:
        service.start()
    try:
        with VpcdCard() as vcard:
            vcard.insert(card)
            print(f"card {card.card_number} ({card.name}) is in '{VPCD_READER}'; Ctrl-C takes it out")
            threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        service.stop()


if __name__ == "__main__":
    main()
