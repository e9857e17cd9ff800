"""`[devices] speech` picks the voice; `[voice]` sets its volume, speed and espeak-ng voice."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config
from kiosk.devices.bundle import build_devices
from kiosk.devices.speech.espeak import EspeakSpeech
from kiosk.devices.speech.protocol import Utterance
from kiosk.devices.speech.simulated import SilentSpeech, SimulatedSpeech


def _config(tmp_path: Path, text: str):  # noqa: ANN202
    path = tmp_path / "k.toml"
    path.write_text(f'[paths]\nspool_dir = "{tmp_path}/spool"\n' + text, encoding="utf-8")
    return load_config(path)


def test_espeak_takes_the_voice_section(tmp_path: Path) -> None:
    speech = build_devices(_config(tmp_path, '[devices]\nspeech = "espeak"\n[voice]\nvolume = 35\nrate = 120\n')).speech
    assert isinstance(speech, EspeakSpeech)
    assert (speech.volume, speech.rate, speech.voices["zh"]) == (35, 120, "cmn-latn-pinyin")


def test_off_keeps_nothing_and_the_demo_records(tmp_path: Path) -> None:
    off = build_devices(_config(tmp_path, '[devices]\nspeech = "off"\n')).speech
    assert isinstance(off, SilentSpeech)
    off.say(Utterance("请插卡"))
    assert not off.speaking
    assert isinstance(build_devices(load_config(demo=True)).speech, SimulatedSpeech)


@pytest.mark.parametrize("bad", ["volume = 101", "rate = 20", 'espeak_voice = "cmn; rm -rf"'])
def test_a_bad_voice_setting_is_named(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ConfigError, match=bad.split()[0]):
        _config(tmp_path, f"[voice]\n{bad}\n")
