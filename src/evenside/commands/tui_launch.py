"""Provides the doors into the TUI for the command line; textual is imported only when one opens."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from evenside.playback.options import PlayOptions
    from evenside.routine.model import Routine


def open_library() -> None:
    """Open the routine library (what `evenside` with no command does)."""
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
