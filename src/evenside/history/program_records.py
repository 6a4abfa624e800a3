"""Provides the program records: enrolments, the program and week of a session, and doses.

Every row has a natural key and every write is an insert-or-replace (or an
insert that ignores a row already there), so writing the same record twice,
or carrying it from another machine, never doubles it. Days are local dates
("YYYY-MM-DD"); times are stored UTC timestamps.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date

TRAVELLING_TABLES: dict[str, tuple[str, ...]] = {
    "program_enrolments": ("id",),
    "program_sessions": ("session_id",),
    "program_doses": ("program", "routine", "exercise_id", "side", "set_at"),
}
"""The program tables and their key columns (for whatever carries history elsewhere)."""


@dataclass(frozen=True)
class Enrolment:
    """One taking-up of a program, from its first day to its last (None while it runs)."""

    id: str
    """A text uuid."""
    program: str
    """What names the program: its file's stem (the key its doses are kept under)."""
    name: str
    """The program's name, as shown."""
    source: str
    """The program file's path when it was taken up."""
    start_day: date
    """The first day (week 1 starts here)."""
    stop_day: date | None
    """The last day, or None while it runs."""
    created_at: str
    """When it was taken up (UTC)."""

    def running_on(self, day: date) -> bool:
        """True when `day` is inside the enrolment."""
        return self.start_day <= day and (self.stop_day is None or day <= self.stop_day)


@dataclass(frozen=True)
class DoseRecord:
    """One step of an exercise's dose on one side, in a program's routine."""

    program: str
    """The program's key."""
    routine: str
    """The routine as the program's schedule names it."""
    exercise_id: str
    """The exercise's id in that routine."""
    side: str
    """'left' or 'right'."""
    set_at: str
    """When the step was taken (UTC)."""
    hold_ms: int | None
    """The hold from then on (None for a reps exercise)."""
    reps: int | None
    """The reps from then on (None for a hold)."""


def _enrolment(row: tuple[object, ...]) -> Enrolment:
    stop = row[5]
    return Enrolment(
        id=str(row[0]),
        program=str(row[1]),
        name=str(row[2]),
        source=str(row[3]),
        start_day=date.fromisoformat(str(row[4])),
        stop_day=date.fromisoformat(str(stop)) if stop is not None else None,
        created_at=str(row[6]),
    )


_ENROLMENT_COLUMNS = "id, program, name, source, start_day, stop_day, created_at"


def put_enrolment(conn: sqlite3.Connection, enrolment: Enrolment) -> None:
    """Write `enrolment` (updating the row of the same id in place)."""
    # An upsert, not INSERT OR REPLACE: a replace deletes the row first, and the delete
    # cascades to the program's sessions (foreign keys are on).
    conn.execute(
        f"INSERT INTO program_enrolments ({_ENROLMENT_COLUMNS}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
        "program = excluded.program, name = excluded.name, source = excluded.source, "
        "start_day = excluded.start_day, stop_day = excluded.stop_day, "
        "created_at = excluded.created_at",
        (
            enrolment.id,
            enrolment.program,
            enrolment.name,
            enrolment.source,
            enrolment.start_day.isoformat(),
            enrolment.stop_day.isoformat() if enrolment.stop_day is not None else None,
            enrolment.created_at,
        ),
    )


def new_enrolment_id() -> str:
    """A fresh enrolment key."""
    return str(uuid.uuid4())


def enrolments(conn: sqlite3.Connection) -> list[Enrolment]:
    """Every enrolment, oldest first."""
    rows = conn.execute(
        f"SELECT {_ENROLMENT_COLUMNS} FROM program_enrolments ORDER BY start_day, created_at"
    ).fetchall()
    return [_enrolment(tuple(r)) for r in rows]


def running_enrolment(conn: sqlite3.Connection, day: date) -> Enrolment | None:
    """The enrolment running on `day` (the latest taken up, when two overlap), or None."""
    found = [e for e in enrolments(conn) if e.running_on(day)]
    return max(found, key=lambda e: (e.created_at, e.start_day)) if found else None


def open_enrolments(conn: sqlite3.Connection) -> list[Enrolment]:
    """The enrolments without a last day (running now or starting later)."""
    return [e for e in enrolments(conn) if e.stop_day is None]


def put_program_session(
    conn: sqlite3.Connection, session_id: str, enrolment_id: str, routine: str, week: int
) -> None:
    """Keep that session `session_id` belonged to `enrolment_id`'s `routine`, in `week`."""
    conn.execute(
        "INSERT OR REPLACE INTO program_sessions (session_id, enrolment_id, routine, week) "
        "VALUES (?, ?, ?, ?)",
        (session_id, enrolment_id, routine, week),
    )


def program_sessions(conn: sqlite3.Connection, enrolment_id: str) -> dict[str, tuple[str, int]]:
    """The sessions kept for `enrolment_id`: session id -> (routine, week)."""
    rows = conn.execute(
        "SELECT session_id, routine, week FROM program_sessions WHERE enrolment_id = ?",
        (enrolment_id,),
    ).fetchall()
    return {str(r[0]): (str(r[1]), int(r[2])) for r in rows}


def put_dose(conn: sqlite3.Connection, dose: DoseRecord) -> None:
    """Keep one step of a dose (the same step written twice is one row)."""
    conn.execute(
        "INSERT OR REPLACE INTO program_doses "
        "(program, routine, exercise_id, side, set_at, hold_ms, reps) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            dose.program,
            dose.routine,
            dose.exercise_id,
            dose.side,
            dose.set_at,
            dose.hold_ms,
            dose.reps,
        ),
    )


def doses(conn: sqlite3.Connection, program: str) -> list[DoseRecord]:
    """Every dose step kept for `program`, oldest first."""
    rows = conn.execute(
        "SELECT program, routine, exercise_id, side, set_at, hold_ms, reps FROM program_doses "
        "WHERE program = ? ORDER BY set_at",
        (program,),
    ).fetchall()
    return [
        DoseRecord(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), r[5], r[6]) for r in rows
    ]
