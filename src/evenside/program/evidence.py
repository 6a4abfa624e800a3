"""Provides what the history says about a program: its sessions, their pain, the mornings.

A session belongs to a program's routine when it played that routine to the
end on a day of the enrolment. Reading the evidence also keeps that in the
history (`program_sessions`: the program and week of each session).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from evenside.history.checkins import checkins_between
from evenside.history.program_records import Enrolment, put_program_session
from evenside.history.timestamps import from_iso, to_iso
from evenside.history.transaction import transaction
from evenside.program.model import Program
from evenside.program.schedule import in_program, week_of


def local_day(stamp: str) -> date:
    """The local date of a stored UTC timestamp."""
    return from_iso(stamp).astimezone().date()


@dataclass(frozen=True)
class SessionMark:
    """One finished session of a program's routine, with its pain per side."""

    id: str
    """The session's id."""
    started_at: str
    """When it started (UTC)."""
    day: date
    """Its local date."""
    before: dict[str, int] = field(default_factory=dict)
    """Pain before, by side ('left', 'right'; an overall rating counts for both)."""
    after: dict[str, int] = field(default_factory=dict)
    """Pain after, by side."""


@dataclass
class Evidence:
    """A program's sessions by routine key (oldest first) and the morning check-ins."""

    sessions: dict[str, list[SessionMark]]
    """By the schedule's routine key."""
    mornings: dict[tuple[date, str], int]
    """(day, side) -> morning pain."""

    def done_days(self, key: str) -> dict[date, int]:
        """How many times the routine `key` was done, by day."""
        counts: dict[date, int] = defaultdict(int)
        for mark in self.sessions.get(key, []):
            counts[mark.day] += 1
        return dict(counts)

    def morning_change(self, day: date, side: str) -> int | None:
        """How much worse the morning after `day` was than the morning of `day` (None when
        either was not checked in)."""
        before = self.mornings.get((day, side))
        after = self.mornings.get((day + timedelta(days=1), side))
        return None if before is None or after is None else after - before


def _by_side(rows: list[tuple[str, int]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for side, pain in rows:
        if side in ("left", "right"):
            found[side] = pain
    for side, pain in rows:
        if side == "":
            # An overall rating speaks for a side that was not rated on its own.
            found.setdefault("left", pain)
            found.setdefault("right", pain)
    return found


def read_evidence(
    conn: sqlite3.Connection, program: Program, enrolment: Enrolment, today: date
) -> Evidence:
    """The sessions and mornings of `enrolment` up to `today`, keeping each session's
    program and week in the history."""
    by_name = {line.routine.name: line.key for line in program.schedule}
    since = to_iso(
        from_iso(f"{enrolment.start_day.isoformat()}T00:00:00+00:00") - timedelta(days=1)
    )
    rows = conn.execute(
        "SELECT id, routine, started_at FROM sessions WHERE started_at >= ? "
        "AND status = 'completed' ORDER BY started_at",
        (since,),
    ).fetchall()
    marks: dict[str, list[SessionMark]] = defaultdict(list)
    kept: list[tuple[str, str, int]] = []
    for session_id, routine, started_at in rows:
        key = by_name.get(routine)
        day = local_day(started_at)
        if key is None or day > today:
            continue
        if not in_program(program, enrolment.start_day, day, enrolment.stop_day):
            continue
        ratings = conn.execute(
            "SELECT moment, side, pain FROM ratings WHERE session_id = ?", (session_id,)
        ).fetchall()
        before = _by_side([(r[1], int(r[2])) for r in ratings if r[0] == "before"])
        after = _by_side([(r[1], int(r[2])) for r in ratings if r[0] == "after"])
        marks[key].append(SessionMark(session_id, started_at, day, before, after))
        kept.append((session_id, key, week_of(enrolment.start_day, day)))
    if kept:
        with transaction(conn):
            for session_id, key, week in kept:
                put_program_session(conn, session_id, enrolment.id, key, week)
    mornings = {
        (c.day, c.side): c.pain
        for c in checkins_between(conn, enrolment.start_day, today + timedelta(days=1))
    }
    return Evidence(dict(marks), mornings)
