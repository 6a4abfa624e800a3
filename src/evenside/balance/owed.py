"""Provides owed sides as every reader sees them, and the routines that do them.

What is owed comes from the ledger (`evenside.balance.ledger`) through the
balance report, so the summary, the offer before a routine, the side chooser
and `evenside balance` always agree, and a side is never owed while its other
side is neglected (docs/balance.md). `make_owed_routine` turns owed sides into
a short routine; `owed_now` and `with_owed_first` build the routines the front
ends offer: the owed sides on their own, or done first in the routine about to
start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace

from evenside.balance.ledger import OWED_DAYS, OwedSide
from evenside.balance.tracker import DEFAULT_DAYS, balance_report
from evenside.history.timestamps import WallClock, utc_now
from evenside.routine.model import ExerciseStep, Order, PerSide, Routine, Side, Sides

__all__ = [
    "OWED_DAYS",
    "OwedSide",
    "make_owed_routine",
    "owed_now",
    "owed_sides",
    "owed_step",
    "with_owed_first",
]


def owed_sides(
    conn: sqlite3.Connection,
    exercise_ids: Iterable[str] | None = None,
    *,
    days: int = DEFAULT_DAYS,
    now: WallClock = utc_now,
) -> list[OwedSide]:
    """The sides owed now, oldest first; only `exercise_ids` if given. `days` is the
    balance window that decides neglect (the debts go back `OWED_DAYS`, or `days`)."""
    owed = balance_report(conn, days, now=now).owed
    if exercise_ids is None:
        return list(owed)
    wanted = set(exercise_ids)
    return [o for o in owed if o.exercise_id in wanted]


def owed_step(step: ExerciseStep, side: Side) -> ExerciseStep:
    """`step` narrowed to `side`, with that side's own prescription (holds, reps, sets)."""
    return replace(
        step,
        sides=Sides(str(side)),
        order=Order.LEFT_FIRST if side is Side.LEFT else Order.RIGHT_FIRST,
        sets=PerSide.same(step.sets.for_side(side)),
    )


def make_owed_routine(
    owed: Sequence[OwedSide],
    exercises: Iterable[ExerciseStep],
    *,
    name: str = "Owed sides",
    prep_ms: int = 5_000,
) -> Routine | None:
    """A short routine doing each owed side once as prescribed, or None if there is nothing.

    `exercises` supplies the prescriptions (e.g. `routine.exercises()`); an
    owed side whose exercise is not among them is left out.
    """
    by_id = {step.id: step for step in exercises}
    steps = tuple(owed_step(by_id[o.exercise_id], o.side) for o in owed if o.exercise_id in by_id)
    if not steps:
        return None
    return Routine(
        name=name,
        steps=steps,
        summary="The sides owed from earlier sessions.",
        prep_ms=prep_ms,
    )


def owed_now(owed: Sequence[OwedSide], routine: Routine) -> Routine | None:
    """A short routine doing just the owed sides, as `routine` prescribes them."""
    return make_owed_routine(owed, routine.exercises(), name=f"Owed sides: {routine.name}")


def with_owed_first(routine: Routine, owed: Sequence[OwedSide]) -> Routine:
    """`routine` with the owed sides done first, under its own name (one session, one record)."""
    extra = make_owed_routine(owed, routine.exercises())
    if extra is None:
        return routine
    return replace(routine, steps=extra.steps + routine.steps)
