"""Provides `SideWork`, what one side of an exercise did against its prescription, and
`side_work`, the one query that sums it: for balance and for the history screen alike.

Completion of a side is the work done over the work prescribed for that side
(seconds for holds, reps for reps), each interval credited at most its
prescription, so an extra-long hold on one side cannot hide a skipped set on
the other; a skipped interval is prescription and never work (`totals.WORKED`).
The query sums rows that each carry one interval's (or one kept total's) work
in the columns of `TOTAL_COLUMNS`; only where those rows come from differs:
the kept totals for a rolling window (`side_work_since`), or the intervals of
a window of local days for the history screen's weeks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import timedelta

from evenside.history.timestamps import from_iso
from evenside.history.totals import TOTAL_COLUMNS, work_terms
from evenside.routine.model import Side


@dataclass(frozen=True)
class SideWork:
    """What one side of one exercise did in a period, against its prescription."""

    seconds: float = 0.0
    """Seconds held (holds only), as worked."""
    reps: int = 0
    """Reps done (reps exercises only)."""
    sets: int = 0
    """Intervals finished as done."""
    prescribed_seconds: float = 0.0
    """Seconds the routines prescribed for this side."""
    prescribed_reps: int = 0
    """Reps prescribed for this side."""
    prescribed_sets: int = 0
    """Intervals prescribed (done, skipped or partial)."""
    ratio: float = 0.0
    """Completion from 0 to 1: work done (capped per interval) over work prescribed."""
    credited_seconds: float = 0.0
    """Seconds held, each interval's capped at what it prescribed (what `ratio` counts)."""
    credited_reps: int = 0
    """Reps done, each interval's capped at what it prescribed."""

    def with_made_up(self, hold_ms: int, reps: int) -> SideWork:
        """This work with `hold_ms` and `reps` of its prescription made up by extra work
        elsewhere (an owed side paid: docs/balance.md), so no longer asked of it."""
        if not hold_ms and not reps:
            return self
        planned_ms = max(0, round(self.prescribed_seconds * 1000) - hold_ms)
        planned_reps = max(0, self.prescribed_reps - reps)
        return replace(
            self,
            prescribed_seconds=planned_ms / 1000,
            prescribed_reps=planned_reps,
            ratio=completion_of(
                round(self.credited_seconds * 1000), planned_ms, self.credited_reps, planned_reps
            ),
        )


@dataclass(frozen=True)
class SideTotal:
    """One row of `side_work`: one side of one exercise in one period, and its work."""

    period: str
    """What the source grouped by besides exercise and side ('' for a single window)."""
    exercise_id: str
    """The exercise's stable id."""
    exercise: str
    """Its name, as recorded."""
    side: Side
    """The side."""
    work: SideWork
    """What that side did."""


def completion_of(credit_ms: int, planned_ms: int, credit_reps: int, planned_reps: int) -> float:
    """Completion from 0 to 1: credited work over prescription, the mean over holds and
    reps when an exercise has both; nothing prescribed is 0 (nothing to compare)."""
    parts: list[float] = []
    if planned_ms > 0:
        parts.append(min(1.0, credit_ms / planned_ms))
    if planned_reps > 0:
        parts.append(min(1.0, credit_reps / planned_reps))
    return sum(parts) / len(parts) if parts else 0.0


def completion(row: sqlite3.Row) -> float:
    """A side's completion from its summed row (mean over holds and reps when mixed)."""
    return completion_of(
        row["hold_credit_ms"], row["hold_planned_ms"], row["reps_credit"], row["reps_planned"]
    )


def interval_work(row: str) -> str:
    """SQL selecting one interval's work (named as TOTAL_COLUMNS) from a row called `row`."""
    return ", ".join(
        f"{term} AS {name}" for term, name in zip(work_terms(row), TOTAL_COLUMNS, strict=True)
    )


def side_work_sql(source: str) -> str:
    """The one query: the rows of `source` summed per period, exercise and side.

    `source` is a SELECT of `period, exercise_id, side, exercise` and the
    columns of TOTAL_COLUMNS, one row per interval or per kept total, sided only.
    """
    sums = ", ".join(f"sum({name}) AS {name}" for name in TOTAL_COLUMNS)
    return f"""
SELECT period, exercise_id, side, max(exercise) AS exercise, {sums}
FROM ({source})
GROUP BY period, exercise_id, side
HAVING sum(sets_planned) > 0
"""


def side_work(
    conn: sqlite3.Connection, query: str, params: Mapping[str, object]
) -> list[SideTotal]:
    """Run a `side_work_sql` query: each period's sides of each exercise, with their work."""
    return [
        SideTotal(
            period=row["period"],
            exercise_id=row["exercise_id"],
            exercise=row["exercise"],
            side=Side(row["side"]),
            work=SideWork(
                seconds=row["held_ms"] / 1000,
                reps=int(row["reps"]),
                sets=int(row["sets"]),
                prescribed_seconds=row["hold_planned_ms"] / 1000,
                prescribed_reps=int(row["reps_planned"]),
                prescribed_sets=int(row["sets_planned"]),
                ratio=completion(row),
                credited_seconds=row["hold_credit_ms"] / 1000,
                credited_reps=int(row["reps_credit"]),
            ),
        )
        for row in conn.execute(query, params)
    ]


_TOTALS = ", ".join(TOTAL_COLUMNS)
# The window is whole months after its first month (from `balance_months`), whole days
# after its first day in that month (from `balance_days`), and the first, partial day
# from its intervals. The totals are kept by the history triggers, so a ten-year window
# sums about a hundred rows per exercise and side instead of every interval.
_SINCE_SQL = side_work_sql(f"""
    SELECT '' AS period, exercise_id, side, exercise, {_TOTALS}
    FROM balance_months WHERE period > :first_month
    UNION ALL
    SELECT '' AS period, exercise_id, side, exercise, {_TOTALS}
    FROM balance_days WHERE period > :first_day AND period < :first_month_end
    UNION ALL
    SELECT '' AS period, i.exercise_id, i.side, i.exercise, {interval_work("i")}
    FROM intervals i
    WHERE i.started_at >= :cutoff AND i.started_at < :next_day AND i.side IS NOT NULL
""")


def side_work_since(conn: sqlite3.Connection, cutoff: str) -> list[SideTotal]:
    """Each exercise's work per side from the stored time `cutoff` on (period '')."""
    first_day = from_iso(cutoff).date()
    window = {
        "cutoff": cutoff,
        "first_day": first_day.isoformat(),
        "next_day": (first_day + timedelta(days=1)).isoformat() + "T00:00:00.000Z",
        "first_month": first_day.isoformat()[:7],
        # Sorts after every day of the first month and before the next month.
        "first_month_end": first_day.isoformat()[:7] + "-99",
    }
    return side_work(conn, _SINCE_SQL, window)
