"""Provides the pain pane: the pain chart, and per routine whether it helps."""

from __future__ import annotations

from typing import ClassVar

from textual.widget import Widget
from textual.widgets import Static

from evenside.pain.care import marked_routines
from evenside.pain.trends import pain_series, what_helps
from evenside.ui.screens.history_screen.panes.pane import (
    FilteredHistory,
    HistoryPane,
    days_text,
    show_note,
)
from evenside.ui.screens.history_screen.panes.what_helps import WhatHelpsTable

WHAT_HELPS_TITLE = "What helps: the average change in pain (below zero: less pain)"


class PainPane(HistoryPane):
    """Pain before and after, day by day, and the change each routine brings."""

    id: ClassVar[str] = "pain"
    title: ClassVar[str] = "Pain"
    focus: ClassVar[type[Widget] | None] = WhatHelpsTable

    def widgets(self) -> list[Widget]:
        # textual-plotext (and plotext) load only when the Pain pane is first shown:
        # importing them costs as much as drawing the first pane.
        from evenside.ui.screens.history_screen.panes.pain_chart import PainChart

        return [
            PainChart(id="pain-chart"),
            Static("", id="pain-legend", classes="history-note"),
            Static("", id="pain-empty", classes="history-note"),
            Static(WHAT_HELPS_TITLE, id="what-helps-title"),
            WhatHelpsTable(id="what-helps"),
        ]

    def load(self, container: Widget, history: FilteredHistory) -> None:
        from evenside.ui.screens.history_screen.panes.pain_chart import PainChart, legend

        conn, window, filters = history.conn, history.window, history.filters
        points = pain_series(conn, window, filters)
        container.query_one(PainChart).show(points, window.first_day(filters.days), window.today)
        container.query_one("#pain-legend", Static).update(legend(points))
        effects = what_helps(conn, window, filters)
        container.query_one(WhatHelpsTable).show_effects(effects, marked_routines(conn))
        empty = f"No pain rated in {days_text(filters.days)}." if not points else ""
        show_note(container.query_one("#pain-empty", Static), empty)
