"""Provides Pilot tests of the library: listing, filtering, playing, and the command palette."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from evenside import locations
from evenside.engine.clock import FakeClock
from evenside.ui.app import EvensideApp
from evenside.ui.screens.library.entries import find_entries
from evenside.ui.screens.library.screen import LibraryScreen
from evenside.ui.screens.player_screen.screen import PlayerScreen
from tests.support.routine_files import MORNING_HIPS, write_routine

EVENING = """\
name: Evening back
summary: Unwind the lower back.
tags: [back, qzx]
steps:
  - exercise: Child's pose
    hold: 1m
"""

BROKEN = """\
name: Broken
steps:
  - exercise: Lunge
    hodl: 45s
"""


def write_routines() -> Path:
    folder = locations.user_routines_dir()
    write_routine(folder, MORNING_HIPS, "morning-hips.yaml")
    write_routine(folder, EVENING, "evening-back.yaml")
    write_routine(folder, BROKEN, "broken.yaml")
    return folder


def library_app() -> EvensideApp:
    """The app on its library of the routines above, on a fake clock."""
    write_routines()
    return EvensideApp(clock=FakeClock())


def rows(pilot: Pilot[None]) -> dict[str, list[object]]:
    """The library table, keyed by routine name."""
    table = pilot.app.screen.query_one(DataTable)
    found = [table.get_row_at(i) for i in range(table.row_count)]
    return {str(row[0]): row for row in found}


def move_to(pilot: Pilot[None], name: str) -> None:
    table = pilot.app.screen.query_one(DataTable)
    names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
    table.move_cursor(row=names.index(name))


def test_entries_carry_total_time_tags_and_errors() -> None:
    write_routines()
    entries = {entry.name: entry for entry in find_entries() if not entry.bundled}
    assert set(entries) == {"Morning hips", "Evening back", "broken"}
    morning = entries["Morning hips"]
    # prep 5 + left 45 + switch 5 + right 45 + 5 to get into position for the bridges,
    # which wait for the person.
    assert morning.total_ms == 105_000
    assert morning.time_text == "1:45 + 1 set"
    assert morning.tags == ("hips", "daily")
    assert entries["broken"].routine is None
    assert entries["broken"].note == "line 3: step 1 needs 'hold: D' or 'reps: N'"


async def test_library_lists_routines_with_time_tags_and_summary() -> None:
    app = library_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(pilot.app.screen, LibraryScreen)
        listed = rows(pilot)
        # No history yet: no balance bar and no care mark.
        assert [str(cell) for cell in listed["Morning hips"]] == [
            "Morning hips",
            "1:45 + 1 set",
            "",
            "",
            "hips, daily",
            "yours",
            "Wake the hips up.",
        ]
        assert listed["Evening back"][1] == "1:05"
        assert listed["Evening back"][4] == "back, qzx"
        assert listed["broken"][1] == "!"


async def test_slash_filters_and_escape_clears() -> None:
    app = library_app()
    async with app.run_test(size=(100, 30)) as pilot:
        total = len(rows(pilot))
        await pilot.press("slash")
        filter_box = pilot.app.screen.query_one("#library-filter", Input)
        assert filter_box.has_focus
        # q types into the filter rather than quitting.
        await pilot.press("q", "z", "x")
        assert filter_box.value == "qzx"
        assert pilot.app.return_code is None
        assert list(rows(pilot)) == ["Evening back"]
        await pilot.press("q")
        assert rows(pilot) == {}
        assert "No routine matches" in str(
            pilot.app.screen.query_one("#library-empty", Static).content
        )
        await pilot.press("escape")
        assert filter_box.value == ""
        assert len(rows(pilot)) == total


async def test_enter_plays_the_chosen_routine() -> None:
    app = library_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", "q", "z", "x", "enter")
        assert pilot.app.screen.query_one(DataTable).has_focus
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, PlayerScreen)
        assert screen.session.timeline.routine.name == "Evening back"
        assert screen.session.current is not None
        # Stopping leads to the summary, and leaving it comes back to the library.
        await pilot.press("q", "y")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LibraryScreen)
        assert pilot.app.return_code is None


async def test_a_broken_routine_says_why_and_does_not_play() -> None:
    app = library_app()
    async with app.run_test(size=(100, 30)) as pilot:
        move_to(pilot, "broken")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LibraryScreen)
        messages = [n.message for n in pilot.app._notifications]
        assert any("needs 'hold: D'" in message for message in messages)


async def test_the_command_palette_plays_a_routine_by_name() -> None:
    app = library_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"play morning")
        # The palette searches in a worker: wait for it, not for a length of time.
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, PlayerScreen)
        assert screen.session.timeline.routine.name == "Morning hips"


async def test_q_quits_the_library() -> None:
    app = library_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.return_code == 0
