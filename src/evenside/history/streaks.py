"""Provides streaks: runs of consecutive days that count, over the whole history."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from evenside.history.aggregates import ASKED_SIDES, HistoryWindow

# A day counts when a session that day was completed, or did at least one exercise on
# every side it asks for. Only sessions not completed need their intervals read; runs
# of days are then found as gaps and islands.
_STREAK_SQL = f"""
WITH RECURSIVE {ASKED_SIDES},
per_exercise AS (
    SELECT session_id, exercise_id,
        max(side IS 'left' AND status = 'done') AS did_left,
        max(side IS 'right' AND status = 'done') AS did_right,
        max(side IS NULL AND status = 'done') AS did_none
    FROM intervals
    WHERE session_id IN (SELECT id FROM sessions WHERE status IS NOT 'completed')
    GROUP BY session_id, exercise_id
),
whole_exercise AS (
    SELECT p.session_id FROM per_exercise p JOIN asked a USING (exercise_id)
    WHERE (p.did_left OR NOT a.asks_left) AND (p.did_right OR NOT a.asks_right)
      AND (p.did_none OR NOT a.asks_none)
),
counted AS (
    SELECT DISTINCT date(started_at, :shift) AS day FROM sessions
    WHERE status = 'completed' OR id IN (SELECT session_id FROM whole_exercise)
),
islands AS (
    SELECT day, julianday(day) - row_number() OVER (ORDER BY day) AS run
    FROM counted WHERE day <= :today
)
SELECT max(day) AS last, count(*) AS length FROM islands GROUP BY run
"""


@dataclass(frozen=True)
class Streaks:
    """Runs of consecutive days that count (see `streaks`)."""

    current: int
    """Days in the run ending today, or yesterday when today has nothing yet."""
    longest: int
    """Days in the longest run ever."""
    longest_ended: date | None
    """The last day of the longest run (the latest, on a tie)."""


def streaks(conn: sqlite3.Connection, window: HistoryWindow) -> Streaks:
    """The current and the longest streak over the whole history (filters do not apply)."""
    current = longest = 0
    longest_ended: date | None = None
    yesterday = window.today - timedelta(days=1)
    params = {"shift": window.shift, "today": window.today.isoformat()}
    for row in conn.execute(_STREAK_SQL, params):
        last = date.fromisoformat(row["last"])
        length = int(row["length"])
        if last >= yesterday:
            current = length
        if length > longest or (length == longest and longest_ended and last > longest_ended):
            longest, longest_ended = length, last
    return Streaks(current=current, longest=longest, longest_ended=longest_ended)
