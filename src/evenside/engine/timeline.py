"""Provides the timeline: a routine expanded into prep, work, switch, rest and transition intervals.

Offsets and durations are integer milliseconds, so totals are exact. Untimed
reps (no `tempo`) have no duration: they count as zero in the offsets and are
counted separately as untimed sets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from evenside.routine.model import Block, ExerciseStep, Order, RestStep, Routine, Side, Step

SideChooser = Callable[[ExerciseStep], Side]
"""Given an exercise with `order: balance`, the side that should go first."""


def left_on_tie(step: ExerciseStep) -> Side:
    """The default chooser before any history is known: left first."""
    return Side.LEFT


class IntervalKind(StrEnum):
    """What happens during an interval."""

    PREP = "prep"
    WORK = "work"
    SWITCH = "switch"
    REST = "rest"
    TRANSITION = "transition"
    """Getting into position for the next exercise, when it follows another one directly."""


@dataclass(frozen=True)
class Interval:
    """One stretch of time in a session."""

    index: int
    """Position in the timeline, from 0."""
    kind: IntervalKind
    """prep, work, switch or rest."""
    start_ms: int
    """Planned offset from the session start (untimed sets count as zero)."""
    duration_ms: int | None
    """Planned length; None for an untimed set of reps."""
    exercise: str | None = None
    """The exercise worked (for prep and transition: the one coming; for switch: the one in
    progress)."""
    exercise_id: str | None = None
    """The exercise's stable id."""
    side: Side | None = None
    """The side worked (work), or the side about to be worked (switch)."""
    set_number: int | None = None
    """Which set, from 1."""
    set_count: int | None = None
    """How many sets this side has in total."""
    reps: int | None = None
    """Reps in this set, for a reps exercise."""
    tempo_ms: int | None = None
    """Milliseconds per rep for timed reps."""
    cue: str | None = None
    """Words to show (and speak)."""
    sound: Path | None = None
    """A routine-provided WAV to play when this work interval starts."""
    block: str | None = None
    """The name of the enclosing block, if any."""
    round_number: int | None = None
    """The round of the enclosing block, from 1."""
    first_of_step: bool = False
    """True for the first work interval of a step (where its own sound plays)."""

    @property
    def timed(self) -> bool:
        """True unless this is an untimed set of reps."""
        return self.duration_ms is not None

    @property
    def is_hold(self) -> bool:
        """True for a timed hold (a work interval without reps)."""
        return self.kind is IntervalKind.WORK and self.reps is None

    def rep_at(self, elapsed_ms: int) -> int | None:
        """Which rep of a timed set is under way `elapsed_ms` into it (1 to reps).

        None for anything but timed reps: an untimed set's reps are the person's to count.
        """
        if self.kind is not IntervalKind.WORK or not self.reps or not self.tempo_ms:
            return None
        return min(self.reps, max(0, elapsed_ms) // self.tempo_ms + 1)

    @property
    def end_ms(self) -> int:
        """Planned end offset (an untimed set counts as zero)."""
        return self.start_ms + (self.duration_ms or 0)


@dataclass(frozen=True)
class Timeline:
    """A routine expanded into intervals."""

    routine: Routine
    """The routine it came from."""
    intervals: tuple[Interval, ...]
    """Every interval, in order."""

    @property
    def total_ms(self) -> int:
        """The timed length (untimed sets excluded)."""
        return sum(i.duration_ms or 0 for i in self.intervals)

    @property
    def untimed_sets(self) -> int:
        """How many sets of reps wait for the person instead of a clock."""
        return sum(1 for i in self.intervals if i.duration_ms is None)

    def work(self) -> list[Interval]:
        """The work intervals only."""
        return [i for i in self.intervals if i.kind is IntervalKind.WORK]

    def next_work_after(self, index: int) -> Interval | None:
        """The first work interval after position `index`, if any."""
        for interval in self.intervals[index + 1 :]:
            if interval.kind is IntervalKind.WORK:
                return interval
        return None


@dataclass
class _Draft:
    """An interval before its index and start are known."""

    kind: IntervalKind
    duration_ms: int | None
    fields: dict[str, object]
    transition_ms: int = 0
    """For a step's first work interval: the transition it asks for after other work."""


def _side_order(step: ExerciseStep, choose: SideChooser) -> list[Side | None]:
    worked = step.sides.worked
    if not worked:
        return [None]
    if len(worked) == 1:
        return [worked[0]]
    if step.order is Order.LEFT_FIRST:
        first = Side.LEFT
    elif step.order is Order.RIGHT_FIRST:
        first = Side.RIGHT
    else:
        first = choose(step)
    return [first, first.other]


def _expand_exercise(
    step: ExerciseStep, choose: SideChooser, context: dict[str, object]
) -> list[_Draft]:
    drafts: list[_Draft] = []
    sides = _side_order(step, choose)
    set_total = max(step.sets.for_side(s) for s in sides)
    first = True
    for set_number in range(1, set_total + 1):
        in_set = [s for s in sides if set_number <= step.sets.for_side(s)]
        for position, side in enumerate(in_set):
            if position > 0 and step.switch_ms > 0:
                drafts.append(
                    _Draft(
                        IntervalKind.SWITCH,
                        step.switch_ms,
                        dict(
                            exercise=step.exercise,
                            exercise_id=step.id,
                            side=side,
                            set_number=set_number,
                            set_count=step.sets.for_side(side),
                            **context,
                        ),
                    )
                )
            drafts.append(
                _Draft(
                    IntervalKind.WORK,
                    step.work_ms(side),
                    dict(
                        exercise=step.exercise,
                        exercise_id=step.id,
                        side=side,
                        set_number=set_number,
                        set_count=step.sets.for_side(side),
                        reps=step.reps.for_side(side) if step.reps is not None else None,
                        tempo_ms=step.tempo_ms,
                        cue=step.cue,
                        sound=step.sound if first else None,
                        first_of_step=first,
                        **context,
                    ),
                    transition_ms=step.transition_ms if first else 0,
                )
            )
            first = False
        if set_number < set_total and step.rest_ms > 0:
            drafts.append(
                _Draft(
                    IntervalKind.REST,
                    step.rest_ms,
                    dict(exercise=step.exercise, exercise_id=step.id, **context),
                )
            )
    return drafts


def _expand_steps(
    steps: tuple[Step, ...], choose: SideChooser, context: dict[str, object]
) -> list[_Draft]:
    drafts: list[_Draft] = []
    for step in steps:
        if isinstance(step, ExerciseStep):
            drafts.extend(_expand_exercise(step, choose, context))
        elif isinstance(step, RestStep):
            if step.rest_ms > 0:
                drafts.append(
                    _Draft(IntervalKind.REST, step.rest_ms, dict(cue=step.cue, **context))
                )
        elif isinstance(step, Block):
            for round_number in range(1, step.repeat + 1):
                inner: dict[str, object] = {"block": step.name, "round_number": round_number}
                drafts.extend(_expand_steps(step.steps, choose, inner))
                if round_number < step.repeat and step.rest_ms > 0:
                    drafts.append(_Draft(IntervalKind.REST, step.rest_ms, dict(inner)))
    return drafts


_ANNOUNCED = ("exercise", "exercise_id", "side", "set_number", "set_count", "cue")
"""What prep and transition intervals carry of the work interval they lead into."""


def _with_transitions(drafts: list[_Draft]) -> list[_Draft]:
    """`drafts` with a transition wherever a step's work follows another exercise's directly.

    A rest, switch or prep already gives time to move, so only work straight after
    work (supine on the bed, then a kneeling lunge) gets one.
    """
    out: list[_Draft] = []
    for draft in drafts:
        previous = out[-1] if out else None
        if (
            draft.transition_ms > 0
            and previous is not None
            and previous.kind is IntervalKind.WORK
            and previous.fields.get("exercise_id") != draft.fields.get("exercise_id")
        ):
            announced = {k: draft.fields.get(k) for k in _ANNOUNCED}
            for k in ("block", "round_number"):
                if k in draft.fields:
                    announced[k] = draft.fields[k]
            out.append(_Draft(IntervalKind.TRANSITION, draft.transition_ms, announced))
        out.append(draft)
    return out


def expand(routine: Routine, choose: SideChooser = left_on_tie) -> Timeline:
    """Expand `routine` into its timeline.

    `choose` decides the first side of `order: balance` exercises; the balance
    layer passes one that puts the side that is behind first.
    """
    drafts = _with_transitions(_expand_steps(routine.steps, choose, {}))
    # No rest after the very last work interval: a routine simply ends.
    while drafts and drafts[-1].kind is IntervalKind.REST:
        drafts.pop()
    # Two rests in a row (a set rest followed by a rest step) stay as written.
    first_work = next((d for d in drafts if d.kind is IntervalKind.WORK), None)
    if routine.prep_ms > 0 and first_work is not None:
        prep_fields = {k: first_work.fields.get(k) for k in _ANNOUNCED}
        drafts.insert(0, _Draft(IntervalKind.PREP, routine.prep_ms, prep_fields))
    intervals: list[Interval] = []
    offset = 0
    for index, draft in enumerate(drafts):
        interval = Interval(
            index=index,
            kind=draft.kind,
            start_ms=offset,
            duration_ms=draft.duration_ms,
            **draft.fields,  # type: ignore[arg-type]
        )
        intervals.append(interval)
        offset += draft.duration_ms or 0
    return Timeline(routine=routine, intervals=tuple(intervals))
