"""Reading the WAV files espeak-ng renders for the speech tests (stdlib only)."""

from __future__ import annotations

import array
import math
import wave
from pathlib import Path

# espeak-ng's own format: 22,050 Hz, 16-bit mono.
RATE = 22050
HEADER = 44


def seconds(path: Path) -> float:
    """Audio length from the file size: a killed espeak-ng leaves the header's sizes unfinished."""
    return max(0, path.stat().st_size - HEADER) / 2 / RATE


def rms(path: Path) -> float:
    """Root mean square of the samples, 0..1 of full scale."""
    with wave.open(str(path), "rb") as w:
        assert (w.getframerate(), w.getsampwidth(), w.getnchannels()) == (RATE, 2, 1)
        samples = array.array("h", w.readframes(w.getnframes()))
    return math.sqrt(sum(s * s for s in samples) / len(samples)) / 32768
