"""Provides the TUI's entry points for the command line: play one routine, or open the library."""

from __future__ import annotations

from collections.abc import Callable

from evenside.engine.session import Session
from evenside.player.options import PlayOptions
from evenside.player.wiring import wire_session
from evenside.routine.model import Routine
from evenside.ui.app import EvensideApp, SessionHook


def session_hook(options: PlayOptions, closers: list[Callable[[], None]]) -> SessionHook:
    """Wires each session the TUI plays (sound, history, trace) as the command line asked.

    Each setup's `close` goes into `closers` too, so it runs even if the app
    ends abruptly (closing twice is safe).
    """

    def wire(session: Session) -> Callable[[], None]:
        close = wire_session(session, options).close
        closers.append(close)
        return close

    return wire


def _run(app_routine: Routine | None, options: PlayOptions) -> None:
    closers: list[Callable[[], None]] = []
    try:
        EvensideApp(app_routine, session_hooks=[session_hook(options, closers)]).run()
    finally:
        for close in reversed(closers):
            close()


def play_tui(routine: Routine, options: PlayOptions) -> None:
    """Play `routine` in the player; returns after its summary is closed."""
    _run(routine, options)


def open_library() -> None:
    """Open the routine library."""
    _run(None, PlayOptions())
