"""Provides the doors into the TUI for the command line; textual is imported only when one opens.

The TUI needs a terminal on both stdin and stdout: without one (a log file, a
pipe, `TERM=dumb`, a closed stdin) `play` and `remind` fall back to plain lines
and say so, and the library, which has no plain form, says it needs one.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from evenside.playback.options import PlayOptions
    from evenside.routine.model import Routine


def reserve_standard_streams() -> None:
    """Put /dev/null on a closed stdin, stdout or stderr (`<&-`).

    Otherwise the next file opened (the history database) would become fd 0 and be
    read as typed keys, or written to as output.
    """
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)
            if getattr(sys, name) is None and mode == "w":
                setattr(sys, name, open(fd, mode, closefd=False))  # noqa: SIM115 - lives on


def stdin_fd() -> int | None:
    """stdin's descriptor, or None when there is no stdin at all (`<&-`)."""
    try:
        return sys.stdin.fileno() if sys.stdin is not None else None
    except (OSError, ValueError):
        return None


def no_terminal_reason() -> str | None:
    """Why the TUI cannot run here ("stdout is not a terminal"), or None when it can."""
    if sys.stdin is None:
        return "stdin is closed"
    for name, fd in (("stdin", 0), ("stdout", 1)):
        try:
            if not os.isatty(fd):
                return f"{name} is not a terminal"
        except OSError:
            return f"{name} is closed"
    if os.environ.get("TERM", "") == "dumb":
        return "TERM is dumb"
    return None


def plain_instead(command: str) -> bool:
    """True when `command` must play in plain lines for want of a terminal (said on stderr)."""
    reason = no_terminal_reason()
    if reason is None:
        return False
    click.echo(f"evenside {command}: {reason}, so it plays in plain mode (--plain).", err=True)
    return True


def open_library() -> None:
    """Open the routine library (what `evenside` with no command does)."""
    reason = no_terminal_reason()
    if reason is not None:
        raise click.ClickException(
            f"the routine library needs a terminal ({reason}); "
            "`evenside play ROUTINE --plain` plays without one, `evenside list` lists them"
        )
    from evenside.ui.launch import open_library as open_ui_library

    open_ui_library()


def play_tui(routine: Routine, options: PlayOptions) -> None:
    """Play `routine` in the TUI player, then show its summary and return."""
    from evenside.playback.trace import open_private

    if options.trace is not None:
        # Fail with a one-line message here, not inside the full-screen app.
        try:
            open_private(options.trace).close()
        except OSError as error:
            raise click.ClickException(f"cannot write the trace file: {error}") from None

    from evenside.ui.launch import play_tui as play_in_ui

    play_in_ui(routine, options)
