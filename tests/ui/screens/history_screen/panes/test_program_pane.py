"""Tests the history screen's Program pane with Pilot: weeks, adherence, pain and doses."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from evenside.history.db import open_database
from evenside.ui.history_app import HistoryApp
from tests.support.program_sim import ProgramSim, day_of

SIZE = (110, 34)


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def rows(app: HistoryApp, selector: str) -> list[list[str]]:
    table: DataTable[object] = app.screen.query_one(selector, DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_program_pane_shows_each_week(tmp_path: Path) -> None:
    sim = ProgramSim(tmp_path / "routines", tmp_path / "history.sqlite3")
    for weekday in range(7):
        sim.day(day_of(1, weekday), after=(3, 2), morning=(2, 1))
    monday = day_of(2, 0)
    right = [s for s in sim.status(monday).suggestions if s.side == "right"]
    for suggestion in right:
        sim.accept(suggestion, monday)
    sim.day(monday)
    sim.close()
    now = datetime(monday.year, monday.month, monday.day, 20, tzinfo=UTC)
    app = HistoryApp(open_database(tmp_path / "history.sqlite3"), now=lambda: now)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        title = str(app.screen.query_one("#program-title", Static).render())
        assert title == "Test rehab: from 2024-04-01, week 2 of 6"
        assert rows(app, "#program-weeks") == [
            ["1", "01 Apr-07 Apr", "17 / 17 (100%)", "7", "- / 3 / 2", "- / 2 / 1"],
            ["2", "08 Apr-08 Apr", "3 / 3 (100%)", "1", "- / 2 / 2", "- / 2 / 2"],
        ]
        assert rows(app, "#program-doses") == [
            ["Supine release left", "1:00", "1:00"],
            ["Supine release right", "1:00", "1:05"],
            ["Clamshell left", "10 reps", "10 reps"],
            ["Clamshell right", "10 reps", "12 reps"],
        ]
        assert app.screen.focused is app.screen.query_one("#program-weeks")


async def test_without_a_program_the_pane_says_how_to_take_one_up(tmp_path: Path) -> None:
    app = HistoryApp(open_database(tmp_path / "history.sqlite3"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        note = str(app.screen.query_one("#program-note", Static).render())
        assert "evenside program use NAME" in note
