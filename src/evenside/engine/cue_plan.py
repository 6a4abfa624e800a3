"""Provides the cue schedule of one interval: which sounds are due, at which offsets.

Pure: no clock and no state. The session turns these offsets into absolute
deadlines when an interval starts, moves them with pauses, and drops them on
skip; `+/-10 s` asks again with the new length.

Sound is fitted to time here. An interval's opening sound may carry words
(the tone, then the next step spoken); the sound layer says, when the
routine loads, how long each of its spoken forms plays (`SpeechLengths`,
preferred form first). The plan picks the longest-preferred form that ends
before the interval's last countdown beep (or, failing that, before its
end), and no beep, tick or chime starts while it is playing: those give way,
never the words. A tempo set's ticks keep the tempo, so its countdown beeps
give way to them too; where the tempo leaves room for it, a rep's tick is its
number spoken ("five"), and nothing else starts while it is said.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from evenside.engine.events import CueKind
from evenside.engine.timeline import Interval, IntervalKind

COUNTDOWN_BEEPS = 3
"""Short beeps over the last three seconds of every timed interval."""
COUNTDOWN_STEP_MS = 1_000
HALFWAY_MIN_MS = 30_000
"""Holds at least this long get a chime halfway through."""
SPEECH_GAP_MS = 150
"""Quiet kept after words before the next tone, so the two are heard apart."""
END_MARGIN_MS = 250
"""Words end at least this long before the interval does (the next opening tone)."""
TICK_CLEAR_MS = 350
"""A countdown beep this close to a rep tick is dropped: the tick keeps the tempo."""

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

SpeechLengths = Mapping[int, tuple[int, ...]]
"""Interval index -> how long its opening sound plays (tone and words), in ms, for each
spoken form, preferred (longest) first. An interval missing here opens without words."""


@dataclass(frozen=True)
class Speech:
    """What the sound layer can say, measured when the routine loads."""

    openings: SpeechLengths = field(default_factory=dict)
    """How long each interval's spoken openings play (`SpeechLengths`)."""
    counts: Mapping[int, int] = field(default_factory=dict)
    """A rep number -> how long it plays spoken ("five"), in ms."""

    def without_opening(self, index: int) -> Speech:
        """The same, less the opening words of interval `index`: once an interval is under
        way its opening is never said again, so nothing has to give way to it."""
        openings = {i: lengths for i, lengths in self.openings.items() if i != index}
        return Speech(openings, self.counts)


NO_SPEECH = Speech()
"""Nothing is spoken: every beep and tick keeps its place."""


def rep_counted(interval: Interval, rep: int, speech: Speech) -> bool:
    """Whether rep `rep` of a tempo set is marked by its number spoken (where the tempo
    leaves room for the word) rather than a tick."""
    length = speech.counts.get(rep)
    tempo = interval.tempo_ms
    return bool(length and tempo and length + SPEECH_GAP_MS <= tempo)


def countdown_offsets(length_ms: int) -> list[int]:
    """Offsets of the countdown beeps of an interval `length_ms` long, earliest first."""
    offsets = (length_ms - beep * COUNTDOWN_STEP_MS for beep in range(COUNTDOWN_BEEPS, 0, -1))
    return [offset for offset in offsets if offset > 0]


def speech_room_ms(
    interval: Interval, length_ms: int | None = None
) -> tuple[int | None, int | None]:
    """How long an opening sound may play: (room keeping every other cue it can, room before
    the end). None means no limit (an untimed set waits for the person).

    The first room ends before the first rep tick of a tempo set, else before the last
    countdown beep; the second before the interval's end.
    """
    length = interval.duration_ms if length_ms is None else length_ms
    if length is None or not interval.timed:
        return None, None
    end_room = length - END_MARGIN_MS
    if interval.kind is IntervalKind.WORK and interval.tempo_ms and interval.reps:
        keep_room = interval.tempo_ms - SPEECH_GAP_MS
    else:
        beeps = countdown_offsets(length)
        keep_room = (beeps[-1] - SPEECH_GAP_MS) if beeps else end_room
    return min(keep_room, end_room), end_room


def choose_form(
    interval: Interval, lengths: tuple[int, ...], length_ms: int | None = None
) -> int | None:
    """Which spoken form opens `interval` (an index into `lengths`), or None for none.

    The first form that leaves the other cues their room; else the first that ends
    before the interval does; else none: words that cannot fit are not started.
    """
    keep_room, end_room = speech_room_ms(interval, length_ms)
    for room in (keep_room, end_room):
        for index, length in enumerate(lengths):
            if room is None or length <= room:
                return index
    return None


def speech_end_ms(
    interval: Interval, lengths: tuple[int, ...], length_ms: int | None = None
) -> int:
    """When the opening words of `interval` end (0 when it opens without words)."""
    form = choose_form(interval, lengths, length_ms)
    return 0 if form is None else lengths[form]


def plan_cues(
    interval: Interval, duration_ms: int | None = None, speech: Speech = NO_SPEECH
) -> CuePlan:
    """The cues of `interval`, as offsets from its start.

    `duration_ms` overrides the planned length (after +/-10 s); an untimed set
    only gets its opening cues. Prep has no opening sound: the countdown into
    the first work interval is enough, and "go" belongs to the work itself.
    `speech` holds the lengths of the spoken forms and counts; the form is chosen
    on the planned length, so words already playing when the length changes are
    still waited for. A rep's tick stays a TICK cue whether it is counted aloud
    or not: `rep_counted` says which, to the plan and to the sound layer alike.
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

    opening_end = speech_end_ms(interval, speech.openings.get(interval.index, ()))
    spoken = [(0, opening_end + SPEECH_GAP_MS)] if opening_end else []

    def clear(offset: int) -> bool:
        # Nothing starts while words are playing.
        return not any(start <= offset < end for start, end in spoken)

    ticks: list[int] = []
    if interval.kind is IntervalKind.WORK and interval.tempo_ms and interval.reps:
        # The first rep starts on "go"; each later rep gets a tick, to the end of the set.
        for rep in range(2, interval.reps + 1):
            offset = (rep - 1) * interval.tempo_ms
            if offset < length and clear(offset):
                ticks.append(offset)
                if rep_counted(interval, rep, speech):
                    spoken.append((offset, offset + speech.counts[rep] + SPEECH_GAP_MS))
    countdown = [
        offset
        for offset in countdown_offsets(length)
        if clear(offset) and all(abs(offset - tick) >= TICK_CLEAR_MS for tick in ticks)
    ]
    if interval.is_hold and length >= HALFWAY_MIN_MS:
        half = length // 2
        # A beep already sits there only for a very short hold; never two sounds at once.
        if half not in countdown and clear(half):
            cues.append((half, CueKind.HALFWAY))
    cues.extend((offset, CueKind.TICK) for offset in ticks)
    cues.extend((offset, CueKind.COUNTDOWN) for offset in countdown)
    cues.sort(key=lambda cue: cue[0])
    return cues
