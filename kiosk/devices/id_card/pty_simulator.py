"""A byte-level ID-card reader on a pseudo-terminal, so tests and benchmarks run the real serial code.

The simulator holds the master side of a pty and answers SAM frames (sam_frames) the way a GA 467
reader does; `SerialIdCardReader` opens the slave's path (`port`) as if it were /dev/ttyUSB0.
Faults are armed by hand: one-shot line faults spoil the next reply only, while `go_silent` and
`sam_fault` last until `recover`.
"""

from __future__ import annotations

import threading
from collections import deque

from kiosk.devices.id_card import sam_frames as sam
from kiosk.devices.id_card.protocol import IdCardData
from kiosk.devices.pty_peer import PtyPeer

# Noise ending in half a preamble, so the decoder also has to re-synchronise mid-preamble.
NOISE = bytes.fromhex("00 FF 55 13 37 AA")
SAM_ID = bytes(range(16))
CARD_SERIAL = bytes.fromhex("00 00 00 00")  # find reply data (4 bytes)
CARD_SELECTED = bytes(8)  # select reply data (8 bytes)
# Replies to request frames the SAM could not trust (SW3 table: 10 checksum, 11 length).
_DECODE_ERROR_REPLIES = {"checksum": sam.SW3_CHECKSUM_ERROR, "length": sam.SW3_LENGTH_ERROR}


class PtyIdCardSimulator(PtyPeer):
    """A simulated GA 467 ID-card reader serving a pseudo-terminal from its own thread.

    `start`, `stop` and the with-statement come from `PtyPeer`; once started, `port` is the path
    the reader opens.

    Args:
        halts_after_read: Model the practice note that a card, once read, is not found again until
            it has been taken off and put back (find answers 80 meanwhile). Off by default: then a
            card lying on the reader keeps answering find, which the reader takes as "still there".
    """

    thread_name = "pty-id-card-simulator"
    log_label = "pty simulator"

    def __init__(self, *, halts_after_read: bool = False) -> None:
        super().__init__()
        self.halts_after_read = halts_after_read
        self.requests: list[sam.Request] = []  # every request decoded, in order, for tests
        self._lock = threading.Lock()
        self._text: bytes | None = None
        self._photo = bytes(sam.PHOTO_SIZE)
        self._found = self._selected = self._halted = False
        self._one_shot: deque[str] = deque()  # "garbage" | "short" | "checksum" | "read_failed"
        self._silent = False
        self._sam_fault = False
        self._decoder = sam.FrameDecoder.for_requests()

    # -- lifecycle -------------------------------------------------------------------------------
    def stop(self) -> None:
        """Stops the thread and closes every descriptor (the reader's own fd stays its business)."""
        super().stop()
        # A restarted simulator hears a fresh line: no half frame from before the stop.
        self._decoder.reset()

    # -- the card --------------------------------------------------------------------------------
    def insert(self, card: IdCardData, photo: bytes | None = None) -> None:
        """Puts a card on the reader (its text block is built as the card would hold it)."""
        self.insert_text(sam.build_text_block(card), photo)

    def insert_text(self, text: bytes, photo: bytes | None = None) -> None:
        """Puts a card with this raw 256-byte text block on the reader (for malformed cards)."""
        with self._lock:
            self._text = bytes(text)
            self._photo = bytes(sam.PHOTO_SIZE) if photo is None else bytes(photo)
            self._found = self._selected = self._halted = False

    def remove(self) -> None:
        """Takes the card off the reader."""
        with self._lock:
            self._text = None
            self._found = self._selected = self._halted = False

    # -- faults ----------------------------------------------------------------------------------
    def send_garbage(self) -> None:
        """The next reply is preceded by line noise."""
        self._arm("garbage")

    def short_frame(self) -> None:
        """The next reply stops halfway (a torn frame), then nothing more comes."""
        self._arm("short")

    def bad_checksum(self) -> None:
        """The next reply has a wrong checksum byte."""
        self._arm("checksum")

    def fail_read(self) -> None:
        """The next read text + photo answers SW3 41 (read failed), as when the card slips."""
        self._arm("read_failed")

    def go_silent(self) -> None:
        """Requests are swallowed without a reply until `recover` (a hung or unpowered reader)."""
        with self._lock:
            self._silent = True

    def sam_fault(self) -> None:
        """Every command answers SW3 60 (SAM self-test failed) until `recover`."""
        with self._lock:
            self._sam_fault = True

    def recover(self) -> None:
        """Clears every fault, lasting or armed."""
        with self._lock:
            self._silent = self._sam_fault = False
            self._one_shot.clear()

    def _arm(self, fault: str) -> None:
        with self._lock:
            self._one_shot.append(fault)

    # -- serving ---------------------------------------------------------------------------------
    def _received(self, chunk: bytes) -> bool:
        for item in self._decoder.feed(chunk):
            if isinstance(item, sam.SamFrameError):
                sw3 = _DECODE_ERROR_REPLIES.get(item.kind)
                if sw3 is None:
                    continue  # a real SAM ignores bytes that are not a frame
                reply = sam.encode_reply(sw3)
            else:
                with self._lock:
                    self.requests.append(item)
                reply = self._answer(item)
            if not self._send(reply):
                return False
        return True

    def _answer(self, request: sam.Request) -> bytes:
        with self._lock:
            if self._sam_fault:
                return sam.encode_reply(sam.SW3_SAM_SELF_TEST_FAILED)
            command = (request.cmd, request.para)
            card = self._text is not None
            if command == sam.RESET_SAM:
                self._found = self._selected = False
                return sam.encode_reply(sam.SW3_OK)
            if command == sam.SAM_STATUS:
                return sam.encode_reply(sam.SW3_OK)
            if command == sam.READ_SAM_ID:
                return sam.encode_reply(sam.SW3_OK, SAM_ID)
            if command == sam.FIND_CARD:
                self._found = card and not self._halted
                self._selected = False
                if self._found:
                    return sam.encode_reply(sam.SW3_CARD_FOUND, CARD_SERIAL)
                return sam.encode_reply(sam.SW3_FIND_FAILED)
            if command == sam.SELECT_CARD:
                self._selected = card and self._found
                return sam.encode_reply(sam.SW3_OK if self._selected else sam.SW3_SELECT_FAILED,
                                        CARD_SELECTED if self._selected else b"")
            if command == sam.READ_TEXT_PHOTO:
                if "read_failed" in self._one_shot:
                    self._one_shot.remove("read_failed")
                    return sam.encode_reply(sam.SW3_READ_FAILED)
                if self._text is None or not self._selected:
                    return sam.encode_reply(sam.SW3_READ_FAILED)
                self._halted = self.halts_after_read
                return sam.encode_reply(sam.SW3_OK, sam.build_read_data(self._text, self._photo))
            return sam.encode_reply(sam.SW3_COMMAND_ERROR)

    def _spoil(self, reply: bytes) -> bytes | None:
        """Applies the lasting or next one-shot line fault; None means send nothing."""
        with self._lock:
            if self._silent:
                return None
            fault = next((f for f in self._one_shot if f != "read_failed"), None)
            if fault is not None:
                self._one_shot.remove(fault)
        if fault == "garbage":
            return NOISE + reply
        if fault == "short":
            return reply[:max(sam.HEADER_SIZE + 1, len(reply) // 2)]
        if fault == "checksum":
            return reply[:-1] + bytes([reply[-1] ^ 0xFF])
        return reply

    def _send(self, reply: bytes) -> bool:
        """Writes a reply in full, as spoilt by the armed faults; False when asked to stop meanwhile."""
        data = self._spoil(reply)
        return data is None or self._write_all(data)
