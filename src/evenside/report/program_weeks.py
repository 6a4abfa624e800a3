"""Provides the report's program section from the history: sessions due and done per week.

The program followed in the report's period is the latest enrolment that
overlaps it. Its weeks start on the day it was taken up, while the report's
weeks start on Mondays, so each Monday week is counted afresh: what the
schedule asked for on the days of that week that were inside both the period
and the program ("3 per week" in proportion to a week cut short), and what was
done on them, at most `times` a day, as `evenside program` counts it.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from evenside.history.program_records import Enrolment, enrolments
from evenside.program.enrolled import ProgramProblem, load_enrolled
from evenside.program.evidence import read_evidence
from evenside.program.schedule import done_between, due_between, last_day
from evenside.report.period import ReportPeriod
from evenside.report.schedule import ProgramAdherence, WeekDue


def _overlapping(conn: sqlite3.Connection, period: ReportPeriod) -> Enrolment | None:
    found = [
        e
        for e in enrolments(conn)
        if e.start_day <= period.last and (e.stop_day is None or e.stop_day >= period.first)
    ]
    return max(found, key=lambda e: (e.start_day, e.created_at)) if found else None


def program_adherence(conn: sqlite3.Connection, period: ReportPeriod) -> ProgramAdherence | None:
    """The program followed in `period`, week by week; None when none was, or when its
    file can no longer be read (the report then leaves the section out)."""
    enrolment = _overlapping(conn, period)
    if enrolment is None:
        return None
    try:
        program = load_enrolled(enrolment)
    except ProgramProblem:
        return None
    start = enrolment.start_day
    ends = [d for d in (last_day(program, start), enrolment.stop_day, period.last) if d]
    end = min(ends)
    evidence = read_evidence(conn, program, enrolment, end)
    weeks: dict[date, WeekDue] = {}
    for monday in period.mondays():
        first = max(monday, period.first, start)
        last = min(monday + timedelta(days=6), end)
        if last < first:
            continue  # the program did not cover this week: the report says so
        due = sum(due_between(line, start, first, last) for line in program.schedule)
        done = sum(
            done_between(line, evidence.done_days(line.key), first, last)
            for line in program.schedule
        )
        weeks[monday] = WeekDue(due=round(due), done=done)
    return ProgramAdherence(program=program.name, weeks=weeks)
