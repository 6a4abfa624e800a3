"""Provides `evenside program` (use, stop, step, ics) and the program side of `show`.

A program is taken up from a day and runs to its last week (or until `stop`).
`program` shows the running one: the week, this week's adherence, the dose per
exercise and side, and the suggested steps; `program step` asks each at the
prompt. Bad input ends in one line on stderr and exit 1, never a traceback.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from evenside.history.program_records import DoseRecord
    from evenside.program.model import Program
    from evenside.program.status import ProgramStatus


@contextmanager
def history_connection() -> Iterator[sqlite3.Connection]:
    """The user's history, opened for a program command (ClickException when it cannot be)."""
    from evenside.history.db import HistoryUnavailable, open_history
    from evenside.locations import history_path

    try:
        conn = open_history(history_path())
    except HistoryUnavailable as error:
        raise click.ClickException(str(error)) from None
    try:
        yield conn
    except sqlite3.Error as error:
        raise click.ClickException(f"cannot use the history at {history_path()}: {error}") from None
    finally:
        conn.close()


def load_program_or_exit(name_or_path: str) -> Program:
    """Find and load a program, or print every problem and exit 1."""
    from evenside.program.loader import find_program, load_program
    from evenside.routine.diagnostics import RoutineError
    from evenside.routine.finder import RoutineNotFound
    from evenside.terminal_text import safe_text

    try:
        path = find_program(name_or_path)
    except RoutineNotFound as error:
        raise click.ClickException(safe_text(str(error))) from None
    try:
        return load_program(path)
    except RoutineError as error:
        for diagnostic in error.diagnostics:
            click.echo(safe_text(str(diagnostic)), err=True)
        raise click.exceptions.Exit(1) from None


def current_status(conn: sqlite3.Connection, today: date) -> ProgramStatus | None:
    """The running program on `today` (ClickException when its file no longer loads)."""
    from evenside.program.enrolled import ProgramProblem
    from evenside.program.status import program_status
    from evenside.terminal_text import safe_text

    try:
        return program_status(conn, today)
    except ProgramProblem as error:
        raise click.ClickException(
            safe_text(str(error)) + "; 'evenside program stop' ends it"
        ) from None


def _today() -> date:
    from evenside.history.timestamps import local_today

    return local_today()


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a date; write YYYY-MM-DD") from None


@click.group(invoke_without_command=True)
@click.pass_context
def program(ctx: click.Context) -> None:
    """Show the program you are on: the week, what is done, the dose per side, what to step."""
    if ctx.invoked_subcommand is not None:
        return
    with history_connection() as conn:
        status = current_status(conn, _today())
        if status is None:
            click.echo("No program running. 'evenside program use NAME' takes one up.")
            return
        click.echo(status_text(status))
        if status.suggestions and sys.stdin.isatty():
            _ask(conn, status)
        elif status.suggestions:
            click.echo("'evenside program step' asks about each step.")


def status_text(status: ProgramStatus) -> str:
    """The running program in lines: week, due today, adherence, doses, suggestions."""
    from evenside.program.adherence import weeks
    from evenside.program.doses import dose_words
    from evenside.program.status import ends_on
    from evenside.terminal_text import safe_text

    program = status.program
    out = [safe_text(program.name)]
    of = f" of {program.weeks}" if program.weeks else ""
    end = ends_on(status)
    if status.finished:
        out.append(f"Finished on {end}. 'evenside program stop' ends it.")
    else:
        out.append(f"Week {status.week}{of}, from {status.enrolment.start_day}.")
    out.append("Today:")
    for due in status.due:
        out.append(f"  {safe_text(due.name)}: {due.done} of {due.times} done")
    if not status.due:
        out.append("  nothing due")
    kept = list(status.kept)
    rows = weeks(program, status.enrolment.start_day, status.evidence, kept, status.day)
    if rows:
        this = rows[-1]
        out.append(f"This week: {this.done} of {this.due:g} sessions done.")
    out.append("Doses:")
    for line in program.schedule:
        for dose in status.doses.get(line.key, []):
            note = "" if not dose.changed else f" (written {dose_words(dose, dose.written)})"
            out.append(
                f"  {safe_text(line.routine.name)}: {safe_text(dose.exercise)}, {dose.side}: "
                f"{dose_words(dose)}{note}"
            )
    for suggestion in status.suggestions:
        out.append(f"Suggested: {safe_text(suggestion.text)}")
    return "\n".join(out)


def _ask(conn: sqlite3.Connection, status: ProgramStatus) -> None:
    from evenside.program.status import accept, decline
    from evenside.terminal_text import safe_text

    answered = False
    for suggestion in status.suggestions:
        if suggestion.kind == "see":
            click.echo(safe_text(suggestion.text))
            continue
        if click.confirm(safe_text(suggestion.text), default=False):
            accept(conn, status.program, suggestion)
            click.echo("Kept. The routine file stays as written; the player plays the new dose.")
        else:
            # Remembered, so the same question does not come back tomorrow.
            decline(conn, status.program, suggestion)
        answered = True
    if answered:
        _sync_what_was_written()


def _sync_what_was_written() -> None:
    """With `[sync] folder` set, the program records just written travel now; and today's
    copy of the history, once a day."""
    from evenside.commands.history_cmds import daily_copy
    from evenside.sync.auto import sync_in_background

    sync_in_background()
    daily_copy()


@program.command()
def step() -> None:
    """Ask about each suggested step (y/n); a yes keeps the new dose, a no the dose it has."""
    with history_connection() as conn:
        status = current_status(conn, _today())
        if status is None:
            raise click.ClickException("no program running; 'evenside program use NAME'")
        if not status.suggestions:
            click.echo("Nothing to step today.")
            return
        _ask(conn, status)


@program.command()
@click.argument("name")
@click.option("--from", "start", metavar="DATE", help="The first day (YYYY-MM-DD); default today.")
def use(name: str, start: str | None) -> None:
    """Take up the program NAME (a name or a file), from today or --from DATE."""
    from evenside.program.schedule import last_day
    from evenside.program.status import take_up
    from evenside.terminal_text import safe_text

    first = _parse_day(start) if start is not None else _today()
    loaded = load_program_or_exit(name)
    with history_connection() as conn:
        take_up(conn, loaded, first)
    end = last_day(loaded, first)
    until = f" to {end} ({loaded.weeks} weeks)" if end is not None else " (open-ended)"
    click.echo(f"Taken up: {safe_text(loaded.name)}, from {first}{until}.")
    click.echo("'evenside today' shows what is due; 'evenside program' how it goes.")
    _sync_what_was_written()


@program.command("stop")
def stop_command() -> None:
    """End the program you are on (nothing is due from today); the history keeps it."""
    from evenside.program.status import stop
    from evenside.terminal_text import safe_text

    with history_connection() as conn:
        ended = stop(conn, _today())
    if not ended:
        click.echo("No program running.")
        return
    for enrolment in ended:
        click.echo(f"Stopped: {safe_text(enrolment.name)}.")
    _sync_what_was_written()


@program.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the calendar to this file (readable by you alone) instead of stdout.",
)
def ics(output: Path | None) -> None:
    """The running program's schedule as an iCalendar file (one repeating event per routine)."""
    from evenside.history.export import private_output
    from evenside.history.timestamps import to_iso, utc_now
    from evenside.locations import ProtectedPath
    from evenside.program.ics import program_calendar

    with history_connection() as conn:
        status = current_status(conn, _today())
    if status is None:
        raise click.ClickException("no program running; 'evenside program use NAME'")
    text = program_calendar(status.program, status.enrolment.start_day, to_iso(utc_now()))
    if output is None:
        click.echo(text.decode("utf-8"), nl=False)
        return
    try:
        with private_output(output) as handle:
            handle.write(text.decode("utf-8"))
    except ProtectedPath as error:
        raise click.ClickException(f"will not write the calendar there: {error}") from None
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror or error}") from None
    click.echo(str(output))


def show_program_if_one(name: str, output: str) -> bool:
    """For `evenside show`: print the program NAME (week plan and doses) and say True, or
    say False when NAME is not a program (show then treats it as a routine)."""
    from evenside.program.loader import find_program
    from evenside.routine.finder import RoutineNotFound

    try:
        find_program(name)
    except RoutineNotFound:
        return False
    loaded = load_program_or_exit(name)
    plan = week_plan(loaded)
    if output == "json":
        import json

        click.echo(json.dumps(plan, indent=2, ensure_ascii=False))
    else:
        click.echo(plan_text(plan))
    return True


def week_plan(loaded: Program) -> dict[str, object]:
    """A program's plan: its routines, their days and times, and each dose now."""
    from evenside.program.doses import dose_words, line_doses

    kept = _kept_doses(loaded)
    return {
        "name": loaded.name,
        "weeks": loaded.weeks,
        "schedule": [
            {
                "routine": line.routine.name,
                "days": line.days.describe(),
                "times": line.times,
                "doses": [
                    {
                        "exercise": d.exercise,
                        "side": d.side,
                        "dose": dose_words(d),
                        "written": dose_words(d, d.written),
                    }
                    for d in line_doses(line, kept)
                ],
            }
            for line in loaded.schedule
        ],
    }


def _kept_doses(loaded: Program) -> list[DoseRecord]:
    """The dose steps kept for `loaded` (none when there is no history yet: none is made)."""
    from evenside.history.db import HistoryUnavailable, open_history
    from evenside.history.program_records import doses
    from evenside.locations import history_path

    where = history_path()
    if not where.exists():
        return []
    try:
        conn = open_history(where)
    except HistoryUnavailable:
        return []
    try:
        return list(doses(conn, loaded.key))
    except sqlite3.Error:
        return []
    finally:
        conn.close()


def plan_text(plan: dict[str, object]) -> str:
    """The plan of `week_plan` in lines."""
    from evenside.terminal_text import safe_text

    weeks = plan["weeks"]
    out = [f"{safe_text(str(plan['name']))}: " + (f"{weeks} weeks" if weeks else "open-ended")]
    schedule = plan["schedule"]
    assert isinstance(schedule, list)
    for line in schedule:
        times = "" if line["times"] == 1 else f", {line['times']} times a day"
        out.append(f"  {safe_text(line['routine'])}: {line['days']}{times}")
        for dose in line["doses"]:
            written = "" if dose["dose"] == dose["written"] else f" (written {dose['written']})"
            out.append(
                f"    {safe_text(dose['exercise'])}, {dose['side']}: {dose['dose']}{written}"
            )
    return "\n".join(out)


def todays_routine() -> str | None:
    """The file of the running program's next routine due today (the first due, once all
    are done), or None: no program, nothing due, or a history or program that cannot be read."""
    from evenside.history.db import HistoryUnavailable, open_history
    from evenside.locations import history_path
    from evenside.program.enrolled import ProgramProblem
    from evenside.program.status import program_status

    where = history_path()
    if not where.exists():
        return None
    try:
        conn = open_history(where)
    except HistoryUnavailable:
        return None
    try:
        status = program_status(conn, _today())
    except (ProgramProblem, sqlite3.Error, OSError):
        return None
    finally:
        conn.close()
    if status is None or not status.due:
        return None
    due = status.next_due() or status.due[0]
    return str(due.path) if due.path is not None else None
