"""Provides Pilot tests of the summary: pain before → after for both sides, the care note."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from evenside.engine.clock import FakeClock
from evenside.ui.screens.summary.screen import SummaryScreen
from evenside.ui.widgets.keys_help import KeysHelp
from tests.support.player_pilot import advance, screen_lines, static_text, wired_app
from tests.support.ui_routines import lunge_routine


async def rate_before_then_stop(pilot: Pilot[None], clock: FakeClock, *keys: str) -> None:
    """Rate pain before during prep with `keys`, do the first left hold, then stop."""
    await pilot.pause()
    await pilot.press(*keys)
    for seconds in (5, 45, 5):
        await advance(pilot, clock, seconds)
    await pilot.press("q", "y")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SummaryScreen)


async def test_the_summary_shows_pain_before_and_after_for_both_sides() -> None:
    with wired_app(lunge_routine()) as (app, clock):
        async with app.run_test(size=(80, 30)) as pilot:
            await rate_before_then_stop(pilot, clock, "l", "2", "r", "3")
            assert static_text(pilot, "#pain-compare") == "Pain: left 2 → – · right 3 → –"
            await pilot.press("r", "3", "l", "4")
            await pilot.pause()
            assert static_text(pilot, "#pain-compare") == "Pain: left 2 → 4 · right 3 → 3"
            care = pilot.app.screen.query_one("#care-note", Static)
            assert care.has_class("-shown")
            assert "(2 → 4)" in str(care.content) and "Go gently" in str(care.content)


async def test_a_rise_from_five_to_ten_gets_a_firmer_note_than_a_rise_of_two() -> None:
    with wired_app(lunge_routine()) as (app, clock):
        async with app.run_test(size=(80, 30)) as pilot:
            await rate_before_then_stop(pilot, clock, "l", "5")
            await pilot.press("l", "1", "0")
            await pilot.pause()
            assert static_text(pilot, "#pain-compare") == "Pain: left 5 → 10 · right – → –"
            note = static_text(pilot, "#care-note")
            assert "much sorer than before (5 → 10)" in note
            assert "Stop for today" in note and "Go gently" not in note


async def test_no_ratings_no_pain_line() -> None:
    with wired_app(lunge_routine()) as (app, clock):
        async with app.run_test(size=(80, 30)) as pilot:
            await rate_before_then_stop(pilot, clock)
            assert not pilot.app.screen.query_one("#pain-compare").display


SIZES = [(40, 15), (60, 16), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_summary_keeps_done_skipped_and_time_at_every_size(
    size: tuple[int, int],
) -> None:
    with wired_app(lunge_routine()) as (app, clock):
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for seconds in (5, 45, 5):
                await advance(pilot, clock, seconds)
            await pilot.press("n", "q", "y")
            await pilot.pause()
            assert isinstance(pilot.app.screen, SummaryScreen)
            lines = screen_lines(pilot)
            header = next(line for line in lines if "Exercise" in line)
            for column in ("Side", "Done", "Skip", "Time"):
                assert column in header, header
            left = next(line for line in lines if "◀ L" in line)
            right = next(line for line in lines if "▶" in line)
            assert left.split()[-2:] == ["-", "0:45"] and "1/2" in left
            assert right.split()[-2:] == ["1", "0:00"] and "0/2" in right
            keys = lines[-1]
            assert "q/⏎ Leave" in keys and "? Keys" in keys
            await pilot.press("question_mark")
            assert isinstance(pilot.app.screen, KeysHelp)


async def test_an_exercise_name_with_brackets_is_shown_as_written() -> None:
    # The table's cells are plain text: "[b]" is part of the name, not a style.
    routine = lunge_routine()
    step = replace(routine.steps[0], exercise="Lunge [b] :smile:")
    with wired_app(replace(routine, steps=(step, *routine.steps[1:]))) as (app, clock):
        async with app.run_test(size=(80, 30)) as pilot:
            await rate_before_then_stop(pilot, clock)
            rows = [line for line in screen_lines(pilot) if "LEFT" in line]
            assert len(rows) == 1 and "Lunge [b] :smile:" in rows[0]
