"""Provides the side-by-side pane: per exercise and week, each side against the prescription."""

from __future__ import annotations

from typing import ClassVar

from textual.widget import Widget
from textual.widgets import Static

from evenside.history.aggregates import side_by_side
from evenside.ui.screens.history_screen.panes.pane import (
    FilteredHistory,
    HistoryPane,
    nothing_text,
    show_note,
)
from evenside.ui.screens.history_screen.panes.side_by_side import SideBySideTable


class SideBySidePane(HistoryPane):
    """Which side is behind, week by week: the pane the history opens on."""

    id: ClassVar[str] = "side-by-side"
    title: ClassVar[str] = "Side by side"
    focus: ClassVar[type[Widget] | None] = SideBySideTable

    def widgets(self) -> list[Widget]:
        return [
            Static("", id="side-by-side-empty", classes="history-note"),
            SideBySideTable(id="side-by-side-table"),
        ]

    def load(self, container: Widget, history: FilteredHistory) -> None:
        weeks = side_by_side(history.conn, history.window, history.filters)
        container.query_one(SideBySideTable).show(weeks)
        note = container.query_one("#side-by-side-empty", Static)
        show_note(note, "" if weeks else nothing_text(history))
