"""Provides `evenside remind`: desk mode, a nudge every so often to play a short routine."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

import click

from evenside.playback.options import PlayOptions

if TYPE_CHECKING:
    from evenside.desk.break_plan import BreakPlanner
    from evenside.desk.nudge import Nudger
    from evenside.desk.prompt import BreakPlan
    from evenside.desk.records import BreakLog
    from evenside.desk.schedule import ReminderSchedule
    from evenside.engine.timeline import SideChooser
    from evenside.playback.assembly import SessionAssembly
    from evenside.routine.model import Routine
    from evenside.settings import Settings

DEFAULT_ROUTINE = "desk-break"
EXIT_INTERRUPTED = 130


def _every_ms(every: str | None, default_ms: int) -> int:
    from evenside.routine.durations import DurationError, parse_duration

    if every is None:
        return default_ms
    try:
        return parse_duration(every, allow_zero=False)
    except DurationError as error:
        raise click.BadParameter(str(error), param_hint="--every") from None


@click.command()
@click.argument("routine", required=False)
@click.option(
    "--every",
    metavar="DURATION",
    help="Time between breaks, e.g. 55m, 1h, 45m30s (default: the settings file, else 55m).",
)
@click.option(
    "--goal",
    type=click.IntRange(1, 100),
    help="Breaks a day to aim for (default: the settings file, else 8).",
)
@click.option("--plain", is_flag=True, help="No TUI: plain lines and a typed answer.")
@click.option("--mute", is_flag=True, help="No sound at all (no bell, no cues).")
@click.option("--no-voice", is_flag=True, help="Tones only; do not speak the steps.")
def remind(
    routine: str | None,
    every: str | None,
    goal: int | None,
    plain: bool,
    mute: bool,
    no_voice: bool,
) -> None:
    """Desk mode: wait, nudge when a break is due, and play ROUTINE (default desk-break).

    When a break is due it rings, raises a desktop notification where there is
    one, and asks: Enter to start (the side that is behind goes first), s to
    snooze 10 minutes, x to skip. Breaks taken and skipped go into the history.
    """
    from evenside import locations
    from evenside.commands.routine_arg import load_routine_arg
    from evenside.commands.tui_launch import plain_instead, reserve_standard_streams

    reserve_standard_streams()
    from evenside.desk.break_plan import BreakPlanner
    from evenside.desk.nudge import Nudger
    from evenside.desk.records import BreakLog
    from evenside.desk.schedule import ReminderSchedule
    from evenside.history.db import HistoryUnavailable, open_history
    from evenside.settings import SettingsError, load_settings
    from evenside.sync.auto import start_auto_sync

    try:
        settings = load_settings()
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    every_ms = _every_ms(every, settings.desk_interval_ms)
    if routine is None:  # none named: the running program's routine due today, else the default
        from evenside.commands.program_cmd import todays_routine

        routine = todays_routine() or DEFAULT_ROUTINE
    loaded = load_routine_arg(routine, "use")
    plain = plain or plain_instead("remind")
    try:
        conn = open_history(locations.history_path())
    except HistoryUnavailable as error:
        raise click.ClickException(str(error)) from None

    options = PlayOptions(
        mute=mute or settings.mute, no_voice=no_voice or not settings.voice, plain=plain
    )
    log = BreakLog(conn, loaded.name)
    today = log.today()
    schedule = ReminderSchedule(
        every_ms,
        goal=goal or settings.desk_goal,
        taken_today=today.taken,
        skipped_today=today.skipped,
    )
    # The routine's own name ("Desk break"), as the library shows it, not its file's slug.
    planner = BreakPlanner(loaded, loaded.name, lambda: _chooser(conn))
    nudger = Nudger(bell=not options.mute)
    # With [sync] folder set: a sync now and after each break, on a thread of its own.
    auto = start_auto_sync(settings)
    extra = (auto.after_session,) if auto is not None else ()
    try:
        if plain:
            assembly = _assembly(options, settings, lambda message: click.echo(f"! {message}"))
            assembly = replace(assembly, extra=extra)
            code = _run_plain(loaded, schedule, planner, log, nudger, assembly)
        else:
            from evenside.ui.remind_app import remind_tui

            unsaved = remind_tui(
                loaded,
                schedule,
                planner,
                on_skip=lambda plan: log.skipped(),
                on_break_ended=log.break_ended,
                nudger=nudger,
                assembly=replace(_assembly(options, settings), extra=extra),
            )
            for report in unsaved:
                click.echo(f"! {report}", err=True)
            code = 1 if unsaved else 0
    except KeyboardInterrupt:
        click.echo("\nDesk mode stopped.")
        code = EXIT_INTERRUPTED
    finally:
        conn.close()
        sync_failure = auto.finish() if auto is not None else None
        if sync_failure is not None:
            click.echo(f"! {sync_failure}", err=True)
    from evenside.commands.history_cmds import daily_copy

    daily_copy()  # the breaks' sessions are written and their writers closed
    sys.exit(code)


def _chooser(conn: sqlite3.Connection) -> SideChooser:
    """The balance chooser, from the history as it is now."""
    from evenside.balance.chooser import balance_chooser

    return balance_chooser(conn)


def _assembly(
    options: PlayOptions, settings: Settings, notice: Callable[[str], None] | None = None
) -> SessionAssembly:
    """Every break is put together as `evenside play` puts a session: sound, history, trace."""
    from evenside.playback.assembly import SessionAssembly

    return SessionAssembly(options, settings, notice=notice or (lambda message: None))


def _run_plain(
    routine: Routine,
    schedule: ReminderSchedule,
    planner: BreakPlanner,
    log: BreakLog,
    nudger: Nudger,
    assembly: SessionAssembly,
) -> int:
    """The --plain loop: each break played by the plain player, as `evenside play --plain`."""
    from evenside.commands.tui_launch import stdin_fd
    from evenside.plain.desk_loop import PlainReminder
    from evenside.plain.session_flow import PlainSessionFlow

    flow = PlainSessionFlow(assembly, sys.stdout, sys.stderr, stdin_fd())

    def play(plan: BreakPlan) -> bool:
        began = datetime.now().astimezone()
        flow.play(routine, choose=planner.chooser)
        return log.break_ended(began)

    # A closed stdin (`<&-`) reads as an empty one: no one can answer, so the reminder ends.
    with open(os.devnull) if sys.stdin is None else contextlib.nullcontext(sys.stdin) as inp:
        reminder = PlainReminder(
            schedule=schedule,
            plan=planner.plan,
            play=play,
            on_skip=lambda plan: log.skipped(),
            nudger=nudger,
            inp=inp,
        )
        return reminder.run()
