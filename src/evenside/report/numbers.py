"""Provides the report's numbers: adherence, dose per side, pain per side, what helps, care.

Everything is read from history through the queries the history screen and
balance already use, for the local days of a `ReportPeriod`. A week without
data stays a week without data (`WeekAdherence.has_data`), never a zero that
reads like a measurement. "Next morning" pain is the morning check-in given
on the day after a day with a session.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from evenside import __version__
from evenside.balance.ledger import OwedSide
from evenside.balance.tracker import balance_report
from evenside.history.aggregates import (
    DayActivity,
    HistoryFilter,
    HistoryWindow,
    calendar_days,
    side_by_side,
)
from evenside.history.checkins import checkins_between
from evenside.history.session_list import SessionRow, session_rows
from evenside.history.side_work import SideWork, completion_of
from evenside.history.store import HistoryStore
from evenside.pain.care import RoutineCare, routine_care, session_care_note
from evenside.pain.trends import RoutineEffect, pain_series, what_helps
from evenside.report.period import ReportPeriod, week_of
from evenside.report.schedule import ProgramAdherence, WeekDue
from evenside.routine.model import Side

MORNING = "morning"
"""The moment of a check-in's pain, beside a session's 'before' and 'after'."""
PAIN_MOMENTS: tuple[str, ...] = ("before", "after", MORNING)
"""The moments the report charts, in the order they happen."""


@dataclass(frozen=True)
class WeekAdherence:
    """One week of the period: the days with data, the sessions, what a program asked."""

    monday: date
    """The Monday the week starts on."""
    days_in_period: int
    """How many of its days the period covers (fewer at the period's ends)."""
    active_days: frozenset[date]
    """Its days with work recorded."""
    sessions: int
    """Sessions with work recorded."""
    due: WeekDue | None
    """What the program asked this week, when one was followed."""

    @property
    def has_data(self) -> bool:
        """False for a week in which nothing was recorded: the report says so in words."""
        return bool(self.active_days) or self.sessions > 0


@dataclass(frozen=True)
class ExerciseDose:
    """One exercise over the period: each side's dose prescribed and delivered."""

    exercise_id: str
    """The exercise's stable id."""
    exercise: str
    """Its name."""
    left: SideWork
    """The left side."""
    right: SideWork
    """The right side."""

    @property
    def weaker(self) -> Side | None:
        """The side behind (lower completion; at equal completion fewer sets), or None."""
        left = (round(self.left.ratio, 6), self.left.sets)
        right = (round(self.right.ratio, 6), self.right.sets)
        if left < right:
            return Side.LEFT
        if right < left:
            return Side.RIGHT
        return None

    def side(self, side: Side) -> SideWork:
        """The dose of `side`."""
        return self.left if side is Side.LEFT else self.right


@dataclass(frozen=True)
class PainMark:
    """Mean pain on one side at one moment of one local day."""

    day: date
    """The local day."""
    side: str | None
    """'left', 'right', or None for a rating of the whole body."""
    moment: str
    """'before' or 'after' a session, or 'morning' (the next morning's check-in)."""
    pain: float
    """0 (none) to 10 (the worst); a mean when rated more than once that day."""


@dataclass(frozen=True)
class SessionCare:
    """A care note a session raised: a side 2 or more points sorer after than before."""

    day: date
    """The local day of the session."""
    routine: str
    """The routine played."""
    text: str
    """The note, as evenside showed it."""


@dataclass(frozen=True)
class RoutineUse:
    """A routine followed in the period."""

    routine: str
    """Its name."""
    sessions: int
    """Sessions of it with work recorded."""


@dataclass(frozen=True)
class ReportNumbers:
    """Everything the report shows, in the order a clinician reads it."""

    period: ReportPeriod
    """The days covered."""
    generated: datetime
    """When the report was made (local time)."""
    version: str
    """The evenside version that made it."""
    routines: tuple[RoutineUse, ...]
    """The routines followed, most played first."""
    program: ProgramAdherence | None
    """The program followed, when one was given."""
    days: Mapping[date, DayActivity]
    """The days of the period with work recorded."""
    weeks: tuple[WeekAdherence, ...]
    """Each week the period touches, oldest first."""
    doses: tuple[ExerciseDose, ...]
    """Each exercise done on a side, by name."""
    owed: tuple[OwedSide, ...]
    """Sides still owed at the end of the period."""
    pain: tuple[PainMark, ...]
    """Pain per day, side and moment, oldest first."""
    helps: tuple[RoutineEffect, ...]
    """Each rated routine's change in pain, with the sessions it rests on."""
    care: tuple[SessionCare, ...]
    """Care notes the period's sessions raised, oldest first."""
    marked: tuple[RoutineCare, ...]
    """Routines that keep leaving a side sorer."""
    red_flags: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Per routine followed, the signs its file says to see a doctor for."""

    @property
    def sessions(self) -> int:
        """Sessions with work recorded in the period."""
        return sum(use.sessions for use in self.routines)

    @property
    def days_per_30(self) -> float:
        """Days with data per 30 days: the period's active days scaled to a month."""
        return len(self.days) * 30 / self.period.days

    def pain_of(self, side: str | None, moment: str) -> list[PainMark]:
        """One series of the pain chart, oldest first."""
        return [m for m in self.pain if m.side == side and m.moment == moment]


def gather_report(
    conn: sqlite3.Connection,
    period: ReportPeriod,
    *,
    now: datetime,
    program: ProgramAdherence | None = None,
    red_flags: Mapping[str, Sequence[str]] | None = None,
) -> ReportNumbers:
    """Read the report's numbers for `period` (ending on `now`'s local day) from history.

    `now` is an aware local time (tests pass a fixed one); `program` adds the
    week-by-week sessions due; `red_flags` holds each routine's red-flag notes.
    """
    window = HistoryWindow(lambda: now)
    if period.last != window.today:
        raise ValueError(f"a report ends today ({window.today}), not on {period.last}")
    filters = HistoryFilter(days=period.days)
    rows = [row for row in session_rows(conn, window, filters) if row.worked_ms > 0]
    rows.reverse()  # oldest first
    days = _active_days(conn, window, period)
    session_days = {row.started.date() for row in rows}
    followed = {row.routine for row in rows}
    return ReportNumbers(
        period=period,
        generated=now,
        version=__version__,
        routines=_routine_uses(rows),
        program=program,
        days=days,
        weeks=_weeks(period, days, rows, program),
        doses=_doses(conn, window, filters),
        owed=balance_report(conn, period.days, now=lambda: now).owed,
        pain=_pain(conn, window, filters, period, session_days),
        helps=tuple(what_helps(conn, window, filters)),
        care=_session_care(conn, rows),
        marked=tuple(
            care for care in (routine_care(conn, name) for name in sorted(followed)) if care.marked
        ),
        red_flags={
            name: tuple(notes)
            for name, notes in (red_flags or {}).items()
            if name in followed and notes
        },
    )


def _active_days(
    conn: sqlite3.Connection, window: HistoryWindow, period: ReportPeriod
) -> dict[date, DayActivity]:
    weeks = (window.today - week_of(period.first)).days // 7 + 1
    found = calendar_days(conn, window, None, weeks=weeks)
    return {day: activity for day, activity in sorted(found.items()) if day in period}


def _routine_uses(rows: Sequence[SessionRow]) -> tuple[RoutineUse, ...]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.routine] = counts.get(row.routine, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
    return tuple(RoutineUse(name, count) for name, count in ordered)


def _weeks(
    period: ReportPeriod,
    days: Mapping[date, DayActivity],
    rows: Sequence[SessionRow],
    program: ProgramAdherence | None,
) -> tuple[WeekAdherence, ...]:
    weeks = []
    for monday in period.mondays():
        week = [monday + timedelta(days=n) for n in range(7)]
        weeks.append(
            WeekAdherence(
                monday=monday,
                days_in_period=sum(1 for day in week if day in period),
                active_days=frozenset(day for day in week if day in days),
                sessions=sum(1 for row in rows if week_of(row.started.date()) == monday),
                due=program.weeks.get(monday) if program is not None else None,
            )
        )
    return tuple(weeks)


def _sum(a: SideWork, b: SideWork) -> SideWork:
    """Two periods' work of one side as one (completion recomputed from the sums)."""
    credited_ms = round((a.credited_seconds + b.credited_seconds) * 1000)
    planned_ms = round((a.prescribed_seconds + b.prescribed_seconds) * 1000)
    credited_reps = a.credited_reps + b.credited_reps
    planned_reps = a.prescribed_reps + b.prescribed_reps
    return SideWork(
        seconds=a.seconds + b.seconds,
        reps=a.reps + b.reps,
        sets=a.sets + b.sets,
        prescribed_seconds=planned_ms / 1000,
        prescribed_reps=planned_reps,
        prescribed_sets=a.prescribed_sets + b.prescribed_sets,
        ratio=completion_of(credited_ms, planned_ms, credited_reps, planned_reps),
        credited_seconds=credited_ms / 1000,
        credited_reps=credited_reps,
    )


def _doses(
    conn: sqlite3.Connection, window: HistoryWindow, filters: HistoryFilter
) -> tuple[ExerciseDose, ...]:
    doses: dict[str, ExerciseDose] = {}
    for week in side_by_side(conn, window, filters):
        known = doses.get(week.exercise_id)
        if known is None:
            doses[week.exercise_id] = ExerciseDose(
                week.exercise_id, week.exercise, week.left, week.right
            )
        else:
            doses[week.exercise_id] = ExerciseDose(
                week.exercise_id,
                known.exercise,
                _sum(known.left, week.left),
                _sum(known.right, week.right),
            )
    return tuple(sorted(doses.values(), key=lambda d: (d.exercise.casefold(), d.exercise_id)))


def _pain(
    conn: sqlite3.Connection,
    window: HistoryWindow,
    filters: HistoryFilter,
    period: ReportPeriod,
    session_days: set[date],
) -> tuple[PainMark, ...]:
    marks = [
        PainMark(point.day, point.side, point.moment, point.pain)
        for point in pain_series(conn, window, filters)
    ]
    if period.days > 1:
        for checkin in checkins_between(conn, period.first + timedelta(days=1), period.last):
            if checkin.day - timedelta(days=1) in session_days:
                marks.append(PainMark(checkin.day, checkin.side, MORNING, float(checkin.pain)))
    order = {moment: n for n, moment in enumerate(PAIN_MOMENTS)}
    marks.sort(key=lambda m: (m.day, order.get(m.moment, 9), m.side or ""))
    return tuple(marks)


def _session_care(conn: sqlite3.Connection, rows: Sequence[SessionRow]) -> tuple[SessionCare, ...]:
    store = HistoryStore(conn)
    notes = []
    for row in rows:
        note = session_care_note(store.ratings(row.id))
        if note is not None:
            notes.append(SessionCare(row.started.date(), row.routine, note.text))
    return tuple(notes)
