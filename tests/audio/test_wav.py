"""In-memory sounds: loudness, gain, trimming and panning (reading and writing: test_synth)."""

from __future__ import annotations

import math
import tracemalloc
from array import array

import pytest

from evenside.audio.wav import (
    Sound,
    lead_trimmed,
    loudness_dbfs,
    normalised,
    panned,
    silence,
    with_gain,
)


def _sine(level: float, ms: int = 500, hz: float = 440.0, rate: int = 22_050) -> Sound:
    count = rate * ms // 1000
    samples = array(
        "h", (round(level * 32767 * math.sin(2 * math.pi * hz * i / rate)) for i in range(count))
    )
    return Sound("sine", samples, rate)


def test_a_sine_is_three_db_below_its_peak_and_pauses_do_not_count() -> None:
    assert loudness_dbfs(_sine(0.5)) == pytest.approx(20 * math.log10(0.5) - 3.01, abs=0.1)
    paused = Sound("paused", _sine(0.5).samples + silence(500).samples)
    assert loudness_dbfs(paused) == pytest.approx(loudness_dbfs(_sine(0.5)), abs=0.1)
    assert loudness_dbfs(silence(100)) is None


def test_normalised_reaches_the_target_without_passing_the_peak_limit() -> None:
    assert loudness_dbfs(normalised(_sine(0.05), -20.0)) == pytest.approx(-20.0, abs=0.1)
    # -3 dBFS would need a peak of full scale: held at the limit instead.
    loud = normalised(_sine(0.05), -3.0, peak_limit=20_000)
    assert max(loud.samples) <= 20_000


def test_gain_clips_instead_of_wrapping_around() -> None:
    doubled = with_gain(Sound("s", array("h", [30_000, -30_000, 100])), 2.0)
    assert list(doubled.samples) == [32_767, -32_768, 200]


def test_gain_through_the_table_is_the_gain_worked_out_sample_by_sample() -> None:
    every = array("h", range(-32_768, 32_768))  # as long as the table: scaled through it
    for factor in (0.0, 0.377, 1.9):
        whole = with_gain(Sound("long", every), factor).samples
        # The same values a thousand at a time: each short piece is worked out directly.
        pieces = array("h")
        for start in range(0, len(every), 1000):
            pieces.extend(with_gain(Sound("short", every[start : start + 1000]), factor).samples)
        assert whole == pieces
        assert whole[32_768 + 1000] == round(1000 * factor)


def test_scaling_keeps_little_memory_alive() -> None:
    # Every side mark and spoken clip is brought to the cue loudness, each with its own
    # gain: what that leaves behind is counted in the peak RSS of every session.
    long = Sound("long", array("h", range(-32_768, 32_768)))
    short = Sound("short", array("h", range(-5000, 5000)))
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for factor in (0.311, 0.312):
            with_gain(short, factor)
            with_gain(long, factor)
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Two cached tables of 16-bit values (128 KiB each); a list of ints was 2.3 MiB each.
    assert after - before < 512 * 1024


def test_the_silence_before_words_is_trimmed() -> None:
    words = Sound("w", silence(50).samples + array("h", [0, 500, -800, 0]))
    assert list(lead_trimmed(words).samples) == [500, -800, 0]
    # A sine starts at zero: only that first sample goes.
    assert lead_trimmed(_sine(0.5)).samples == _sine(0.5).samples[1:]


def test_panned_puts_a_cue_in_one_ear_or_both() -> None:
    mono = Sound("m", array("h", [1, 2, 3]))
    left, right, both = panned(mono, 0), panned(mono, 1), panned(mono, None)
    assert (left.channels, list(left.samples)) == (2, [1, 0, 2, 0, 3, 0])
    assert list(right.samples) == [0, 1, 0, 2, 0, 3]
    assert list(both.samples) == [1, 1, 2, 2, 3, 3]
    assert left.duration_ms == mono.duration_ms
