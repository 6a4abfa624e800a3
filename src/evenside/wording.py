"""Provides the words every front end uses for time, numbers and intervals.

The player screen, `--plain`, `evenside show`, the history screens and the
spoken cues all take their clocks ("0:45"), lengths ("1 min 30 s"), spoken
numbers ("forty-five seconds") and interval words ("set 1 of 2", "12 reps",
"switch to the right side") from here, so one interval reads the same
everywhere. Each front end only lays the words out (one line, a column, a
widget per line, a sentence to speak).

One rounding rule, for every reading of time: a second counts as done only once
it is over.

- Time done (a session, a hold, a pause) rounds down: 44.9 s done reads 0:44.
- Time still to go (a countdown) rounds up: 0.2 s left reads 0:01, so 0:00
  shows only at the very end, never while the person is still holding.
- A planned length is time still to go before it starts, so it reads as its
  countdown will on its first frame: rounded up ("Next: rest 0:30", the
  library's total, "thirty seconds" for a 29.6 s hold).

Done and to go are the same count seen from its two ends: a 45 s hold stopped
when the countdown shows 0:40 reads 0:05 done, never 0:06. And every reading
of one session's time (the summary, the sessions pane, `--plain`, the
history) is a time done, so it reads the same in all of them. Python's
`round()` is not used: it rounds halves to even, so 6.5 s would read 6 and
7.5 s would read 8.

The routine file's own notation ("45s", "1m30s", exact to the millisecond)
belongs to `evenside.routine.durations`: it is the syntax `show` and `check`
echo back, not a reading of a clock.
"""

from __future__ import annotations

from collections.abc import Callable

from evenside.engine.timeline import Interval, IntervalKind
from evenside.routine.model import Side

MS_PER_S = 1000

NumberStyle = Callable[[int], str]
"""How a number is written: `str` for the screen ("12"), `number_words` for speech."""


def seconds_to_go(ms: int) -> int:
    """Whole seconds of time still to go (or of a planned length): rounded up."""
    return max(0, -(-ms // MS_PER_S))


def seconds_done(ms: int) -> int:
    """Whole seconds of time done: rounded down."""
    return max(0, ms // MS_PER_S)


def _clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def clock_to_go(ms: int) -> str:
    """A countdown or a planned length as m:ss (h:mm:ss from an hour up), rounded up."""
    return _clock(seconds_to_go(ms))


def clock_done(ms: int) -> str:
    """Time done as m:ss (h:mm:ss from an hour up), rounded down."""
    return _clock(seconds_done(ms))


def _length(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} s"
    minutes, secs = divmod(seconds, 60)
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


def length_to_go(ms: int) -> str:
    """A planned length as people write it: "45 s", "2 min", "1 min 30 s"; rounded up."""
    return _length(seconds_to_go(ms))


def length_done(ms: int) -> str:
    """Time done as people write it: "45 s", "2 min", "1 min 30 s"; rounded down."""
    return _length(seconds_done(ms))


_ONES = (
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
)
_TENS = (
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
)


def number_words(n: int) -> str:
    """A whole number in English words: 21 -> "twenty-one", 105 -> "one hundred and five".

    Numbers are spoken from words so every speech engine reads them alike.
    """
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


def counted(n: int, unit: str, say: NumberStyle = str) -> str:
    """ "1 rep", "12 reps"; with `say=number_words`, "twelve reps"."""
    return f"{say(n)} {unit}{'' if n == 1 else 's'}"


def duration_words(ms: int) -> str:
    """A planned length as a person says it: "thirty seconds", "ninety seconds",
    "two minutes thirty seconds", "one hour fifteen minutes"; rounded up.

    Up to a minute and a half is said in seconds, as coaches do ("ninety seconds").
    """
    seconds = seconds_to_go(ms)
    if seconds <= 90 and seconds % 60:
        return counted(seconds, "second", number_words)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [
        counted(amount, unit, number_words)
        for amount, unit in ((hours, "hour"), (minutes, "minute"), (seconds, "second"))
        if amount
    ]
    return " ".join(parts) if parts else "zero seconds"


KIND_WORDS = {
    IntervalKind.PREP: "get ready",
    IntervalKind.WORK: "work",
    IntervalKind.SWITCH: "switch sides",
    IntervalKind.REST: "rest",
    IntervalKind.TRANSITION: "get into position",
}
"""What the person is doing, in two words at most."""

UNTIMED_HINT = "Press Enter when the set is done."
"""How an untimed set of reps ends, on every front end."""


def sentence(text: str) -> str:
    """`text` with a capital first letter, the rest untouched ("SI joint" stays)."""
    return text[:1].upper() + text[1:]


def side_name(side: Side, *, capitals: bool = False) -> str:
    """ "left"; "LEFT" where capitals stand in for the side's colour."""
    return side.value.upper() if capitals else side.value


def side_words(side: Side, *, capitals: bool = False) -> str:
    """ "left side" (or "LEFT side")."""
    return f"{side_name(side, capitals=capitals)} side"


def switch_words(side: Side | None, *, capitals: bool = False) -> str:
    """ "switch to the right side", naming the side about to be worked."""
    target = side_name(side, capitals=capitals) if side is not None else "other"
    return f"switch to the {target} side"


def set_words(interval: Interval, say: NumberStyle = str) -> str:
    """ "set 2 of 3" ("set two of three" to speak); empty when the side has one set."""
    if interval.set_number is None or not interval.set_count or interval.set_count < 2:
        return ""
    return f"set {say(interval.set_number)} of {say(interval.set_count)}"


def transition_words(interval: Interval) -> str:
    """ "Get into position: Kneeling lunge" (what a transition interval is for)."""
    what = sentence(KIND_WORDS[IntervalKind.TRANSITION])
    return f"{what}: {interval.exercise}" if interval.exercise else what


def rep_count_words(rep: int, reps: int, say: NumberStyle = str) -> str:
    """ "rep 5 of 12" ("rep five of twelve" to speak): where a timed set of reps is."""
    return f"rep {say(rep)} of {say(reps)}"


def reps_words(reps: int, say: NumberStyle = str) -> str:
    """ "12 reps" ("twelve reps" to speak)."""
    return counted(reps, "rep", say)


def round_words(interval: Interval) -> str:
    """ "Hips, round 2" (or "round 2") in a block; empty outside one."""
    if not interval.round_number:
        return ""
    if interval.block:
        return f"{interval.block}, round {interval.round_number}"
    return f"round {interval.round_number}"
