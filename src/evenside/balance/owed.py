"""Provides owed sides: one side of an exercise done in a session and the other not yet since.

A session that ended (completed, stopped or interrupted) with, say, the left
side of an exercise done and the right not owes the right, until a later
session does the right. A session that does only the owed side pays the debt
and owes nothing back; doing the same side again leaves the first debt as it
was. `make_owed_routine` turns owed sides into a short routine to do them now.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from evenside.history.timestamps import WallClock, days_before, utc_now
from evenside.routine.model import ExerciseStep, Order, PerSide, Routine, Side, Sides

OWED_DAYS = 30
"""How far back owed sides are looked for by default: older debts lapse."""

# Per exercise, the ended sessions after the last that did both sides, with which side
# each did (from `session_sides`, kept by the history triggers). Everything before a
# both-sides session is settled, so only this tail is walked in Python.
_ONE_SIDED_TAIL_SQL = """
WITH open AS (SELECT id FROM sessions WHERE status IS NULL),
settled AS (
    SELECT exercise_id, max(started_at) AS at FROM session_sides
    WHERE did_left AND did_right AND started_at >= :cutoff
      AND session_id NOT IN (SELECT id FROM open)
    GROUP BY exercise_id
)
SELECT t.exercise_id, t.exercise, t.started_at, t.did_left
FROM session_sides t LEFT JOIN settled USING (exercise_id)
WHERE t.started_at >= coalesce(settled.at, :cutoff)
  AND (settled.at IS NULL OR t.started_at > settled.at)
  AND t.session_id NOT IN (SELECT id FROM open)
ORDER BY t.exercise_id, t.started_at
"""


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
    wanted = set(exercise_ids) if exercise_ids is not None else None
    rows = conn.execute(_ONE_SIDED_TAIL_SQL, {"cutoff": days_before(now(), days)})
    debts: dict[str, OwedSide] = {}
    for exercise_id, exercise, at, did_left in rows:
        if wanted is not None and exercise_id not in wanted:
            continue
        done = Side.LEFT if did_left else Side.RIGHT
        debt = debts.get(exercise_id)
        if debt is None:
            debts[exercise_id] = OwedSide(exercise_id, exercise, done.other, at)
        elif debt.side is done:
            # This session did the owed side: paid.
            del debts[exercise_id]
        # Otherwise the same side again: the debt stands, from when it began.
    return sorted(debts.values(), key=lambda o: (o.since, o.exercise_id))


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
