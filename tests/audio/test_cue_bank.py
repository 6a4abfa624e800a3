"""Tests the cue bank's spoken clips: leveled to the tones once, then read ready from the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from evenside.audio import synth
from evenside.audio.cue_bank import LEVELED, CueBank
from evenside.audio.voice import find_voice, voice_cache_dir
from evenside.audio.wav import SAMPLE_RATE, loudness_dbfs
from evenside.engine.timeline import expand
from evenside.routine.loader import load_routine
from tests.support.tools import require_tool

ROUTINES = Path(__file__).parents[2] / "routines"


def test_spoken_clips_are_at_the_tones_rate_and_loudness_and_kept_so_in_the_cache() -> None:
    require_tool("espeak-ng")
    voice = find_voice()
    assert voice is not None
    timeline = expand(load_routine(ROUTINES / "desk-break.yaml"))
    bank = CueBank.load(timeline, voice=voice)
    assert bank.clips
    for text, clip in bank.clips.items():
        assert clip.rate == SAMPLE_RATE, text
        level = loudness_dbfs(clip)
        assert level == pytest.approx(synth.CUE_LOUDNESS_DBFS, abs=0.5), text
        # The leading silence the speech program writes is gone: words start when played.
        assert abs(clip.samples[0]) > 64 or abs(clip.samples[1]) > 64, text
    kept = list(voice_cache_dir().glob(f"*-{LEVELED.tag}.wav"))
    assert len(kept) == len(bank.clips)
    # A second start reads the same clips, leveled, from the cache.
    again = CueBank.load(timeline, voice=voice)
    assert {t: c.samples for t, c in again.clips.items()} == {
        t: c.samples for t, c in bank.clips.items()
    }
