"""Tests the detail view's step list: each kind of step in wording's words, user text made safe."""

from __future__ import annotations

from pathlib import Path

from evenside.routine.loader import load_routine
from evenside.ui.screens.library.step_lines import step_lines
from tests.support.routine_files import write_routine

EVERY_KIND = """\
name: Every kind
steps:
  - exercise: Runner's lunge
    hold: 45s
    sides: both
    order: right-first
    sets: 2
    rest: 15s
    cue: Back knee on a towel
  - exercise: Clamshell
    reps: {left: 12, right: 15}
    sides: both
  - exercise: Bridge
    reps: 10
    tempo: 3s
  - rest: 30s
  - repeat: 3
    name: Hips
    rest: 45s
    steps:
      - exercise: Balance
        hold: 30s
        sides: left
"""


def test_every_kind_of_step_reads_in_wordings_words(tmp_path: Path) -> None:
    routine = load_routine(write_routine(tmp_path, EVERY_KIND))
    assert step_lines(routine) == [
        "Runner's lunge · 0:45 hold · each side, right first · 2 sets, 0:15 rest",
        "  “Back knee on a towel”",
        "Clamshell · left 12 reps, right 15 reps · each side, the side behind first",
        "Bridge · 10 reps, 0:03 each",
        "Rest 0:30",
        "Hips · 3 rounds · 0:45 rest between rounds",
        "  Balance · 0:30 hold · left side only",
    ]


def test_escapes_in_names_and_cues_are_shown_not_sent(tmp_path: Path) -> None:
    text = (
        'name: X\nsteps:\n  - exercise: "Lunge\\e]0;owned\\a"\n'
        '    hold: 5s\n    cue: "\\e[8mhidden"\n'
    )
    routine = load_routine(write_routine(tmp_path, text))
    lines = step_lines(routine)
    assert lines == ["Lunge␛]0;owned␇ · 0:05 hold", "  “␛[8mhidden”"]
    assert not any("\x1b" in line or "\x07" in line for line in lines)
