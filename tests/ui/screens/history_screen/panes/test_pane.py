"""Provides tests of the history panes: the screen derives keys, bars, switcher and loading
from its one list of panes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from evenside.history.aggregates import HistoryFilter
from evenside.history.store import HistoryStore
from evenside.ui.history_app import HistoryApp
from evenside.ui.screens.history_screen.panes.pane import (
    FilteredHistory,
    HistoryPane,
    days_text,
    keys_hint,
    pane_keys,
)
from evenside.ui.screens.history_screen.screen import HistoryScreen, key_bar, pane_bar
from tests.support.history_fixtures import frozen_now

SIZE = (100, 34)
REPO = Path(__file__).resolve().parents[5]


class NotesText(Static, can_focus=True):
    """The dummy pane's one widget; it takes focus, as a table does."""


class NotesPane(HistoryPane):
    """A fifth pane, written as a new pane would be: one class, nothing else touched."""

    id: ClassVar[str] = "notes"
    title: ClassVar[str] = "Notes"
    focus: ClassVar[type[Widget] | None] = NotesText

    def __init__(self) -> None:
        # Only for the test: which filters the pane was loaded for, in order.
        self.loads: list[int] = []

    def widgets(self) -> list[Widget]:
        return [NotesText("", id="notes-text")]

    def load(self, container: Widget, history: FilteredHistory) -> None:
        self.loads.append(history.filters.days)
        sessions = history.conn.execute("SELECT count(*) FROM sessions")
        text = f"{sessions.fetchone()[0]} sessions; showing {days_text(history.filters.days)}"
        container.query_one(NotesText).update(text)


class FivePaneScreen(HistoryScreen):
    PANES = (*HistoryScreen.PANES, NotesPane())


class FivePaneApp(HistoryApp):
    def get_default_screen(self) -> Screen[None]:
        return FivePaneScreen(self.conn, now=self.now, filters=self.filters)


def bar_text(screen: Screen[None], selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def test_the_four_panes_keys_and_titles_follow_the_list() -> None:
    keys = [(key, pane.id, pane.title) for key, pane in pane_keys(HistoryScreen.PANES)]
    assert keys == [
        ("1", "side-by-side", "Side by side"),
        ("2", "calendar", "Calendar"),
        ("3", "pain", "Pain"),
        ("4", "sessions", "Sessions"),
        ("5", "program", "Program"),
    ]
    bound = {b.key: b.action for b in HistoryScreen.BINDINGS if not isinstance(b, tuple)}
    assert bound["4"] == "show_pane('sessions')"
    assert bound["5"] == "show_pane('program')"
    assert "6" not in bound
    assert key_bar(HistoryScreen.PANES, HistoryScreen.BINDINGS).plain.startswith("1-5 Panes")


@pytest.mark.parametrize(("count", "hint"), [(1, "1"), (2, "1-2"), (4, "1-4"), (9, "1-9")])
def test_the_hint_names_the_first_and_last_key(count: int, hint: str) -> None:
    assert keys_hint([NotesPane()] * count) == hint


def test_ten_panes_are_refused_for_want_of_a_digit() -> None:
    with pytest.raises(ValueError, match="at most 9 panes"):
        pane_keys([NotesPane()] * 10)


def test_a_pane_list_with_a_fifth_pane_binds_5_and_keeps_the_filter_keys() -> None:
    bound = {b.key: b for b in FivePaneScreen.BINDINGS if not isinstance(b, tuple)}
    assert bound["6"].action == "show_pane('notes')"
    assert bound["6"].description == "Notes"
    assert not bound["6"].show
    assert {"1", "2", "3", "4", "5", "d", "r", "e", "escape,q"} <= set(bound)
    # The five-pane screen is not changed by its subclass.
    assert len(HistoryScreen.PANES) == 5


async def test_a_fifth_pane_gets_key_5_the_hint_and_its_place(history: HistoryStore) -> None:
    app = FivePaneApp(history.conn, now=frozen_now, filters=HistoryFilter(days=30))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FivePaneScreen)
        notes = screen.PANES[-1]
        assert isinstance(notes, NotesPane)
        switcher = screen.query_one(ContentSwitcher)
        assert [child.id for child in switcher.children] == [
            "side-by-side",
            "calendar",
            "pain",
            "sessions",
            "program",
            "notes",
        ]
        assert bar_text(screen, "#history-keys").startswith("1-6 Panes   d Days")
        assert "6 Notes" in bar_text(screen, "#history-bar")
        # Built and loaded only when first shown, like the four.
        assert not screen.query_one("#notes").children
        assert notes.loads == []

        await pilot.press("6")
        assert screen.active_pane == "notes"
        assert bar_text(screen, "#notes-text") == "14 sessions; showing the last 30 days"
        assert screen.focused is screen.query_one(NotesText)
        highlighted = pane_bar(screen.PANES, "notes").plain
        assert bar_text(screen, "#history-bar") == highlighted

        # Once per filter: back and forth reuses the numbers; a new filter reloads.
        await pilot.press("1", "6")
        assert notes.loads == [30]
        await pilot.press("d")
        assert bar_text(screen, "#notes-text") == "14 sessions; showing the last 90 days"
        assert notes.loads == [30, 90]


async def test_the_four_pane_screen_shows_the_first_pane_alone(history: HistoryStore) -> None:
    app = HistoryApp(history.conn, now=frozen_now, filters=HistoryFilter(days=30))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        switcher = app.screen.query_one(ContentSwitcher)
        built = {child.id: len(child.children) for child in switcher.children}
        assert built == {
            "side-by-side": 2,
            "calendar": 0,
            "pain": 0,
            "sessions": 0,
            "program": 0,
        }
        assert bar_text(app.screen, "#history-keys").startswith("1-5 Panes")


FIRST_FRAME = """
import asyncio, json, sys
from pathlib import Path
from evenside.ui.history_app import HistoryApp
from tests.support.history_fixtures import build_history, frozen_now

async def main() -> None:
    store = build_history(Path(sys.argv[1]))
    async with HistoryApp(store.conn, now=frozen_now).run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        loaded = [name for name in ("textual_plotext", "plotext",
                  "evenside.ui.screens.history_screen.panes.pain_chart",
                  "evenside.ui.screens.history_screen.session_detail") if name in sys.modules]
        print(json.dumps(loaded))

asyncio.run(main())
"""


def test_the_first_frame_loads_neither_the_chart_nor_the_detail(tmp_path: Path) -> None:
    # The pane modules are imported with the screen: the pain pane must still leave
    # textual-plotext to its first showing (a fresh process: this one has it loaded).
    proc = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(tmp_path / "history.sqlite3")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == []
