"""config/kiosk.toml drives every real adapter, config/demo.toml every simulated one."""

from __future__ import annotations

from kiosk.config import REPO_CONFIG_DIR, load_config
from kiosk.devices.bundle import device_kinds


def test_production_uses_every_real_adapter() -> None:
    assert device_kinds(load_config(REPO_CONFIG_DIR / "kiosk.toml")) == {
        "id_card": "serial", "citizen_card": "pcsc", "face": "camera", "receipt_printer": "serial",
        "report_printer": "cups", "sms": "http",
        "speech": "espeak", "headphones": "alsa"}


def test_the_demo_simulates_every_device() -> None:
    assert device_kinds(load_config(demo=True)) == {
        "id_card": "simulated", "citizen_card": "simulated", "face": "simulated", "receipt_printer": "simulated",
        "report_printer": "spool", "sms": "outbox",
        "speech": "simulated", "headphones": "simulated"}
