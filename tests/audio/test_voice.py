"""Spoken phrases rendered by the real speech program into the cache, and reused from it."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from evenside import locations
from evenside.audio.voice import (
    Preparation,
    Voice,
    clip_path,
    find_voice,
    render_phrases,
    voice_cache_dir,
)
from evenside.audio.wav import Sound, read_wav
from tests.support.alsa_capture import peak
from tests.support.tools import require_tool


def _voice() -> Voice:
    require_tool("espeak-ng")
    voice = find_voice()
    assert voice is not None
    return voice


def test_phrases_are_rendered_privately_into_the_cache() -> None:
    voice = _voice()
    phrases = ["Left side", "Switch to the right side", "-s 900 starts with a dash"]
    clips, failed = render_phrases(voice, phrases)

    assert failed == []
    assert set(clips) == set(phrases)
    for text in phrases:
        assert peak(clips[text].samples) > 1000
        path = clip_path(voice, text, voice_cache_dir())
        assert path.parent == locations.cache_dir() / "voice"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(voice_cache_dir().stat().st_mode) == 0o700
    assert not list(voice_cache_dir().glob("*.part.wav"))
    # Longer words take longer to say.
    assert clips["Switch to the right side"].duration_ms > clips["Left side"].duration_ms


def test_a_cached_phrase_is_not_rendered_again() -> None:
    voice = _voice()
    render_phrases(voice, ["Routine complete"])
    path = clip_path(voice, "Routine complete", voice_cache_dir())
    before = path.stat().st_mtime_ns
    clips, failed = render_phrases(voice, ["Routine complete"])
    assert path.stat().st_mtime_ns == before
    assert failed == [] and "Routine complete" in clips


def test_a_broken_cached_clip_is_rendered_again() -> None:
    voice = _voice()
    folder = locations.ensure_private_dir(voice_cache_dir())
    clip_path(voice, "Rest", folder).write_bytes(b"RIFF half a file")
    clips, failed = render_phrases(voice, ["Rest"])
    assert failed == []
    assert clips["Rest"].duration_ms > 100


def test_a_program_that_writes_nothing_is_a_failure_not_an_exception(tmp_path: Path) -> None:
    # `true` exits 0 and writes no file, as espeak-ng does when it cannot write.
    require_tool("true")
    clips, failed = render_phrases(Voice("espeak-ng", "true"), ["Left side"], tmp_path)
    assert clips == {}
    assert failed == ["Left side"]


def test_no_speech_program_means_no_voice() -> None:
    assert find_voice(lambda name: None) is None
    assert find_voice(lambda name: f"/opt/{name}") == Voice("espeak-ng", "/opt/espeak-ng")


def test_half_written_clips_left_by_an_ended_render_are_cleared_by_the_next(
    tmp_path: Path,
) -> None:
    require_tool("true")
    stale = tmp_path / "0123456789abcdef01234567.999.part.wav"
    fresh = tmp_path / "76543210fedcba9876543210.998.part.wav"
    for part in (stale, fresh):
        part.write_bytes(b"RIFF")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    # Another process may be writing the fresh one now: it stays.
    render_phrases(Voice("espeak-ng", "true"), ["Left side"], tmp_path)
    assert not stale.exists() and fresh.exists()


def _halved(calls: list[str]) -> Preparation:
    def prepare(clip: Sound) -> Sound:
        calls.append(clip.name)
        return Sound(clip.name, clip.samples[: len(clip.samples) // 2], clip.rate, clip.channels)

    return Preparation("halved", prepare)


def test_a_prepared_clip_is_kept_prepared_and_read_back_without_preparing_again() -> None:
    voice = _voice()
    calls: list[str] = []
    first, failed = render_phrases(voice, ["Set one of two"], preparation=_halved(calls))
    assert failed == [] and len(calls) == 1
    kept = clip_path(voice, "Set one of two", voice_cache_dir(), "halved")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    # What the cache holds is the prepared clip, and the next start reads it as it is.
    assert read_wav(kept).samples == first["Set one of two"].samples
    again, _ = render_phrases(voice, ["Set one of two"], preparation=_halved(calls))
    assert len(calls) == 1
    assert again["Set one of two"].samples == first["Set one of two"].samples
    raw, _ = render_phrases(voice, ["Set one of two"])
    assert len(raw["Set one of two"].samples) // 2 == len(first["Set one of two"].samples)


def test_a_clip_cached_before_preparations_were_kept_is_prepared_not_rendered_again(
    tmp_path: Path,
) -> None:
    voice = _voice()
    render_phrases(voice, ["Rest thirty seconds"], tmp_path)
    # The speech program is gone now (`true` writes nothing): the clip must come from the
    # cache the earlier evenside left, prepared once and kept so.
    require_tool("true")
    gone = Voice(voice.name, "true")
    calls: list[str] = []
    clips, failed = render_phrases(
        gone, ["Rest thirty seconds"], tmp_path, preparation=_halved(calls)
    )
    assert failed == [] and len(calls) == 1
    assert clip_path(gone, "Rest thirty seconds", tmp_path, "halved").exists()
    assert peak(clips["Rest thirty seconds"].samples) > 1000
