"""Tests `evenside sounds` into a real ALSA device (captured, no sound card) and with none."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from evenside.audio import synth
from tests.support.alsa_capture import (
    broken_config,
    captured_streams,
    driver_env,
    need_simpleaudio,
    pipe_capture_config,
)
from tests.support.evenside_process import EVENSIDE

pytestmark = pytest.mark.slow


def _sounds_command(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*EVENSIDE, "sounds"],
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
    assert len(captured_streams(captures)) == len(synth.TONES) + spoken


def test_the_sounds_command_without_a_device_says_so(tmp_path: Path) -> None:
    need_simpleaudio()
    result = _sounds_command(broken_config(tmp_path))

    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.splitlines()[:2] == [
        "No sound device: continuing silently",
        "Sound: none: no sound device and no terminal, so cues are silent",
    ]
