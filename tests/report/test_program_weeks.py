"""Tests the report's program section read from the history: due and done per Monday week."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from evenside.report.output import write_report
from evenside.report.period import ReportPeriod
from evenside.report.program_weeks import program_adherence
from evenside.report.schedule import WeekDue
from tests.support.program_fixtures import sim, utc_local_time
from tests.support.program_sim import START, ProgramSim, day_of

__all__ = ["sim", "utc_local_time"]  # fixtures used here

# Stretch twice a day every day, strength Mon/Wed/Fri: 14 + 3 sessions due a week.
DUE_A_WEEK = 17


def test_each_monday_week_counts_what_the_program_asked_and_what_was_done(
    sim: ProgramSim,
) -> None:
    for week in (1, 2, 3):
        for weekday in range(7):
            day = day_of(week, weekday)
            if week == 3 and weekday == 2:
                continue  # Wednesday of week 3 missed: 2 stretches and the strength
            sim.day(day)
    sunday = day_of(3, 6)
    # Four weeks back: the week before the program is not in it, and says so.
    period = ReportPeriod.last_days(sunday, 28)
    found = program_adherence(sim.store.conn, period)
    assert found is not None and found.program == "Test rehab"
    assert dict(found.weeks) == {
        START: WeekDue(DUE_A_WEEK, DUE_A_WEEK),
        START + timedelta(days=7): WeekDue(DUE_A_WEEK, DUE_A_WEEK),
        START + timedelta(days=14): WeekDue(DUE_A_WEEK, DUE_A_WEEK - 3),
    }


def test_a_report_of_a_history_with_a_program_shows_the_program_columns(
    sim: ProgramSim, tmp_path: Path
) -> None:
    for weekday in range(3):
        sim.day(day_of(1, weekday))
    today = day_of(1, 2)
    output = tmp_path / "report.html"
    now = datetime(today.year, today.month, today.day, 18, tzinfo=UTC)
    write_report(sim.store.conn, output, ReportPeriod.last_days(today, 14), now=now)
    page = output.read_text(encoding="utf-8")
    assert "Test rehab" in page and "Done of due" in page
    # Mon-Wed of week 1: 6 stretches and 2 strength sessions, all done.
    assert ">8 of 8<" in page
    assert "not in the program" in page  # the week before it was taken up
    assert oct(os.stat(output).st_mode & 0o777) == "0o600"


def test_without_a_program_the_report_has_no_program_section(tmp_path: Path) -> None:
    from evenside.history.db import open_database

    conn = open_database(tmp_path / "history.sqlite3")
    today = START
    assert program_adherence(conn, ReportPeriod.last_days(today, 42)) is None
    output = tmp_path / "report.html"
    now = datetime(today.year, today.month, today.day, 18, tzinfo=UTC)
    write_report(conn, output, ReportPeriod.last_days(today, 42), now=now)
    assert "Done of due" not in output.read_text(encoding="utf-8")
    conn.close()


def test_a_program_whose_file_is_gone_leaves_the_section_out(sim: ProgramSim) -> None:
    sim.day(START)
    sim.path.unlink()
    assert program_adherence(sim.store.conn, ReportPeriod.last_days(START, 7)) is None
