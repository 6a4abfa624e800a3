"""Provides in-memory sounds: reading and writing 16-bit WAVs, volume, loudness, joining,
resampling and panning.

Every sound is held as signed 16-bit samples at its own rate, which is what
all backends accept: mono, except a cue panned to one ear (`panned`), which is
stereo. Other WAV layouts are converted to mono when read.
"""

from __future__ import annotations

import functools
import io
import math
import operator
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
    """Samples per second (per channel)."""
    channels: int = 1
    """1 (mono) or 2 (stereo, the samples interleaved left, right)."""

    @property
    def duration_ms(self) -> int:
        """How long it plays, in whole milliseconds."""
        return len(self.samples) // self.channels * 1000 // self.rate

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
        writer.setnchannels(sound.channels)
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
    return with_gain(sound, max(volume, 0) / 100)


def with_gain(sound: Sound, factor: float) -> Sound:
    """The sound with every sample multiplied by `factor` (kept to 1 in 1000; clipped)."""
    step = round(factor * 1000)
    if step == 1000:
        return sound
    if len(sound.samples) < _GAIN_TABLE_SIZE:
        # Fewer samples than the table has entries (a tone, a side mark, a short word):
        # working each one out is cheaper than building a table, and keeps none alive.
        exact = max(step, 0) / 1000
        samples = array("h", [clamp16(value * exact) for value in sound.samples])
    else:
        lookup = _gain_table(step).__getitem__
        samples = array("h")
        source = sound.samples
        # A chunk at a time: one C loop over a whole clip would hold the GIL for 10 ms
        # and more, keeping a session's loop waiting while a muted start's words are made.
        for start in range(0, len(source), _GAIN_CHUNK):
            samples.extend(map(lookup, source[start : start + _GAIN_CHUNK]))
    return Sound(sound.name, samples, sound.rate, sound.channels)


_GAIN_TABLE_SIZE = 65_536
"""One entry per 16-bit sample value."""
_GAIN_CHUNK = 4_096
"""Samples scaled in one C loop (a fraction of a millisecond)."""


@functools.lru_cache(maxsize=16)
def _gain_table(step: int) -> array[int]:
    """Every 16-bit sample value times `step`/1000, so scaling a long clip is one lookup per
    sample (several times faster than arithmetic in Python). Negative samples index from
    the end of the table, which is where their scaled values are kept. An array of 16-bit
    values (128 KiB), not a list of ints (2.3 MiB): the cache keeps up to 16 of them."""
    factor = max(step, 0) / 1000
    table = array("h", [clamp16(value * factor) for value in range(32_768)])
    table.extend([clamp16(value * factor) for value in range(-32_768, 0)])
    return table


LOUDNESS_FRAME_MS = 10
LOUDNESS_GATE_DB = -45.0
"""Frames quieter than this are pauses between words, not part of how loud a sound is."""


def loudness_dbfs(sound: Sound) -> float | None:
    """How loud the sound is while it sounds: the RMS of its 10 ms frames above -45 dBFS,
    in dB relative to full scale (None for silence).

    Pauses between words are left out, so speech and a tone compare as a person hears them.
    """
    samples = sound.samples
    frame = max(1, sound.rate * sound.channels * LOUDNESS_FRAME_MS // 1000)
    gate = (10 ** (LOUDNESS_GATE_DB / 20) * 32_768) ** 2 * frame
    total = 0.0
    counted = 0
    for start in range(0, len(samples), frame):
        chunk = samples[start : start + frame]
        energy = sum(map(operator.mul, chunk, chunk))
        if energy * frame >= gate * len(chunk):
            total += energy
            counted += len(chunk)
    if not counted:
        return None
    return 10 * math.log10(total / counted / 32_768**2)


def normalised(sound: Sound, target_dbfs: float, *, peak_limit: int = 31_000) -> Sound:
    """The sound brought to `target_dbfs` loudness (`loudness_dbfs`), never past `peak_limit`."""
    level = loudness_dbfs(sound)
    if level is None:
        return sound
    factor = 10 ** ((target_dbfs - level) / 20)
    peak = max((abs(s) for s in sound.samples), default=0)
    if peak and peak * factor > peak_limit:
        factor = peak_limit / peak
    return with_gain(sound, factor)


def lead_trimmed(sound: Sound, floor: int = 64) -> Sound:
    """The sound without the silence before its first audible sample (speech programs
    start a clip with some), so words start when they are played."""
    first = next((i for i, s in enumerate(sound.samples) if abs(s) > floor), 0)
    start = first - first % sound.channels
    if not start:
        return sound
    return Sound(sound.name, sound.samples[start:], sound.rate, sound.channels)


def panned(sound: Sound, channel: int | None) -> Sound:
    """The mono `sound` as stereo: in the left (0) or right (1) channel only, or in both
    (None)."""
    if sound.channels != 1:
        return sound
    out = array("h", bytes(4 * len(sound.samples)))
    if channel in (None, 0):
        out[0::2] = sound.samples
    if channel in (None, 1):
        out[1::2] = sound.samples
    return Sound(sound.name, out, sound.rate, 2)


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
