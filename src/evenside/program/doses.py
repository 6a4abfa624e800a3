"""Provides the dose of each exercise and side in a program, and that dose applied to a routine.

A dose starts as the routine file writes it; each step up or back that the
person said yes to is kept in the history (`program_doses`) and the latest
counts. The routine file is never rewritten: the player is given a copy of
the routine with the doses put in, clamped to the program's limits.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from evenside.history.program_records import DoseRecord
from evenside.program.model import Program, ScheduleLine
from evenside.routine.model import Block, ExerciseStep, PerSide, Routine, Side, Step

SIDES: tuple[str, ...] = ("left", "right")


@dataclass(frozen=True)
class Dose:
    """An exercise's dose on one side: a hold in milliseconds or a number of reps."""

    exercise_id: str
    """The exercise's id."""
    exercise: str
    """Its name."""
    side: str
    """'left' or 'right'."""
    is_hold: bool
    """True for a hold (value in ms), False for reps."""
    written: int
    """The dose the routine file writes."""
    value: int
    """The dose now."""
    since: str | None
    """When the latest step was taken (UTC), or None: still as written."""

    @property
    def changed(self) -> bool:
        """True when the dose is not what the file writes."""
        return self.value != self.written


def sided_exercises(routine: Routine) -> list[ExerciseStep]:
    """The exercises of `routine` that work a side (a dose steps per side)."""
    return [step for step in routine.exercises() if step.sides.worked]


def _written(step: ExerciseStep, side: str) -> tuple[bool, int] | None:
    which = Side(side)
    if step.hold_ms is not None:
        return True, step.hold_ms.for_side(which)
    if step.reps is not None:
        return False, step.reps.for_side(which)
    return None


def line_doses(line: ScheduleLine, kept: list[DoseRecord], until: str | None = None) -> list[Dose]:
    """Every dose of `line`'s routine per sided exercise and side, from the steps `kept`
    (those taken at or before `until` when it is given)."""
    latest: dict[tuple[str, str], DoseRecord] = {}
    for record in kept:
        if record.routine != line.key or (until is not None and record.set_at > until):
            continue
        latest[(record.exercise_id, record.side)] = record  # kept oldest first
    found: list[Dose] = []
    for step in sided_exercises(line.routine):
        for side in (s.value for s in step.sides.worked):
            written = _written(step, side)
            if written is None:
                continue
            is_hold, value = written
            kept_step = latest.get((step.id, side))
            stepped = None
            if kept_step is not None:
                stepped = kept_step.hold_ms if is_hold else kept_step.reps
            found.append(
                Dose(
                    exercise_id=step.id,
                    exercise=step.exercise,
                    side=side,
                    is_hold=is_hold,
                    written=value,
                    value=stepped if stepped is not None else value,
                    since=kept_step.set_at if kept_step and stepped is not None else None,
                )
            )
    return found


def _limit(program: Program, is_hold: bool) -> int | None:
    if program.progress is None:
        return None
    rule = program.progress.hold if is_hold else program.progress.reps
    return rule.limit if rule is not None else None


def apply_doses(routine: Routine, found: list[Dose], program: Program | None = None) -> Routine:
    """`routine` with each changed dose put in (never above `program`'s limit)."""
    changed = {(d.exercise_id, d.side): d for d in found if d.changed}
    if not changed:
        return routine

    def value(dose: Dose) -> int:
        limit = _limit(program, dose.is_hold) if program is not None else None
        # A dose above the limit (a limit lowered in the file since) is played at the limit,
        # unless the file itself writes more: the file's own dose is always allowed.
        if limit is not None and dose.value > max(limit, dose.written):
            return max(limit, dose.written)
        return dose.value

    def per_side(step: ExerciseStep, old: PerSide[int], is_hold: bool) -> PerSide[int]:
        left = changed.get((step.id, "left"))
        right = changed.get((step.id, "right"))
        return PerSide(
            value(left) if left is not None and left.is_hold is is_hold else old.left,
            value(right) if right is not None and right.is_hold is is_hold else old.right,
        )

    def walk(steps: tuple[Step, ...]) -> tuple[Step, ...]:
        out: list[Step] = []
        for step in steps:
            if isinstance(step, Block):
                out.append(replace(step, steps=walk(step.steps)))
            elif isinstance(step, ExerciseStep) and step.hold_ms is not None:
                out.append(replace(step, hold_ms=per_side(step, step.hold_ms, True)))
            elif isinstance(step, ExerciseStep) and step.reps is not None:
                out.append(replace(step, reps=per_side(step, step.reps, False)))
            else:
                out.append(step)
        return tuple(out)

    return replace(routine, steps=walk(routine.steps))


def dose_words(dose: Dose, value: int | None = None) -> str:
    """A dose in words: "2:05" for a hold, "17 reps" for reps."""
    shown = dose.value if value is None else value
    if dose.is_hold:
        seconds = shown // 1000
        text = f"{seconds // 60}:{seconds % 60:02d}"
        return text if shown % 1000 == 0 else f"{shown / 1000:g}s"
    return f"{shown} reps"
