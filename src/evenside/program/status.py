"""Provides a program's state on a day: what is due and done, the week, the doses, the questions.

`program_status` is what `evenside today`, `evenside program`, the library's
Today section and `remind` read; `take_up`, `stop`, `accept` and `decline` are
the writes (an enrolment, its end, a dose step said yes to, a dose kept on a no).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from evenside.history.checkins import Checkin, checkins_between
from evenside.history.program_records import (
    DoseRecord,
    Enrolment,
    doses,
    new_enrolment_id,
    open_enrolments,
    put_dose,
    put_enrolment,
    running_enrolment,
)
from evenside.history.timestamps import WallClock, to_iso, utc_now
from evenside.history.transaction import transaction
from evenside.program.doses import Dose, line_doses
from evenside.program.enrolled import load_enrolled
from evenside.program.evidence import Evidence, read_evidence
from evenside.program.model import Program
from evenside.program.progression import Suggestion, suggestions
from evenside.program.schedule import due_times, in_program, last_day, week_of


@dataclass(frozen=True)
class Due:
    """One routine of today: how many times it is due and how many are done."""

    key: str
    """The schedule's routine key."""
    name: str
    """The routine's name."""
    path: Path | None
    """The routine's file (what the player loads)."""
    times: int
    """Due today."""
    done: int
    """Done today."""

    @property
    def left(self) -> int:
        """Still to do today."""
        return max(self.times - self.done, 0)


@dataclass(frozen=True)
class ProgramStatus:
    """A running program on a day."""

    program: Program
    """The program."""
    enrolment: Enrolment
    """Its enrolment."""
    day: date
    """The day."""
    week: int
    """The program week of `day`."""
    finished: bool
    """True when `day` is past the program's last week."""
    due: tuple[Due, ...]
    """Today's routines (those due or done today)."""
    doses: dict[str, list[Dose]]
    """The dose now per routine key."""
    suggestions: tuple[Suggestion, ...]
    """Today's questions."""
    evidence: Evidence
    """The sessions and mornings it was read from."""
    kept: tuple[DoseRecord, ...] = ()
    """Every dose step kept for the program, oldest first."""

    def next_due(self) -> Due | None:
        """The first routine with times still to do today."""
        return next((d for d in self.due if d.left > 0), None)


def program_status(conn: sqlite3.Connection, today: date) -> ProgramStatus | None:
    """The program running `today`, or None. ProgramProblem when its file does not load."""
    enrolment = running_enrolment(conn, today)
    if enrolment is None:
        return None
    program = load_enrolled(enrolment)
    return status_of(conn, program, enrolment, today)


def status_of(
    conn: sqlite3.Connection, program: Program, enrolment: Enrolment, today: date
) -> ProgramStatus:
    """`program` (taken up by `enrolment`) on `today`."""
    evidence = read_evidence(conn, program, enrolment, today)
    finished = not in_program(program, enrolment.start_day, today)
    due: list[Due] = []
    for line in program.schedule:
        done_days = evidence.done_days(line.key)
        others = {d: n for d, n in done_days.items() if d != today}
        times = 0 if finished else due_times(line, enrolment.start_day, today, others)
        done = done_days.get(today, 0)
        if times or done:
            due.append(Due(line.key, line.routine.name, line.routine.source, times, done))
    kept = doses(conn, program.key)
    current = {line.key: line_doses(line, kept) for line in program.schedule}
    asked = () if finished else tuple(suggestions(program, enrolment, evidence, current, today))
    return ProgramStatus(
        program=program,
        enrolment=enrolment,
        day=today,
        week=week_of(enrolment.start_day, today),
        finished=finished,
        due=tuple(due),
        doses=current,
        suggestions=asked,
        evidence=evidence,
        kept=tuple(kept),
    )


def take_up(
    conn: sqlite3.Connection, program: Program, start: date, now: WallClock = utc_now
) -> Enrolment:
    """Take `program` up from `start`, ending any open enrolment the day before."""
    assert program.source is not None
    enrolment = Enrolment(
        id=new_enrolment_id(),
        program=program.key,
        name=program.name,
        source=str(program.source),
        start_day=start,
        stop_day=None,
        created_at=to_iso(now()),
    )
    with transaction(conn):
        for earlier in open_enrolments(conn):
            end = max(start - timedelta(days=1), earlier.start_day - timedelta(days=1))
            put_enrolment(conn, _ended(earlier, end))
        put_enrolment(conn, enrolment)
    return enrolment


def _ended(enrolment: Enrolment, end: date) -> Enrolment:
    return Enrolment(
        enrolment.id,
        enrolment.program,
        enrolment.name,
        enrolment.source,
        enrolment.start_day,
        end,
        enrolment.created_at,
    )


def stop(conn: sqlite3.Connection, today: date) -> list[Enrolment]:
    """End every open enrolment now: yesterday is its last day, so nothing is due today
    (one that starts later is ended before it starts). Returns those ended."""
    ended: list[Enrolment] = []
    with transaction(conn):
        for enrolment in open_enrolments(conn):
            end = max(today, enrolment.start_day) - timedelta(days=1)
            put_enrolment(conn, _ended(enrolment, end))
            ended.append(enrolment)
    return ended


def accept(
    conn: sqlite3.Connection, program: Program, suggestion: Suggestion, now: WallClock = utc_now
) -> None:
    """Keep the dose step `suggestion` proposes (a 'see' note changes nothing)."""
    if suggestion.kind == "see" or suggestion.exercise_id is None or suggestion.proposed is None:
        return
    value = suggestion.proposed
    rule = None
    if program.progress is not None:
        rule = program.progress.hold if suggestion.is_hold else program.progress.reps
    if rule is not None and suggestion.kind == "up":
        value = min(value, rule.limit)  # never past the limit, whatever asked
    _keep_dose(conn, program, suggestion, value, now)


def decline(
    conn: sqlite3.Connection, program: Program, suggestion: Suggestion, now: WallClock = utc_now
) -> None:
    """Remember a no to `suggestion`: the dose stays, and its count starts again from now.

    The no is kept as a dose step to the dose it already has, so a step up is asked
    again only after another `every` at that dose (with every condition holding
    again), and a step back only after another session that hurts. Being a dose
    step, it travels to other machines like a yes (a 'see' note keeps nothing).
    """
    if suggestion.kind == "see" or suggestion.exercise_id is None or suggestion.current is None:
        return
    _keep_dose(conn, program, suggestion, suggestion.current, now)


def _keep_dose(
    conn: sqlite3.Connection, program: Program, suggestion: Suggestion, value: int, now: WallClock
) -> None:
    assert suggestion.exercise_id is not None
    with transaction(conn):
        put_dose(
            conn,
            DoseRecord(
                program=program.key,
                routine=suggestion.routine,
                exercise_id=suggestion.exercise_id,
                side=suggestion.side,
                set_at=to_iso(now()),
                hold_ms=value if suggestion.is_hold else None,
                reps=None if suggestion.is_hold else value,
            ),
        )


def today_checkin(conn: sqlite3.Connection, today: date) -> list[Checkin]:
    """The check-in of `today` (empty when not given)."""
    return checkins_between(conn, today, today)


def ends_on(status: ProgramStatus) -> date | None:
    """The program's last day, or None when open-ended."""
    return last_day(status.program, status.enrolment.start_day)
