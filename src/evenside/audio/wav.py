"""Provides in-memory sounds: reading and writing mono 16-bit WAVs, volume, joining, resampling.

Every sound is held as signed 16-bit mono samples at its own rate, which is
what all backends accept; other WAV layouts are converted when read.
"""

from __future__ import annotations

import functools
import io
import os
import sys
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

from evenside.locations import PRIVATE_FILE_MODE

SAMPLE_RATE = 22_050
"""The rate of the built-in cues (espeak-ng renders at this rate too)."""

_INT16_MAX = 32_767
_INT16_MIN = -32_768


class WavError(Exception):
    """A WAV file could not be read as PCM audio."""


@dataclass(frozen=True)
class Sound:
    """A sound held in memory, ready to play."""

    name: str
    """What it is, for messages ("go", "voice: Left side", a file name)."""
    samples: array[int]
    """Signed 16-bit mono samples (array typecode "h")."""
    rate: int = SAMPLE_RATE
    """Samples per second."""

    @property
    def duration_ms(self) -> int:
        """How long it plays, in whole milliseconds."""
        return len(self.samples) * 1000 // self.rate

    def pcm_bytes(self) -> bytes:
        """The samples as little-endian bytes, as sound devices and WAV files want them."""
        if sys.byteorder == "little":
            return self.samples.tobytes()
        swapped = array("h", self.samples)
        swapped.byteswap()
        return swapped.tobytes()


def _to_int16(raw: bytes, width: int) -> array[int]:
    """Convert little-endian PCM frames of `width` bytes per sample to 16-bit samples."""
    if width == 2:
        samples = array("h")
        samples.frombytes(raw[: len(raw) - len(raw) % 2])
        if sys.byteorder != "little":
            samples.byteswap()
        return samples
    if width == 1:
        # 8-bit WAV is unsigned, centred on 128.
        return array("h", ((b - 128) << 8 for b in raw))
    if width in (3, 4):
        usable = len(raw) - len(raw) % width
        return array(
            "h",
            (
                int.from_bytes(raw[i : i + width], "little", signed=True) >> (8 * (width - 2))
                for i in range(0, usable, width)
            ),
        )
    raise WavError(f"unsupported sample width of {width} bytes")


def _downmix(samples: array[int], channels: int) -> array[int]:
    if channels == 1:
        return samples
    frames = len(samples) // channels
    return array(
        "h",
        (sum(samples[f * channels : (f + 1) * channels]) // channels for f in range(frames)),
    )


def read_wav(path: Path, name: str | None = None) -> Sound:
    """Read a PCM WAV file as a mono 16-bit sound (stereo is mixed down)."""
    try:
        with wave.open(str(path), "rb") as reader:
            channels = reader.getnchannels()
            width = reader.getsampwidth()
            rate = reader.getframerate()
            raw = reader.readframes(reader.getnframes())
    except (OSError, EOFError, wave.Error) as error:
        raise WavError(f"{path}: {error}") from error
    if rate <= 0 or channels <= 0:
        raise WavError(f"{path}: not a playable WAV file")
    samples = _downmix(_to_int16(raw, width), channels)
    if not samples:
        raise WavError(f"{path}: the file holds no audio")
    return Sound(name or path.name, samples, rate)


def wav_bytes(sound: Sound) -> bytes:
    """The sound as a complete WAV file."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(sound.rate)
        writer.writeframes(sound.pcm_bytes())
    return buffer.getvalue()


def write_wav(path: Path, sound: Sound, mode: int = PRIVATE_FILE_MODE) -> None:
    """Write the sound as a WAV file created with `mode` (private by default)."""
    data = wav_bytes(sound)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(path, mode)


def scaled(sound: Sound, volume: int) -> Sound:
    """The sound at `volume` percent (0 to 100) of its recorded level."""
    if volume >= 100:
        return sound
    return Sound(
        sound.name, array("h", map(_volume_table(volume).__getitem__, sound.samples)), sound.rate
    )


@functools.lru_cache(maxsize=4)
def _volume_table(volume: int) -> list[int]:
    """Every 16-bit sample value scaled, so scaling a clip is one lookup per sample
    (several times faster than arithmetic in Python). Negative samples index from the
    end of the list, which is where their scaled values are kept."""
    factor = max(volume, 0) / 100
    return [round(value * factor) for value in range(32_768)] + [
        round(value * factor) for value in range(-32_768, 0)
    ]


def resampled(sound: Sound, rate: int) -> Sound:
    """The sound at another sample rate (linear interpolation; fine for tones and speech)."""
    if sound.rate == rate or not sound.samples:
        return sound
    source = sound.samples
    count = max(1, len(source) * rate // sound.rate)
    step = sound.rate / rate
    last = len(source) - 1
    out = array("h", bytes(2 * count))
    for i in range(count):
        position = i * step
        left = int(position)
        if left >= last:
            out[i] = source[last]
            continue
        fraction = position - left
        out[i] = round(source[left] + (source[left + 1] - source[left]) * fraction)
    return Sound(sound.name, out, rate)


def silence(ms: int, rate: int = SAMPLE_RATE) -> Sound:
    """A stretch of silence."""
    return Sound("silence", array("h", bytes(2 * (rate * ms // 1000))), rate)


def joined(name: str, parts: list[Sound], gap_ms: int = 0) -> Sound:
    """The sounds one after another, `gap_ms` of silence between them, at the first one's rate."""
    if not parts:
        return Sound(name, array("h"))
    rate = parts[0].rate
    gap = silence(gap_ms, rate).samples
    out = array("h")
    for index, part in enumerate(parts):
        if index:
            out.extend(gap)
        out.extend(resampled(part, rate).samples)
    return Sound(name, out, rate)


def clamp16(value: float) -> int:
    """Round and clip a sample to the signed 16-bit range."""
    return max(_INT16_MIN, min(_INT16_MAX, round(value)))
