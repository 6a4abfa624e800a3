"""Provides the balance totals: the SQL of what one interval adds, and the same sums for a
bulk insert.

Triggers keep `balance_months`, `balance_days` and `session_sides` up to date
row by row (schema version 3; since version 6 with the terms below, where a
skipped interval adds its prescription and no work). An import pauses those
insert triggers (`paused_triggers`) and sums its new rows in Python as they
go by (`TotalsDelta`), writing one upsert per total row inside the same
transaction: the per-row triggers tripled the insert time, and summing the
new rows again in SQL afterwards cost as much as inserting them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from evenside.history.bulk_insert import insert_rows

# What one interval adds to a balance total, as SQL over a row called `{row}`: work (held,
# credit, reps) only from done and partial intervals, since the time before `n` on a skipped
# one was never work (docs/balance.md); the prescription (planned) from every interval.
WORKED = "{row}.status IN ('done', 'partial')"
"""SQL: the interval named `{row}` did work (skipped never does, whatever time it ran)."""
_WORK_TERMS = (
    f"CASE WHEN {{row}}.kind = 'hold' AND {WORKED} THEN coalesce({{row}}.actual_ms, 0) ELSE 0 END",
    "CASE WHEN {row}.kind = 'hold' THEN coalesce({row}.planned_ms, 0) ELSE 0 END",
    f"CASE WHEN {{row}}.kind = 'hold' AND {WORKED} "
    "THEN min(coalesce({row}.actual_ms, 0), coalesce({row}.planned_ms, 0)) ELSE 0 END",
    f"CASE WHEN {{row}}.kind = 'reps' AND {WORKED} THEN coalesce({{row}}.done_reps, 0) ELSE 0 END",
    "CASE WHEN {row}.kind = 'reps' THEN coalesce({row}.planned_reps, 0) ELSE 0 END",
    f"CASE WHEN {{row}}.kind = 'reps' AND {WORKED} "
    "THEN min(coalesce({row}.done_reps, 0), coalesce({row}.planned_reps, 0)) ELSE 0 END",
    "{row}.status = 'done'",
    "1",
)
TOTAL_COLUMNS = (
    "held_ms",
    "hold_planned_ms",
    "hold_credit_ms",
    "reps",
    "reps_planned",
    "reps_credit",
    "sets",
    "sets_planned",
)
"""The summed columns of `balance_months` and `balance_days`, in table order."""

ROLLUPS = (("balance_months", 7), ("balance_days", 10))
"""Each totals table and how many characters of the start time make its period."""
_MONTH, _DAY = (length for _, length in ROLLUPS)
_TICK = 1 + len(TOTAL_COLUMNS)
"""Where a day's total in `TotalsDelta` keeps its tick (after the name and the columns)."""

INSERT_TRIGGERS = ("balance_months_add", "balance_days_add", "session_sides_add")
"""The triggers that add each new interval to the totals."""


def work_terms(row: str) -> list[str]:
    """The SQL expressions of TOTAL_COLUMNS for one interval row named `row`."""
    return [term.format(row=row) for term in _WORK_TERMS]


SessionColumns = Sequence[Sequence[Any]]
"""A session's intervals as columns, in `IntervalRecord`'s field order, as stored."""

_SIDES_UPSERT = (
    "ON CONFLICT DO UPDATE SET exercise = excluded.exercise, "
    "did_left = max(did_left, excluded.did_left), did_right = max(did_right, excluded.did_right)"
)
_ROLLUP_UPSERT = "ON CONFLICT DO UPDATE SET exercise = excluded.exercise, " + ", ".join(
    f"{name} = {name} + excluded.{name}" for name in TOTAL_COLUMNS
)


class TotalsDelta:
    """What a bulk insert of intervals adds to the totals, summed in Python as the rows go by,
    written with one upsert per total row: the insert triggers' arithmetic (each interval
    added in the order given, so the last one names the exercise), without their per-row cost.
    """

    def __init__(self) -> None:
        self._days: dict[tuple[str, str, str], list[Any]] = {}
        """Per (day, exercise id, side): the exercise's name, the TOTAL_COLUMNS in their
        order, and the tick of the last interval added."""
        self._sides: list[tuple[str, str, str, str, bool, bool]] = []
        self._ticks = 0

    def add(self, session_id: str, started_at: str, columns: SessionColumns) -> None:
        """Add the intervals of a new session (started at `started_at`), in their order."""
        (
            exercise_ids,
            exercises,
            sides,
            _,
            kinds,
            planned_ms,
            actual_ms,
            planned_reps,
            done_reps,
            statuses,
            started,
            _,
        ) = columns
        days = self._days
        done: dict[str, list[Any]] = {}
        rows = zip(
            exercise_ids,
            exercises,
            sides,
            kinds,
            planned_ms,
            actual_ms,
            planned_reps,
            done_reps,
            statuses,
            started,
            strict=True,
        )
        # Each day's total remembers when it was last added to (`tick`), so that a month
        # is named, as by the triggers, after the last interval added to it.
        tick = self._ticks
        day = _DAY
        for tick, row in enumerate(rows, self._ticks):
            exercise_id, exercise, side, kind, planned, actual, reps_planned, reps, status, at = row
            if side is None:
                continue
            key = (at[:day], exercise_id, side)
            total = days.get(key)
            if total is None:
                total = days[key] = [exercise, 0, 0, 0, 0, 0, 0, 0, 0, tick]
            else:
                total[0] = exercise
                total[-1] = tick
            # 1 held_ms, 2 hold_planned_ms, 3 hold_credit_ms, 4 reps, 5 reps_planned,
            # 6 reps_credit, 7 sets, 8 sets_planned: `work_terms`, in Python.
            worked = status == "done" or status == "partial"
            if kind == "hold":
                planned = planned or 0
                total[2] += planned
                if worked:
                    actual = actual or 0
                    total[1] += actual
                    total[3] += min(actual, planned)
            else:
                reps_planned = reps_planned or 0
                total[5] += reps_planned
                if worked:
                    reps = reps or 0
                    total[4] += reps
                    total[6] += min(reps, reps_planned)
            total[8] += 1
            if status == "done":
                total[7] += 1
                sides_done = done.get(exercise_id)
                if sides_done is None:
                    done[exercise_id] = [exercise, side == "left", side == "right"]
                else:
                    sides_done[0] = exercise
                    sides_done[1] |= side == "left"
                    sides_done[2] |= side == "right"
        self._ticks = tick + 1
        self._sides.extend(
            (session_id, exercise_id, name, started_at, left, right)
            for exercise_id, (name, left, right) in done.items()
        )

    def write(self, conn: sqlite3.Connection) -> None:
        """Add everything so far to the totals tables, and start again from nothing."""
        months: dict[tuple[str, str, str], list[Any]] = {}
        for (day, exercise_id, side), total in self._days.items():
            key = (day[:_MONTH], exercise_id, side)
            month = months.get(key)
            if month is None:
                months[key] = list(total)
                continue
            if total[_TICK] > month[_TICK]:
                month[0], month[_TICK] = total[0], total[_TICK]
            for column in range(1, _TICK):
                month[column] += total[column]
        for table, totals in (("balance_months", months), ("balance_days", self._days)):
            values = [value for key, total in totals.items() for value in (*key, *total[:_TICK])]
            insert_rows(conn, f"INSERT INTO {table}", 3 + _TICK, values, _ROLLUP_UPSERT)
        values = [value for row in self._sides for value in row]
        insert_rows(conn, "INSERT INTO session_sides", 6, values, _SIDES_UPSERT)
        self._days.clear()
        self._sides.clear()


@contextmanager
def paused_triggers(conn: sqlite3.Connection) -> Iterator[None]:
    """Within an open transaction: the insert triggers dropped for the block, then recreated
    from their own stored SQL (on an error the caller's rollback restores them). Whatever the
    block inserts into `intervals` must be added to the totals with a `TotalsDelta`.
    """
    placeholders = ", ".join("?" for _ in INSERT_TRIGGERS)
    saved = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({placeholders})",
        INSERT_TRIGGERS,
    ).fetchall()
    for name, _ in saved:
        conn.execute(f"DROP TRIGGER {name}")
    yield
    for _, sql in saved:
        conn.execute(sql)
