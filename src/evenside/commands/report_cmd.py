"""Provides `evenside report`: the private HTML report for a physiotherapist, written to a file.

No Textual: the report is read from history and written as one file, and a
fault (an unusable history, a folder that refuses the file, a full disk) is
one line and exit status 1, with nothing half-written left behind.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import click

DEFAULT_DAYS = 42
"""Six weeks; tests check it stays equal to report.period.DEFAULT_DAYS."""


def _connect() -> sqlite3.Connection:
    """The user's history, opened (one line when it cannot be)."""
    from evenside.history.db import HistoryUnavailable, open_history
    from evenside.locations import history_path

    try:
        return open_history(history_path())
    except HistoryUnavailable as error:
        raise click.ClickException(str(error)) from None


@click.command()
@click.option(
    "--days",
    type=click.IntRange(1, 36_500),
    default=None,
    help=f"Cover the last N days, today included (default {DEFAULT_DAYS}).",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Cover the days from DATE (YYYY-MM-DD) to today.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write it (default: evenside-report-YYYY-MM-DD.html here).",
)
def report(days: int | None, since: datetime | None, output: Path | None) -> None:
    """Write a report for your physiotherapist: one private HTML file that prints on two pages.

    Adherence, the dose on each side against what was prescribed, pain per side
    before, after and the next morning, what helps, care notes and red flags.
    """
    from evenside.report.output import ReportError, default_name, write_report
    from evenside.report.period import PeriodError, ReportPeriod
    from evenside.report.red_flags import routines_red_flags

    if days is not None and since is not None:
        raise click.UsageError("give --days or --since, not both")
    now = datetime.now().astimezone()
    today = now.date()
    try:
        if since is not None:
            period = ReportPeriod.since(today, date(since.year, since.month, since.day))
        else:
            period = ReportPeriod.last_days(today, days or DEFAULT_DAYS)
    except PeriodError as error:
        raise click.BadParameter(str(error), param_hint="--since") from None
    target = output if output is not None else Path.cwd() / default_name(today)
    with closing(_connect()) as conn:
        try:
            names = [row[0] for row in conn.execute("SELECT DISTINCT routine FROM sessions")]
            written = write_report(
                conn, target, period, now=now, red_flags=routines_red_flags(names)
            )
        except sqlite3.Error as error:
            raise click.ClickException(f"cannot read the history: {error}") from None
        except ReportError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"Report for {period.first} to {period.last} written to {written}")
