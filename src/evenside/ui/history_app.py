"""Provides `history_tui`: the history screen as a program of its own (`evenside history`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.app import App
from textual.screen import Screen

from evenside.history.aggregates import HistoryFilter, local_now
from evenside.history.timestamps import WallClock
from evenside.ui.screens.history_screen.screen import HistoryScreen


class HistoryApp(App[None]):
    """Shows the history screen and ends when it is closed."""

    TITLE = "evenside"
    # The screen's own style sheet, read with the app's: when the screen then brings it
    # too, Textual finds it already there and skips re-parsing every style sheet.
    # (An absolute path: a relative one would be taken from a subclass's own folder.)
    CSS_PATH = Path(__file__).parent / "screens" / "history_screen" / "history.tcss"

    def __init__(
        self,
        conn: sqlite3.Connection | None = None,
        *,
        now: WallClock = local_now,
        filters: HistoryFilter | None = None,
    ) -> None:
        super().__init__()
        self.conn = conn
        self.now = now
        self.filters = filters

    def get_default_screen(self) -> Screen[None]:
        # The history is the app's first screen, rather than pushed over an empty one
        # that would be built and drawn first; closing it ends the app.
        return HistoryScreen(self.conn, now=self.now, filters=self.filters)


def history_tui() -> None:
    """Open the user's history; a database that cannot be opened is one line on stderr, exit 1."""
    from evenside.history.db import open_database
    from evenside.history.store import HistoryStore
    from evenside.locations import history_path

    try:
        conn = open_database(history_path())
        HistoryStore(conn).mark_interrupted()
    except (sqlite3.Error, OSError, RuntimeError) as error:
        message = f"evenside: cannot open the history at {history_path()}: {error}"
        raise SystemExit(message) from None
    try:
        HistoryApp(conn).run()
    finally:
        conn.close()
