"""Cues played into a real ALSA device without a sound card: the file plugin captures them.

Each test runs tests/cue_driver.py in a subprocess whose ALSA_CONFIG_PATH points
at a capture configuration, then checks the captured samples.
"""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from evenside.audio import synth
from tests.support.alsa_capture import (
    broken_config,
    driver_env,
    file_capture_config,
    need_simpleaudio,
    peak,
    pipe_capture_config,
    power_at,
    read_samples,
    run_driver,
    zero_crossing_hz,
)
from tests.support.tools import require_tool

pytestmark = pytest.mark.slow

LONGEST_TONE_MS = max(synth.render(kind).duration_ms for kind in synth.TONES)

# The driver's routine (tests/cue_driver.py, short_routine), sound by sound:
#   prep 3 s:           countdown x2 (no opening tone)       + "Get ready" with voice
#   Lunge left 30 s:    go, halfway, countdown x3            (go carries the words)
#   switch 2 s:         switch, countdown x1
#   Lunge right 30 s:   go, halfway, countdown x3
#   Glute bridge 3 s:   go, step sound, tick at 1.5 s, countdown x2
#   end:                done                                 (with "Routine complete")
TONES_ONLY = 2 + 5 + 2 + 5 + 5 + 1
WITH_VOICE = TONES_ONLY + 1


def _backend(name: str) -> None:
    if name == "simpleaudio":
        need_simpleaudio()
    else:
        require_tool("aplay")


def _captures(folder: Path) -> list[Path]:
    return sorted(folder.glob("cue-*.wav"))


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
    assert peak(samples) > 8000
    assert zero_crossing_hz(samples, rate) == pytest.approx(synth.GO_HZ, rel=0.03)
    # The go tone is 880 Hz, not one of its neighbours among the cues.
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


def test_a_short_routine_sends_one_stream_per_cue(tmp_path: Path) -> None:
    need_simpleaudio()
    captures = tmp_path / "captures"
    config = pipe_capture_config(tmp_path, captures)
    result = run_driver(config, "routine", "--no-voice")

    assert result.returncode == 0, result.stderr
    assert "BACKEND: simpleaudio" in result.stdout
    assert "FINISHED: completed" in result.stdout
    assert "NOTICE" not in result.stdout
    files = _captures(captures)
    assert len(files) == TONES_ONLY
    lengths = []
    for path in files:
        samples, rate = read_samples(path)
        assert peak(samples) > 1000, f"{path.name} is silent"
        lengths.append(len(samples) * 1000 // rate)
    assert max(lengths) <= LONGEST_TONE_MS + 1


def test_a_short_routine_with_voice_speaks_at_the_boundaries(tmp_path: Path) -> None:
    need_simpleaudio()
    require_tool("espeak-ng")
    captures = tmp_path / "captures"
    result = run_driver(pipe_capture_config(tmp_path, captures), "routine")

    assert result.returncode == 0, result.stderr
    files = _captures(captures)
    assert len(files) == WITH_VOICE
    lengths = sorted(len(read_samples(p)[0]) * 1000 // read_samples(p)[1] for p in files)
    # Six boundaries carry words (prep, left, switch, right, bridge, done): longer than a tone.
    assert sum(1 for ms in lengths if ms > LONGEST_TONE_MS + 200) == 6


def test_a_routine_through_aplay_sends_one_stream_per_cue(tmp_path: Path) -> None:
    require_tool("aplay")
    captures = tmp_path / "captures"
    config = pipe_capture_config(tmp_path, captures)
    # As without the audio extra: aplay is the first choice.
    result = run_driver(config, "routine", "--no-voice", "--players", "aplay", "--no-simpleaudio")

    assert result.returncode == 0, result.stderr
    assert "BACKEND: aplay" in result.stdout
    assert len(_captures(captures)) == TONES_ONLY


def test_muted_plays_nothing(tmp_path: Path) -> None:
    need_simpleaudio()
    captures = tmp_path / "captures"
    result = run_driver(pipe_capture_config(tmp_path, captures), "routine", "--mute")

    assert result.returncode == 0, result.stderr
    assert "FINISHED: completed" in result.stdout
    assert _captures(captures) == []


def test_volume_scales_the_samples(tmp_path: Path) -> None:
    need_simpleaudio()
    loud, quiet = tmp_path / "loud", tmp_path / "quiet"
    loud.mkdir()
    quiet.mkdir()
    run_driver(pipe_capture_config(loud, loud / "c"), "routine", "--no-voice")
    run_driver(pipe_capture_config(quiet, quiet / "c"), "routine", "--no-voice", "--volume", "25")

    loudest = max(peak(read_samples(p)[0]) for p in _captures(loud / "c"))
    quietest = max(peak(read_samples(p)[0]) for p in _captures(quiet / "c"))
    assert quietest == pytest.approx(loudest / 4, rel=0.02)


def _sounds_command(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evenside", "sounds"],
        env=driver_env(config),
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,
        check=False,
    )


def test_the_sounds_command_plays_and_names_every_cue(tmp_path: Path) -> None:
    need_simpleaudio()
    captures = tmp_path / "captures"
    result = _sounds_command(pipe_capture_config(tmp_path, captures))

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Sound: simpleaudio (ALSA default device)"
    assert lines[1].startswith("Voice: ")
    for kind in synth.TONES:
        assert any(line.strip().startswith(f"{kind.value}: ") for line in lines), kind
    spoken = 1 if shutil.which("espeak-ng") else 0
    assert len(list(captures.glob("cue-*.wav"))) == len(synth.TONES) + spoken


def test_the_sounds_command_without_a_device_says_so(tmp_path: Path) -> None:
    need_simpleaudio()
    result = _sounds_command(broken_config(tmp_path))

    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.splitlines()[:2] == [
        "No sound device: continuing silently",
        "Sound: none: no sound device and no terminal, so cues are silent",
    ]
