"""Provides `evenside play ROUTINE`: the TUI player, or plain lines with `--plain`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from evenside.playback.options import PlayOptions

if TYPE_CHECKING:
    from evenside.routine.model import Routine

EXIT_INTERRUPTED = 130


@click.command()
@click.argument("routine")
@click.option("--plain", is_flag=True, help="No TUI: one readable line per event.")
@click.option("--mute", is_flag=True, help="No sound at all.")
@click.option("--no-voice", is_flag=True, help="Tones only; do not speak the steps.")
@click.option(
    "--trace",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write every event with its planned and actual time to FILE as JSON lines.",
)
@click.option(
    "--rate", is_flag=True, help="With --plain: ask for pain per side (0-10) before and after."
)
@click.option(
    "--no-history", is_flag=True, help="Play without recording (when the history cannot be used)."
)
@click.option(
    "--pan", is_flag=True, help="Left-side cues in the left ear, right-side in the right."
)
def play(
    routine: str,
    plain: bool,
    mute: bool,
    no_voice: bool,
    trace: Path | None,
    rate: bool,
    no_history: bool,
    pan: bool,
) -> None:
    """Play ROUTINE (a name from `evenside list`, or a path to a routine file).

    Without a terminal (stdin or stdout redirected, TERM=dumb) it plays in plain lines.
    """
    from evenside.commands.routine_arg import load_routine_arg
    from evenside.commands.tui_launch import plain_instead, reserve_standard_streams

    reserve_standard_streams()
    loaded = load_routine_arg(routine)
    if trace is not None:
        from evenside.locations import ProtectedPath, refuse_protected

        try:
            refuse_protected(trace, playing=loaded.source)
        except ProtectedPath as error:
            raise click.ClickException(f"will not write the trace there: {error}") from None
    options = PlayOptions(
        mute=mute,
        no_voice=no_voice,
        trace=trace,
        plain=plain,
        rate=rate,
        record=not no_history,
        pan=pan,
    )
    from evenside.history.db import HistoryUnavailable
    from evenside.playback.assembly import SessionAssembly

    try:
        # A history that cannot be used is one line, before the screen or the lines begin.
        SessionAssembly(options).check_history()
    except HistoryUnavailable as error:
        raise click.ClickException(history_advice(error)) from None
    if not plain and not plain_instead("play"):
        from evenside.commands.tui_launch import play_tui

        play_tui(loaded, options)
        return

    sys.exit(_play_plain(loaded, options))


def _play_plain(loaded: Routine, options: PlayOptions) -> int:
    """`--plain`: the session as lines on stdout, with the same keys, sound, history and
    balance as the TUI, and its summary, owed sides and pain questions after."""
    from evenside.commands.tui_launch import stdin_fd
    from evenside.history.backups import daily_copy
    from evenside.history.db import HistoryUnavailable
    from evenside.locations import history_path
    from evenside.plain.session_flow import PlainSessionFlow
    from evenside.playback.assembly import SessionAssembly
    from evenside.settings import SettingsError, load_settings
    from evenside.sync.auto import start_auto_sync

    def notice(message: str) -> None:
        click.echo(f"! {message}")

    try:
        settings = load_settings()
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    # With [sync] folder set: a sync now and after the session, on a thread of its own.
    auto = start_auto_sync(settings) if options.record else None
    extra = (auto.after_session,) if auto is not None else ()
    assembly = SessionAssembly(options, settings, notice=notice, extra=extra)
    flow = PlainSessionFlow(assembly, sys.stdout, sys.stderr, stdin_fd(), rate=options.rate)
    try:
        code = flow.play(loaded)
    except HistoryUnavailable as error:
        raise click.ClickException(history_advice(error)) from None
    except OSError as error:
        raise click.ClickException(f"cannot write the trace file: {error}") from None
    except KeyboardInterrupt:
        # ctrl-c outside the session's own loop (at a question before or after it).
        code = EXIT_INTERRUPTED
    finally:
        sync_failure = auto.finish() if auto is not None else None
        if sync_failure is not None:
            click.echo(f"! {sync_failure}", err=True)
    if options.record:
        # Once a day, after the session and its writer have closed: today's copy.
        backup_problem = daily_copy(assembly.history or history_path())
        if backup_problem is not None:
            click.echo(f"! {backup_problem}", err=True)
    _quiet_if_stdout_closed()
    return code


def history_advice(error: Exception) -> str:
    """The one line for a history that cannot be used: why, and what to do."""
    return (
        f"{error}. The file is left as it is; `evenside locate history` shows where it is, "
        "and --no-history plays without recording."
    )


def _quiet_if_stdout_closed() -> None:
    """When stdout's reader went away (`| head`), point stdout at /dev/null.

    Otherwise Python's final flush at exit prints a BrokenPipeError of its own.
    """
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
