"""Tests `evenside sounds` into a real ALSA device (captured, no sound card) and with none."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from evenside.audio import synth
from evenside.audio.cue_bank import CueBank
from evenside.audio.phrases import gap_forms
from evenside.audio.voice import find_voice
from evenside.commands.sounds_cmd import SAMPLE_ROUTINE
from evenside.engine.timeline import IntervalKind, expand
from tests.support.alsa_capture import (
    broken_config,
    captured_streams,
    driver_env,
    need_simpleaudio,
    pipe_capture_config,
)
from tests.support.evenside_process import EVENSIDE
from tests.support.tools import require_tool

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


def test_the_sample_speech_is_what_a_session_says_for_its_first_hold(tmp_path: Path) -> None:
    need_simpleaudio()
    require_tool("espeak-ng")
    result = _sounds_command(broken_config(tmp_path))
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stdout.splitlines() if line.startswith("  voice: ")]

    # What the player would say: the prep's words, fitted by the player's own bank.
    timeline = expand(SAMPLE_ROUTINE)
    voice = find_voice()
    assert voice is not None
    bank = CueBank.load(timeline, voice=voice)
    prep, first_hold = timeline.intervals[0], timeline.work()[0]
    assert prep.kind is IntervalKind.PREP and first_hold.is_hold
    spoken = bank.opening_text(prep) or bank.opening_text(first_hold)
    assert said == [f'  voice: "{spoken}"']
    # Side first (issue 12), and one of the forms the cue plan chooses from.
    assert spoken in gap_forms(timeline, prep)
    assert spoken.startswith("Left side. Supine release")


def test_a_speech_program_that_fails_is_named_and_the_check_ends_cleanly(tmp_path: Path) -> None:
    need_simpleaudio()
    programs = tmp_path / "bin"
    programs.mkdir()
    failing = programs / "espeak-ng"
    failing.write_text("#!/bin/sh\necho 'espeak-ng: no voices' >&2\nexit 1\n")
    failing.chmod(0o755)
    env = driver_env(broken_config(tmp_path))
    env["PATH"] = f"{programs}{os.pathsep}{env['PATH']}"
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")  # no clip rendered before
    result = subprocess.run(
        [*EVENSIDE, "sounds"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert f"Voice: espeak-ng ({failing})" in lines
    assert lines[-1] == "  voice: espeak-ng could not render speech"
