"""Provides the TUI's entry points for the command line: play one routine, or open the library."""

from __future__ import annotations

from collections.abc import Callable

from evenside.engine.session import Session
from evenside.player.options import PlayOptions
from evenside.player.wiring import wire_session
from evenside.routine.model import Routine
from evenside.ui.app import EvensideApp, SessionHook


def session_hook(options: PlayOptions) -> SessionHook:
    """Wires each session the TUI plays (sound, history, trace) as the command line asked."""

    def wire(session: Session) -> Callable[[], None]:
        return wire_session(session, options).close

    return wire


def play_tui(routine: Routine, options: PlayOptions) -> None:
    """Play `routine` in the player; returns after its summary is closed."""
    EvensideApp(routine, session_hooks=[session_hook(options)]).run()


def open_library() -> None:
    """Open the routine library."""
    EvensideApp(session_hooks=[session_hook(PlayOptions())]).run()
