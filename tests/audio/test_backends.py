"""Each sound backend plays a cue into a real ALSA device, captured without a sound card.

The tests run tests/support/cue_driver.py in a subprocess whose ALSA_CONFIG_PATH
points at a file capture, then check the captured samples.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from evenside.audio import synth
from tests.support.alsa_capture import (
    LONGEST_TONE_MS,
    file_capture_config,
    need_simpleaudio,
    peak,
    power_at,
    read_samples,
    run_driver,
    zero_crossing_hz,
)
from tests.support.tools import require_tool

pytestmark = pytest.mark.slow


def _backend(name: str) -> None:
    if name == "simpleaudio":
        need_simpleaudio()
    else:
        require_tool("aplay")


@pytest.mark.parametrize("backend", ["simpleaudio", "aplay"])
def test_go_tone_reaches_the_device_at_its_pitch(tmp_path: Path, backend: str) -> None:
    _backend(backend)
    out = tmp_path / "out.wav"
    result = run_driver(file_capture_config(tmp_path, out), "tone", "--backend", backend)

    assert result.returncode == 0, result.stderr
    assert f"PLAYED: go on {backend}" in result.stdout
    assert out.exists(), "nothing was captured"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    samples, rate = read_samples(out)
    # At the cue loudness (-20 dBFS, the voice's), not the -12 dBFS it once had.
    assert peak(samples) > 4000
    samples = samples[rate * 110 // 1000 :]  # past the short first note of the leap
    assert zero_crossing_hz(samples, rate) == pytest.approx(synth.GO_HZ, rel=0.03)
    # The go tone is at its pitch, not one of its neighbours among the cues.
    go_power = power_at(samples, rate, synth.GO_HZ)
    for other in (660.0, 990.0, 1000.0, 1318.5):
        assert go_power > 20 * power_at(samples, rate, other)


@pytest.mark.parametrize("backend", ["simpleaudio", "aplay"])
def test_a_spoken_clip_is_longer_than_any_tone(tmp_path: Path, backend: str) -> None:
    _backend(backend)
    require_tool("espeak-ng")
    out = tmp_path / "out.wav"
    result = run_driver(file_capture_config(tmp_path, out), "clip", "--backend", backend)

    assert result.returncode == 0, result.stderr
    samples, rate = read_samples(out)
    assert peak(samples) > 2000
    assert len(samples) * 1000 // rate > 2 * LONGEST_TONE_MS
