"""`kiosk devices check` on the serial ID-card reader: a reader whose replies fail the protocol is 故障."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.config import load_config
from kiosk.devices.bundle import Devices, build_devices, device_kinds
from kiosk.devices.health import LINE_FAULT_MESSAGE, LINE_FAULT_POLLS, DeviceHealth, check_devices
from kiosk.devices.id_card.serial_reader import SerialIdCardReader

# The pty simulator and the serial reader on it, as the reader's contract tests build them.
from .id_card.test_reader_contract import WANG, serial_reader, sim  # noqa: F401 (fixtures)


@pytest.fixture
def devices(serial_reader: SerialIdCardReader) -> Devices:  # noqa: F811 (the imported fixture)
    return dataclasses.replace(build_devices(load_config(demo=True)), id_card=serial_reader)


def _id_card(devices: Devices) -> DeviceHealth:
    kinds = device_kinds(load_config(demo=True)) | {"id_card": "serial"}
    return next(h for h in check_devices(devices, kinds) if h.key == "id_card")


@pytest.mark.parametrize("fault", ["send_garbage", "short_frame", "bad_checksum"])
@pytest.mark.parametrize("card", [None, WANG], ids=["no card", "card on the reader"])
def test_a_reader_answering_only_faulty_frames_is_faulty(sim, devices, fault, card) -> None:
    if card is not None:
        sim.insert(card)
    for _ in range(LINE_FAULT_POLLS):
        getattr(sim, fault)()
    health = _id_card(devices)
    assert not health.ok
    assert health.message == LINE_FAULT_MESSAGE


@pytest.mark.parametrize("fault", ["send_garbage", "short_frame", "bad_checksum"])
def test_one_glitch_on_the_line_is_not_a_fault(sim, devices, fault) -> None:
    getattr(sim, fault)()
    health = _id_card(devices)
    assert health.ok and health.message == "已连接，无卡"


def test_a_card_the_reader_cannot_read_is_not_a_reader_fault(sim, devices) -> None:
    sim.fail_read()
    health = _id_card(devices)
    assert health.ok and "已连接" in health.message
