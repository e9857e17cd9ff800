"""espeak-ng itself: the audio it renders (length, loudness, speed), its kill, its probe."""

from __future__ import annotations

import logging
import subprocess
import threading
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
    out.mkdir(parents=True)
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


def test_an_english_sentence_with_a_chinese_name_renders_whole(tmp_path: Path) -> None:
    plain = seconds(_render(tmp_path / "plain", "Hello. Please face the camera.", "en"))
    named = seconds(_render(tmp_path / "named", utterance("Hello, 林晓燕. Please face the camera.", language="en").text,
                            "en"))
    # The name is spoken, in Mandarin (about a second); the English voice would say "Chinese letter"
    # three times (about three seconds).
    assert plain + 0.4 < named < plain + 2.0


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
        voice.say(Utterance(AMOUNT))  # returns at once: the worker finds the program missing
        assert voice.wait_until_done(WAIT)
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


class FakeProcess:
    """An espeak-ng that speaks until kill() or finish(); its `started` event is set once it runs."""

    def __init__(self, args: list[str]) -> None:
        self.args, self.returncode = args, None
        self.text = b""
        self.killed = False
        self._done = threading.Event()
        outer = self

        class Stdin:
            def write(self, data: bytes) -> None:
                outer.text += data

            def close(self) -> None:
                pass

        self.stdin, self.stderr = Stdin(), None

    def poll(self) -> int | None:
        return self.returncode

    def kill(self) -> None:
        self.killed = True
        self.finish(-9)

    def finish(self, code: int = 0) -> None:
        if self.returncode is None:
            self.returncode = code
        self._done.set()

    def wait(self, timeout: float | None = None) -> int:
        assert self._done.wait(WAIT)
        return self.returncode


class FakeEspeak:
    """Starts FakeProcesses; `gate` (when cleared) holds the start as a slow fork and exec would."""

    def __init__(self) -> None:
        self.processes: list[FakeProcess] = []
        self.threads: list[threading.Thread] = []
        self.gate = threading.Event()
        self.gate.set()
        self.started = threading.Semaphore(0)

    def __call__(self, args: list[str], **_: object) -> FakeProcess:
        self.threads.append(threading.current_thread())
        assert self.gate.wait(WAIT)
        process = FakeProcess(args)
        self.processes.append(process)
        self.started.release()
        return process

    def said(self) -> list[str]:
        return [p.text.decode("utf-8") for p in self.processes]


def test_say_hands_over_to_a_worker_and_never_starts_the_process_itself() -> None:
    fake = FakeEspeak()
    fake.gate.clear()  # starting the process hangs
    voice = EspeakSpeech(popen=fake)
    voice.say(Utterance("请选择业务"))  # returns although the process has not started
    assert voice.speaking and fake.processes == []
    fake.gate.set()
    assert fake.started.acquire(timeout=WAIT)
    fake.processes[0].finish()
    assert voice.wait_until_done(WAIT) and not voice.speaking
    assert fake.threads and threading.main_thread() not in fake.threads
    assert fake.said() == ["请选择业务"]


def test_the_next_screen_stops_the_last_and_what_never_started_is_dropped() -> None:
    fake = FakeEspeak()
    voice = EspeakSpeech(popen=fake)
    voice.say(Utterance("首页"))
    assert fake.started.acquire(timeout=WAIT)
    fake.gate.clear()
    voice.say(Utterance("登录方式"))  # kills 首页
    assert fake.processes[0].killed
    voice.say(Utterance("请放置身份证"))  # 登录方式 may be starting: it is superseded either way
    fake.gate.set()
    assert fake.started.acquire(timeout=WAIT)
    voice.stop()
    assert not voice.speaking
    assert voice.wait_until_done(WAIT)
    assert all(p.killed for p in fake.processes)
    assert fake.said()[0] == "首页" and fake.said()[-1] == "请放置身份证" and len(fake.said()) <= 3


def test_english_goes_to_the_english_voice_and_its_chinese_data_to_the_mandarin_one() -> None:
    fake = FakeEspeak()
    voice = EspeakSpeech(popen=fake)
    voice.say(utterance("Name: 林晓燕. Address: 星湖街 328 号 <A&B>", language="en"))
    assert fake.started.acquire(timeout=WAIT)
    fake.processes[0].finish()
    assert voice.wait_until_done(WAIT)
    (process,) = fake.processes
    assert process.args[process.args.index("-v") + 1] == "en" and "-m" in process.args
    assert fake.said() == ['<speak>Name: <voice name="cmn-latn-pinyin">林晓燕</voice>. Address: '
                           '<voice name="cmn-latn-pinyin">星湖街三百二十八号</voice> &lt;A&amp;B&gt;</speak>']
    args, text = voice.command(utterance("Please take back your ID card", language="en"))
    assert "-m" not in args and text == "Please take back your ID card"  # plain English: no markup


def test_espeak_reads_the_chinese_name_in_an_english_sentence_in_mandarin() -> None:
    voice = EspeakSpeech()
    args, text = voice.command(utterance("Hello, 林晓燕. Please face the camera.", language="en"))
    phonemes = subprocess.run([*args, "-q", "-x"], input=text, capture_output=True, text=True, timeout=WAIT,
                              check=True).stdout
    assert "tS'aIni:z" not in phonemes  # the English voice's "Chinese letter"
    assert "(cmn)" in phonemes or "l'i35n" in phonemes


def test_the_probe_names_a_missing_english_voice_but_still_speaks_mandarin(tmp_path: Path) -> None:
    ok, message = EspeakSpeech(wav_dir=tmp_path, english_voice="xx-no-such").probe()
    assert ok and message.endswith("；缺少英语语音 xx-no-such，英文界面不播报")
    assert EspeakSpeech(wav_dir=tmp_path).probe() == (True, f"就绪（播报写入 {tmp_path}，不发声）")
