"""The one place that picks each device's implementation from config."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config import KioskConfig
from kiosk.devices.citizen_card.pcsc_reader import PcscCitizenCardReader
from kiosk.devices.citizen_card.protocol import CitizenCardReader
from kiosk.devices.citizen_card.simulated import SimulatedCitizenCardReader
from kiosk.devices.face.camera_verifier import CameraFaceVerifier
from kiosk.devices.face.frames import OpenCvCamera
from kiosk.devices.face.protocol import FaceVerifier
from kiosk.devices.face.simulated import SimulatedFaceVerifier
from kiosk.devices.headphones.alsa_jack import AlsaHeadphoneJack
from kiosk.devices.headphones.protocol import HeadphoneJack
from kiosk.devices.headphones.simulated import NoHeadphoneJack, SimulatedHeadphoneJack
from kiosk.devices.id_card.protocol import IdCardReader
from kiosk.devices.id_card.serial_reader import SerialIdCardReader
from kiosk.devices.id_card.simulated import SimulatedIdCardReader
from kiosk.devices.receipt_printer.protocol import ReceiptPrinter
from kiosk.devices.receipt_printer.serial_printer import SerialReceiptPrinter
from kiosk.devices.receipt_printer.simulated import SimulatedReceiptPrinter
from kiosk.devices.report_printer.cups_printer import CupsReportPrinter
from kiosk.devices.report_printer.protocol import ReportPrinter
from kiosk.devices.report_printer.spool import SpoolFolderPrinter
from kiosk.devices.sms.http_gateway import http_gateway_from_config
from kiosk.devices.sms.protocol import SmsGateway
from kiosk.devices.sms.simulated import SimulatedSmsGateway
from kiosk.devices.speech.espeak import EspeakSpeech
from kiosk.devices.speech.protocol import SpeechDevice
from kiosk.devices.speech.simulated import SilentSpeech, SimulatedSpeech


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
    builders = {
        "id_card": {"simulated": SimulatedIdCardReader,
                    "serial": lambda: SerialIdCardReader(d.id_card_port, d.id_card_baudrate)},
        "citizen_card": {"simulated": SimulatedCitizenCardReader,
                         "pcsc": lambda: PcscCitizenCardReader(d.citizen_card_reader)},
        "face": {"simulated": SimulatedFaceVerifier,
                 "camera": lambda: CameraFaceVerifier(OpenCvCamera(d.camera_index), config.paths.face_photos_dir,
                                                      d.face_tolerance, d.face_frames)},
        "receipt_printer": {"simulated": SimulatedReceiptPrinter,
                            "serial": lambda: SerialReceiptPrinter(d.receipt_printer_port,
                                                                   d.receipt_printer_baudrate)},
        "report_printer": {"spool": lambda: SpoolFolderPrinter(config.paths.spool_dir),
                           "cups": lambda: CupsReportPrinter(d.report_printer_queue)},
        "sms": {"outbox": SimulatedSmsGateway, "http": lambda: http_gateway_from_config(d)},
        "speech": {"simulated": SimulatedSpeech, "off": SilentSpeech,
                   "espeak": lambda: EspeakSpeech(volume=config.voice.volume, rate=config.voice.rate,
                                                  voice=config.voice.espeak_voice)},
        "headphones": {"simulated": SimulatedHeadphoneJack, "none": NoHeadphoneJack,
                       "alsa": lambda: AlsaHeadphoneJack(d.headphone_card, d.headphone_control)},
    }
    return Devices(**{name: builders[name][kind]() for name, kind in device_kinds(config).items()})
