"""A routine's cues through the CuePlayer into a real ALSA device, captured without a sound card.

Each test runs tests/support/cue_driver.py in a subprocess whose ALSA_CONFIG_PATH
points at a capture configuration, then checks the captured samples: one stream
per cue, the words at the boundaries, the mute switch and the volume.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.alsa_capture import (
    LONGEST_TONE_MS,
    captured_streams,
    need_simpleaudio,
    peak,
    pipe_capture_config,
    read_samples,
    run_driver,
)
from tests.support.tools import require_tool

pytestmark = pytest.mark.slow

# The driver's routine (tests/support/cue_driver.py, short_routine), sound by sound:
#   prep 3 s:           countdown x2 (no opening tone)       + "Left side. Lunge..." with voice
#   Lunge left 30 s:    go, halfway, countdown x3
#   switch 2 s:         switch, countdown x1
#   Lunge right 30 s:   go, halfway, countdown x3
#   transition 5 s:     countdown x3 (no opening tone)       + "Glute bridge..." with voice
#   Glute bridge 3 s:   go, step sound, tick at 1.5 s, countdown x2
#   end:                done                                 (with "Routine complete")
TONES_ONLY = 2 + 5 + 2 + 5 + 3 + 5 + 1
WITH_VOICE = TONES_ONLY + 2


def test_a_short_routine_sends_one_stream_per_cue(tmp_path: Path) -> None:
    need_simpleaudio()
    captures = tmp_path / "captures"
    config = pipe_capture_config(tmp_path, captures)
    result = run_driver(config, "routine", "--no-voice")

    assert result.returncode == 0, result.stderr
    assert "BACKEND: simpleaudio" in result.stdout
    assert "FINISHED: completed" in result.stdout
    assert "NOTICE" not in result.stdout
    files = captured_streams(captures)
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
    files = captured_streams(captures)
    assert len(files) == WITH_VOICE
    lengths = sorted(len(read_samples(p)[0]) * 1000 // read_samples(p)[1] for p in files)
    # Words come before the step they are about: the prep (the left side), the 2 s switch
    # ("Right", all it has room for), the transition (the bridge) and the end carry words,
    # longer than a tone; the work intervals they announced start with their tone alone.
    assert sum(1 for ms in lengths if ms > LONGEST_TONE_MS + 200) == 4


def test_a_routine_through_aplay_sends_one_stream_per_cue(tmp_path: Path) -> None:
    require_tool("aplay")
    captures = tmp_path / "captures"
    config = pipe_capture_config(tmp_path, captures)
    # As without the audio extra: aplay is the first choice.
    result = run_driver(config, "routine", "--no-voice", "--players", "aplay", "--no-simpleaudio")

    assert result.returncode == 0, result.stderr
    assert "BACKEND: aplay" in result.stdout
    assert len(captured_streams(captures)) == TONES_ONLY


def test_muted_plays_nothing(tmp_path: Path) -> None:
    need_simpleaudio()
    captures = tmp_path / "captures"
    result = run_driver(pipe_capture_config(tmp_path, captures), "routine", "--mute")

    assert result.returncode == 0, result.stderr
    assert "FINISHED: completed" in result.stdout
    assert captured_streams(captures) == []


def test_volume_scales_the_samples(tmp_path: Path) -> None:
    need_simpleaudio()
    loud, quiet = tmp_path / "loud", tmp_path / "quiet"
    loud.mkdir()
    quiet.mkdir()
    run_driver(pipe_capture_config(loud, loud / "c"), "routine", "--no-voice")
    run_driver(pipe_capture_config(quiet, quiet / "c"), "routine", "--no-voice", "--volume", "25")

    loudest = max(peak(read_samples(p)[0]) for p in captured_streams(loud / "c"))
    quietest = max(peak(read_samples(p)[0]) for p in captured_streams(quiet / "c"))
    assert quietest == pytest.approx(loudest / 4, rel=0.02)
