"""One behaviour for every citizen-card reader: the simulated one, and the PC/SC one on a virtual card.

The PC/SC reader runs its real code path: pyscard → libpcsclite → pcscd → the vpcd driver → TCP →
VpcdCard answering APDU bytes. The tests start pcscd themselves when it is not running (root is
needed, as in CI) and stop it again. pcscd looks for cards every 0.4 s, so the PC/SC slot waits,
bounded, until pcscd has seen a card go in or out before the test polls.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from smartcard import scard

from kiosk.config import KioskConfig, load_config
from kiosk.devices.bundle import build_devices
from kiosk.devices.citizen_card import apdu
from kiosk.devices.citizen_card.pcsc_reader import INTERRUPTED_MESSAGE, PcscCitizenCardReader
from kiosk.devices.citizen_card.protocol import (
    CardError,
    CardPresent,
    CitizenCardData,
    CitizenCardReader,
    NoCard,
    NoReader,
)
from kiosk.devices.citizen_card.simulated import SimulatedCitizenCardReader
from kiosk.devices.citizen_card.vpcd_card import VPCD_READER, PcscdService, VpcdCard, records_of

REPO = Path(__file__).resolve().parents[3]
WAIT = 3.0  # pcscd sees a card within 0.4 s; this only bounds a hang
WANG = CitizenCardData(card_number="D10034567", ssn="320582196203152412", name="王小明")
LI = CitizenCardData(card_number="E20056781", ssn="32050619821108362X", name="李娜")


def is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def wait_for_card(present: bool, timeout: float = WAIT) -> None:
    """Blocks until pcscd reports the vpcd reader with (or without) a card."""
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert hresult == scard.SCARD_S_SUCCESS, scard.SCardGetErrorMessage(hresult)
    try:
        deadline = time.monotonic() + timeout
        known = scard.SCARD_STATE_UNAWARE
        while (left := int((deadline - time.monotonic()) * 1000)) > 0:
            hresult, states = scard.SCardGetStatusChange(context, left, [(VPCD_READER, known)])
            if hresult == scard.SCARD_E_TIMEOUT:
                break
            assert hresult == scard.SCARD_S_SUCCESS, scard.SCardGetErrorMessage(hresult)
            _reader, event, _atr = states[0]
            if bool(event & scard.SCARD_STATE_PRESENT) == present:
                return
            known = event & ~scard.SCARD_STATE_CHANGED
        raise AssertionError(f"pcscd did not see the card {'in' if present else 'out'} within {timeout} s")
    finally:
        scard.SCardReleaseContext(context)


# -- rigs ------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def pcscd() -> Iterator[PcscdService]:
    service = PcscdService()
    if not service.running() and os.geteuid() != 0:
        pytest.skip("pcscd is not running and starting it needs root")
    try:  # start() stops its own pcscd on failure; this covers everything after it too
        service.start()
        yield service
    finally:
        service.stop()


@pytest.fixture
def vcard(pcscd: PcscdService) -> Iterator[VpcdCard]:
    card = VpcdCard().start()
    yield card
    card.stop()
    wait_for_card(False)  # the next test starts with an empty reader
    verify = [c.hex(" ") for c in card.commands if len(c) > 1 and c[1] == apdu.INS_VERIFY]
    assert not verify, f"VERIFY reached the card: {verify}"


@pytest.fixture
def pcsc_reader(vcard: VpcdCard) -> Iterator[PcscCitizenCardReader]:
    reader = PcscCitizenCardReader(VPCD_READER)
    yield reader
    reader.close()


class PcscSlot:
    """Puts cards into the vpcd reader and waits until pcscd has noticed."""

    def __init__(self, card: VpcdCard) -> None:
        self.card = card

    def insert(self, data: CitizenCardData) -> None:
        self.card.insert(data)
        wait_for_card(True)

    def remove(self) -> None:
        self.card.remove()
        wait_for_card(False)

    def insert_pulled_mid_read(self, data: CitizenCardData) -> None:
        self.card.pull_mid_read(after=4)  # SELECTs and the card number answered, then it is gone
        self.insert(data)

    def after_pull(self) -> None:
        wait_for_card(False)

    def unplugged(self) -> CitizenCardReader:
        return PcscCitizenCardReader("Reader That Is Not There")


class SimulatedSlot:
    def __init__(self, reader: SimulatedCitizenCardReader) -> None:
        self.reader = reader

    def insert(self, data: CitizenCardData) -> None:
        self.reader.insert(data)

    def remove(self) -> None:
        self.reader.remove()

    def insert_pulled_mid_read(self, data: CitizenCardData) -> None:
        self.reader.insert_unreadable()

    def after_pull(self) -> None:
        self.reader.remove()

    def unplugged(self) -> CitizenCardReader:
        self.reader.unplug()
        return self.reader


@dataclass
class Rig:
    reader: CitizenCardReader
    slot: Any


@pytest.fixture(params=["simulated", "pcsc-on-vpcd"])
def rig(request: pytest.FixtureRequest) -> Rig:
    if request.param == "simulated":
        reader = SimulatedCitizenCardReader()
        return Rig(reader, SimulatedSlot(reader))
    return Rig(request.getfixturevalue("pcsc_reader"), PcscSlot(request.getfixturevalue("vcard")))


# -- the shared contract ---------------------------------------------------------------------------
def test_no_card_then_insert_then_remove(rig: Rig) -> None:
    assert rig.reader.poll() == NoCard()

    rig.slot.insert(WANG)
    assert rig.reader.poll() == CardPresent(card=WANG)
    assert rig.reader.poll() == CardPresent(card=WANG)  # still in

    rig.slot.remove()
    assert rig.reader.poll() == NoCard()


def test_another_card_after_the_first_was_removed(rig: Rig) -> None:
    rig.slot.insert(WANG)
    assert rig.reader.poll() == CardPresent(card=WANG)
    rig.slot.remove()
    assert rig.reader.poll() == NoCard()

    rig.slot.insert(LI)
    assert rig.reader.poll() == CardPresent(card=LI)


def test_a_card_pulled_mid_read_is_a_chinese_card_error_then_no_card(rig: Rig) -> None:
    rig.slot.insert_pulled_mid_read(WANG)

    status = rig.reader.poll()
    assert isinstance(status, CardError) and is_chinese(status.message)

    rig.slot.after_pull()
    assert rig.reader.poll() == NoCard()


def test_no_reader_is_no_reader_with_a_chinese_message(rig: Rig) -> None:
    reader = rig.slot.unplugged()

    status = reader.poll()
    assert isinstance(status, NoReader) and is_chinese(status.message)
    assert reader.poll() == status  # asked again on every poll, never raises


# -- what only a card on a wire can do (PC/SC only) ------------------------------------------------
@pytest.fixture
def slot(vcard: VpcdCard) -> PcscSlot:
    return PcscSlot(vcard)


def test_the_card_is_read_once_while_it_stays_in(slot, vcard, pcsc_reader):
    slot.insert(WANG)
    for _ in range(5):
        assert pcsc_reader.poll() == CardPresent(card=WANG)

    assert [c[1] for c in vcard.commands] == [apdu.INS_SELECT, apdu.INS_SELECT, apdu.INS_READ_RECORD,
                                              apdu.INS_SELECT, apdu.INS_READ_RECORD, apdu.INS_READ_RECORD]


def test_pulled_mid_read_says_to_keep_the_card_in(slot, vcard, pcsc_reader):
    slot.insert_pulled_mid_read(WANG)

    assert pcsc_reader.poll() == CardError(message=INTERRUPTED_MESSAGE)


def test_61xx_replies_are_fetched_with_get_response(slot, vcard, pcsc_reader):
    vcard.answer_61_first(chunk=8)
    slot.insert(LI)

    assert pcsc_reader.poll() == CardPresent(card=LI)
    assert bytes.fromhex("00 C0 00 00 20") in vcard.commands  # the name record announced as 61 20
    assert bytes.fromhex("00 C0 00 00 18") in vcard.commands  # its rest after an 8-byte chunk


def test_6cxx_replies_are_answered_with_the_right_le(slot, vcard, pcsc_reader):
    vcard.answer_6c_first()
    slot.insert(WANG)

    assert pcsc_reader.poll() == CardPresent(card=WANG)
    name_reads = [c for c in vcard.commands if c[1:3] == bytes([apdu.INS_READ_RECORD, apdu.TAG_NAME])]
    assert name_reads == [bytes.fromhex("00 B2 09 00 20"), bytes.fromhex("00 B2 09 00 08")]  # 王小明 is 6 bytes


@pytest.mark.parametrize(("fault", "words"), [
    (lambda card: card.refuse(apdu.INS_SELECT, 0x6A82, p1=0x04), "不是社会保障卡"),
    (lambda card: card.refuse(apdu.INS_READ_RECORD, 0x6982), "拒绝读取"),
    (lambda card: card.refuse(apdu.INS_SELECT, 0x6283, p1=0x02), "锁定"),
    (lambda card: card.refuse(apdu.INS_READ_RECORD, 0x6F00), "读取失败"),
], ids=["not an SSSE card", "security status", "file invalidated", "odd status word"])
def test_a_refusing_card_is_a_card_error_with_a_chinese_message(slot, vcard, pcsc_reader, fault, words):
    fault(vcard)
    slot.insert(WANG)

    status = pcsc_reader.poll()
    assert isinstance(status, CardError) and words in status.message
    assert pcsc_reader.poll() == status  # read again on the next poll, same answer

    vcard.recover()
    assert pcsc_reader.poll() == CardPresent(card=WANG)


@pytest.mark.parametrize("record", [
    apdu.encode_tlv(apdu.TAG_SSN, b"320582196203152412"),  # wrong tag
    bytes.fromhex("09 1E CD F5 D0"),  # truncated TLV
    apdu.encode_tlv(apdu.TAG_NAME, b"\xcd\xf5\xd0"),  # half a GBK character
    apdu.encode_tlv(apdu.TAG_NAME, bytes(30)),  # blank name
], ids=["wrong tag", "truncated", "bad GBK", "blank"])
def test_a_malformed_name_record_is_a_card_error(slot, vcard, pcsc_reader, record):
    vcard.insert_records({**records_of(WANG), apdu.TAG_NAME: record})
    wait_for_card(True)

    status = pcsc_reader.poll()
    assert isinstance(status, CardError) and "无法识别" in status.message


def test_garbage_is_a_card_error_and_the_next_poll_reads_the_card(slot, vcard, pcsc_reader):
    slot.insert(WANG)
    vcard.send_garbage()

    status = pcsc_reader.poll()
    assert isinstance(status, CardError) and "无法识别" in status.message
    assert pcsc_reader.poll() == CardPresent(card=WANG)


def test_a_mute_card_is_a_card_error_and_is_read_once_it_answers_again(slot, vcard, pcsc_reader):
    slot.insert(WANG)
    vcard.go_mute()

    assert pcsc_reader.poll() == CardError(message=INTERRUPTED_MESSAGE)

    vcard.wait_seen()  # back on the contacts and seen by pcscd
    assert pcsc_reader.poll() == CardPresent(card=WANG)


def test_verify_never_reaches_the_card(slot, vcard, pcsc_reader):
    # The vcard fixture checks this after every PC/SC test too; here with a retry after garbage.
    slot.insert(WANG)
    vcard.send_garbage()
    assert isinstance(pcsc_reader.poll(), CardError)
    assert pcsc_reader.poll() == CardPresent(card=WANG)

    assert len(vcard.commands) == 7
    assert all(c[1] != apdu.INS_VERIFY for c in vcard.commands)


def test_concurrent_polls_take_turns(slot, vcard, pcsc_reader):
    slot.insert(WANG)
    results: list[object] = []

    def poll_a_few() -> None:
        for _ in range(5):
            results.append(pcsc_reader.poll())

    threads = [threading.Thread(target=poll_a_few) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert results == [CardPresent(card=WANG)] * 15
    assert sum(c == apdu.select_ssse().encode() for c in vcard.commands) == 1


@pytest.mark.parametrize("name", ["PCD 00 00", ""], ids=["substring", "first reader"])
def test_the_reader_is_found_by_part_of_its_name(slot, vcard, name):
    slot.insert(WANG)
    reader = PcscCitizenCardReader(name)
    try:
        assert reader.poll() == CardPresent(card=WANG)
    finally:
        reader.close()


def test_pcscd_stopped_is_no_reader_and_its_restart_is_picked_up(pcscd, slot, vcard, pcsc_reader):
    if not pcscd.started:
        pytest.skip("pcscd was started by someone else; the test stops only its own")
    slot.insert(WANG)
    assert pcsc_reader.poll() == CardPresent(card=WANG)

    pcscd.stop()
    assert pcsc_reader.poll() == NoReader()
    assert pcsc_reader.poll() == NoReader()

    pcscd.start()
    vcard.wait_seen()  # the card's own loop connects to the new vpcd
    wait_for_card(True)
    assert pcsc_reader.poll() == CardPresent(card=WANG)


def test_no_pcsc_service_at_all_is_no_reader():
    # libpcsclite looks for pcscd's socket where PCSCLITE_CSOCK_NAME says, read once per process.
    code = ("from kiosk.devices.citizen_card.pcsc_reader import PcscCitizenCardReader as R\n"
            "from kiosk.devices.citizen_card.protocol import NoReader\n"
            "r = R(); print(r.poll() == NoReader(), r.poll() == NoReader())")
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": "/nonexistent/pcscd.comm"}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=60, check=True)

    assert done.stdout.split() == ["True", "True"]


def test_poll_never_raises_even_when_pyscard_misbehaves(monkeypatch):
    def broken(*_args: Any) -> Any:
        raise RuntimeError("SWIG bug")

    monkeypatch.setattr(scard, "SCardEstablishContext", broken)
    status = PcscCitizenCardReader().poll()

    assert isinstance(status, NoReader) and "故障" in status.message


# -- config ----------------------------------------------------------------------------------------
def test_config_pcsc_builds_the_pcsc_reader_without_touching_pcscd():
    config = KioskConfig.model_validate({"devices": {"citizen_card": "pcsc", "citizen_card_reader": "ACS ACR39U"}})

    reader = build_devices(config).citizen_card
    assert isinstance(reader, PcscCitizenCardReader) and reader.reader_name == "ACS ACR39U"


def test_production_reads_real_cards_and_the_demo_stays_simulated():
    assert load_config(REPO / "config" / "kiosk.toml").devices.citizen_card == "pcsc"
    assert load_config(REPO / "config" / "demo.toml").devices.citizen_card == "simulated"


def test_a_card_left_in_is_seen_on_every_poll_until_it_is_taken(rig: Rig) -> None:
    """Cards back (kiosk/services/card_return.py) holds 请取回您的市民卡 on exactly this."""
    from kiosk.devices.id_card.protocol import NoCard as NoIdCard
    from kiosk.services.card_return import card_left

    rig.slot.insert(WANG)
    assert [card_left(NoIdCard(), rig.reader.poll()) for _ in range(5)] == ["citizen_card"] * 5
    rig.slot.remove()
    assert card_left(NoIdCard(), rig.reader.poll()) is None
