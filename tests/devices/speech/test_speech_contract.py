"""One behaviour for every voice: the simulated one, and espeak-ng rendering to WAV files.

The real voice runs its real code path (a process per utterance, killed by stop()); only the
output goes to a folder of WAV files instead of the sound card, so "heard" means "a WAV with audio".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.devices.speech.espeak import EspeakSpeech
from kiosk.devices.speech.protocol import SpeechDevice, Utterance
from kiosk.devices.speech.simulated import SimulatedSpeech
from tests.devices.speech.conftest import seconds

LONG = "您本月应缴一千三百六十六元四角，请在二零二七年一月四日前缴费。" * 50
WAIT = 30.0


@dataclass
class Voice:
    device: SpeechDevice
    heard: Callable[[], int]  # how many utterances were actually spoken (with audio)


def _simulated(tmp_path: Path) -> Voice:
    device = SimulatedSpeech()
    return Voice(device, lambda: len(device.spoken))


def _espeak(tmp_path: Path) -> Voice:
    device = EspeakSpeech(wav_dir=tmp_path)
    return Voice(device, lambda: sum(1 for f in tmp_path.glob("*.wav") if seconds(f) > 0.3))


@pytest.fixture(params=[_simulated, _espeak], ids=["simulated", "espeak"])
def voice(request: pytest.FixtureRequest, tmp_path: Path) -> Voice:
    return request.param(tmp_path)


def test_it_is_a_speech_device(voice: Voice) -> None:
    assert isinstance(voice.device, SpeechDevice)


def test_say_returns_while_speaking_and_the_words_are_heard(voice: Voice) -> None:
    voice.device.say(Utterance("请将身份证放在感应区"))
    assert voice.device.wait_until_done(WAIT)
    assert not voice.device.speaking
    assert voice.heard() == 1


def test_stop_silences_a_long_utterance_at_once(voice: Voice) -> None:
    voice.device.say(Utterance(LONG))
    assert voice.device.speaking
    voice.device.stop()
    assert not voice.device.speaking
    voice.device.say(Utterance("请选择业务"))  # the next screen speaks as usual
    assert voice.device.wait_until_done(WAIT)


def test_a_secret_is_never_spoken_and_the_refusal_is_logged(voice: Voice, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        voice.device.say(Utterance("您输入的密码是 1 3 5 7 9 0", secret=True))
    assert not voice.device.speaking
    assert voice.device.wait_until_done(WAIT)
    assert voice.heard() == 0
    assert "refused to speak a secret" in caplog.text
    assert "1 3 5 7" not in caplog.text


def test_blank_text_says_nothing(voice: Voice) -> None:
    voice.device.say(Utterance("  "))
    assert voice.device.wait_until_done(WAIT)
    assert voice.heard() == 0


def test_the_probe_reports_ready(voice: Voice) -> None:
    ok, message = voice.device.probe()
    assert ok and "就绪" in message
    assert voice.heard() == 0  # a probe says nothing aloud
