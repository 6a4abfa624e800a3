"""Provides the words the player shows for an interval: its heading, its set and what comes next."""

from __future__ import annotations

from evenside.engine.timeline import Interval, IntervalKind
from evenside.wording import clock_text

KIND_HEADING = {
    IntervalKind.PREP: "Get ready",
    IntervalKind.WORK: "Work",
    IntervalKind.SWITCH: "Switch sides",
    IntervalKind.REST: "Rest",
}
"""What the person is doing, in two words at most."""

UNTIMED_HINT = "Press enter when the set is done."


def heading(interval: Interval) -> str:
    """The kind of interval, with its block and round when it sits in a block."""
    text = KIND_HEADING[interval.kind]
    if interval.block and interval.round_number:
        return f"{text} · {interval.block}, round {interval.round_number}"
    if interval.round_number:
        return f"{text} · round {interval.round_number}"
    return text


def exercise_line(interval: Interval) -> str:
    """The exercise in progress (during prep: the first one), or the rest itself."""
    if interval.exercise:
        return interval.exercise
    return KIND_HEADING[interval.kind]


def set_line(interval: Interval) -> str:
    """ "set 2 of 3" and the reps of the set, when they apply."""
    parts: list[str] = []
    if interval.set_number is not None and interval.set_count and interval.set_count > 1:
        parts.append(f"set {interval.set_number} of {interval.set_count}")
    if interval.reps is not None and interval.kind is IntervalKind.WORK:
        parts.append(f"{interval.reps} reps")
    return " · ".join(parts)


def cue_line(interval: Interval) -> str:
    """The routine's cue; for an untimed set, how to end it."""
    if interval.kind is IntervalKind.WORK and not interval.timed:
        return f"{interval.cue}  {UNTIMED_HINT}" if interval.cue else UNTIMED_HINT
    if interval.kind is IntervalKind.SWITCH and interval.side is not None:
        return f"Switch to the {interval.side.value} side."
    return interval.cue or ""


def next_line(upcoming: Interval | None) -> str:
    """What comes after the current interval."""
    if upcoming is None:
        return "Next: done"
    if upcoming.kind is IntervalKind.REST:
        return f"Next: rest {clock_text(upcoming.duration_ms or 0)}"
    if upcoming.kind is IntervalKind.SWITCH:
        side = upcoming.side.value if upcoming.side else "other"
        return f"Next: switch to the {side} side"
    parts = [upcoming.exercise or KIND_HEADING[upcoming.kind]]
    if upcoming.side is not None:
        parts.append(upcoming.side.value.upper())
    if upcoming.set_number is not None and upcoming.set_count and upcoming.set_count > 1:
        parts.append(f"set {upcoming.set_number} of {upcoming.set_count}")
    return "Next: " + " · ".join(parts)
