"""Tests the sessions pane's time column with Pilot: the time taken, pauses excluded, as the
session's own summary said it; a session recorded before pauses were kept shows start to end."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from evenside.history.aggregates import HistoryFilter
from evenside.history.db import open_database
from evenside.history.store import HistoryStore
from evenside.locations import history_path
from evenside.ui.history_app import HistoryApp
from evenside.ui.screens.history_screen.session_detail import SessionDetailScreen
from evenside.ui.screens.summary.screen import SummaryScreen
from tests.support.history_fixtures import TODAY, frozen_now, on
from tests.support.paused_play import PAUSE_MS, play_paused
from tests.support.player_pilot import advance, static_text, wired_app
from tests.support.ui_routines import lunge_routine

SIZE = (100, 34)


def table_rows(pilot: Pilot[None], selector: str) -> list[list[str]]:
    table: DataTable[object] = pilot.app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_time_column_is_the_summarys_time_taken(tmp_path: Path) -> None:
    store = HistoryStore(open_database(tmp_path / "history.sqlite3"), now=lambda: TODAY)
    paused = play_paused(store, on(21))
    # The same session as an evenside before paused times recorded it: start to end.
    older = play_paused(store, on(20))
    store.conn.execute("UPDATE sessions SET paused_ms = NULL WHERE id = ?", (older.session_id,))
    store.conn.commit()
    assert paused.taken != paused.span  # the pause makes a difference to see
    app = HistoryApp(store.conn, now=frozen_now, filters=HistoryFilter(days=30))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        rows = table_rows(pilot, "#session-list")
        assert [(row[0], row[3]) for row in rows] == [
            ("Tue 21 May 2024 08:00", paused.taken),
            ("Mon 20 May 2024 08:00", older.span),
        ]
        await pilot.press("enter")  # the session's detail says the same
        assert isinstance(pilot.app.screen, SessionDetailScreen)
        when = str(pilot.app.screen.query_one("#detail-when", Static).render())
        assert when == f"Tue 21 May 2024 08:00 · completed · {paused.taken}"
        await pilot.press("escape", "escape")
    store.conn.close()


async def test_a_session_paused_in_the_player_shows_its_summarys_time_in_history() -> None:
    # Played as `evenside play` plays it (history written by the writer's thread), paused
    # five minutes for the phone, then stopped: the summary, then the history screen.
    with wired_app(lunge_routine()) as (app, clock):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await advance(pilot, clock, 25.5)  # prep, then 20.5 s into the left lunge
            await pilot.press("space")
            await advance(pilot, clock, PAUSE_MS / 1000)
            await pilot.press("space")
            await advance(pilot, clock, 10)
            await pilot.press("q", "y")
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
            summary = static_text(pilot, "#summary-time")
            assert app.played is not None
            app.played.wait_for_history()
    assert summary == "Time taken 0:35"
    conn = open_database(history_path())
    async with HistoryApp(conn).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        (row,) = table_rows(pilot, "#session-list")
        assert row[2:4] == ["stopped", "0:35"]
    conn.close()
