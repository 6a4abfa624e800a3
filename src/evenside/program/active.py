"""Provides the running program's doses put into a routine about to be played.

The player asks `dosed_routine` before a session is assembled: when the
routine is one of the running program's, it plays the doses stepped to (the
file is not rewritten). Nothing here ever stops a routine from playing: a
history or program that cannot be read leaves the routine as written.

It runs before the player's first frame, so it first asks the history file
alone (read-only, the standard library only) whether a program runs today,
and loads the history and program modules only when one does.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from evenside.locations import history_path
from evenside.routine.model import Routine

if TYPE_CHECKING:
    from evenside.program.doses import Dose
    from evenside.program.model import Program

_RUNNING_SQL = (
    "SELECT 1 FROM program_enrolments WHERE start_day <= ? "
    "AND (stop_day IS NULL OR stop_day >= ?) LIMIT 1"
)


def program_runs(where: Path, today: date) -> bool:
    """Whether the history at `where` has a program running on `today` (False when it
    cannot be read, or has no program tables yet)."""
    try:
        conn = sqlite3.connect(f"{where.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
    except (sqlite3.Error, OSError, ValueError):
        return False
    try:
        day = today.isoformat()
        return conn.execute(_RUNNING_SQL, (day, day)).fetchone() is not None
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _changed(
    routine: Routine, history: Path | None, today: date | None
) -> tuple[Program, list[Dose]] | None:
    if routine.source is None:
        return None  # made in memory (owed sides): no program names it
    where = history or history_path()
    day = today or date.today()  # the local date, as every program day is
    if not where.exists() or not program_runs(where, day):
        return None  # the common case: no program; nothing more is loaded
    from evenside.history.db import HistoryUnavailable, open_history
    from evenside.history.program_records import doses, running_enrolment
    from evenside.program.doses import line_doses
    from evenside.program.enrolled import ProgramProblem, load_enrolled
    from evenside.program.schedule import in_program

    try:
        conn = open_history(where)
    except HistoryUnavailable:
        return None
    try:
        enrolment = running_enrolment(conn, day)
        if enrolment is None:
            return None
        program = load_enrolled(enrolment)
        if not in_program(program, enrolment.start_day, day, enrolment.stop_day):
            return None  # its last week is over: the routines play as written again
        line = next((x for x in program.schedule if x.routine.source == routine.source), None)
        if line is None:
            return None
        return program, line_doses(line, doses(conn, program.key))
    except (ProgramProblem, sqlite3.Error, OSError):
        return None
    finally:
        conn.close()


def dosed_routine(
    routine: Routine, history: Path | None = None, today: date | None = None
) -> Routine:
    """`routine` with the running program's doses (unchanged when it is not the program's)."""
    found = _changed(routine, history, today)
    if found is None:
        return routine
    from evenside.program.doses import apply_doses

    program, line_dose = found
    return apply_doses(routine, line_dose, program)


def dose_note(
    routine: Routine, history: Path | None = None, today: date | None = None
) -> str | None:
    """One line saying which doses were played as the program stepped them, or None."""
    found = _changed(routine, history, today)
    if found is None:
        return None
    from evenside.program.doses import dose_words

    changed = [d for d in found[1] if d.changed]
    if not changed:
        return None
    words = ", ".join(f"{d.exercise} {d.side} {dose_words(d)}" for d in changed)
    return f"Played at your program's dose: {words}."
