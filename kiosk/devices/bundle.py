"""The one place that picks each device's implementation from config."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from kiosk.config import KioskConfig
from kiosk.devices.citizen_card.protocol import CitizenCardReader
from kiosk.devices.face.protocol import FaceVerifier
from kiosk.devices.headphones.protocol import HeadphoneJack
from kiosk.devices.id_card.protocol import IdCardReader
from kiosk.devices.receipt_printer.protocol import ReceiptPrinter
from kiosk.devices.report_printer.protocol import ReportPrinter
from kiosk.devices.sms.protocol import SmsGateway
from kiosk.devices.speech.protocol import SpeechDevice


def _load(where: str) -> Any:
    """The class (or function) `module:name`, imported when a device is built: OpenCV, numpy, dlib,
    python-escpos and pyscard load with the device that uses them, not with the first screen."""
    module, name = where.split(":")
    return getattr(import_module(module), name)


@dataclass
class Devices:
    id_card: IdCardReader
    citizen_card: CitizenCardReader
    face: FaceVerifier
    receipt_printer: ReceiptPrinter
    report_printer: ReportPrinter
    sms: SmsGateway
    speech: SpeechDevice
    headphones: HeadphoneJack


def device_kinds(config: KioskConfig) -> dict[str, str]:
    """Which implementation each device uses, as `[devices]` says."""
    d = config.devices
    return {"id_card": d.id_card, "citizen_card": d.citizen_card, "face": d.face_verifier,
            "receipt_printer": d.receipt_printer, "report_printer": d.report_printer, "sms": d.sms,
            "speech": d.speech, "headphones": d.headphones}


def build_devices(config: KioskConfig) -> Devices:
    """Real or simulated per device, as `[devices]` says (config/kiosk.toml real, config/demo.toml simulated)."""
    d = config.devices
    dev = "kiosk.devices."
    builders = {
        "id_card": {"simulated": lambda: _load(dev + "id_card.simulated:SimulatedIdCardReader")(),
                    "serial": lambda: _load(dev + "id_card.serial_reader:SerialIdCardReader")(
                        d.id_card_port, d.id_card_baudrate)},
        "citizen_card": {"simulated": lambda: _load(dev + "citizen_card.simulated:SimulatedCitizenCardReader")(),
                         "pcsc": lambda: _load(dev + "citizen_card.pcsc_reader:PcscCitizenCardReader")(
                             d.citizen_card_reader)},
        "face": {"simulated": lambda: _load(dev + "face.simulated:SimulatedFaceVerifier")(),
                 "camera": lambda: _load(dev + "face.camera_verifier:CameraFaceVerifier")(
                     _load(dev + "face.frames:OpenCvCamera")(d.camera_index), config.paths.face_photos_dir,
                     d.face_tolerance, d.face_frames)},
        "receipt_printer": {"simulated": lambda: _load(dev + "receipt_printer.simulated:SimulatedReceiptPrinter")(),
                            "serial": lambda: _load(dev + "receipt_printer.serial_printer:SerialReceiptPrinter")(
                                d.receipt_printer_port, d.receipt_printer_baudrate)},
        "report_printer": {"spool": lambda: _load(dev + "report_printer.spool:SpoolFolderPrinter")(
                               config.paths.spool_dir),
                           "cups": lambda: _load(dev + "report_printer.cups_printer:CupsReportPrinter")(
                               d.report_printer_queue)},
        "sms": {"outbox": lambda: _load(dev + "sms.simulated:SimulatedSmsGateway")(),
                "http": lambda: _load(dev + "sms.http_gateway:http_gateway_from_config")(d)},
        "speech": {"simulated": lambda: _load(dev + "speech.simulated:SimulatedSpeech")(),
                   "off": lambda: _load(dev + "speech.simulated:SilentSpeech")(),
                   "espeak": lambda: _load(dev + "speech.espeak:EspeakSpeech")(
                       volume=config.voice.volume, rate=config.voice.rate, voice=config.voice.espeak_voice)},
        "headphones": {"simulated": lambda: _load(dev + "headphones.simulated:SimulatedHeadphoneJack")(),
                       "none": lambda: _load(dev + "headphones.simulated:NoHeadphoneJack")(),
                       "alsa": lambda: _load(dev + "headphones.alsa_jack:AlsaHeadphoneJack")(
                           d.headphone_card, d.headphone_control)},
    }
    return Devices(**{name: builders[name][kind]() for name, kind in device_kinds(config).items()})
