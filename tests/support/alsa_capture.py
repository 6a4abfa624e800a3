"""Provides ALSA configurations that capture or refuse sound, and readers for what they capture.

alsa-lib reads its configuration once per process (and again only when the
file changes), so every test that plays sound runs `tests/support/cue_driver.py` in a
subprocess with ALSA_CONFIG_PATH pointing at one of these files.
"""

from __future__ import annotations

import ctypes.util
import itertools
import math
import os
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

from evenside.audio import synth
from tests.support.paths import SRC
from tests.support.tools import require_tool

DRIVER = Path(__file__).with_name("cue_driver.py")

LONGEST_TONE_MS = max(synth.render(kind).duration_ms for kind in synth.TONES)
"""The longest built-in tone: a captured stream longer than this carries words."""


def have_alsa() -> bool:
    """True when alsa-lib can be loaded."""
    return ctypes.util.find_library("asound") is not None


def have_simpleaudio() -> bool:
    """True when the `audio` extra is installed."""
    try:
        import simpleaudio  # noqa: F401
    except ImportError:
        return False
    return True


def need_simpleaudio() -> None:
    """Skip (or, in CI, fail) unless alsa-lib and the `audio` extra are both there."""
    require_tool("libasound.so.2", available=have_alsa())
    require_tool("simpleaudio", available=have_simpleaudio())


def file_capture_config(folder: Path, out: Path) -> Path:
    """ALSA's default device writes every stream into `out` (each new stream replaces it)."""
    config = folder / "capture.conf"
    config.write_text(
        f'pcm.!default {{ type file; slave.pcm {{ type null }}; file "{out}"; format "wav" }}\n'
    )
    return config


def pipe_capture_config(folder: Path, captures: Path) -> Path:
    """ALSA's default device writes each stream to its own file in `captures`.

    The file plugin pipes a stream to a command when its name starts with "|";
    a fresh shell per stream gives a fresh name ($$ is the shell's pid).
    """
    captures.mkdir(exist_ok=True)
    config = folder / "capture-each.conf"
    config.write_text(
        "pcm.!default { type file; slave.pcm { type null }; "
        f'file "|exec cat > {captures}/cue-$$.wav"; format "wav" }}\n'
    )
    return config


def broken_config(folder: Path) -> Path:
    """ALSA's default device names a PCM that does not exist: it cannot open, and alsa-lib
    prints "ALSA lib ... Unknown PCM" on stderr unless silenced."""
    config = folder / "broken.conf"
    config.write_text('pcm.!default { type plug; slave.pcm "evenside_no_such_pcm" }\n')
    return config


def driver_env(config: Path) -> dict[str, str]:
    """The environment for a driver subprocess: this checkout first, ALSA at `config`."""
    env = dict(os.environ)
    env["ALSA_CONFIG_PATH"] = str(config)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def run_driver(config: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `tests/support/cue_driver.py` with ALSA at `config`, in its own session (no terminal)."""
    return subprocess.run(
        [sys.executable, str(DRIVER), *args],
        env=driver_env(config),
        capture_output=True,
        text=True,
        timeout=timeout,
        start_new_session=True,
        check=False,
    )


def captured_streams(folder: Path) -> list[Path]:
    """The streams a pipe capture (`pipe_capture_config`) wrote into `folder`, in name order."""
    return sorted(folder.glob("cue-*.wav"))


def read_samples(path: Path) -> tuple[array[int], int]:
    """The 16-bit mono samples and rate of a captured WAV.

    Read by hand: a capture written through a pipe cannot seek back to fill in
    its sizes, so the header says 0 and the data runs to the end of the file.
    """
    data = path.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE", f"{path} is not a WAV file"
    position = 12
    rate = 0
    while position + 8 <= len(data):
        chunk, size = (
            data[position : position + 4],
            int.from_bytes(data[position + 4 : position + 8], "little"),
        )
        body = position + 8
        if chunk == b"fmt ":
            channels = int.from_bytes(data[body + 2 : body + 4], "little")
            rate = int.from_bytes(data[body + 4 : body + 8], "little")
            bits = int.from_bytes(data[body + 14 : body + 16], "little")
            assert (channels, bits) == (1, 16), f"{path}: {channels} channels, {bits} bits"
        elif chunk == b"data":
            raw = data[body:] if size in (0, 0xFFFFFFFF) else data[body : body + size]
            samples = array("h")
            samples.frombytes(raw[: len(raw) - len(raw) % 2])
            if sys.byteorder != "little":
                samples.byteswap()
            return samples, rate
        position = body + size + (size & 1)
    pytest.fail(f"{path} has no data chunk")


def peak(samples: array[int]) -> int:
    """The largest absolute sample."""
    return max((abs(s) for s in samples), default=0)


def audible(samples: array[int], floor: int = 64) -> array[int]:
    """The samples from the first to the last one above `floor` (silence trimmed)."""
    loud = [i for i, s in enumerate(samples) if abs(s) > floor]
    return samples[loud[0] : loud[-1] + 1] if loud else array("h")


def zero_crossing_hz(samples: array[int], rate: int) -> float:
    """The pitch of a plain tone from how often it crosses zero (twice per cycle)."""
    tone = audible(samples)
    crossings = sum(1 for a, b in itertools.pairwise(tone) if (a < 0) != (b < 0))
    return crossings / 2 / (len(tone) / rate)


def power_at(samples: array[int], rate: int, frequency: float) -> float:
    """The energy of one frequency (a single DFT bin, Goertzel's recurrence)."""
    coefficient = 2 * math.cos(2 * math.pi * frequency / rate)
    previous = before = 0.0
    for sample in samples:
        previous, before = sample + coefficient * previous - before, previous
    return previous * previous + before * before - coefficient * previous * before
