"""Tests the library and the detail view from 40x15 up (Pilot, the text as the terminal gets
it): the left|right bar stays at 40 columns; the notes and steps can be scrolled to."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from evenside import locations
from evenside.engine.clock import FakeClock
from evenside.routine.loader import load_routine
from evenside.routine.model import Side
from evenside.ui.app import EvensideApp
from evenside.ui.screens.library.detail import RoutineDetailScreen
from evenside.ui.screens.library.entries import entry_for
from tests.support.balance_play import record_play
from tests.support.routine_files import MORNING_HIPS, write_routine
from tests.support.screen_text import screen_text

SIZES = [(40, 15), (60, 16), (80, 24)]
BAR = "████│░░░░ ⚑"
"""Morning hips after a session with its right side skipped."""


def flagged_library() -> EvensideApp:
    """The library of one routine of the user's and a bundled one, the first out of balance."""
    path = write_routine(locations.user_routines_dir(), MORNING_HIPS, "morning-hips.yaml")
    record_play(load_routine(path), skip_side=Side.RIGHT)
    bundled = locations.bundled_routines_dir() / "hip-stability.yaml"
    entries = [entry_for(path), entry_for(bundled, bundled=True)]
    return EvensideApp(clock=FakeClock(), entries=entries)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_library_keeps_the_name_and_the_bar(size: tuple[int, int]) -> None:
    async with flagged_library().run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(pilot.app)
        line = next(line for line in text.splitlines() if "Morning hips" in line)
        assert BAR in line, text
        assert "Hip stability circuit" in text, text
        if size[0] >= 60:
            assert "1:45 + 1 set" in line, text


def words(text: str) -> str:
    """The screen's words in one line: wrapped sentences joined, the notes' border gone."""
    lines = (line.strip().removeprefix("█").strip() for line in text.splitlines())
    return " ".join(" ".join(lines).split())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_detail_view_scrolls_to_the_safety_note_and_the_steps(
    size: tuple[int, int],
) -> None:
    async with flagged_library().run_test(size=size) as pilot:
        await pilot.pause()
        pilot.app.screen.query_one(DataTable).move_cursor(row=1)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, RoutineDetailScreen)
        first = screen_text(pilot.app)
        assert "Hip stability circuit" in first
        assert "Play" in first and "Back" in first  # the keys, in the footer
        seen = words(first)
        for _ in range(40):  # down to the end, a line at a time, as a person would
            await pilot.press("down")
            seen += " " + words(screen_text(pilot.app))
        assert "Stop and see a doctor" in seen
        assert "Single-leg balance · 0:30 hold · each side" in seen


async def test_narrowing_the_terminal_refits_the_columns() -> None:
    async with flagged_library().run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        wide = screen_text(pilot.app)
        assert "Wake the hips up." in wide and BAR in wide
        await pilot.resize_terminal(40, 15)
        await pilot.pause()
        narrow = screen_text(pilot.app)
        line = next(line for line in narrow.splitlines() if "Morning hips" in line)
        assert BAR in line, narrow
        assert "Wake the hips up." not in narrow
