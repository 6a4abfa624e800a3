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
    side_words,
    switch_words,
)

ROUTINE_COMPLETE = "Routine complete"

MAX_SPOKEN_CUE_WORDS = 12
"""A cue longer than this is only shown: reading a paragraph aloud drowns the next cue."""


def _mid_sentence(name: str) -> str:
    """An exercise name inside a sentence: "Glute bridge" -> "glute bridge", but "SI joint"
    and "McKenzie press-up" keep their capitals."""
    first_word = name.split(" ", 1)[0]
    if first_word[:1].isupper() and first_word[1:].islower():
        return name[:1].lower() + name[1:]
    return name


def _short_cue(cue: str | None) -> str | None:
    if not cue:
        return None
    text = " ".join(cue.split()).rstrip(".")
    return text if len(text.split()) <= MAX_SPOKEN_CUE_WORDS else None


def work_phrase(interval: Interval) -> str:
    """ "Supine release. Left side. Two minutes. Set one of two" (and a short cue)."""
    parts = [interval.exercise or KIND_WORDS[IntervalKind.WORK]]
    if interval.side is not None:
        parts.append(side_words(interval.side))
    if interval.reps is not None:
        parts.append(reps_words(interval.reps, number_words))
    elif interval.duration_ms is not None:
        parts.append(duration_words(interval.duration_ms))
    parts.append(set_words(interval, number_words))
    parts.append(_short_cue(interval.cue) or "")
    return ". ".join(sentence(p) for p in parts if p)


def switch_phrase(interval: Interval) -> str:
    """ "Switch to the right side" (the side about to be worked)."""
    return sentence(switch_words(interval.side))


def _next_words(next_work: Interval | None) -> str | None:
    if next_work is None or not next_work.exercise:
        return None
    name = _mid_sentence(next_work.exercise)
    if next_work.side is None:
        return f"Next: {name}"
    return f"Next: {name}, {side_words(next_work.side)}"


def rest_phrase(interval: Interval, next_work: Interval | None) -> str:
    """ "Rest thirty seconds. Next: glute bridge"."""
    rest = sentence(KIND_WORDS[IntervalKind.REST])
    if interval.duration_ms:
        rest += f" {duration_words(interval.duration_ms)}"
    parts = [rest, sentence(_short_cue(interval.cue) or ""), _next_words(next_work) or ""]
    return ". ".join(p for p in parts if p)


def prep_phrase(interval: Interval) -> str:
    """ "Get ready. First: supine release, left side"."""
    ready = sentence(KIND_WORDS[IntervalKind.PREP])
    first = _next_words(interval)
    return f"{ready}. " + first.replace("Next", "First", 1) if first else ready


def transition_phrase(interval: Interval) -> str:
    """ "Get into position. Next: kneeling lunge, left side"."""
    what = sentence(KIND_WORDS[IntervalKind.TRANSITION])
    following = _next_words(interval)
    return f"{what}. {following}" if following else what


def interval_phrase(timeline: Timeline, interval: Interval) -> str:
    """The words spoken when `interval` starts."""
    if interval.kind is IntervalKind.WORK:
        return work_phrase(interval)
    if interval.kind is IntervalKind.SWITCH:
        return switch_phrase(interval)
    if interval.kind is IntervalKind.REST:
        return rest_phrase(interval, timeline.next_work_after(interval.index))
    if interval.kind is IntervalKind.TRANSITION:
        return transition_phrase(interval)
    return prep_phrase(interval)


def routine_phrases(timeline: Timeline) -> list[str]:
    """Every phrase a session of `timeline` may speak, each once, in order of first use."""
    seen = dict.fromkeys(interval_phrase(timeline, i) for i in timeline.intervals)
    seen[ROUTINE_COMPLETE] = None
    return list(seen)
