"""Provides the running program's doses put into a routine about to be played.

The player asks `dosed_routine` before a session is assembled: when the
routine is one of the running program's, it plays the doses stepped to (the
file is not rewritten). Nothing here ever stops a routine from playing: a
history or program that cannot be read leaves the routine as written.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from evenside.history.db import HistoryUnavailable, open_history
from evenside.history.program_records import doses, running_enrolment
from evenside.locations import history_path
from evenside.program.doses import Dose, apply_doses, dose_words, line_doses
from evenside.program.enrolled import ProgramProblem, load_enrolled, local_today
from evenside.program.model import Program, ScheduleLine
from evenside.routine.model import Routine


def _line(program: Program, routine: Routine) -> ScheduleLine | None:
    for line in program.schedule:
        if routine.source is not None and line.routine.source == routine.source:
            return line
    return None


def _changed(
    routine: Routine, history: Path | None, today: date | None
) -> tuple[Program, list[Dose]] | None:
    where = history or history_path()
    if not where.exists():
        return None  # no history: no program was ever taken up (and none is made here)
    try:
        conn = open_history(where)
    except HistoryUnavailable:
        return None
    try:
        enrolment = running_enrolment(conn, today or local_today())
        if enrolment is None:
            return None
        program = load_enrolled(enrolment)
        line = _line(program, routine)
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
    program, line_dose = found
    return apply_doses(routine, line_dose, program)


def dose_note(
    routine: Routine, history: Path | None = None, today: date | None = None
) -> str | None:
    """One line saying which doses were played as the program stepped them, or None."""
    found = _changed(routine, history, today)
    if found is None:
        return None
    changed = [d for d in found[1] if d.changed]
    if not changed:
        return None
    words = ", ".join(f"{d.exercise} {d.side} {dose_words(d)}" for d in changed)
    return f"Played at your program's dose: {words}."
