"""Provides Pilot tests of the library: listing, filtering, playing, and the command palette."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from evenside import locations
from evenside.engine.clock import FakeClock
from evenside.routine.loader import load_routine
from evenside.routine.model import Side
from evenside.ui.app import EvensideApp
from evenside.ui.screens.library.detail import RoutineDetailScreen
from evenside.ui.screens.library.entries import find_entries
from evenside.ui.screens.library.screen import LibraryScreen
from evenside.ui.screens.player_screen.screen import PlayerScreen
from tests.support.balance_play import record_play
from tests.support.frames import noting_frames
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


def cells(pilot: Pilot[None], name: str) -> dict[str, str]:
    """The row of routine `name`, keyed by column (only the columns on show)."""
    table = pilot.app.screen.query_one(DataTable)
    keys = [str(key.value) for key in table.columns]
    return dict(zip(keys, (str(cell) for cell in rows(pilot)[name]), strict=True))


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
    async with app.run_test(size=(140, 30)) as pilot:
        assert isinstance(pilot.app.screen, LibraryScreen)
        # No history yet: no balance bar, and no care column (no routine has a mark).
        assert cells(pilot, "Morning hips") == {
            "name": "Morning hips",
            "time": "1:45 + 1 set",
            "bar": "",
            "tags": "hips, daily",
            "from": "yours",
            "summary": "Wake the hips up.",
        }
        assert cells(pilot, "Evening back")["time"] == "1:05"
        assert cells(pilot, "Evening back")["tags"] == "back, qzx"
        assert cells(pilot, "broken")["time"] == "!"


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


async def test_enter_shows_the_routine_and_enter_again_plays_it() -> None:
    app = library_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", "q", "z", "x", "enter")
        assert pilot.app.screen.query_one(DataTable).has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, RoutineDetailScreen)
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


async def test_the_first_frame_lists_the_routines_before_the_history_is_read() -> None:
    path = write_routine(locations.user_routines_dir(), MORNING_HIPS, "morning-hips.yaml")
    record_play(load_routine(path), skip_side=Side.RIGHT)

    def note(screen: Screen[object]) -> tuple[bool, int] | None:
        if not isinstance(screen, LibraryScreen):
            return None
        return screen.marks_read, screen.query_one(DataTable).row_count

    app = noting_frames(EvensideApp, note)(clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        library_frames = [frame for frame in app.frames if frame is not None]
        # The first frame: every routine listed, the history not yet read.
        read, listed = library_frames[0]
        assert not read and listed == len(find_entries())
        # Then the bars come in.
        screen = pilot.app.screen
        assert isinstance(screen, LibraryScreen) and screen.marks_read
        assert cells(pilot, "Morning hips")["bar"] == "████│░░░░ ⚑"


async def test_a_broken_routine_with_brackets_in_its_error_is_shown_as_text() -> None:
    write_routine(
        locations.user_routines_dir(),
        'name: Odd\nsteps:\n  - exercise: X\n    hold: 5s\n    "[bold]hodl[/": 45s\n',
        "odd.yaml",
    )
    app = EvensideApp(clock=FakeClock())
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        note = cells(pilot, "odd")["summary"]
        assert "[bold]hodl[/" in note
        move_to(pilot, "odd")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, LibraryScreen)
        messages = [n.message for n in pilot.app._notifications]
        assert any("[bold]hodl[/" in message for message in messages), messages
