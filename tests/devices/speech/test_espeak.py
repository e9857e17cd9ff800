"""espeak-ng itself: the audio it renders (length, loudness, speed), its kill, its probe."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import pytest

from kiosk.devices.speech.espeak import EspeakSpeech
from kiosk.devices.speech.protocol import Utterance
from kiosk.services.speech_text import utterance
from tests.devices.speech.conftest import rms, seconds
from tests.devices.speech.test_speech_contract import LONG, WAIT

AMOUNT = "您本月应缴一千三百六十六元四角"


def _render(tmp_path: Path, text: str = AMOUNT, language: str = "zh", **settings: int) -> Path:
    out = tmp_path / "-".join(f"{k}{v}" for k, v in settings.items()) if settings else tmp_path / "default"
    out.mkdir()
    voice = EspeakSpeech(wav_dir=out, **settings)
    voice.say(Utterance(text, language))  # type: ignore[arg-type]
    assert voice.wait_until_done(WAIT)
    (wav,) = out.glob("*.wav")
    return wav


def test_a_sentence_becomes_seconds_of_mandarin_speech(tmp_path: Path) -> None:
    wav = _render(tmp_path, rate=140)
    # 15 syllables at 140 words per minute: about 4 s; silence or a spelled-out tone digit would not fit.
    assert 2.0 < seconds(wav) < 8.0
    assert rms(wav) > 0.03


def test_the_mandarin_voice_does_not_read_tone_digits_in_english(tmp_path: Path) -> None:
    # `-v cmn` says "yi one qian one ..." and takes about a third longer for the same sentence.
    pinyin = seconds(_render(tmp_path, rate=175))
    english_digits = tmp_path / "cmn"
    english_digits.mkdir()
    voice = EspeakSpeech(wav_dir=english_digits, voice="cmn", rate=175)
    voice.say(Utterance(AMOUNT))
    assert voice.wait_until_done(WAIT)
    assert seconds(next(english_digits.glob("*.wav"))) > 1.15 * pinyin


def test_volume_sets_the_amplitude(tmp_path: Path) -> None:
    quiet, loud = rms(_render(tmp_path, volume=20)), rms(_render(tmp_path, volume=80))
    assert 3.0 < loud / quiet < 5.0


def test_rate_sets_the_speed(tmp_path: Path) -> None:
    assert seconds(_render(tmp_path, rate=80)) > 1.5 * seconds(_render(tmp_path, rate=200))


def test_english_uses_the_english_voice(tmp_path: Path) -> None:
    assert seconds(_render(tmp_path, "Please place your ID card on the reader", "en")) > 1.0


def test_stop_kills_the_process_before_the_audio_is_complete(tmp_path: Path) -> None:
    full = seconds(_render(tmp_path, LONG))
    cut_dir = tmp_path / "cut"
    cut_dir.mkdir()
    voice = EspeakSpeech(wav_dir=cut_dir)
    voice.say(Utterance(LONG))
    voice.stop()
    assert not voice.speaking
    cut = list(cut_dir.glob("*.wav"))
    assert not cut or seconds(cut[0]) < full / 2


def test_a_synthesizer_that_fails_is_logged_without_the_text(tmp_path: Path,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    broken = tmp_path / "espeak-ng"
    broken.write_text("#!/bin/sh\ncat >/dev/null\necho 'Error: no audio device' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    voice = EspeakSpeech(executable=str(broken))
    with caplog.at_level(logging.ERROR):
        voice.say(Utterance(AMOUNT))
        assert voice.wait_until_done(WAIT)
    assert "espeak-ng exited with 3: Error: no audio device" in caplog.text
    assert AMOUNT not in caplog.text  # what a resident hears stays out of the log


def test_a_missing_program_is_logged_and_the_screen_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    voice = EspeakSpeech(executable="/nonexistent/espeak-ng")
    with caplog.at_level(logging.ERROR):
        voice.say(Utterance(AMOUNT))
    assert not voice.speaking and "could not start" in caplog.text
    assert voice.probe() == (False, "未安装 espeak-ng，无法语音播报")


def test_the_probe_needs_a_sound_card_when_speaking_aloud(tmp_path: Path) -> None:
    assert EspeakSpeech(sound_cards=tmp_path / "absent").probe() == (False, "未找到声卡，语音无法播放")
    cards = tmp_path / "cards"
    cards.write_text(" 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n", encoding="utf-8")
    ok, message = EspeakSpeech(sound_cards=cards, volume=70, rate=140).probe()
    assert ok and message == "就绪（普通话，音量 70，语速 140）"


def test_the_probe_names_a_missing_mandarin_voice(tmp_path: Path) -> None:
    assert EspeakSpeech(wav_dir=tmp_path, voice="cmn-no-such").probe() == (False, "espeak-ng 缺少普通话语音 cmn-no-such")


def test_volume_outside_0_to_100_is_refused() -> None:
    with pytest.raises(ValueError):
        EspeakSpeech(volume=150)


@pytest.mark.parametrize("screen_text", [
    "您本月应缴 1,366.40 元，首次扣款日 2027 年 1 月 18 日",
    "补打码：481209，请凭补打码到中心柜面补打",
    "身份证号：3205**********001X，手机号 138****5600",
    "业务流水号 SIP20270104000123，营业时间 08:30-17:00",
])
def test_the_mandarin_voice_reads_our_utterances_without_switching_to_english(screen_text: str) -> None:
    words = utterance(screen_text).text
    phonemes = subprocess.run(["espeak-ng", "-v", "cmn-latn-pinyin", "-q", "-x", words],
                              capture_output=True, text=True, timeout=WAIT, check=True).stdout
    assert phonemes.strip() and "(en)" not in phonemes
