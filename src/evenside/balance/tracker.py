"""Provides the balance tracker: work per exercise and side against its prescription.

Completion of a side is the work done over the work prescribed for that side
in the window (seconds for holds, reps for reps), each interval credited at
most its prescription, so an extra-long hold on one side cannot hide a
skipped set on the other. A side below 80% of the other side's completion is
neglected; a side never done while the other was is at 0%, so a single-side
routine done three days running flags the other side.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from evenside.balance.owed import OwedSide, owed_sides
from evenside.history.timestamps import WallClock, days_before, from_iso, utc_now
from evenside.history.totals import TOTAL_COLUMNS, work_terms
from evenside.routine.model import Side

DEFAULT_DAYS = 7
NEGLECT_THRESHOLD = 0.8
"""A side below this fraction of the other side's completion is neglected."""

_TOTALS = ", ".join(TOTAL_COLUMNS)
# The window is whole months after its first month (from `balance_months`), whole days
# after its first day in that month (from `balance_days`), and the first, partial day
# from its intervals. The totals are kept by the history triggers, so a ten-year window
# sums about a hundred rows per exercise and side instead of every interval.
_AGGREGATE_SQL = f"""
SELECT exercise_id, side, max(exercise) AS name,
    {", ".join(f"sum({c}) AS {c}" for c in TOTAL_COLUMNS)}
FROM (
    SELECT exercise_id, side, exercise, {_TOTALS}
    FROM balance_months WHERE period > :first_month
    UNION ALL
    SELECT exercise_id, side, exercise, {_TOTALS}
    FROM balance_days WHERE period > :first_day AND period < :first_month_end
    UNION ALL
    SELECT i.exercise_id, i.side, i.exercise, {", ".join(work_terms("i"))}
    FROM intervals i
    WHERE i.started_at >= :cutoff AND i.started_at < :next_day AND i.side IS NOT NULL
)
GROUP BY exercise_id, side
HAVING sum(sets_planned) > 0
"""


@dataclass(frozen=True)
class SideWork:
    """What one side of one exercise did in the window, against its prescription."""

    seconds: float = 0.0
    """Seconds held (holds only), as worked."""
    reps: int = 0
    """Reps done (reps exercises only)."""
    sets: int = 0
    """Intervals finished as done."""
    ratio: float = 0.0
    """Completion from 0 to 1: work done (capped per interval) over work prescribed."""
    prescribed_sets: int = 0
    """Intervals prescribed (done, skipped or partial)."""

    def to_json(self) -> dict[str, Any]:
        """The per-side object of `evenside balance --format json`."""
        return {
            "seconds": round(self.seconds, 1),
            "reps": self.reps,
            "sets": self.sets,
            "ratio": round(self.ratio, 3),
        }


@dataclass(frozen=True)
class ExerciseBalance:
    """Left and right of one exercise over the window."""

    id: str
    """The exercise's stable id."""
    name: str
    """Its name."""
    left: SideWork
    """The left side's work."""
    right: SideWork
    """The right side's work."""
    neglected: Side | None
    """The side below 80% of the other's completion, if any."""

    def side(self, side: Side) -> SideWork:
        """The work of `side`."""
        return self.left if side is Side.LEFT else self.right

    @property
    def behind(self) -> Side | None:
        """The side with the lower completion, or None when they are equal."""
        if self.left.ratio < self.right.ratio:
            return Side.LEFT
        if self.right.ratio < self.left.ratio:
            return Side.RIGHT
        return None

    def to_json(self) -> dict[str, Any]:
        """One entry of `exercises` in `evenside balance --format json`."""
        return {
            "id": self.id,
            "name": self.name,
            "left": self.left.to_json(),
            "right": self.right.to_json(),
            "neglected": str(self.neglected) if self.neglected else None,
        }


@dataclass(frozen=True)
class RoutineBalance:
    """A routine's exercises taken together: for the library's left|right bar."""

    left: float
    """Mean completion of the left side over the routine's exercises with history."""
    right: float
    """The same for the right side."""
    flagged: bool
    """True when any of its exercises has a neglected side."""


@dataclass(frozen=True)
class BalanceReport:
    """Per-side work for every exercise with history in the last `days` days."""

    days: int
    """The window, in days back from now."""
    exercises: tuple[ExerciseBalance, ...]
    """Each exercise worked on a side, by name."""
    owed: tuple[OwedSide, ...] = field(default=())
    """Sides owed from sessions in the window."""

    def exercise(self, exercise_id: str) -> ExerciseBalance | None:
        """The balance of one exercise, if it has history in the window."""
        return next((e for e in self.exercises if e.id == exercise_id), None)

    def owed_for(self, exercise_id: str) -> OwedSide | None:
        """The side owed for `exercise_id`, if any (the older debt first)."""
        return next((o for o in self.owed if o.exercise_id == exercise_id), None)

    @property
    def neglected(self) -> list[ExerciseBalance]:
        """The exercises with a neglected side."""
        return [e for e in self.exercises if e.neglected is not None]

    def for_routine(self, exercise_ids: Iterable[str]) -> RoutineBalance | None:
        """The combined balance of these exercises, or None if none has history."""
        found = [e for e in (self.exercise(i) for i in exercise_ids) if e is not None]
        if not found:
            return None
        return RoutineBalance(
            left=sum(e.left.ratio for e in found) / len(found),
            right=sum(e.right.ratio for e in found) / len(found),
            flagged=any(e.neglected is not None for e in found),
        )

    def to_json(self) -> dict[str, Any]:
        """The document `evenside balance --format json` prints."""
        return {
            "days": self.days,
            "exercises": [e.to_json() for e in self.exercises],
            "owed": [o.to_json() for o in self.owed],
        }


def completion(row: sqlite3.Row) -> float:
    """A side's completion from its aggregate row (mean over holds and reps when mixed)."""
    parts: list[float] = []
    if row["hold_planned_ms"]:
        parts.append(row["hold_credit_ms"] / row["hold_planned_ms"])
    if row["reps_planned"]:
        parts.append(row["reps_credit"] / row["reps_planned"])
    return sum(parts) / len(parts) if parts else 0.0


def neglected_side(left: float, right: float) -> Side | None:
    """The side whose completion is below 80% of the other's, if either."""
    if left < NEGLECT_THRESHOLD * right:
        return Side.LEFT
    if right < NEGLECT_THRESHOLD * left:
        return Side.RIGHT
    return None


def balance_report(
    conn: sqlite3.Connection, days: int = DEFAULT_DAYS, *, now: WallClock = utc_now
) -> BalanceReport:
    """Aggregate the last `days` days of history per exercise and side (in SQL, on an index)."""
    if days < 1:
        raise ValueError("days must be 1 or more")
    now_value = now()
    cutoff = days_before(now_value, days)
    first_day = from_iso(cutoff).date()
    window = {
        "cutoff": cutoff,
        "first_day": first_day.isoformat(),
        "next_day": (first_day + timedelta(days=1)).isoformat() + "T00:00:00.000Z",
        "first_month": first_day.isoformat()[:7],
        # Sorts after every day of the first month and before the next month.
        "first_month_end": first_day.isoformat()[:7] + "-99",
    }
    names: dict[str, str] = {}
    sides: dict[str, dict[Side, SideWork]] = {}
    for row in conn.execute(_AGGREGATE_SQL, window):
        names.setdefault(row["exercise_id"], row["name"])
        sides.setdefault(row["exercise_id"], {})[Side(row["side"])] = SideWork(
            seconds=row["held_ms"] / 1000,
            reps=int(row["reps"]),
            sets=int(row["sets"]),
            ratio=completion(row),
            prescribed_sets=int(row["sets_planned"]),
        )
    exercises = []
    for exercise_id, by_side in sides.items():
        left = by_side.get(Side.LEFT, SideWork())
        right = by_side.get(Side.RIGHT, SideWork())
        exercises.append(
            ExerciseBalance(
                id=exercise_id,
                name=names[exercise_id],
                left=left,
                right=right,
                neglected=neglected_side(left.ratio, right.ratio),
            )
        )
    exercises.sort(key=lambda e: (e.name.casefold(), e.id))
    owed = owed_sides(conn, days=days, now=lambda: now_value)
    return BalanceReport(days=days, exercises=tuple(exercises), owed=tuple(owed))
