"""Provides the sessions pane: every session of the window, newest first; enter opens one."""

from __future__ import annotations

from typing import ClassVar

from textual.widget import Widget
from textual.widgets import Static

from evenside.history.session_list import session_rows
from evenside.ui.screens.history_screen.panes.pane import (
    FilteredHistory,
    HistoryPane,
    nothing_text,
    show_note,
)
from evenside.ui.screens.history_screen.panes.session_list import SessionList


class SessionsPane(HistoryPane):
    """The session list; the screen opens the session the person picks (`SessionList.Opened`)."""

    id: ClassVar[str] = "sessions"
    title: ClassVar[str] = "Sessions"
    focus: ClassVar[type[Widget] | None] = SessionList

    def widgets(self) -> list[Widget]:
        return [
            Static("", id="sessions-empty", classes="history-note"),
            SessionList(id="session-list"),
        ]

    def load(self, container: Widget, history: FilteredHistory) -> None:
        rows = session_rows(history.conn, history.window, history.filters)
        container.query_one(SessionList).show(rows)
        note = container.query_one("#sessions-empty", Static)
        show_note(note, "" if rows else nothing_text(history))
