"""Mandarin voice guidance offline, through Debian's espeak-ng run as a subprocess per utterance.

Why espeak-ng directly rather than Qt TextToSpeech: Qt's only speech engine on Linux
(speech-dispatcher) drives the same espeak-ng synthesizer, so it cannot sound clearer; it adds a
daemon, does not map the zh_CN locale to espeak-ng's Mandarin voice (a voice must be picked by
name), and cannot render to a file, so tests could not hear it (README 语音播报 has the check).

The voice is `cmn-latn-pinyin`: `cmn` reads the pinyin tone digits it produces internally in
English ("ni three hao three"). `-a` (amplitude) is the configured volume: 100 is espeak-ng's
own default level, whose peaks already reach full scale, so louder would only clip.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from pathlib import Path

from kiosk.devices.speech.protocol import Utterance, refused_secret

log = logging.getLogger(__name__)

_PROBE_TIMEOUT = 5.0
_STDERR_LOG_LIMIT = 300


class EspeakSpeech:
    """One espeak-ng process per utterance; stop() kills it.

    `wav_dir` set: each utterance is written to `utterance-NNNN.wav` there instead of the sound card
    (tests, and staff checking the voice on a terminal without speakers).
    """

    def __init__(self, *, volume: int = 80, rate: int = 140, voice: str = "cmn-latn-pinyin",
                 english_voice: str = "en", wav_dir: Path | None = None, executable: str = "espeak-ng",
                 sound_cards: Path = Path("/proc/asound/cards")) -> None:
        self.volume = volume
        self.rate = rate
        self.voices = {"zh": voice, "en": english_voice}
        self.wav_dir = wav_dir
        self.executable = executable
        self._sound_cards = sound_cards
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
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

    def say(self, utterance: Utterance) -> None:
        if utterance.secret:
            refused_secret(log, "espeak-ng")
            return
        self.stop()
        if not utterance.text.strip():
            return
        with self._lock:
            args = [self.executable, "-v", self.voices[utterance.language], "-a", str(self._volume),
                    "-s", str(self.rate), "--stdin"]
            if self.wav_dir is not None:
                self._count += 1
                args += ["-w", str(self.wav_dir / f"utterance-{self._count:04d}.wav")]
            try:
                process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.PIPE, start_new_session=True)
            except OSError as exc:
                log.error("espeak-ng could not start (%s): the screen stays silent", exc)
                return
            try:
                process.stdin.write(utterance.text.encode("utf-8"))
                process.stdin.close()
            except OSError as exc:  # it died at once (a bad voice name): reaped by speaking/stop
                log.error("espeak-ng took no text: %s", exc)
            self._process = process
            # The text may hold a name or an amount: the log gets its length only.
            log.info("speaking %d characters (%s)", len(utterance.text), utterance.language)

    def stop(self) -> None:
        with self._lock:
            process, self._process = self._process, None
            if process is None:
                return
            if process.poll() is None:
                process.kill()
            process.wait()
            self._reap(process, killed=True)

    @property
    def speaking(self) -> bool:
        with self._lock:
            process = self._process
            if process is None:
                return False
            if process.poll() is None:
                return True
            self._process = None
            self._reap(process, killed=False)
            return False

    def wait_until_done(self, timeout: float) -> bool:
        process = self._process
        if process is not None:
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                return False
        return not self.speaking

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
        if self.wav_dir is not None:
            return True, f"就绪（播报写入 {self.wav_dir}，不发声）"
        if not self._has_sound_card():
            return False, "未找到声卡，语音无法播放"
        return True, f"就绪（普通话，音量 {self._volume}，语速 {self.rate}）"

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
