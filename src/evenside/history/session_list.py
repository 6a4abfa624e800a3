"""Provides the list of sessions in a window: date, routine, status, time taken and sides left owed.

A side is left owed by a session when it did one side of an exercise (at
least one set done) and not the other, when that exercise asks for both
(as seen anywhere in history: a stopped session records only what it reached). One
session with all its intervals comes from `HistoryStore.session`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from evenside.history.aggregates import ASKED_SIDES, HistoryFilter, HistoryWindow
from evenside.history.time_taken import time_taken_ms

_SESSIONS_SQL = f"""
WITH RECURSIVE {ASKED_SIDES},
chosen AS (
    SELECT s.id, s.routine, s.status, s.started_at, s.ended_at, s.paused_ms FROM sessions s
    WHERE s.started_at >= :start AND s.started_at < :end
      AND (:routine IS NULL OR s.routine = :routine)
),
per_exercise AS (
    SELECT i.session_id, i.exercise_id, max(i.exercise) AS exercise,
        max(i.side IS 'left' AND i.status = 'done') AS did_left,
        max(i.side IS 'right' AND i.status = 'done') AS did_right,
        sum(coalesce(i.actual_ms, 0)) AS worked_ms,
        max(i.exercise_id = :exercise) AS wanted
    FROM intervals i
    WHERE i.session_id IN (SELECT id FROM chosen)
    GROUP BY i.session_id, i.exercise_id
),
per_session AS (
    SELECT session_id, sum(worked_ms) AS worked_ms, max(wanted) AS wanted,
        group_concat(CASE
            WHEN did_left AND asks_right AND NOT did_right THEN exercise || ' right'
            WHEN did_right AND asks_left AND NOT did_left THEN exercise || ' left'
        END, ', ') AS owed
    FROM per_exercise JOIN asked USING (exercise_id) GROUP BY session_id
)
SELECT c.id, c.routine, c.status, c.started_at, c.ended_at, c.paused_ms,
    coalesce(p.worked_ms, 0) AS worked_ms, p.owed
FROM chosen c LEFT JOIN per_session p ON p.session_id = c.id
WHERE :exercise IS NULL OR p.wanted
ORDER BY c.started_at DESC, c.id
"""


@dataclass(frozen=True)
class SessionRow:
    """One session as the history's session list shows it."""

    id: str
    """The session's id (opens it)."""
    started: datetime
    """Local start time (naive)."""
    routine: str
    """The routine's name."""
    status: str
    """'completed', 'stopped', 'interrupted', or 'open' while it is being played."""
    duration_ms: int | None
    """The time it took, pauses excluded, as its summary said (`time_taken_ms`; start to
    end for a session recorded before pauses were kept); None while open."""
    worked_ms: int
    """Time worked in its intervals, pauses, rests and switches excluded."""
    owed: str
    """The sides it left owed, e.g. "Runner's lunge right", or ''."""


def session_rows(
    conn: sqlite3.Connection,
    window: HistoryWindow,
    filters: HistoryFilter,
    limit: int | None = None,
) -> list[SessionRow]:
    """The sessions of the filter's window, newest first (at most `limit`)."""
    params = window.params(window.first_day(filters.days), filters)
    rows: list[SessionRow] = []
    for row in conn.execute(_SESSIONS_SQL, params):
        if limit is not None and len(rows) >= limit:
            break
        rows.append(
            SessionRow(
                id=row["id"],
                started=window.local(row["started_at"]),
                routine=row["routine"],
                status=row["status"] or "open",
                duration_ms=time_taken_ms(row["started_at"], row["ended_at"], row["paused_ms"]),
                worked_ms=int(row["worked_ms"]),
                owed=row["owed"] or "",
            )
        )
    return rows
