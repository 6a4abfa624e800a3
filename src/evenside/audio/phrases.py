"""Provides the words spoken for each interval, written the way a coach would say them.

Pure functions of the timeline: no sound, no files. Numbers are written in
words so every speech engine reads them the same way.
"""

from __future__ import annotations

from evenside.engine.timeline import Interval, IntervalKind, Timeline

ROUTINE_COMPLETE = "Routine complete"

MAX_SPOKEN_CUE_WORDS = 12
"""A cue longer than this is only shown: reading a paragraph aloud drowns the next cue."""

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = [
    "_",
    "_",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
]


def number_words(n: int) -> str:
    """A whole number in English words: 21 -> "twenty-one", 105 -> "one hundred and five"."""
    if n < 0:
        return "minus " + number_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    for size, word in ((1_000_000, "million"), (1000, "thousand"), (100, "hundred")):
        if n >= size:
            high, rest = divmod(n, size)
            head = f"{number_words(high)} {word}"
            if not rest:
                return head
            joiner = " and " if rest < 100 else " "
            return head + joiner + number_words(rest)
    raise AssertionError("unreachable")  # pragma: no cover


def _counted(n: int, unit: str) -> str:
    return f"{number_words(n)} {unit}{'' if n == 1 else 's'}"


def duration_words(ms: int) -> str:
    """A duration as a person says it: "thirty seconds", "ninety seconds", "two minutes",
    "two minutes thirty seconds", "one hour fifteen minutes".

    Up to a minute and a half is said in seconds, as coaches do ("ninety seconds").
    """
    seconds = max(0, round(ms / 1000))
    if seconds <= 90 and seconds % 60:
        return _counted(seconds, "second")
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(_counted(hours, "hour"))
    if minutes:
        parts.append(_counted(minutes, "minute"))
    if seconds:
        parts.append(_counted(seconds, "second"))
    return " ".join(parts) if parts else "zero seconds"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


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


def _side_words(interval: Interval) -> str | None:
    return f"{interval.side.value} side" if interval.side is not None else None


def work_phrase(interval: Interval) -> str:
    """ "Supine release. Left side. Two minutes. Set one of two" (and a short cue)."""
    parts = [interval.exercise or "Work"]
    side = _side_words(interval)
    if side:
        parts.append(side)
    if interval.reps is not None:
        parts.append(_counted(interval.reps, "rep"))
    elif interval.duration_ms is not None:
        parts.append(duration_words(interval.duration_ms))
    if interval.set_count and interval.set_count > 1 and interval.set_number:
        parts.append(
            f"set {number_words(interval.set_number)} of {number_words(interval.set_count)}"
        )
    cue = _short_cue(interval.cue)
    if cue:
        parts.append(cue)
    return ". ".join(_sentence(p) for p in parts)


def switch_phrase(interval: Interval) -> str:
    """ "Switch to the right side" (the side about to be worked)."""
    if interval.side is None:
        return "Switch"
    return f"Switch to the {interval.side.value} side"


def _next_words(next_work: Interval | None) -> str | None:
    if next_work is None or not next_work.exercise:
        return None
    side = _side_words(next_work)
    name = _mid_sentence(next_work.exercise)
    return f"Next: {name}, {side}" if side else f"Next: {name}"


def rest_phrase(interval: Interval, next_work: Interval | None) -> str:
    """ "Rest thirty seconds. Next: glute bridge"."""
    parts = ["Rest" + (f" {duration_words(interval.duration_ms)}" if interval.duration_ms else "")]
    cue = _short_cue(interval.cue)
    if cue:
        parts.append(_sentence(cue))
    following = _next_words(next_work)
    if following:
        parts.append(following)
    return ". ".join(parts)


def prep_phrase(interval: Interval) -> str:
    """ "Get ready. First: supine release, left side"."""
    first = _next_words(interval)
    return "Get ready. " + first.replace("Next", "First", 1) if first else "Get ready"


def interval_phrase(timeline: Timeline, interval: Interval) -> str:
    """The words spoken when `interval` starts."""
    if interval.kind is IntervalKind.WORK:
        return work_phrase(interval)
    if interval.kind is IntervalKind.SWITCH:
        return switch_phrase(interval)
    if interval.kind is IntervalKind.REST:
        return rest_phrase(interval, timeline.next_work_after(interval.index))
    return prep_phrase(interval)


def routine_phrases(timeline: Timeline) -> list[str]:
    """Every phrase a session of `timeline` may speak, each once, in order of first use."""
    seen = dict.fromkeys(interval_phrase(timeline, i) for i in timeline.intervals)
    seen[ROUTINE_COMPLETE] = None
    return list(seen)
