"""Provides the words spoken for each interval, put the way a coach would say them.

Pure functions of the timeline: no sound, no files. The words and the numbers
(spelled out, so every speech engine reads them alike) come from
`evenside.wording`, the same vocabulary the screens use; this module only
arranges them into short sentences.
"""

from __future__ import annotations

from evenside.engine.timeline import Interval, IntervalKind, Timeline
from evenside.wording import (
    KIND_WORDS,
    duration_words,
    number_words,
    reps_words,
    sentence,
    set_words,
    side_name,
    side_words,
)

ROUTINE_COMPLETE = "Routine complete"

MAX_SPOKEN_CUE_WORDS = 12
"""A cue longer than this is only shown: reading a paragraph aloud drowns the next cue."""


def _short_cue(cue: str | None) -> str | None:
    if not cue:
        return None
    text = " ".join(cue.split()).rstrip(".")
    return text if len(text.split()) <= MAX_SPOKEN_CUE_WORDS else None


def _short_name(name: str) -> str:
    """ "Supine release" -> "Supine": the first word, enough to tell steps apart in a hurry."""
    return name.split(" ", 1)[0]


def _joined(parts: list[str | None]) -> str:
    return ". ".join(sentence(p) for p in parts if p)


def _amount(work: Interval) -> str | None:
    if work.reps is not None:
        return reps_words(work.reps, number_words)
    if work.duration_ms is not None:
        return duration_words(work.duration_ms)
    return None


def next_forms(work: Interval, *, with_name: bool = True) -> tuple[str, ...]:
    """The ways to announce the work interval `work`, longest first, the side always first:
    "Left side. Supine release. Two minutes. Set one of two. Knees soft", ..., "Left. Supine",
    "Left". Without the name when it is the exercise already in progress (a switch)."""
    name = work.exercise if with_name else None
    short = _short_name(work.exercise) if with_name and work.exercise else None
    amount = _amount(work)
    sets = set_words(work, number_words)
    cue = _short_cue(work.cue)
    if work.side is not None:
        side, letter = side_words(work.side), side_name(work.side)
    else:
        side, letter = None, None
    candidates = [
        _joined([side, name, amount, sets, cue]),
        _joined([side, name, amount, sets]),
        _joined([side, name, amount]),
        _joined([side, name]),
        _joined([letter, short]),
        _joined([letter]) if letter else "",
    ]
    if not with_name and side is None:
        # Nothing to say about the same exercise on no side but how much of it.
        candidates = [_joined([amount, sets]), _joined([amount])]
    return tuple(dict.fromkeys(c for c in candidates if c))


def announces(timeline: Timeline, interval: Interval) -> Interval | None:
    """The work interval `interval` announces: the next one, for a prep, switch, rest or
    transition (words come before the interval they are about); None for work."""
    if interval.kind is IntervalKind.WORK:
        return None
    return timeline.next_work_after(interval.index)


def gap_forms(timeline: Timeline, interval: Interval) -> tuple[str, ...]:
    """The words that may open a prep, switch or rest, longest first: the next step, the
    side first ("Rest thirty seconds. Next: left side. Clamshell. Ten reps")."""
    work = announces(timeline, interval)
    if work is None:
        return ()
    # A switch, or a rest between sets, leads into more of the same exercise.
    same = interval.kind in (IntervalKind.SWITCH, IntervalKind.REST) and (
        work.exercise == interval.exercise
    )
    forms = next_forms(work, with_name=not same)
    if interval.kind is IntervalKind.REST:
        rest = sentence(KIND_WORDS[IntervalKind.REST])
        if interval.duration_ms:
            rest += f" {duration_words(interval.duration_ms)}"
        return tuple(
            dict.fromkeys(
                [f"{rest}. Next: {form}" for form in forms] + [f"Next: {f}" for f in forms]
            )
        )
    return forms


def work_forms(interval: Interval) -> tuple[str, ...]:
    """The words that open a work interval nothing announced (it follows other work, or its
    prep was too short for words): side first, as long as the time before its first tick
    or last beep allows ("Left. Supine" in a short one)."""
    return next_forms(interval)


def spoken_forms(timeline: Timeline, interval: Interval) -> tuple[str, ...]:
    """The words that may open `interval` when the interval before it said its words:
    a prep, switch or rest announces the next work; work after one of them says nothing."""
    if interval.kind is not IntervalKind.WORK:
        return gap_forms(timeline, interval)
    previous = timeline.intervals[interval.index - 1] if interval.index > 0 else None
    if previous is not None and announces(timeline, previous) is interval:
        return ()
    return work_forms(interval)


def interval_phrase(timeline: Timeline, interval: Interval) -> str:
    """The words spoken when `interval` starts, given time for them ("" for none)."""
    forms = spoken_forms(timeline, interval)
    return forms[0] if forms else ""


def routine_phrases(timeline: Timeline) -> list[str]:
    """Every phrase a session of `timeline` may speak, each once, in order of first use."""
    seen: dict[str, None] = {}
    for interval in timeline.intervals:
        seen.update(dict.fromkeys(spoken_forms(timeline, interval)))
        if interval.kind is IntervalKind.WORK:
            seen.update(dict.fromkeys(work_forms(interval)))
    seen[ROUTINE_COMPLETE] = None
    return list(seen)
