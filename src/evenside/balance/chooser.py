"""Provides `BalanceChooser`: the `order: balance` side chooser that puts the lagging side first.

An owed side goes first; otherwise the side with the lower completion over
the window; left on a tie. It remembers why, per exercise, naming it, so
every front end can say "right first for Side lunge: right is behind this
week" (several exercises may each choose a side, so a reason without its
exercise would be ambiguous).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from evenside.balance.ledger import OwedSide
from evenside.balance.tracker import DEFAULT_DAYS, BalanceReport, balance_report
from evenside.history.timestamps import WallClock, utc_now
from evenside.routine.model import ExerciseStep, Side


def _window_words(days: int) -> str:
    return "this week" if days == 7 else f"over the last {days} days"


class BalanceChooser:
    """A `SideChooser` (see `engine.timeline.expand`) driven by history."""

    def __init__(self, report: BalanceReport, owed: Sequence[OwedSide] | None = None) -> None:
        self.report = report
        self.owed = list(report.owed if owed is None else owed)
        self.reasons: dict[str, str] = {}
        """Why each exercise chosen so far starts on its side, by exercise id."""

    def _name(self, exercise_id: str) -> str:
        """The exercise's name as history knows it (its id when it has none yet)."""
        balance = self.report.exercise(exercise_id)
        if balance is not None:
            return balance.name
        owed = next((o for o in self.owed if o.exercise_id == exercise_id), None)
        return owed.exercise if owed is not None else exercise_id

    def decide(self, exercise_id: str, name: str | None = None) -> tuple[Side, str]:
        """The first side for `exercise_id` (called `name`) and the reason, not remembered."""
        name = name or self._name(exercise_id)
        owed = next((o for o in self.owed if o.exercise_id == exercise_id), None)
        if owed is not None:
            side = str(owed.side)
            return owed.side, f"{side} first for {name}: {side} is owed from an earlier session"
        balance = self.report.exercise(exercise_id)
        behind = balance.behind if balance is not None else None
        if behind is not None:
            side = str(behind)
            why = f"{side} is behind {_window_words(self.report.days)}"
            return behind, f"{side} first for {name}: {why}"
        if balance is None:
            return Side.LEFT, f"left first for {name}: no recent history for this exercise"
        return Side.LEFT, f"left first for {name}: both sides are even"

    def __call__(self, step: ExerciseStep) -> Side:
        side, why = self.decide(step.id, step.exercise)
        self.reasons[step.id] = why
        return side

    def reason(self, step: ExerciseStep | str) -> str:
        """Why `step` (or an exercise id) starts on the side it does, naming the exercise."""
        if isinstance(step, str):
            exercise_id, name = step, None
        else:
            exercise_id, name = step.id, step.exercise
        if exercise_id not in self.reasons:
            self.reasons[exercise_id] = self.decide(exercise_id, name)[1]
        return self.reasons[exercise_id]


def balance_chooser(
    conn: sqlite3.Connection, days: int = DEFAULT_DAYS, *, now: WallClock = utc_now
) -> BalanceChooser:
    """A chooser from the history behind `conn`: owed sides, then the window (one report)."""
    return BalanceChooser(balance_report(conn, days, now=now))


def load_balance_chooser(
    path: Path | None = None, days: int = DEFAULT_DAYS, *, now: WallClock = utc_now
) -> BalanceChooser:
    """A chooser from the user's history file (default location), opened and closed here.

    If the history cannot be read the chooser knows nothing and puts left first:
    a damaged history must never stop a routine from starting.
    """
    from evenside.history.db import open_database
    from evenside.locations import history_path

    try:
        with closing(open_database(path or history_path())) as conn:
            return balance_chooser(conn, days, now=now)
    except (sqlite3.Error, OSError, RuntimeError):
        return BalanceChooser(BalanceReport(days=days, exercises=()))
