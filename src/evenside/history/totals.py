"""Provides the SQL of the balance totals: what one interval adds, and bulk catch-up.

Triggers keep `balance_months`, `balance_days` and `session_sides` up to date
row by row (schema version 3; since version 6 with the terms below, where a
skipped interval adds its prescription and no work). A large import pauses
those insert triggers and adds its rows to the totals in a few grouped
statements instead, inside the same transaction (`paused_totals`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

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

INSERT_TRIGGERS = ("balance_months_add", "balance_days_add", "session_sides_add")
"""The triggers that add each new interval to the totals."""


def work_terms(row: str) -> list[str]:
    """The SQL expressions of TOTAL_COLUMNS for one interval row named `row`."""
    return [term.format(row=row) for term in _WORK_TERMS]


def _catch_up_statements() -> list[str]:
    """Add every interval with id > :after to the totals (what the insert triggers do)."""
    statements = []
    sums = ", ".join(f"sum({term})" for term in work_terms("i"))
    bump = ", ".join(f"{name} = {name} + excluded.{name}" for name in TOTAL_COLUMNS)
    for table, length in ROLLUPS:
        statements.append(
            f"INSERT INTO {table} "
            f"SELECT substr(i.started_at, 1, {length}), i.exercise_id, i.side, max(i.exercise), "
            f"{sums} FROM intervals i WHERE i.id > :after AND i.side IS NOT NULL "
            "GROUP BY 1, 2, 3 "
            f"ON CONFLICT DO UPDATE SET exercise = excluded.exercise, {bump}"
        )
    # NOT INDEXED: otherwise SQLite walks the (session_id, seq) index over the whole
    # table to group, instead of reading just the new rows by rowid.
    statements.append(
        "INSERT INTO session_sides "
        "SELECT i.session_id, i.exercise_id, max(i.exercise), s.started_at, "
        "max(i.side = 'left'), max(i.side = 'right') "
        "FROM intervals i NOT INDEXED JOIN sessions s ON s.id = i.session_id "
        "WHERE i.id > :after AND i.side IS NOT NULL AND i.status = 'done' "
        "GROUP BY i.session_id, i.exercise_id "
        "ON CONFLICT DO UPDATE SET exercise = excluded.exercise, "
        "did_left = max(did_left, excluded.did_left), "
        "did_right = max(did_right, excluded.did_right)"
    )
    return statements


@contextmanager
def paused_totals(conn: sqlite3.Connection) -> Iterator[None]:
    """Within an open transaction: insert intervals in bulk, then update the totals once.

    The insert triggers are dropped for the block and recreated from their own
    stored SQL afterwards; on an error the caller's rollback restores them.
    """
    placeholders = ", ".join("?" for _ in INSERT_TRIGGERS)
    saved = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({placeholders})",
        INSERT_TRIGGERS,
    ).fetchall()
    (after,) = conn.execute("SELECT coalesce(max(id), 0) FROM intervals").fetchone()
    for name, _ in saved:
        conn.execute(f"DROP TRIGGER {name}")
    yield
    for statement in _catch_up_statements():
        conn.execute(statement, {"after": after})
    for _, sql in saved:
        conn.execute(sql)
