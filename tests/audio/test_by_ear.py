"""`evenside play --plain` listened to end to end, as a person with their eyes shut would.

Every ALSA stream is recorded at real-time pace with the clock reading of its
first sample (tests/support/alsa_listener.py), tones are told apart by pitch,
words are recognised by pocketsphinx held to the routine's words, and all of it
is timed against the `--trace` (read through a FIFO, so each line is stamped
as it is written). The checks use the capture alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.alsa_capture import have_alsa, have_simpleaudio
from tests.support.alsa_listener import (
    Heard,
    Recogniser,
    ends_quietly,
    listen,
    listener_config,
    read_streams,
)
from tests.support.evenside_process import EVENSIDE
from tests.support.paths import SRC
from tests.support.tools import require_tool

pytestmark = pytest.mark.slow

# prep 5 s; Supine release left 8 s, switch 3 s, right 6 s; rest 5 s; two rounds of two
# pelvic tilts at 2 s a rep (counted aloud); a 3 s transition; clamshell on the right: 42 s.
ROUTINE = """\
name: By ear
defaults:
  prep: 5s
  transition: 3s
steps:
  - exercise: Supine release
    cue: Knees soft.
    hold: {left: 8s, right: 6s}
    sides: both
    order: left-first
    switch: 3s
  - rest: 5s
  - repeat: 2
    steps:
      - exercise: Pelvic tilt
        reps: 2
        tempo: 2s
  - exercise: Clamshell
    hold: 4s
    sides: right
"""

# prep 2 s; a 3 s hold per side with a 2 s switch: 10 s, for the tones-only, panned run.
SIDES = """\
name: Sides by ear
defaults:
  prep: 2s
steps:
  - exercise: Lunge
    hold: 3s
    sides: both
    order: left-first
    switch: 2s
"""

WORDS = (
    "left right side supine release knees soft rest next pelvic tilt clamshell routine "
    "get ready seconds reps set one two three four five six eight of switch to the"
)

OVERLAP_SLACK_MS = 30
"""Sounds may touch by this much (the capture's timing is good to a few ms)."""


@dataclass
class Played:
    heard: list[Heard]
    trace: list[dict[str, object]]
    returncode: int
    stdout: str
    ended_quietly: bool
    """The last stream ends in silence (words played out, not cut off mid-word)."""
    last_ms: int
    """How long the last stream played."""


def _need_tools() -> None:
    require_tool("libasound.so.2", available=have_alsa())
    require_tool("simpleaudio", available=have_simpleaudio())
    require_tool("espeak-ng")
    require_tool("gcc")
    try:
        import pocketsphinx  # noqa: F401

        present = True
    except ImportError:
        present = False
    require_tool("pocketsphinx", available=present)


def play_by_ear(tmp_path: Path, routine: str, *flags: str) -> Played:
    """Play `routine` with `evenside play --plain FLAGS`; what was heard, from the capture."""
    _need_tools()
    path = tmp_path / "routine.yaml"
    path.write_text(routine)
    captures = tmp_path / "captures"
    config = listener_config(tmp_path, captures)
    fifo = tmp_path / "trace.fifo"
    os.mkfifo(fifo)
    lines: list[tuple[int, str]] = []

    def read_trace() -> None:
        with open(fifo, encoding="utf-8") as trace:
            for line in trace:
                lines.append((time.monotonic_ns(), line))

    reader = threading.Thread(target=read_trace, daemon=True)
    reader.start()
    env = dict(os.environ)
    env.update(
        ALSA_CONFIG_PATH=str(config),
        PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")])),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    result = subprocess.run(
        [*EVENSIDE, "play", str(path), "--plain", "--no-history", "--trace", str(fifo), *flags],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,  # bounds a hang; a routine plays in real time (desk break: 2 min)
        check=False,
    )
    reader.join(10)
    # Recorders finish writing once their stream ends (at most a pipe's worth later).
    time.sleep(0.3)
    trace = [json.loads(line) for _, line in lines]
    # The session's start on CLOCK_MONOTONIC: the least delayed line says it best.
    t0 = min(
        at - round(float(str(record["actual"])) * 1e9)
        for (at, _), record in zip(lines, trace, strict=True)
    )
    recogniser = Recogniser(WORDS.split())
    streams = read_streams(captures)
    heard = listen(streams, t0, recogniser)
    quiet = bool(streams) and ends_quietly(streams[-1])
    last_ms = streams[-1].duration_ms if streams else 0
    return Played(heard, trace, result.returncode, result.stdout + result.stderr, quiet, last_ms)


def _starts(trace: list[dict[str, object]], kind: str) -> list[float]:
    return [
        float(str(r["planned"])) * 1000
        for r in trace
        if r["event"] == "interval_start" and r["kind"] == kind
    ]


def _overlaps(heard: list[Heard]) -> list[tuple[Heard, Heard]]:
    """Tones or ticks that start while words are playing."""
    speech = [h for h in heard if h.kind == "speech"]
    return [
        (words, tone)
        for tone in heard
        if tone.kind != "speech"
        for words in speech
        if words.start_ms + OVERLAP_SLACK_MS < tone.start_ms < words.end_ms - OVERLAP_SLACK_MS
    ]


@pytest.fixture(scope="module")
def by_ear(tmp_path_factory: pytest.TempPathFactory) -> Played:
    return play_by_ear(tmp_path_factory.mktemp("by-ear"), ROUTINE)


def test_every_cue_is_heard_at_its_time(by_ear: Played) -> None:
    assert by_ear.returncode == 0, by_ear.stdout
    tones = [h for h in by_ear.heard if h.kind != "speech"]
    for record in by_ear.trace:
        if record["event"] != "cue" or record["cue"] == "step_sound":
            continue
        planned = float(str(record["planned"])) * 1000
        # A rep is a tick, or its number spoken where the tempo leaves room.
        heard = by_ear.heard if record["cue"] == "tick" else tones
        near = [t for t in heard if abs(t.start_ms - planned) < 120]
        assert near, f"nothing heard for {record['cue']} at {planned:.0f} ms"
        assert near[0].kind in (record["cue"], "speech"), (record, near[0])
    # No tone is heard that the trace did not ask for (side marks belong to go and switch).
    asked_for = [
        float(str(r["planned"])) * 1000
        for r in by_ear.trace
        if r["event"] == "cue" and r["cue"] != "step_sound"
    ]
    for tone in tones:
        if not tone.kind.startswith("mark/"):
            assert any(abs(tone.start_ms - at) < 120 for at in asked_for), tone


def test_the_last_words_are_heard_to_the_end(by_ear: Played) -> None:
    last = by_ear.heard[-1]
    assert last.kind == "speech"
    assert "routine" in [w for w, _ in last.words], last.words
    assert by_ear.ended_quietly
    done = [h for h in by_ear.heard if h.kind == "done"]
    assert done and last.start_ms > done[-1].start_ms


def test_no_tone_or_tick_starts_while_words_play(by_ear: Played) -> None:
    assert _overlaps(by_ear.heard) == []


def test_the_side_is_named_before_each_hold_starts(by_ear: Played) -> None:
    holds = [
        (float(str(r["planned"])) * 1000, str(r["side"]))
        for r in by_ear.trace
        if r["event"] == "interval_start" and r["kind"] == "work" and r["side"]
    ]
    ends = [
        float(str(r["planned"])) * 1000
        for r in by_ear.trace
        if r["event"] == "interval_end" and r["kind"] == "work" and r["side"]
    ]
    assert len(holds) == len(ends) == 3
    said = [(word, at) for h in by_ear.heard for word, at in h.words if word in ("left", "right")]
    for (start, side), end in zip(holds, ends, strict=True):
        before = [(w, at) for w, at in said if start - 6_000 <= at <= start + 500]
        assert before and before[-1][0] == side, (start, side, said)
        # Named late, the person is already holding, maybe on the wrong side.
        late = [(w, at) for w, at in said if start + 500 < at < end]
        assert late == [], (start, side, late)


def test_voice_and_tones_are_equally_loud(by_ear: Played) -> None:
    speech = [h.level_db for h in by_ear.heard if h.kind == "speech"]
    # A side mark's level is go's or switch's: it is measured with them.
    tones = [h.level_db for h in by_ear.heard if h.kind != "speech" and "/" not in h.kind]
    mean_speech = sum(speech) / len(speech)
    for level in tones:
        assert abs(level - mean_speech) <= 3, (level, mean_speech)


def test_every_rep_is_heard_counted_aloud(by_ear: Played) -> None:
    reps = [
        float(str(r["planned"])) * 1000
        for r in by_ear.trace
        if r["event"] == "cue" and r["cue"] == "tick"
    ]
    # Two reps a round, two rounds: the first rep of each starts on go.
    assert len(reps) == 2
    for at in reps:
        said = [h for h in by_ear.heard if abs(h.start_ms - at) < 120]
        assert said and said[0].kind == "speech", (at, said)
        assert said[0].level_db > -23


def test_without_words_left_and_right_differ_and_each_comes_from_its_side(
    tmp_path: Path,
) -> None:
    played = play_by_ear(tmp_path, SIDES, "--no-voice", "--pan")
    assert played.returncode == 0, played.stdout
    assert not [h for h in played.heard if h.kind == "speech"]
    starts = dict(zip(("left", "right"), _starts(played.trace, "work"), strict=True))
    go = {
        side: next(h for h in played.heard if abs(h.start_ms - at) < 120)
        for side, at in starts.items()
    }
    assert go["left"].channel == "left"
    assert go["right"].channel == "right"
    marks = {
        side: next(h.kind for h in played.heard if 0 < h.start_ms - go[side].start_ms < 600)
        for side in go
    }
    assert marks == {"left": "mark/left", "right": "mark/right"}
    done = next(h for h in played.heard if h.kind == "done")
    assert done.channel == "both"
