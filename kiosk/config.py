"""Kiosk configuration: TOML files validated into frozen pydantic models.

`config/kiosk.toml` is a production terminal, `config/demo.toml` the supervised demo. Relative
paths are taken from the directory the kiosk is started in, so one checkout can run both.
"""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

REPO_CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class KioskSection(_Frozen):
    terminal_id: str = "SIP-24H-001"
    location: str = "苏州工业园区社保公积金服务大厅"
    demo: bool = False
    fullscreen: bool = True


# The terminal's screen: landscape 21.5" (default), the standing terminals' portrait panel, and the
# older 19-inch 5:4 panels. The kiosk area is exactly this size in every mode.
SCREEN_PROFILES: dict[str, tuple[int, int]] = {"1920x1080": (1920, 1080), "1080x1920": (1080, 1920),
                                               "1280x1024": (1280, 1024)}


class ScreenSection(_Frozen):
    profile: Literal["1920x1080", "1080x1920", "1280x1024"] = "1920x1080"

    @property
    def size(self) -> tuple[int, int]:
        return SCREEN_PROFILES[self.profile]


class DatabaseSection(_Frozen):
    url: str = "sqlite:///var/kiosk.sqlite"


class SessionSection(_Frozen):
    idle_timeout_seconds: int = Field(60, ge=20, le=600)
    idle_warning_seconds: int = Field(20, ge=20, le=60)  # WCAG 2.2.1: at least 20 s to ask for more
    face_attempts: int = Field(3, ge=1, le=5)
    password_attempts: int = Field(5, ge=3, le=10)
    # The result screen (serial, 补打码) waits this long for 完成, with a visible countdown.
    result_idle_s: int = Field(180, ge=30, le=900)
    # A card left in a reader after the business: 请取回您的… is held this long, then staff are told.
    card_left_s: int = Field(60, ge=10, le=600)

    @model_validator(mode="after")
    def _warning_fits(self) -> "SessionSection":
        if self.idle_warning_seconds >= self.idle_timeout_seconds:
            raise ValueError("idle_warning_seconds must be shorter than idle_timeout_seconds")
        return self


class FlexGrade(_Frozen):
    code: str
    label: str
    base: Decimal
    monthly_amount: Decimal


class FlexPackage(_Frozen):
    code: str
    label: str
    insurances: tuple[str, ...]
    grades: tuple[FlexGrade, ...]


class RulesSection(_Frozen):
    # The guide: "首次扣款日（一般为每月 18 日）"; the centre may move it, hence config.
    flex_first_deduction_day: int = Field(18, ge=1, le=28)
    remote_medical_max_start_days: int = Field(90, ge=0, le=366)
    remote_medical_max_years: int = Field(5, ge=1, le=20)
    flex_packages: tuple[FlexPackage, ...] = ()


class DevicesSection(_Frozen):
    id_card: Literal["simulated", "serial"] = "simulated"
    # A GA 467 SAM reader on a serial line (USB-serial adapters show up as ttyUSB*); 115200 8N1
    # is the SAM default.
    id_card_port: str = "/dev/ttyUSB0"
    id_card_baudrate: int = 115200
    citizen_card: Literal["simulated", "pcsc"] = "simulated"
    # Part of the PC/SC reader's name (`pcsc_scan` lists them); empty takes the first reader.
    citizen_card_reader: str = ""
    camera: Literal["simulated", "opencv"] = "simulated"
    face_verifier: Literal["simulated", "camera"] = "simulated"
    # "camera": OpenCV capture + face_recognition (kiosk/devices/face/camera_verifier.py). Index of
    # the UVC camera (/dev/videoN). Tolerance: encoding distance accepted as the same person; 0.45 is
    # stricter than face_recognition's 0.6 (measurements in camera_verifier.py). face_frames frames
    # about 0.12 s apart are taken per check, for the blink / head-turn liveness check.
    camera_index: int = Field(0, ge=0)
    face_tolerance: float = Field(0.45, gt=0.2, le=0.6)
    face_frames: int = Field(8, ge=3, le=30)
    receipt_printer: Literal["simulated", "serial"] = "simulated"
    # An ESC/POS printer on a serial line (kiosk/devices/receipt_printer/serial_printer.py); the
    # baud rate must match the printer's DIP switches / settings page.
    receipt_printer_port: str = "/dev/ttyUSB1"
    receipt_printer_baudrate: int = 115200
    report_printer: Literal["spool", "cups"] = "spool"
    # The CUPS queue for A4 reports (`lpstat -p` lists them); empty uses the system default.
    report_printer_queue: str = ""
    sms: Literal["outbox", "http"] = "outbox"
    # The centre's HTTP gateway (kiosk/devices/sms/http_gateway.py has the wire format). The key
    # is never in a file: it is read at start-up from the environment variable named here.
    sms_url: str = Field("", pattern=r"^(https?://\S+)?$")
    sms_key_env: str = Field("KIOSK_SMS_KEY", pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    sms_sign: str = ""
    sms_timeout_seconds: float = Field(5.0, gt=0, le=60)
    sms_retries: int = Field(2, ge=0, le=5)
    # Voice guidance (kiosk/devices/speech): "espeak" speaks Mandarin offline through espeak-ng and
    # the default sound output; "off" for a terminal without speakers. [voice] sets volume and rate.
    speech: Literal["simulated", "espeak", "off"] = "simulated"
    # The headphone jack (kiosk/devices/headphones): "alsa" reads the sound card's jack control
    # (`amixer -c <card> controls` lists it, usually "Headphone Jack"); "none": no jack on this terminal.
    headphones: Literal["simulated", "alsa", "none"] = "simulated"
    headphone_card: int = Field(0, ge=0)
    headphone_control: str = Field("Headphone Jack", pattern=r"^[^'\n]+$")

    @model_validator(mode="after")
    def _camera_for_face(self) -> "DevicesSection":
        if self.face_verifier == "camera" and self.camera != "opencv":
            raise ValueError('face_verifier = "camera" needs camera = "opencv"')
        return self


class PathsSection(_Frozen):
    spool_dir: Path = Path("var/spool")
    log_file: Path = Path("var/log/kiosk.log")
    # Enrolled photos of record, <face_ref>.jpg or .png, for the camera face verifier.
    face_photos_dir: Path = Path("var/faces")


class SigningSection(_Frozen):
    # Ed25519 private key (PEM, PKCS#8) that signs the QR code of every A4 document. Created by
    # `kiosk db init`; it lives under var/, never in the repository.
    key_file: Path = Path("var/keys/document-signing.pem")


class CalendarSection(_Frozen):
    # Corrections on top of chinesecalendar for any year (kiosk/services/working_days.py).
    # extra_workdays are make-up working days (调休上班). A year chinesecalendar lacks counts as
    # published only when complete_years lists it; otherwise its dates are estimated (预计).
    extra_holidays: tuple[date, ...] = ()
    extra_workdays: tuple[date, ...] = ()
    complete_years: tuple[Annotated[int, Field(ge=2000, le=2100)], ...] = ()

    @model_validator(mode="after")
    def _no_day_in_both(self) -> "CalendarSection":
        both = sorted(set(self.extra_holidays) & set(self.extra_workdays))
        if both:
            raise ValueError(f"dates both extra_holidays and extra_workdays: {both}")
        return self


class SubsidySection(_Frozen):
    # 中低收入家庭住房公积金贷款贴息: the guide says 贴息申请每年上半年受理，以园区公积金中心网站发布的通知为准,
    # so the centre's announced window ("MM-DD", both days included) is configuration.
    window_start: str = Field("01-01", pattern=r"^\d{2}-\d{2}$")
    window_end: str = Field("06-30", pattern=r"^\d{2}-\d{2}$")

    @model_validator(mode="after")
    def _real_days_in_order(self) -> "SubsidySection":
        for name, value in (("window_start", self.window_start), ("window_end", self.window_end)):
            try:
                date(2000, *map(int, value.split("-")))  # a leap year, so 02-29 is allowed
            except ValueError:
                raise ValueError(f"{name} {value!r} is not a day of the year") from None
        if self.window_start > self.window_end:
            raise ValueError("window_start must not be later than window_end (one window within a year)")
        return self


class MaintenanceSection(_Frozen):
    # scrypt hash of the staff PIN that opens the maintenance screen from the kiosk (5 taps on the
    # clock, then the PIN). Empty: no entry from the touch screen, only `kiosk maintenance`.
    # `kiosk staff-pin` makes the line; the PIN itself is never written anywhere.
    staff_pin_hash: str = Field("", pattern=r"^(scrypt\$\d+\$\d+\$\d+\$[0-9a-f]+\$[0-9a-f]+)?$")


class VoiceSection(_Frozen):
    # espeak-ng amplitude 0-100: 100 is its own full level (louder only clips; turn the speaker up).
    volume: int = Field(80, ge=0, le=100)
    # Words per minute (espeak-ng -s): its default 175 is fast for elderly residents.
    rate: int = Field(140, ge=80, le=260)
    # `cmn` would read pinyin tone digits in English; cmn-latn-pinyin reads Mandarin.
    espeak_voice: str = Field("cmn-latn-pinyin", pattern=r"^[A-Za-z0-9_+-]+$")


class CentreSection(_Frozen):
    # Shown under every refusal (kiosk.services.refusal.centre_contact). The centre's guide states no
    # address or opening hours: these are configuration, to be set to what the centre publishes.
    name: str = "苏州工业园区社会保险基金和公积金管理中心"
    address: str = Field("", max_length=60)
    hours: str = Field("", max_length=60)
    hotline: str = Field("12333", pattern=r"^[0-9-]{3,20}$")


class KioskConfig(_Frozen):
    kiosk: KioskSection = KioskSection()
    screen: ScreenSection = ScreenSection()
    database: DatabaseSection = DatabaseSection()
    session: SessionSection = SessionSection()
    rules: RulesSection = RulesSection()
    devices: DevicesSection = DevicesSection()
    paths: PathsSection = PathsSection()
    calendar: CalendarSection = CalendarSection()
    signing: SigningSection = SigningSection()
    subsidy: SubsidySection = SubsidySection()
    maintenance: MaintenanceSection = MaintenanceSection()
    voice: VoiceSection = VoiceSection()
    centre: CentreSection = CentreSection()

    def flex_package(self, code: str) -> FlexPackage | None:
        return next((p for p in self.rules.flex_packages if p.code == code), None)


class ConfigError(Exception):
    """A config file that is missing or malformed; the message names the file and the field."""


def load_config(path: Path | str | None = None, *, demo: bool = False) -> KioskConfig:
    """Reads a TOML config; with no path, the repository's `demo.toml` or `kiosk.toml`."""
    if path is None:
        path = REPO_CONFIG_DIR / ("demo.toml" if demo else "kiosk.toml")
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"配置文件不存在: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件格式错误 {path}: {exc}") from None
    except (UnicodeDecodeError, OSError) as exc:  # saved as GBK, a folder, no permission
        raise ConfigError(f"配置文件无法读取 {path}（应为 UTF-8 编码的文本文件）: {exc}") from None
    try:
        config = KioskConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"配置文件内容错误 {path}:\n{exc}") from None
    if demo and not config.kiosk.demo:
        config = config.model_copy(update={"kiosk": config.kiosk.model_copy(update={"demo": True})})
    return config
