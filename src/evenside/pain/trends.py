"""Provides pain over time per side, and "what helps": each routine's average change in pain.

Both read the ratings of the sessions in the window (found on the index of
session start times). The change after a session is its after rating minus its
before rating, side by side; the change over the following days is the mean
"before" rating given on that side over the next `FOLLOWING_DAYS` local days,
minus this session's before rating. Negative numbers mean less pain.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from evenside.history.aggregates import HistoryFilter, HistoryWindow

FOLLOWING_DAYS = 3
"""How many days after a session its "over the following days" change looks at."""
MIN_CHART_DAYS = 2
"""Spans shorter than this (one or two rated days) get a day added either side."""

# Sessions of the window narrowed by the filter (the exercise filter keeps sessions
# that did that exercise).
_SESSIONS_IN_WINDOW = """
    SELECT s.id, s.routine, s.started_at, date(s.started_at, :shift) AS day
    FROM sessions s
    WHERE s.started_at >= :start AND s.started_at < :end
      AND (:routine IS NULL OR s.routine = :routine)
      AND (:exercise IS NULL OR EXISTS (
          SELECT 1 FROM intervals i WHERE i.session_id = s.id AND i.exercise_id = :exercise))
"""

_PAIN_SQL = f"""
WITH chosen AS ({_SESSIONS_IN_WINDOW})
SELECT c.day, r.side, r.moment, avg(r.pain) AS pain, count(*) AS ratings
FROM chosen c JOIN ratings r ON r.session_id = c.id
GROUP BY c.day, r.side, r.moment
ORDER BY c.day
"""

# Per session and side: before and after. `daily` is every before rating of the window,
# whatever the routine, since pain on the following days is the person's, not the
# routine's; it stops at today, so a frozen "today" never sees its own future.
_HELPS_SQL = f"""
WITH chosen AS ({_SESSIONS_IN_WINDOW}),
rated AS (
    SELECT c.id, c.routine, c.day, r.side,
        max(CASE WHEN r.moment = 'before' THEN r.pain END) AS before,
        max(CASE WHEN r.moment = 'after' THEN r.pain END) AS after
    FROM chosen c JOIN ratings r ON r.session_id = c.id
    GROUP BY c.id, r.side
),
daily AS (
    SELECT date(s.started_at, :shift) AS day, r.side, avg(r.pain) AS pain
    FROM sessions s JOIN ratings r ON r.session_id = s.id AND r.moment = 'before'
    WHERE s.started_at >= :start AND s.started_at < :end
    GROUP BY 1, 2
),
ahead AS (
    -- Per side and day: the mean of the daily means over the following days.
    SELECT day, side, avg(pain) OVER (
        PARTITION BY side ORDER BY julianday(day)
        RANGE BETWEEN 1 FOLLOWING AND {FOLLOWING_DAYS} FOLLOWING
    ) AS pain
    FROM daily
),
later AS (
    SELECT x.id, x.routine, x.side, a.pain - x.before AS change
    FROM rated x JOIN ahead a ON a.side = x.side AND a.day = x.day
    WHERE x.before IS NOT NULL AND a.pain IS NOT NULL
),
after_change AS (
    SELECT routine, avg(after - before) AS change, count(DISTINCT id) AS sessions
    FROM rated WHERE before IS NOT NULL AND after IS NOT NULL GROUP BY routine
),
later_change AS (
    SELECT routine, avg(change) AS change, count(DISTINCT id) AS sessions
    FROM later GROUP BY routine
)
SELECT routine, a.change AS after_change, coalesce(a.sessions, 0) AS after_sessions,
    l.change AS later_change, coalesce(l.sessions, 0) AS later_sessions
FROM (SELECT DISTINCT routine FROM rated)
    LEFT JOIN after_change a USING (routine)
    LEFT JOIN later_change l USING (routine)
"""


@dataclass(frozen=True)
class PainPoint:
    """The mean pain rated on one side at one moment on one local day."""

    day: date
    """The local date of the sessions rated."""
    side: str | None
    """'left', 'right', or None for a rating without a side."""
    moment: str
    """'before' or 'after'."""
    pain: float
    """Mean rating that day, 0 to 10."""
    ratings: int
    """How many ratings the mean rests on."""


@dataclass(frozen=True)
class RoutineEffect:
    """What a routine seems to do to pain, and how many sessions say so."""

    routine: str
    """The routine's name."""
    after_change: float | None
    """Mean change from before to after (negative: less pain); None without pairs."""
    after_sessions: int
    """Sessions rated both before and after."""
    later_change: float | None
    """Mean change from before to the following days' ratings; None without any."""
    later_sessions: int
    """Sessions with a before rating and ratings in the days after."""


def pain_series(
    conn: sqlite3.Connection, window: HistoryWindow, filters: HistoryFilter
) -> list[PainPoint]:
    """Mean pain per day, side and moment in the filter's window, oldest first."""
    params = window.params(window.first_day(filters.days), filters)
    return [
        PainPoint(
            day=date.fromisoformat(row["day"]),
            side=row["side"] or None,
            moment=row["moment"],
            pain=float(row["pain"]),
            ratings=int(row["ratings"]),
        )
        for row in conn.execute(_PAIN_SQL, params)
    ]


def what_helps(
    conn: sqlite3.Connection, window: HistoryWindow, filters: HistoryFilter
) -> list[RoutineEffect]:
    """Each routine rated in the window, the most helpful (largest drop after) first."""
    params = window.params(window.first_day(filters.days), filters)
    effects = [
        RoutineEffect(
            routine=row["routine"],
            after_change=row["after_change"],
            after_sessions=int(row["after_sessions"]),
            later_change=row["later_change"],
            later_sessions=int(row["later_sessions"]),
        )
        for row in conn.execute(_HELPS_SQL, params)
    ]
    effects.sort(
        key=lambda e: (
            e.after_change is None,
            e.after_change if e.after_change is not None else 0.0,
            e.routine.casefold(),
        )
    )
    return effects


def chart_span(points: Sequence[PainPoint]) -> tuple[date, date] | None:
    """The days a chart of `points` spans: from the first rated day to the last.

    The axis fits the data, not the window chosen: a week of ratings fills the chart
    rather than a corner of a 30-day axis. A single rated day is widened to
    a day either side, so its points are not drawn on the chart's edge. None without points.
    """
    if not points:
        return None
    first = min(point.day for point in points)
    last = max(point.day for point in points)
    if (last - first).days < MIN_CHART_DAYS:
        return first - timedelta(days=1), last + timedelta(days=1)
    return first, last
