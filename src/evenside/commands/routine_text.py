"""Provides `evenside show` as text: the description with its safety notes, the side order, the
expanded timeline and the total time, every name from the file made safe for the terminal.
"""

from __future__ import annotations

from evenside.engine.timeline import Interval, IntervalKind, Timeline
from evenside.routine.durations import format_duration
from evenside.routine.model import Order, Routine, Sides
from evenside.terminal_text import safe_text
from evenside.wording import (
    KIND_WORDS,
    clock_done,
    clock_to_go,
    reps_words,
    round_words,
    set_words,
    switch_words,
)


def total_text(timeline: Timeline) -> str:
    """`12:30` (as the library shows it), with `+ N untimed sets` when some sets wait."""
    text = clock_to_go(timeline.total_ms)
    untimed = timeline.untimed_sets
    if untimed:
        text += f" + {untimed} untimed set{'s' if untimed != 1 else ''}"
    return text


def describe(interval: Interval) -> str:
    """The "what" column of `show`: "Lunge  left  set 1 of 2  12 reps  [Hips, round 2]"."""
    kind = interval.kind
    exercise = safe_text(interval.exercise or "")
    if kind is IntervalKind.PREP:
        ready = KIND_WORDS[kind]
        parts = [f"{ready}: {exercise}" if exercise else ready]
    elif kind is IntervalKind.SWITCH and interval.side is not None:
        parts = [switch_words(interval.side)]
    elif kind is IntervalKind.REST:
        parts = []
    elif kind is IntervalKind.TRANSITION:
        parts = [f"{KIND_WORDS[kind]}: {exercise}"]
    else:
        parts = [exercise]
    if kind is IntervalKind.WORK:
        parts += [interval.side.value if interval.side is not None else "", set_words(interval)]
    if interval.reps is not None:
        parts.append(reps_words(interval.reps))
    if interval.round_number:
        parts.append(f"[{safe_text(round_words(interval))}]")
    return "  ".join(p for p in parts if p)


def side_order_note(routine: Routine) -> str | None:
    """Why `play` may start an exercise on the right though `show` lists left first."""
    names = [
        safe_text(step.exercise)
        for step in routine.exercises()
        if step.sides is Sides.BOTH and step.order is Order.BALANCE
    ]
    if not names:
        return None
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    verb = "starts" if len(names) == 1 else "start"
    return (
        f"Side order: listed left first; when you play, {listed} {verb} on the side that is "
        "behind or owed (order: balance), so a session may start on the right."
    )


def show_lines(timeline: Timeline) -> list[str]:
    """Every line of `evenside show`."""
    routine = timeline.routine
    lines = [f"{safe_text(routine.name)}: {total_text(timeline)}"]
    if routine.summary:
        lines.append(safe_text(routine.summary))
    if routine.description:
        lines += ["", *safe_text(routine.description.strip(), keep_newlines=True).splitlines()]
    note = side_order_note(routine)
    if note:
        lines += ["", note]
    lines.append("")
    # The kind column is as wide as its longest word ("transition" only when there is one).
    width = max([6, *(len(i.kind.value) for i in timeline.intervals)])
    lines.append(f"{'start':>8}  {'length':>7}  {'kind':<{width}}  what")
    for interval in timeline.intervals:
        length = (
            format_duration(interval.duration_ms) if interval.duration_ms is not None else "untimed"
        )
        lines.append(
            f"{clock_done(interval.start_ms):>8}  {length:>7}  "
            f"{interval.kind.value:<{width}}  {describe(interval)}"
        )
    lines.append(f"total {total_text(timeline)}")
    return lines
