"""Provides the listeners every played session gets, whoever plays it: sound, then history.

`evenside play` (TUI and --plain) and desk mode all wire their sessions
through `standard_factories`, so a break is recorded, heard and balanced
exactly like any other session.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from evenside.audio.cue_player import cue_player_factory
from evenside.balance.chooser import BalanceChooser
from evenside.engine.events import Listener
from evenside.engine.session import Session
from evenside.history.recorder import history_listener
from evenside.playback.assembly import ListenerFactory
from evenside.playback.options import PlayOptions
from evenside.settings import Settings, load_settings

Notice = Callable[[str], None]
"""Shows a one-time message (a printed line in --plain, a toast in the TUI)."""


def standard_factories(
    notice: Notice,
    *,
    settings: Settings | None = None,
    history: Path | None = None,
) -> tuple[ListenerFactory, ...]:
    """Sound first (it is the time-critical listener), then the history recorder.

    `settings` defaults to the user's settings file; a bad file raises
    `SettingsError` with a one-line message, before any session starts.
    `history` overrides the database path (tests).
    """
    chosen = settings if settings is not None else load_settings()

    def record(session: Session, options: PlayOptions) -> Listener:
        return history_listener(session, options, path=history)

    return (cue_player_factory(chosen, notice), record)


def balance_reasons(chooser: BalanceChooser) -> list[str]:
    """The reasons worth saying out loud: a side that goes first because it is behind or owed."""
    return [why for why in chooser.reasons.values() if "behind" in why or "owed" in why]
