"""Tests the history screen with Pilot: every pane reached by keys, the numbers it shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Static

from evenside.history.aggregates import HistoryFilter
from evenside.history.store import HistoryStore
from evenside.locations import history_path
from evenside.ui.history_app import HistoryApp
from evenside.ui.screens.history_screen.panes.pain_chart import PainChart
from evenside.ui.screens.history_screen.screen import HistoryScreen
from evenside.ui.screens.history_screen.session_detail import SessionDetailScreen
from tests.support.frames import noting_frames
from tests.support.history_fixtures import build_history, frozen_now

SIZE = (100, 34)


def app_on(history: HistoryStore, days: int = 30) -> HistoryApp:
    return HistoryApp(history.conn, now=frozen_now, filters=HistoryFilter(days=days))


def table_rows(pilot: Pilot[None], selector: str) -> list[list[str]]:
    """Every row of a table as plain text."""
    table: DataTable[object] = pilot.app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def text_of(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


def history_screen(pilot: Pilot[None]) -> HistoryScreen:
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def test_side_by_side_shows_each_side_per_week(history: HistoryStore) -> None:
    async with app_on(history).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert history_screen(pilot).active_pane == "side-by-side"
        assert text_of(pilot, "#history-filters") == (
            "The last 30 days · all routines · all exercises"
        )
        rows = {
            (r[0].split("\n")[0], r[1]): r[2:] for r in table_rows(pilot, "#side-by-side-table")
        }
        assert rows[("2024-W20", "Runner's lunge")] == [
            "1:05 · 1 set\nof 1:30 · 2",
            "0:45 · 1 set\nof 0:45 · 1",
            "◀ left",
        ]
        assert rows[("2024-W21", "Runner's lunge")] == [
            "3:00 · 4 sets\nof 3:00 · 4",
            "2:15 · 3 sets\nof 3:00 · 4",
            "right ▶",
        ]
        assert rows[("2024-W18", "Runner's lunge")][2] == "even"
        assert len(rows) == 6


async def test_filters_cycle_with_keys(history: HistoryStore) -> None:
    async with app_on(history).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")  # 30 -> 90
        assert text_of(pilot, "#history-filters").startswith("The last 90 days")
        await pilot.press("d", "d")  # 365, then 7
        assert text_of(pilot, "#history-filters").startswith("The last 7 days")
        assert len(table_rows(pilot, "#side-by-side-table")) == 4
        await pilot.press("d")  # back to 30
        await pilot.press("r")  # Desk break
        assert "Desk break" in text_of(pilot, "#history-filters")
        rows = table_rows(pilot, "#side-by-side-table")
        assert [r[1] for r in rows] == ["Hamstring stretch", "Hamstring stretch"]
        assert rows[0][3] == "0:00 · 0 sets\nof 0:30 · 1"
        await pilot.press("r", "r")  # Psoas release, then all routines again
        assert "all routines" in text_of(pilot, "#history-filters")
        await pilot.press("e", "e")  # Glute bridge, then Hamstring stretch
        assert text_of(pilot, "#history-filters").endswith("Hamstring stretch")
        assert {r[1] for r in table_rows(pilot, "#side-by-side-table")} == {"Hamstring stretch"}
        # The filter holds when switching panes: the sessions list shows desk breaks only.
        await pilot.press("4")
        assert [r[1] for r in table_rows(pilot, "#session-list")] == ["Desk break", "Desk break"]


async def test_calendar_pane_shows_streaks(history: HistoryStore) -> None:
    async with app_on(history).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        assert history_screen(pilot).active_pane == "calendar"
        assert text_of(pilot, "#calendar-streaks") == (
            "Current streak: 5 days · longest: 8 days (to 08 May 2024)"
        )
        assert text_of(pilot, "#calendar-summary") == (
            "14 active days in 26 weeks; 3 days with one side ahead."
        )
        grid = str(pilot.app.screen.query_one("#calendar-grid").render())
        lines = grid.split("\n")
        assert lines[0].split() == ["Dec", "Jan", "Feb", "Mar", "Apr", "May"]
        # Wednesday row, last column: today (22 May) was even; Thursday 9 May: one side ahead.
        assert lines[3].rstrip().endswith("■")
        assert lines[4].split()[-2] == "▲"


async def test_pain_pane_shows_what_helps(history: HistoryStore) -> None:
    async with app_on(history).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")
        assert history_screen(pilot).active_pane == "pain"
        assert table_rows(pilot, "#what-helps") == [
            ["Psoas release", "-0.35 (10 sessions)", "+0.19 (8 sessions)", ""]
        ]
        chart = pilot.app.screen.query_one(PainChart)
        assert len(chart.points) == 40
        assert not pilot.app.screen.query_one("#pain-empty").display
        await pilot.press("r")  # Desk break: never rated
        assert table_rows(pilot, "#what-helps") == []
        assert text_of(pilot, "#pain-empty") == "No pain rated in the last 30 days."


async def test_sessions_pane_opens_a_session_with_its_care_note(history: HistoryStore) -> None:
    async with app_on(history).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        rows = table_rows(pilot, "#session-list")
        assert len(rows) == 14
        assert rows[0] == ["Wed 22 May 2024 08:00", "Psoas release", "completed", "4:11", ""]
        assert rows[1][4] == "Hamstring stretch right"
        await pilot.press("down", "down", "enter")  # 20 May
        detail = pilot.app.screen
        assert isinstance(detail, SessionDetailScreen)
        assert text_of(pilot, "#detail-pain") == (
            "Pain before: left 2, right 2 · after: left 2, right 5"
        )
        care = text_of(pilot, "#detail-care")
        assert care.startswith("Your right side feels sorer than before (2 → 5).")
        intervals = table_rows(pilot, "#detail-intervals")
        assert len(intervals) == 5
        assert intervals[3][:7] == [
            "4",
            "Runner's lunge",
            "right",
            "2",
            "0:45",
            "0:00",
            "skipped",
        ]
        assert intervals[4][4:7] == ["12 reps", "12 reps", "done"]
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, HistoryScreen)
        await pilot.press("up", "enter")  # 21 May: no rating, no note
        assert not pilot.app.screen.query("#detail-care")
        await pilot.press("escape", "escape")
    assert pilot.app.return_code == 0


async def test_an_empty_history_says_so(tmp_path: Path) -> None:
    from evenside.history.db import open_database

    conn = open_database(tmp_path / "empty.sqlite3")
    async with HistoryApp(conn, now=frozen_now).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_of(pilot, "#side-by-side-empty") == "Nothing recorded in the last 30 days."
        await pilot.press("2")
        assert text_of(pilot, "#calendar-streaks") == "Current streak: 0 days · longest: 0 days"
        await pilot.press("3", "4")
        assert text_of(pilot, "#sessions-empty") == "Nothing recorded in the last 30 days."


def test_a_broken_database_is_one_line_and_exit_1(private_dirs: Path) -> None:
    path = history_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from evenside.ui.history_app import history_tui; history_tui()",
        ],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("evenside: cannot open the history at ")
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr
    # The person's file is left as it was.
    assert path.read_bytes() == b"this is not a database" * 100


async def test_pushed_from_the_library_it_opens_the_users_history() -> None:
    from evenside.ui.app import EvensideApp
    from evenside.ui.screens.library.screen import LibraryScreen

    build_history(history_path()).conn.close()
    app = EvensideApp(entries=[])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        # What the library's `h` does.
        await app.push_screen(HistoryScreen(now=frozen_now))
        await pilot.pause()
        assert len(table_rows(pilot, "#side-by-side-table")) == 6
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_the_pane_bar_and_the_key_bar_answer_clicks(history: HistoryStore) -> None:
    from evenside.ui.screens.history_screen.screen import key_bar, pane_bar

    async with app_on(history).run_test(size=SIZE) as pilot:
        await pilot.pause()
        # +1: the bars' left padding.
        panes = HistoryScreen.PANES
        at = pane_bar(panes, "side-by-side").plain.index("2 Calendar") + 1
        await pilot.click("#history-bar", offset=(at, 0))
        await pilot.pause()
        assert history_screen(pilot).active_pane == "calendar"
        assert text_of(pilot, "#calendar-streaks").startswith("Current streak: 5 days")
        at = key_bar(panes, HistoryScreen.BINDINGS).plain.index("d Days") + 1
        await pilot.click("#history-keys", offset=(at, 0))
        await pilot.pause()
        assert text_of(pilot, "#history-filters").startswith("The last 90 days")
        at = pane_bar(panes, "calendar").plain.index("1 Side by side") + 1
        await pilot.click("#history-bar", offset=(at, 0))
        await pilot.pause()
        assert history_screen(pilot).active_pane == "side-by-side"
        assert len(table_rows(pilot, "#side-by-side-table")) == 6


async def test_the_first_frame_does_not_wait_for_the_history(history: HistoryStore) -> None:
    def note(screen: Screen[None]) -> tuple[bool, int] | None:
        if not isinstance(screen, HistoryScreen):
            return None
        return screen.history_opened, screen.query_one("#side-by-side-table", DataTable).row_count

    app = noting_frames(HistoryApp, note)(
        history.conn, now=frozen_now, filters=HistoryFilter(days=30)
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        frames = [frame for frame in app.frames if frame is not None]
        # The first frame: the bars and the empty table; the numbers follow it.
        assert frames[0] == (False, 0)
        assert frames[-1] == (True, 6)


async def test_from_the_library_a_broken_database_is_one_notice_and_back() -> None:
    from evenside.ui.app import EvensideApp
    from evenside.ui.screens.library.screen import LibraryScreen

    path = history_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    app = EvensideApp(entries=[])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # The library still opens (its marks read nothing), and h says why, once.
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("h")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        messages = [n.message for n in app._notifications]
        assert len(messages) == 1 and messages[0].startswith("Cannot open the history: ")
    assert path.read_bytes() == b"this is not a database" * 100
