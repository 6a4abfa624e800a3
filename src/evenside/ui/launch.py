"""Provides the TUI's entry points for the command line: play one routine, or open the library."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

from evenside.playback.options import PlayOptions

if TYPE_CHECKING:
    from evenside.engine.session import Session
    from evenside.playback.assembly import ListenerFactory, PlayerSetup
    from evenside.routine.model import Routine
    from evenside.settings import Settings
    from evenside.ui.app import EvensideApp, SessionHook


class NoticeRelay:
    """Passes the sound layer's one-time notices to the running app as toasts.

    The hooks are made before the app exists, so the app is attached later;
    a notice before that is kept and shown once it is.
    """

    def __init__(self) -> None:
        self.app: EvensideApp | None = None
        self.pending: list[str] = []

    def __call__(self, message: str) -> None:
        if self.app is None:
            self.pending.append(message)
        else:
            self.app.notify(message, severity="warning")

    def attach(self, app: EvensideApp) -> None:
        """Show notices on `app` from now on (and those that came before)."""
        self.app = app
        for message in self.pending:
            app.notify(message, severity="warning")
        self.pending.clear()


def session_hook(
    options: PlayOptions,
    closers: list[Callable[[], None]],
    *,
    settings: Settings | None = None,
    notice: Callable[[str], None] | None = None,
) -> SessionHook:
    """Wires each session the TUI plays (sound, history, trace) as the command line asked.

    Each setup's `close` goes into `closers` too, so it runs even if the app
    ends abruptly (closing twice is safe). The hook returns the setup, so the
    player finds the session's cue player (m, v) and history recorder (pain).
    """
    from evenside.settings import load_settings

    # Read now, so that a bad settings file stops the command before the screen opens;
    # the sound and history layers load with the first session (after its first frame).
    chosen = settings if settings is not None else load_settings()
    factories: list[ListenerFactory] = []

    def wire(session: Session) -> PlayerSetup:
        from evenside.playback.assembly import wire_session
        from evenside.playback.standard import standard_factories

        if not factories:
            factories.extend(standard_factories(notice or (lambda message: None), settings=chosen))
        setup = wire_session(session, options, factories=factories)
        closers.append(setup.close)
        return setup

    return wire


def _run(app_routine: Routine | None, options: PlayOptions) -> None:
    # Start-up (importing Textual, building the first screen) makes a few hundred thousand
    # objects that live as long as the app; the cyclic garbage collector would walk them
    # again and again, about a tenth of the time to the first frame. The app turns it
    # back on once that frame is drawn (`settle_gc`).
    gc.disable()
    closers: list[Callable[[], None]] = []
    relay = NoticeRelay()
    try:
        from evenside.ui.app import EvensideApp

        app = EvensideApp(app_routine, session_hooks=[session_hook(options, closers, notice=relay)])
        relay.attach(app)
        app.run()
    finally:
        gc.enable()
        for close in reversed(closers):
            close()


def play_tui(routine: Routine, options: PlayOptions) -> None:
    """Play `routine` in the player; returns after its summary is closed."""
    _run(routine, options)


def open_library() -> None:
    """Open the routine library."""
    _run(None, PlayOptions())
