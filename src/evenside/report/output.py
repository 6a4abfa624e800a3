"""Provides the report written to a file: read from history, rendered, and saved 0600 whole or not
at all, with one line saying why when it cannot be.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from evenside.history.export import private_output
from evenside.locations import ProtectedPath
from evenside.report.numbers import gather_report
from evenside.report.page import render_report
from evenside.report.period import DEFAULT_DAYS, ReportPeriod
from evenside.report.program_weeks import program_adherence
from evenside.report.schedule import ProgramAdherence


class ReportError(Exception):
    """The report could not be made or saved (one line: why; nothing half-written is left)."""


def default_name(today: date) -> str:
    """The file name a report gets unless one is given."""
    return f"evenside-report-{today.isoformat()}.html"


def write_report(
    conn: sqlite3.Connection,
    output: Path,
    period: ReportPeriod,
    *,
    now: datetime,
    program: ProgramAdherence | None = None,
    red_flags: Mapping[str, Sequence[str]] | None = None,
) -> Path:
    """Read, render and save the report for `period` to `output`; return where it went.

    The whole page is made before the file is touched, and the file is
    replaced only when completely written (0600): an unreadable history, a
    full disk or a folder that refuses it raise `ReportError` and leave
    whatever was at `output` as it was. Without `program`, the program followed in
    the period (if any) is read from the history.
    """
    try:
        if program is None:
            program = program_adherence(conn, period)
        numbers = gather_report(conn, period, now=now, program=program, red_flags=red_flags)
    except sqlite3.Error as error:
        raise ReportError(f"cannot read the history: {error}") from None
    page = render_report(numbers)
    kept = f" ({output} is left as it was)" if output.exists() else " (nothing written)"
    try:
        with private_output(output) as file:
            file.write(page)
    except ProtectedPath as error:
        raise ReportError(f"will not write the report there: {error}") from None
    except OSError as error:
        raise ReportError(f"cannot write {output}: {error.strerror or error}{kept}") from None
    return output


def write_default_report(
    conn: sqlite3.Connection,
    folder: Path | None = None,
    *,
    now: datetime,
    program: ProgramAdherence | None = None,
) -> Path:
    """The last six weeks' report, with the red flags of the routines played, saved in `folder`
    (the current one by default) under its default name (the history screen's key);
    `ReportError` when it cannot be."""
    from evenside.report.red_flags import routines_red_flags

    today = now.date()
    if folder is None:
        try:
            folder = Path.cwd()
        except OSError as error:  # the folder was deleted under us
            raise ReportError(f"cannot write here: {error.strerror or error}") from None
    try:
        names = [row[0] for row in conn.execute("SELECT DISTINCT routine FROM sessions")]
    except sqlite3.Error as error:
        raise ReportError(f"cannot read the history: {error}") from None
    return write_report(
        conn,
        folder / default_name(today),
        ReportPeriod.last_days(today, DEFAULT_DAYS),
        now=now,
        program=program,
        red_flags=routines_red_flags(names),
    )
