"""Provides the cue schedule of one interval: which sounds are due, at which offsets.

Pure: no clock and no state. The session turns these offsets into absolute
deadlines when an interval starts, moves them with pauses, and drops them on
skip; `+/-10 s` asks again with the new length.
"""

from __future__ import annotations

from evenside.engine.events import CueKind
from evenside.engine.timeline import Interval, IntervalKind

COUNTDOWN_BEEPS = 3
"""Short beeps over the last three seconds of every timed interval."""
COUNTDOWN_STEP_MS = 1_000
HALFWAY_MIN_MS = 30_000
"""Holds at least this long get a chime halfway through."""

OPENING_CUE: dict[IntervalKind, CueKind | None] = {
    IntervalKind.WORK: CueKind.GO,
    IntervalKind.SWITCH: CueKind.SWITCH,
    IntervalKind.REST: CueKind.REST,
    IntervalKind.PREP: None,
    IntervalKind.TRANSITION: None,
}
"""The cue that marks the start of each kind of interval (prep and transition start quietly:
their countdown leads into the work, whose "go" marks it).

The one table: the cue plan schedules these at offset 0, and the cue bank joins
each to its spoken phrase.
"""

CuePlan = list[tuple[int, CueKind]]
"""(offset in ms from the interval's start, cue), sorted by offset."""


def plan_cues(interval: Interval, duration_ms: int | None = None) -> CuePlan:
    """The cues of `interval`, as offsets from its start.

    `duration_ms` overrides the planned length (after +/-10 s); an untimed set
    only gets its opening cues. Prep has no opening sound: the countdown into
    the first work interval is enough, and "go" belongs to the work itself.
    """
    length = interval.duration_ms if duration_ms is None else duration_ms
    if not interval.timed:
        length = None
    cues: CuePlan = []
    opening = OPENING_CUE[interval.kind]
    if opening is not None:
        cues.append((0, opening))
    if interval.kind is IntervalKind.WORK and interval.first_of_step and interval.sound:
        cues.append((0, CueKind.STEP_SOUND))
    if length is None:
        return cues

    countdown = {
        length - beep * COUNTDOWN_STEP_MS
        for beep in range(1, COUNTDOWN_BEEPS + 1)
        if length - beep * COUNTDOWN_STEP_MS > 0
    }
    if interval.is_hold and length >= HALFWAY_MIN_MS:
        half = length // 2
        # A beep already sits there only for a very short hold; never two sounds at once.
        if half not in countdown:
            cues.append((half, CueKind.HALFWAY))
    if interval.kind is IntervalKind.WORK and interval.tempo_ms and interval.reps:
        # The first rep starts on "go"; each later rep gets a tick. Ticks that would
        # collide with a countdown beep give way to it, as do ticks past a shortened end.
        for rep in range(1, interval.reps):
            offset = rep * interval.tempo_ms
            if offset < length and offset not in countdown:
                cues.append((offset, CueKind.TICK))
    cues.extend((offset, CueKind.COUNTDOWN) for offset in countdown)
    cues.sort(key=lambda cue: cue[0])
    return cues
