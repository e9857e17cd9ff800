"""Probes every configured device once and says, per device, whether it works and why not.

Shared by `kiosk devices check` and the maintenance screen, so staff see the same words in both.
A probe never raises: a device that throws is reported as a fault with the exception as detail.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.devices.bundle import Devices
from kiosk.devices.citizen_card import protocol as cc
from kiosk.devices.id_card import protocol as idc
from kiosk.devices.receipt_printer.protocol import PrinterReady

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeviceHealth:
    """One device's state. `message` is Chinese for staff; `detail` English for the log.

    `ok` False is a fault (故障: the kiosk cannot do part of its work); `warning` is working now but
    needing staff before it matters (警告, e.g. next year's holiday schedule not yet loaded).
    """

    key: str
    label: str
    implementation: str
    ok: bool
    message: str
    detail: str = ""
    millis: float = 0.0
    warning: bool = False

    @property
    def state(self) -> str:
        """The word staff read, the same in `kiosk devices check` and on the maintenance screen."""
        return "故障" if not self.ok else "警告" if self.warning else "正常"


def _reader(status: object, no_reader: type, card_present: type, card_error: type) -> tuple[bool, str]:
    if isinstance(status, no_reader):
        return False, status.message
    if isinstance(status, card_present):
        return True, "已连接（读卡器上有卡）"
    if isinstance(status, card_error):
        return True, f"已连接（{status.message}）"
    return True, "已连接，无卡"


# A reply that fails the protocol once may be a glitch on the line; this many in a row is a fault.
LINE_FAULT_POLLS = 3
LINE_FAULT_MESSAGE = "身份证读卡器应答不符合协议（乱码、校验错误或数据不完整），请检查连线或更换读卡器"


def _id_card(devices: Devices) -> tuple[bool, str]:
    """The ID-card reader: 正常 only when it answers in the protocol (GA 467) at least once."""
    for _ in range(LINE_FAULT_POLLS):
        status = devices.id_card.poll()
        if not (isinstance(status, idc.CardError) and status.line_fault):
            return _reader(status, idc.NoReader, idc.CardPresent, idc.CardError)
    return False, LINE_FAULT_MESSAGE


def _printer(status: object) -> tuple[bool, str]:
    return isinstance(status, PrinterReady), status.message


def _face(devices: Devices) -> tuple[bool, str]:
    ok, message = devices.face.probe()
    return ok, message


def _sms(devices: Devices) -> tuple[bool, str]:
    ok, message = devices.sms.probe()
    return ok, message


PROBES: tuple[tuple[str, str, Callable[[Devices], tuple[bool, str]]], ...] = (
    ("id_card", "身份证读卡器", _id_card),
    ("citizen_card", "市民卡读卡器",
     lambda d: _reader(d.citizen_card.poll(), cc.NoReader, cc.CardPresent, cc.CardError)),
    ("face", "摄像头及人脸识别", _face),
    ("receipt_printer", "凭条打印机", lambda d: _printer(d.receipt_printer.status())),
    ("report_printer", "A4 打印机", lambda d: _printer(d.report_printer.status())),
    ("sms", "短信网关", _sms),
    ("speech", "语音播报", lambda d: d.speech.probe()),
    ("headphones", "耳机插孔", lambda d: d.headphones.probe()),
)


def check_devices(devices: Devices, kinds: dict[str, str]) -> list[DeviceHealth]:
    """Probes each device in turn; `kinds` names each device's configured implementation."""
    out = []
    for key, label, probe in PROBES:
        start = time.perf_counter()
        try:
            ok, message = probe(devices)
            detail = ""
        except Exception as exc:  # noqa: BLE001 (a probe must report, never crash the check)
            ok, message, detail = False, "检测时出错", f"{type(exc).__name__}: {exc}"
        millis = (time.perf_counter() - start) * 1000
        if not ok:
            log.error("device check: %s (%s) fault: %s %s", key, kinds.get(key, "?"), message, detail)
        out.append(DeviceHealth(key, label, kinds.get(key, "?"), ok, message, detail, millis))
    return out
