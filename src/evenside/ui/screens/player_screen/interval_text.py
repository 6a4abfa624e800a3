"""Provides the player's lines for an interval: its heading, its set, its cue and what comes next.

The words come from `evenside.wording`; this module only lays them out, one
line per widget, parts joined with " · ".
"""

from __future__ import annotations

from evenside.engine.timeline import Interval, IntervalKind
from evenside.wording import (
    KIND_WORDS,
    UNTIMED_HINT,
    clock_done,
    clock_to_go,
    rep_count_words,
    reps_words,
    round_words,
    sentence,
    set_words,
    side_name,
    switch_words,
    transition_words,
)


def _joined(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def heading(interval: Interval) -> str:
    """The kind of interval, with its block and round when it sits in a block.

    A transition's kind is said on the line below, with its exercise: here only its round.
    """
    if interval.kind is IntervalKind.TRANSITION:
        return round_words(interval)
    return _joined(sentence(KIND_WORDS[interval.kind]), round_words(interval))


def exercise_line(interval: Interval) -> str:
    """The exercise in progress (during prep: the first one), the rest itself, or
    "Get into position: Kneeling lunge" between two exercises."""
    if interval.kind is IntervalKind.TRANSITION:
        return transition_words(interval)
    return interval.exercise or sentence(KIND_WORDS[interval.kind])


def set_line(interval: Interval, elapsed_ms: int | None = None) -> str:
    """ "set 2 of 3" and the reps of the set, when they apply; `elapsed_ms` into a work
    interval, where a timed set of reps is ("rep 5 of 12") or how long an untimed set has
    taken so far ("12 reps · 0:23 so far")."""
    reps = interval.reps if interval.kind is IntervalKind.WORK else None
    if reps is None:
        return set_words(interval)
    rep = interval.rep_at(elapsed_ms) if elapsed_ms is not None else None
    if rep is not None:
        return _joined(set_words(interval), rep_count_words(rep, reps))
    if not interval.timed and elapsed_ms is not None:
        return _joined(set_words(interval), reps_words(reps), f"{clock_done(elapsed_ms)} so far")
    return _joined(set_words(interval), reps_words(reps))


def cue_line(interval: Interval) -> str:
    """The routine's cue; for an untimed set, how to end it."""
    if interval.kind is IntervalKind.WORK and not interval.timed:
        return f"{interval.cue}  {UNTIMED_HINT}" if interval.cue else UNTIMED_HINT
    if interval.kind is IntervalKind.SWITCH and interval.side is not None:
        return sentence(switch_words(interval.side)) + "."
    return interval.cue or ""


def next_line(upcoming: Interval | None, width: int | None = None) -> str:
    """What comes after the current interval, in `width` cells if given.

    When it does not fit, the set goes first, then the exercise's name is cut
    with "…": the side is what a glance at the line must find.
    """
    if upcoming is None:
        return "Next: done"
    if upcoming.kind is IntervalKind.REST:
        return f"Next: {KIND_WORDS[upcoming.kind]} {clock_to_go(upcoming.duration_ms or 0)}"
    if upcoming.kind is IntervalKind.SWITCH:
        return f"Next: {switch_words(upcoming.side)}"
    side = side_name(upcoming.side, capitals=True) if upcoming.side is not None else ""
    name = upcoming.exercise or sentence(KIND_WORDS[upcoming.kind])
    full = "Next: " + _joined(name, side, set_words(upcoming))
    if width is None or len(full) <= width:
        return full
    short = "Next: " + _joined(name, side)
    if len(short) <= width or not side:
        return short
    room = width - len("Next: ") - len(" · ") - len(side)
    cut = name[: max(1, room - 1)] + "…" if room < len(name) else name
    return "Next: " + _joined(cut, side)
