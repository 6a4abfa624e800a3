"""Provides owed sides: one side of an exercise done in a session and the other not yet since.

A session that ended (completed, stopped or interrupted) with, say, the left
side of an exercise done and the right not owes the right, until a later
session does the right. A session that does only the owed side pays the debt
and owes nothing back; doing the same side again leaves the first debt as it
was. `make_owed_routine` turns owed sides into a short routine; `owed_now` and
`with_owed_first` build the routines the front ends offer: the owed sides on
their own, or done first in the routine about to start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from evenside.history.timestamps import WallClock, days_before, utc_now
from evenside.routine.model import ExerciseStep, Order, PerSide, Routine, Side, Sides

OWED_DAYS = 30
"""How far back owed sides are looked for by default: older debts lapse."""

# `session_sides` (kept by the history triggers) says which sides each session did of
# each exercise. Everything before a session that did both sides is settled, so per
# exercise only the one-sided sessions after it are walked. Each query is an index seek.
_NEXT_EXERCISE_SQL = "SELECT min(exercise_id) FROM session_sides WHERE exercise_id > ?"
_LAST_BOTH_SQL = """
SELECT started_at, session_id FROM session_sides INDEXED BY session_sides_settled
WHERE exercise_id = ? AND did_left AND did_right AND started_at >= ?
ORDER BY started_at DESC LIMIT 4
"""
_TAIL_SQL = """
SELECT exercise, started_at, did_left, did_right, session_id
FROM session_sides INDEXED BY session_sides_by_exercise
WHERE exercise_id = ? AND started_at > ?
ORDER BY started_at
"""


def _exercise_ids(conn: sqlite3.Connection) -> list[str]:
    """Every exercise id with a side done, by skipping along the index (no full scan)."""
    ids: list[str] = []
    last = ""
    while True:
        (found,) = conn.execute(_NEXT_EXERCISE_SQL, (last,)).fetchone()
        if found is None:
            return ids
        ids.append(found)
        last = found


def _debt(
    conn: sqlite3.Connection, exercise_id: str, cutoff: str, open_ids: set[str]
) -> OwedSide | None:
    """The side owed for one exercise: the one-sided sessions after the last both-sided one."""
    settled = cutoff
    for started_at, session_id in conn.execute(_LAST_BOTH_SQL, (exercise_id, cutoff)):
        if session_id not in open_ids:
            settled = started_at
            break
    debt: OwedSide | None = None
    for exercise, started_at, did_left, did_right, session_id in conn.execute(
        _TAIL_SQL, (exercise_id, settled)
    ):
        if session_id in open_ids or (did_left and did_right):
            continue  # still being played, or both sides in a session still open
        done = Side.LEFT if did_left else Side.RIGHT
        if debt is None:
            debt = OwedSide(exercise_id, exercise, done.other, started_at)
        elif debt.side is done:
            debt = None  # this session did the owed side: paid
        # Otherwise the same side again: the debt stands, from when it began.
    return debt


@dataclass(frozen=True)
class OwedSide:
    """A side of an exercise that is owed."""

    exercise_id: str
    """The exercise's stable id."""
    exercise: str
    """Its name, as last recorded."""
    side: Side
    """The side that is owed."""
    since: str
    """UTC ISO-8601 start of the first session that left it owed."""

    def to_json(self) -> dict[str, str]:
        """The `owed` entry of `evenside balance --format json`."""
        return {"exercise_id": self.exercise_id, "side": str(self.side), "since": self.since}


def owed_sides(
    conn: sqlite3.Connection,
    exercise_ids: Iterable[str] | None = None,
    *,
    days: int = OWED_DAYS,
    now: WallClock = utc_now,
) -> list[OwedSide]:
    """The sides owed over the last `days` days, oldest first; only `exercise_ids` if given."""
    cutoff = days_before(now(), days)
    open_ids = {row[0] for row in conn.execute("SELECT id FROM sessions WHERE status IS NULL")}
    ids = _exercise_ids(conn) if exercise_ids is None else sorted(set(exercise_ids))
    debts = [_debt(conn, exercise_id, cutoff, open_ids) for exercise_id in ids]
    return sorted((d for d in debts if d is not None), key=lambda o: (o.since, o.exercise_id))


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
