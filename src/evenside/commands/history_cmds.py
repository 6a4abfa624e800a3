"""Provides `evenside history` (export, import, the history screen) and `evenside balance`.

Neither imports Textual: only `evenside history` without `--format` opens the
history screen, and that import happens inside the command.
"""

from __future__ import annotations

import importlib
import io
import sqlite3
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

import click

if TYPE_CHECKING:
    from evenside.balance.tracker import BalanceReport, ExerciseBalance
    from evenside.history.side_work import SideWork
    from evenside.history.store import HistoryStore

# The balance tracker is imported only when `balance` runs, so `history --format csv`
# does not pay for it; tests check this stays equal to balance.tracker.DEFAULT_DAYS.
BALANCE_DAYS = 7


def _connect() -> sqlite3.Connection:
    """Open the user's history and close sessions whose process died as interrupted."""
    from evenside.history.db import HistoryUnavailable, open_history
    from evenside.history.store import HistoryStore
    from evenside.locations import history_path

    try:
        conn = open_history(history_path())
    except HistoryUnavailable as error:
        raise click.ClickException(str(error)) from None
    try:
        HistoryStore(conn).mark_interrupted()
    except sqlite3.Error as error:
        conn.close()
        raise click.ClickException(
            f"cannot write the history at {history_path()}: {error}{_pointer(error)}"
        ) from None
    return conn


def _pointer(error: sqlite3.Error) -> str:
    """For a history found damaged once opened: "; " and the way back to a copy."""
    from evenside.history.db import damage_pointer, is_damage
    from evenside.locations import history_path

    pointer = damage_pointer(history_path(), error) if is_damage(error) else None
    return f"; {pointer}" if pointer else ""


@click.group(invoke_without_command=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    help="Print the whole history as CSV (one row per interval) or JSON (for import).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help=(
        "Write the export to this file instead of stdout: replaced only once the export is "
        "complete, readable by you alone (never the history itself)."
    ),
)
@click.pass_context
def history(ctx: click.Context, fmt: str | None, output: Path | None) -> None:
    """Show your history, or export it with --format csv|json."""
    if ctx.invoked_subcommand is not None:
        return
    if fmt is None:
        if output is not None:
            raise click.UsageError("--output needs --format csv or json")
        _open_history_screen()
        return
    from evenside.history.export import write_csv, write_json

    write = write_csv if fmt == "csv" else write_json
    if output is not None:
        _refuse_protected(output)
    with closing(_connect()) as conn:
        _export(conn, write, output)


def _refuse_protected(output: Path) -> None:
    """Stop before anything is opened when `output` is the history or a file beside it."""
    from evenside.locations import ProtectedPath, refuse_protected

    try:
        refuse_protected(output)
    except ProtectedPath as error:
        raise click.ClickException(f"will not write the export there: {error}") from None


def _export(
    conn: sqlite3.Connection,
    write: Callable[[HistoryStore, TextIO], int],
    output: Path | None,
) -> None:
    """Write the export to `output` all or nothing (or to stdout); one line if it fails."""
    from evenside.history.export import private_output
    from evenside.history.store import HistoryStore

    store = HistoryStore(conn)
    kept = ""
    if output is not None:
        kept = f" ({output} is left as it was)" if output.exists() else " (nothing written)"
    try:
        if output is None:
            # At a terminal, names from the history (an import's, too) cannot send escapes.
            out = TerminalSafeWriter(sys.stdout) if sys.stdout.isatty() else sys.stdout
            write(store, cast(TextIO, out))
            sys.stdout.flush()
        else:
            with private_output(output) as file:
                write(store, file)
    except BrokenPipeError:
        raise  # the reader left (`| head`): click exits 1 quietly, as a pipe's writer should
    except sqlite3.Error as error:
        # A corrupt page met half way: the history opened, but cannot be read to the end.
        raise click.ClickException(
            f"cannot read the history: {error}{kept}{_pointer(error)}"
        ) from None
    except OSError as error:
        where = "the export" if output is None else str(output)
        raise click.ClickException(
            f"cannot write {where}: {error.strerror or error}{kept}"
        ) from None


class TerminalSafeWriter(io.TextIOBase):
    """Writes to a terminal with every control character shown, not sent (CSV's "\r\n"
    line ends and JSON's newlines pass)."""

    def __init__(self, terminal: TextIO) -> None:
        self.terminal = terminal

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        from evenside.terminal_text import safe_text

        lines = text.split("\r\n")
        self.terminal.write("\r\n".join(safe_text(part, keep_newlines=True) for part in lines))
        return len(text)

    def flush(self) -> None:
        self.terminal.flush()


# Where the UI provides `history_tui`; imported by name at run time, since it pulls in Textual.
HISTORY_SCREEN_MODULES = ("evenside.ui.launch", "evenside.ui.history_app")


def _open_history_screen() -> None:
    from evenside.commands.tui_launch import no_terminal_reason

    reason = no_terminal_reason()
    if reason is not None:
        raise click.ClickException(
            f"the history screen needs a terminal ({reason}); "
            "`evenside history --format csv` or `--format json` prints it instead"
        )
    for module_name in HISTORY_SCREEN_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        history_tui = getattr(module, "history_tui", None)
        if history_tui is not None:
            history_tui()
            return
    click.echo(
        "The history screen is not available in this build; "
        "use `evenside history --format csv` or `--format json`.",
        err=True,
    )
    sys.exit(2)


@history.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Merge a JSON export (a backup, another computer) into your history, without duplicates.

    Every record is checked first; if any is wrong nothing is imported.
    """
    from evenside.history.importer import HistoryImportError, import_history
    from evenside.history.store import HistoryStore

    with closing(_connect()) as conn:
        try:
            result = import_history(HistoryStore(conn), file)
        except HistoryImportError as error:
            problems = error.problems
        except (sqlite3.Error, OSError) as error:
            # A full disk or a lock held past the busy timeout: the transaction rolled back.
            problems = [f"cannot write the history: {error}"]
        else:
            problems = []
        if problems:
            for problem in problems:
                click.echo(f"error: {problem}", err=True)
            click.echo(f"{file}: nothing imported", err=True)
            sys.exit(1)
    click.echo(
        f"imported {result.added_sessions} sessions ({result.added_intervals} intervals); "
        f"{result.skipped_sessions} already in your history"
    )
    daily_copy()


def daily_copy() -> None:
    """Today's copy of the history, after a command that wrote it; one line if none was made
    (the command has done its work all the same)."""
    from evenside.history.backups import daily_copy as make_daily_copy
    from evenside.locations import history_path

    problem = make_daily_copy(history_path())
    if problem is not None:
        click.echo(f"note: {problem}", err=True)


@history.command("restore")
@click.argument("copy", required=False)
@click.option("--list", "list_only", is_flag=True, help="List the copies: day, size, sessions.")
@click.option("--force", is_flag=True, help="Replace a history that is sound without asking.")
def restore_command(copy: str | None, list_only: bool, force: bool) -> None:
    """Put back a daily copy (the newest good one, or COPY: a day or a file), then merge back
    what the damaged file and the sync folder still hold.

    The file it replaces is kept beside it as history.sqlite3.damaged-<time>.
    """
    from evenside.commands.history_restore import list_copies, restore

    if list_only:
        if copy is not None:
            raise click.UsageError("--list takes no COPY")
        list_copies()
        return
    restore(copy, force)


def _side_cell(work: SideWork) -> str:
    from evenside.wording import length_done, reps_words

    # Time done, rounded down as everywhere ("49 s", "2 min 5 s"), never "49.792 s".
    held = round(work.seconds * 1000)
    amount = length_done(held) if work.seconds or not work.reps else reps_words(work.reps)
    sets = f"{work.sets} set" + ("" if work.sets == 1 else "s")
    return f"{sets}, {amount}, {round(work.ratio * 100)}%"


def _flag(exercise: ExerciseBalance) -> str:
    return f"{exercise.neglected} neglected" if exercise.neglected else ""


def format_report(report: BalanceReport) -> str:
    """The text table of `evenside balance`: left | right per exercise, flags, owed sides."""
    from evenside.terminal_text import safe_text

    # A rolling window, not the calendar week: "this week" would say Monday on.
    window = "the last day" if report.days == 1 else f"the last {report.days} days"
    lines = [f"Balance over {window} (work done against what was prescribed, per side)", ""]
    if not report.exercises:
        lines.append("No exercises with a side in this period.")
    else:
        rows = [("exercise", "left", "right", "")]
        rows += [
            (safe_text(e.name), _side_cell(e.left), _side_cell(e.right), _flag(e))
            for e in report.exercises
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for name, left, right, flag in rows:
            line = f"{name:<{widths[0]}}  {left:>{widths[1]}} | {right:<{widths[2]}}  {flag}"
            lines.append(line.rstrip())
    if report.owed:
        from evenside.history.timestamps import from_iso

        lines.append("")
        for owed in report.owed:
            day = from_iso(owed.since).date().isoformat()
            lines.append(f"owed: {safe_text(owed.exercise)}, {owed.side} side (since {day})")
    return "\n".join(lines)


@click.command()
@click.option(
    "--days",
    type=click.IntRange(1, 36_500),
    default=BALANCE_DAYS,
    show_default=True,
    help="How many days back to count.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A table, or JSON for scripts.",
)
def balance(days: int, fmt: str) -> None:
    """Left | right per exercise over the last days, with neglected and owed sides."""
    from evenside.balance.tracker import balance_report

    with closing(_connect()) as conn:
        report = balance_report(conn, days)
    if fmt == "json":
        import json

        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report))
