"""Voice guidance offline, Mandarin and English, through Debian's espeak-ng run as a subprocess per utterance.

Why espeak-ng directly rather than Qt TextToSpeech: Qt's only speech engine on Linux
(speech-dispatcher) drives the same espeak-ng synthesizer, so it cannot sound clearer; it adds a
daemon, does not map the zh_CN locale to espeak-ng's Mandarin voice (a voice must be picked by
name), and cannot render to a file, so tests could not hear it (README 语音播报 has the check).

The voice is `cmn-latn-pinyin`: `cmn` reads the pinyin tone digits it produces internally in
English ("ni three hao three"). `-a` (amplitude) is the configured volume: 100 is espeak-ng's
own default level, whose peaks already reach full scale, so louder would only clip.

English is read by espeak-ng's `en` voice; the Chinese left in an English text (a name, an address)
is marked up with SSML (`-m`) so that the Mandarin voice reads it: the English voice would say
"Chinese letter" for each character.

say() is called on the GUI thread, and starting a process (fork, exec, loading the voice) is not
free: a worker thread starts and waits for the processes, one utterance at a time. say() only hands
the utterance over and kills the one being spoken; an utterance not yet started when the next comes
is dropped (the next screen's words replace the last screen's, they do not queue behind them).
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from kiosk.devices.speech.protocol import Utterance, refused_secret

log = logging.getLogger(__name__)

_PROBE_TIMEOUT = 5.0
_STDERR_LOG_LIMIT = 300
# A run of Chinese (with its own punctuation) inside an English text: read by the Mandarin voice.
_CHINESE_RUN = re.compile(r"[\u3400-\u9fff][\u3000-\u303f\u3400-\u9fff\uff00-\uffef]*")


class EspeakSpeech:
    """One espeak-ng process per utterance, started and waited for by a worker thread; stop() kills it.

    `wav_dir` set: each utterance is written to `utterance-NNNN.wav` there instead of the sound card
    (tests, and staff checking the voice on a terminal without speakers). `popen` starts the process
    (tests pass a fake one).
    """

    def __init__(self, *, volume: int = 80, rate: int = 140, voice: str = "cmn-latn-pinyin",
                 english_voice: str = "en", wav_dir: Path | None = None, executable: str = "espeak-ng",
                 sound_cards: Path = Path("/proc/asound/cards"),
                 popen: Callable[..., subprocess.Popen[bytes]] = subprocess.Popen) -> None:
        self.volume = volume
        self.rate = rate
        self.voices = {"zh": voice, "en": english_voice}
        self.wav_dir = wav_dir
        self.executable = executable
        self._sound_cards = sound_cards
        self._popen = popen
        self._lock = threading.Condition()
        # All below under the lock. `_turn` counts say() and stop(): a worker that finds it moved on
        # since it took its utterance knows that utterance was superseded.
        self._next: Utterance | None = None
        self._busy = False  # the worker's utterance is still wanted
        self._process: subprocess.Popen[bytes] | None = None
        self._worker: threading.Thread | None = None
        self._turn = 0
        self._count = 0

    @property
    def volume(self) -> int:
        return self._volume

    @volume.setter
    def volume(self, value: int) -> None:
        """0–100, taken by the next utterance."""
        if not 0 <= value <= 100:
            raise ValueError(f"volume must be 0..100, got {value}")
        self._volume = value

    def command(self, utterance: Utterance, wav: Path | None = None) -> tuple[list[str], str]:
        """The espeak-ng arguments and the text on its stdin for `utterance`."""
        args = [self.executable, "-v", self.voices[utterance.language], "-a", str(self._volume),
                "-s", str(self.rate), "--stdin"]
        text = utterance.text
        if utterance.language == "en" and _CHINESE_RUN.search(text):
            chinese = f'<voice name="{self.voices["zh"]}">\\g<0></voice>'
            text = "<speak>" + _CHINESE_RUN.sub(chinese, escape(text)) + "</speak>"
            args.append("-m")
        if wav is not None:
            args += ["-w", str(wav)]
        return args, text

    def say(self, utterance: Utterance) -> None:
        if utterance.secret:
            refused_secret(log, "espeak-ng")
            return
        with self._lock:
            self._supersede()
            if not utterance.text.strip():
                return
            self._next = utterance
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="espeak-ng", daemon=True)
                self._worker.start()

    def stop(self) -> None:
        with self._lock:
            self._supersede()

    def _supersede(self) -> None:
        """Under the lock: what is waiting is dropped, what is being said is killed (the worker reaps it)."""
        self._turn += 1
        self._next, self._busy = None, False
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
        self._process = None
        self._lock.notify_all()

    @property
    def speaking(self) -> bool:
        with self._lock:
            return self._next is not None or self._busy

    def wait_until_done(self, timeout: float) -> bool:
        with self._lock:
            return self._lock.wait_for(lambda: self._worker is None, timeout)

    def _run(self) -> None:
        """The worker: speaks what say() left, one utterance after another, until none is waiting."""
        while True:
            with self._lock:
                utterance, self._next = self._next, None
                if utterance is None:
                    self._worker = None
                    self._lock.notify_all()
                    return
                turn, self._busy = self._turn, True
                self._count += 1
                wav = self.wav_dir / f"utterance-{self._count:04d}.wav" if self.wav_dir is not None else None
            process = self._start(utterance, wav)
            with self._lock:
                if process is not None and turn != self._turn:  # superseded while it started
                    process.kill()
                elif process is not None:
                    self._process = process
            if process is not None:
                process.wait()
            with self._lock:
                superseded = turn != self._turn
                if not superseded:
                    self._busy, self._process = False, None
            if process is not None:
                self._reap(process, killed=superseded)

    def _start(self, utterance: Utterance, wav: Path | None) -> subprocess.Popen[bytes] | None:
        args, text = self.command(utterance, wav)
        try:
            process = self._popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, start_new_session=True)
        except OSError as exc:
            log.error("espeak-ng could not start (%s): the screen stays silent", exc)
            return None
        try:
            process.stdin.write(text.encode("utf-8"))
            process.stdin.close()
        except OSError as exc:  # it died at once (a bad voice name), or was killed meanwhile
            log.error("espeak-ng took no text: %s", exc)
        # The text may hold a name or an amount: the log gets its length only.
        log.info("speaking %d characters (%s)", len(utterance.text), utterance.language)
        return process

    def probe(self) -> tuple[bool, str]:
        if shutil.which(self.executable) is None:
            log.error("speech: %s not found on PATH (Debian package espeak-ng)", self.executable)
            return False, "未安装 espeak-ng，无法语音播报"
        try:
            listed = subprocess.run([self.executable, f"--voices={self.voices['zh'].split('-')[0]}"],
                                    capture_output=True, text=True, timeout=_PROBE_TIMEOUT).stdout
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.error("speech: espeak-ng --voices failed: %s", exc)
            return False, "espeak-ng 无法运行"
        if self.voices["zh"].lower() not in listed.lower():
            return False, f"espeak-ng 缺少普通话语音 {self.voices['zh']}"
        # The English voice serves only the English screens: without it the kiosk still speaks Mandarin.
        english = "" if self._has_voice(self.voices["en"]) else f"；缺少英语语音 {self.voices['en']}，英文界面不播报"
        if english:
            log.warning("speech: espeak-ng has no English voice %s: English screens are not spoken", self.voices["en"])
        if self.wav_dir is not None:
            return True, f"就绪（播报写入 {self.wav_dir}，不发声）{english}"
        if not self._has_sound_card():
            return False, "未找到声卡，语音无法播放"
        return True, f"就绪（普通话，音量 {self._volume}，语速 {self.rate}）{english}"

    def _has_voice(self, voice: str) -> bool:
        """Whether `espeak-ng --voices=<language>` lists `voice` (its language column, e.g. en or en-gb)."""
        try:
            listed = subprocess.run([self.executable, f"--voices={voice.split('-')[0]}"],
                                    capture_output=True, text=True, timeout=_PROBE_TIMEOUT).stdout
        except (OSError, subprocess.TimeoutExpired):
            return False
        languages = [line.split()[1].lower() for line in listed.splitlines()[1:] if len(line.split()) > 1]
        return any(lang == voice.lower() or lang.startswith(voice.lower() + "-") for lang in languages)

    def _has_sound_card(self) -> bool:
        try:
            cards = self._sound_cards.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        return bool(cards.strip()) and "no soundcards" not in cards

    def _reap(self, process: subprocess.Popen[bytes], *, killed: bool) -> None:
        """Closes the finished process's pipe; logs a failure that was not our own kill."""
        stderr = process.stderr.read() if process.stderr else b""
        if process.stderr:
            process.stderr.close()
        if process.returncode and not killed:
            text = stderr.decode("utf-8", errors="replace").strip().replace("\n", " ")
            log.error("espeak-ng exited with %s: %s", process.returncode, text[:_STDERR_LOG_LIMIT])
