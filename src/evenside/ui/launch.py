"""Provides the TUI's entry points for the command line: play one routine, or open the library."""

from __future__ import annotations

import gc
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from evenside.playback.assembly import SessionAssembly
from evenside.playback.options import PlayOptions
from evenside.sync.auto import start_auto_sync

if TYPE_CHECKING:
    from evenside.routine.model import Routine
    from evenside.settings import Settings
    from evenside.ui.app import EvensideApp


class NoticeRelay:
    """Passes the sound layer's one-time notices to the running app as toasts.

    The assembly is made before the app exists, so the app is attached later;
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


def tui_assembly(
    options: PlayOptions, relay: NoticeRelay, *, settings: Settings | None = None
) -> SessionAssembly:
    """The assembly of every session the TUI plays: sound, history and trace as asked.

    The settings file is read now, so that a bad one stops the command before the
    screen opens; the sound and history layers load with the first session (after
    its first frame).
    """
    from evenside.settings import load_settings

    chosen = settings if settings is not None else load_settings()
    return SessionAssembly(options, chosen, notice=relay)


def _run(app_routine: Routine | None, options: PlayOptions) -> None:
    # Start-up (importing Textual, building the first screen) makes a few hundred thousand
    # objects that live as long as the app; the cyclic garbage collector would walk them
    # again and again, about a tenth of the time to the first frame. The app turns it
    # back on once that frame is drawn (`settle_gc`).
    gc.disable()
    app: EvensideApp | None = None
    relay = NoticeRelay()
    # With [sync] folder set: a sync now and after each session, on a thread of its own.
    auto = start_auto_sync() if options.record else None
    try:
        from evenside.ui.app import EvensideApp

        assembly = tui_assembly(options, relay)
        if auto is not None:
            assembly = replace(assembly, extra=(*assembly.extra, auto.after_session))
        app = EvensideApp(app_routine, assembly=assembly)
        relay.attach(app)
        app.run()
    finally:
        gc.enable()
        # Also when the app ended abruptly: the session's sound, history and trace close.
        if app is not None:
            app.close_session()
        sync_failure = auto.finish() if auto is not None else None
        if sync_failure is not None:
            print(f"evenside: {sync_failure}", file=sys.stderr)
        if app is not None and options.record:
            _daily_copy(app)
    for report in app.unsaved_reports:
        print(f"evenside: {report}", file=sys.stderr)
    if app.return_code:
        # Ended by a signal (128 + its number), as a shell expects.
        raise SystemExit(app.return_code)
    if app.unsaved_reports:
        raise SystemExit(1)


def _daily_copy(app: EvensideApp) -> None:
    """Once a day, after the screen and the session's history writer have closed: today's
    copy of the history (one line if none could be made)."""
    from evenside.history.backups import daily_copy
    from evenside.locations import history_path

    problem = daily_copy(app.assembly.history or history_path())
    if problem is not None:
        print(f"evenside: {problem}", file=sys.stderr)


def play_tui(routine: Routine, options: PlayOptions) -> None:
    """Play `routine` in the player; returns after its summary is closed."""
    _run(routine, options)


def open_library() -> None:
    """Open the routine library."""
    _run(None, PlayOptions())
