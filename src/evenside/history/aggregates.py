"""Provides the history screen's numbers: left | right per week, the calendar, the filter choices.

Everything is aggregated in SQL, reading the covering index on
`intervals(started_at, ...)` for a window of days, so opening twenty years of
history costs what the window holds, not what the table holds. Days are local
days: a stored UTC time is shifted by the UTC offset of the injected clock's
"now", so a test that passes a UTC clock gets UTC days, exactly.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from evenside.history.side_work import SideWork, interval_work, side_work, side_work_sql
from evenside.history.timestamps import WallClock, to_iso
from evenside.history.totals import WORKED
from evenside.routine.model import Side

DAY_WINDOWS = (7, 30, 90, 365)
"""The windows the history screen offers, in days back from today (today included)."""
DEFAULT_DAYS = 30
CALENDAR_WEEKS = 26
"""The calendar shows about six months, in whole weeks from Monday."""


def local_now() -> datetime:
    """The real wall clock in the local time zone (the history screen's default)."""
    return datetime.now().astimezone()


@dataclass(frozen=True)
class HistoryFilter:
    """What the history screen is narrowed to."""

    days: int = DEFAULT_DAYS
    """The last this many days, today included."""
    routine: str | None = None
    """Only sessions of this routine (by name), or all."""
    exercise_id: str | None = None
    """Only this exercise (by id), or all."""

    def params(self) -> dict[str, object]:
        """The filter as SQL parameters (`:routine`, `:exercise`)."""
        return {"routine": self.routine, "exercise": self.exercise_id}


# Restricts intervals (aliased i) to the filter; a session lasts well under a day, so
# the routine's sessions are looked up from a day before the window on the routine index.
INTERVAL_FILTER = """
    AND (:exercise IS NULL OR i.exercise_id = :exercise)
    AND (:routine IS NULL OR i.session_id IN (
        SELECT id FROM sessions WHERE routine = :routine AND started_at >= :session_start))
"""


class HistoryWindow:
    """Turns local days into stored UTC bounds, from an injected clock."""

    def __init__(self, now: WallClock = local_now) -> None:
        moment = now()
        offset = moment.utcoffset() or timedelta(0)
        self.today: date = moment.date()
        """The local date the screen is looking from."""
        self.tzinfo = moment.tzinfo
        self.offset_minutes = int(offset.total_seconds() // 60)
        """Minutes to add to a stored UTC time to get local time."""

    @property
    def shift(self) -> str:
        """The SQLite date modifier from UTC to local time, e.g. '+120 minutes'."""
        return f"{self.offset_minutes:+d} minutes"

    def start_of(self, day: date) -> str:
        """The stored timestamp of local midnight starting `day`."""
        local = datetime.combine(day, time(), self.tzinfo)
        return to_iso(local)

    def first_day(self, days: int) -> date:
        """The first local day of a window of `days` days ending today."""
        return self.today - timedelta(days=days - 1)

    def params(self, first_day: date, filters: HistoryFilter | None = None) -> dict[str, object]:
        """SQL parameters for a window from `first_day` to now, with the filter's own."""
        start = self.start_of(first_day)
        values: dict[str, object] = {
            "start": start,
            "end": self.start_of(self.today + timedelta(days=1)),
            "session_start": self.start_of(first_day - timedelta(days=1)),
            "shift": self.shift,
        }
        values.update((filters or HistoryFilter()).params())
        return values

    def local(self, stored: str) -> datetime:
        """A stored UTC timestamp as a local time (naive), for display."""
        moment = datetime.fromisoformat(stored)
        return (moment + timedelta(minutes=self.offset_minutes)).replace(tzinfo=None)


# ---------------------------------------------------------------------------- side by side

# One row per sided interval of the window, in the local week it started (its Monday).
_WEEKLY_SQL = side_work_sql(f"""
    SELECT date(i.started_at, :shift, '-6 days', 'weekday 1') AS period,
        i.exercise_id, i.side, i.exercise, {interval_work("i")}
    FROM intervals i
    WHERE i.started_at >= :start AND i.started_at < :end AND i.side IS NOT NULL
        {INTERVAL_FILTER}
""")


@dataclass(frozen=True)
class ExerciseWeek:
    """Left | right of one exercise in one ISO week."""

    week: date
    """The Monday the week starts on (local)."""
    exercise_id: str
    """The exercise's stable id."""
    exercise: str
    """Its name."""
    left: SideWork
    """The left side."""
    right: SideWork
    """The right side."""

    @property
    def week_label(self) -> str:
        """The ISO week, e.g. '2024-W18'."""
        year, number, _ = self.week.isocalendar()
        return f"{year}-W{number:02d}"

    @property
    def weaker(self) -> Side | None:
        """The side behind this week, or None when even.

        Behind means a lower completion of its own prescription; at equal completion,
        fewer sets done (a session stopped before reaching a side never prescribed it).
        """
        left = (self.left.ratio, self.left.sets)
        right = (self.right.ratio, self.right.sets)
        if left < right:
            return Side.LEFT
        if right < left:
            return Side.RIGHT
        return None

    def side(self, side: Side) -> SideWork:
        """The work of `side`."""
        return self.left if side is Side.LEFT else self.right


def side_by_side(
    conn: sqlite3.Connection, window: HistoryWindow, filters: HistoryFilter
) -> list[ExerciseWeek]:
    """Left | right per exercise and week in the filter's window, newest week first."""
    params = window.params(window.first_day(filters.days), filters)
    found: dict[tuple[str, str], dict[Side, SideWork]] = {}
    names: dict[tuple[str, str], str] = {}
    for total in side_work(conn, _WEEKLY_SQL, params):
        key = (total.period, total.exercise_id)
        names[key] = total.exercise
        found.setdefault(key, {})[total.side] = total.work
    weeks = [
        ExerciseWeek(
            week=date.fromisoformat(week),
            exercise_id=exercise_id,
            exercise=names[(week, exercise_id)],
            left=sides.get(Side.LEFT, SideWork()),
            right=sides.get(Side.RIGHT, SideWork()),
        )
        for (week, exercise_id), sides in found.items()
    ]
    weeks.sort(key=lambda w: (-w.week.toordinal(), w.exercise.casefold(), w.exercise_id))
    return weeks


# ---------------------------------------------------------------------------- calendar

# A day's time is the time worked: what ran before `n` on a skipped interval is not, and
# a day on which everything was skipped is no active day.
_CALENDAR_SQL = f"""
WITH per_exercise AS (
    SELECT date(i.started_at, :shift) AS day, i.exercise_id,
        sum(CASE WHEN {WORKED.format(row="i")} THEN coalesce(i.actual_ms, 0) ELSE 0 END)
            AS worked_ms,
        sum(i.status = 'done') AS sets,
        max(i.side IS NOT NULL) AS sided,
        sum(i.side = 'left' AND i.status = 'done') AS left_sets,
        sum(i.side = 'right' AND i.status = 'done') AS right_sets
    FROM intervals i
    WHERE i.started_at >= :start AND i.started_at < :end {INTERVAL_FILTER}
    GROUP BY day, i.exercise_id
)
SELECT day, sum(worked_ms) AS worked_ms, sum(sets) AS sets, sum(sided) AS sided,
    sum(sided AND left_sets != right_sets) AS uneven
FROM per_exercise GROUP BY day
HAVING sum(worked_ms) > 0 OR sum(sets) > 0
"""


@dataclass(frozen=True)
class DayActivity:
    """How much was done on one local day, and whether both sides got the same."""

    day: date
    """The local date."""
    worked_ms: int
    """Time worked that day (done and partial intervals; never a skipped one)."""
    sets: int
    """Sets finished as done."""
    even: bool | None
    """True when every exercise done on a side got as many sets on the left as on the
    right; False when one did not; None when nothing with a side was done."""

    @property
    def level(self) -> int:
        """0 (nothing) to 4 (half an hour or more), for the calendar's shading."""
        minutes = self.worked_ms / 60_000
        if self.sets == 0 and minutes == 0:
            return 0
        for level, limit in ((1, 5), (2, 15), (3, 30)):
            if minutes < limit:
                return level
        return 4


def calendar_first_day(window: HistoryWindow, weeks: int = CALENDAR_WEEKS) -> date:
    """The Monday the calendar starts on: `weeks` whole weeks ending with this one."""
    monday = window.today - timedelta(days=window.today.weekday())
    return monday - timedelta(weeks=weeks - 1)


def calendar_days(
    conn: sqlite3.Connection,
    window: HistoryWindow,
    filters: HistoryFilter | None = None,
    weeks: int = CALENDAR_WEEKS,
) -> dict[date, DayActivity]:
    """Each day with any work in the calendar's weeks (routine and exercise filters apply)."""
    params = window.params(calendar_first_day(window, weeks), filters)
    days: dict[date, DayActivity] = {}
    for row in conn.execute(_CALENDAR_SQL, params):
        day = date.fromisoformat(row["day"])
        days[day] = DayActivity(
            day=day,
            worked_ms=int(row["worked_ms"]),
            sets=int(row["sets"]),
            even=None if not row["sided"] else not row["uneven"],
        )
    return days


# ---------------------------------------------------------------------------- streaks

# The sides each exercise asks for, as seen anywhere in history: a session stopped early
# records only the sides it reached. Exercise ids are found by jumping along the index
# on (exercise_id, side), one seek per id, and each side by one more seek.
ASKED_SIDES = """
exercise_ids(xid) AS (
    SELECT min(exercise_id) FROM intervals
    UNION ALL
    SELECT (SELECT min(exercise_id) FROM intervals WHERE exercise_id > xid)
    FROM exercise_ids WHERE xid IS NOT NULL
),
asked AS (
    SELECT xid AS exercise_id,
        EXISTS (SELECT 1 FROM intervals WHERE exercise_id = xid AND side = 'left') AS asks_left,
        EXISTS (SELECT 1 FROM intervals WHERE exercise_id = xid AND side = 'right') AS asks_right,
        EXISTS (SELECT 1 FROM intervals WHERE exercise_id = xid AND side IS NULL) AS asks_none
    FROM exercise_ids WHERE xid IS NOT NULL
)
"""

# ---------------------------------------------------------------------------- choices

# Distinct values found by jumping along an index (one seek per value, not one row per
# interval): twenty years hold a few dozen exercises in a quarter of a million rows.
# An exercise's name is read from any one of its rows.
_ROUTINES_SQL = """
WITH RECURSIVE names(name) AS (
    SELECT min(routine) FROM sessions
    UNION ALL
    SELECT (SELECT min(routine) FROM sessions WHERE routine > names.name)
    FROM names WHERE names.name IS NOT NULL
)
SELECT name FROM names WHERE name IS NOT NULL
"""
_EXERCISES_SQL = f"""
WITH RECURSIVE {ASKED_SIDES}
SELECT exercise_id, (SELECT exercise FROM intervals i WHERE i.exercise_id = asked.exercise_id
    LIMIT 1) AS name
FROM asked
"""


def routine_names(conn: sqlite3.Connection) -> list[str]:
    """Every routine with a session, by name (for the routine filter)."""
    names = [row[0] for row in conn.execute(_ROUTINES_SQL)]
    return sorted(names, key=str.casefold)


def exercise_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Every exercise with an interval, id to name, by name (for the exercise filter)."""
    rows = sorted(conn.execute(_EXERCISES_SQL), key=lambda row: (row[1].casefold(), row[0]))
    return {row[0]: row[1] for row in rows}
