"""Provides the balance tracker: work per exercise and side against its prescription.

Each side's work and completion over the window is history's `SideWork`, read
by its one query (`evenside.history.side_work`), less what paid debts made up
(`evenside.balance.ledger`). A side below 80% of the other side's completion
is neglected; a side never done while the other was is at 0%, so a
single-side routine done three days running flags the other side. The report
is the one place owed sides are read from: a debt whose other side is
neglected is not owed while that lasts, so owed and neglected never name
opposite sides of one exercise (docs/balance.md).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from evenside.balance.ledger import (
    OWED_DAYS,
    ExerciseLedger,
    OwedSide,
    exercise_ids,
    exercise_ledger,
    made_up,
)
from evenside.history.side_work import SideWork, side_work_since
from evenside.history.timestamps import WallClock, days_before, utc_now
from evenside.routine.model import Side

DEFAULT_DAYS = 7
NEGLECT_THRESHOLD = 0.8
"""A side below this fraction of the other side's completion is neglected."""


def side_json(work: SideWork) -> dict[str, Any]:
    """The per-side object of `evenside balance --format json`."""
    return {
        "seconds": round(work.seconds, 1),
        "reps": work.reps,
        "sets": work.sets,
        "ratio": round(work.ratio, 3),
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
            "left": side_json(self.left),
            "right": side_json(self.right),
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
    """Sides owed (from the last `OWED_DAYS` days, or the window when longer), oldest first;
    never the other side of one neglected."""

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


def neglected_side(left: float, right: float) -> Side | None:
    """The side whose completion is below 80% of the other's, if either."""
    if left < NEGLECT_THRESHOLD * right:
        return Side.LEFT
    if right < NEGLECT_THRESHOLD * left:
        return Side.RIGHT
    return None


def _paid_back(
    conn: sqlite3.Connection,
    ledger: ExerciseLedger | None,
    cutoff: str,
    by_side: dict[Side, SideWork],
) -> tuple[SideWork, SideWork]:
    """Left and right, with what the exercise's paid debts made up no longer prescribed."""
    credit = made_up(conn, ledger, cutoff) if ledger is not None else {}
    left, right = (by_side.get(side, SideWork()) for side in (Side.LEFT, Side.RIGHT))
    if Side.LEFT in credit:
        left = left.with_made_up(credit[Side.LEFT].hold_ms, credit[Side.LEFT].reps)
    if Side.RIGHT in credit:
        right = right.with_made_up(credit[Side.RIGHT].hold_ms, credit[Side.RIGHT].reps)
    return left, right


def _still_owed(owed: OwedSide, exercises: dict[str, ExerciseBalance]) -> bool:
    """False when the other side is neglected: the window already shows the owed side
    ahead, and doing it again would widen the gap (the neglected side goes first)."""
    balance = exercises.get(owed.exercise_id)
    return balance is None or balance.neglected is not owed.side.other


def balance_report(
    conn: sqlite3.Connection, days: int = DEFAULT_DAYS, *, now: WallClock = utc_now
) -> BalanceReport:
    """Aggregate the last `days` days of history per exercise and side (in SQL, on an index),
    with the debts of the last `OWED_DAYS` (or `days`, when longer)."""
    if days < 1:
        raise ValueError("days must be 1 or more")
    now_value = now()
    cutoff = days_before(now_value, days)
    since = days_before(now_value, max(days, OWED_DAYS))
    ledgers = {i: exercise_ledger(conn, i, since) for i in exercise_ids(conn)}
    names: dict[str, str] = {}
    sides: dict[str, dict[Side, SideWork]] = {}
    for total in side_work_since(conn, cutoff):
        names.setdefault(total.exercise_id, total.exercise)
        sides.setdefault(total.exercise_id, {})[total.side] = total.work
    exercises: dict[str, ExerciseBalance] = {}
    for exercise_id, by_side in sides.items():
        left, right = _paid_back(conn, ledgers.get(exercise_id), cutoff, by_side)
        exercises[exercise_id] = ExerciseBalance(
            id=exercise_id,
            name=names[exercise_id],
            left=left,
            right=right,
            neglected=neglected_side(left.ratio, right.ratio),
        )
    owed = sorted(
        (
            ledger.owed
            for ledger in ledgers.values()
            if ledger.owed is not None and _still_owed(ledger.owed, exercises)
        ),
        key=lambda o: (o.since, o.exercise_id),
    )
    ordered = sorted(exercises.values(), key=lambda e: (e.name.casefold(), e.id))
    return BalanceReport(days=days, exercises=tuple(ordered), owed=tuple(owed))
