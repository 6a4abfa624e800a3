"""Provides a test that desk breaks, taken and skipped, show in the history screen's calendar."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import Static

from evenside.desk.records import record_skip, record_taken
from evenside.history.aggregates import HistoryFilter
from evenside.history.db import open_database
from evenside.history.store import HistoryStore
from evenside.ui.history_app import HistoryApp
from evenside.ui.screens.history_screen.panes.calendar_grid import SKIPPED_GLYPH, CalendarGrid
from tests.support.history_fixtures import TODAY, frozen_now


def at(days_ago: int) -> datetime:
    return TODAY - timedelta(days=days_ago)


async def test_the_calendar_counts_desk_breaks_and_marks_a_skipped_day(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "history.sqlite3")
    store = HistoryStore(conn)
    session = store.begin_session("Desk break", started_at=at(2))
    store.end_session(session, "completed", ended_at=at(2) + timedelta(minutes=2))
    record_taken(conn, "Desk break", session, now=lambda: at(2))
    record_skip(conn, "Desk break", now=lambda: at(1))
    record_skip(conn, "Desk break", now=lambda: at(1) + timedelta(hours=1))
    app = HistoryApp(conn, now=frozen_now, filters=HistoryFilter(days=30))
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        summary = str(pilot.app.screen.query_one("#calendar-summary", Static).render())
        assert "Desk breaks: 1 taken, 2 skipped." in summary
        grid = pilot.app.screen.query_one(CalendarGrid)
        skipped_day = at(1).date()
        assert grid.breaks[skipped_day].skipped == 2
        assert grid._cell(skipped_day).plain.strip() == SKIPPED_GLYPH
        assert grid._cell(at(5).date()).plain.strip() != SKIPPED_GLYPH
    conn.close()
