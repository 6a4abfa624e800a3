"""Tests the history screen from 40x15 up (Pilot, the text as the terminal gets it): both
sides of every row on show, "Behind" whole at 80 columns, the calendar at today."""

from __future__ import annotations

import re

import pytest

from evenside.history.aggregates import HistoryFilter, HistoryWindow
from evenside.history.session_list import session_rows
from evenside.history.store import HistoryStore
from evenside.routine.model import ExerciseStep, Order, PerSide, Routine, Side, Sides
from evenside.ui.history_app import HistoryApp
from evenside.ui.screens.history_screen.panes.pane import keys_hint
from evenside.ui.screens.history_screen.screen import HistoryScreen
from evenside.wording import clock_done
from tests.support.history_fixtures import TODAY, frozen_now, on, play, skip
from tests.support.screen_text import screen_lines, screen_text

SIZES = [(40, 15), (60, 16), (80, 24)]

LONG = ExerciseStep(
    exercise="Half-kneeling hip flexor stretch with an overhead reach",
    id="long",
    hold_ms=PerSide.same(45_000),
    sides=Sides.BOTH,
    order=Order.LEFT_FIRST,
    sets=PerSide.same(2),
    rest_ms=15_000,
)
LONG_NAMES = Routine(name="Hip flexors", steps=(LONG,), prep_ms=5_000, content_hash="l")


def app_on(history: HistoryStore) -> HistoryApp:
    return HistoryApp(history.conn, now=frozen_now, filters=HistoryFilter(days=30))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_each_row_shows_the_left_and_the_right(
    history: HistoryStore, size: tuple[int, int]
) -> None:
    async with app_on(history).run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(pilot.app)
        # The newest row (20 May, Hamstring stretch): both sides, done and prescribed.
        assert re.search(r"0:30 · 1 set\b", text), text
        assert "0:00 · 0 sets" in text, text
        assert "right ▶" in text, text
        if size[0] < 70:
            # Stacked: the left above the right, in the same column.
            lines = screen_lines(pilot.app)
            left = next(i for i, line in enumerate(lines) if "left  0:30 · 1 set" in line)
            assert "right 0:00 · 0 sets" in lines[left + 2]
            assert lines[left].index("left") == lines[left + 2].index("right")


async def test_behind_stays_whole_at_80_columns_with_a_long_exercise(store: HistoryStore) -> None:
    play(store, LONG_NAMES, on(21), skip("long", Side.RIGHT))
    async with app_on(store).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_lines(pilot.app)
        assert lines[2].split()[-1] == "Behind", lines[2]
        assert any(line.rstrip().endswith("right ▶") for line in lines), "\n".join(lines)
        assert any("Half-kneeling hip" in line and "…" in line for line in lines)


@pytest.mark.parametrize("width", [40, 50, 60])
async def test_the_calendar_shows_the_current_weeks(history: HistoryStore, width: int) -> None:
    async with app_on(history).run_test(size=(width, 20)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.pause()
        lines = screen_lines(pilot.app)
        months = next(line for line in lines if "Mar" in line or "Apr" in line)
        assert f"{TODAY:%b}" in months.split(), months
        # Wednesday's row ends with today, done on both sides (■).
        wednesday = lines[lines.index(months) + 3]
        assert wednesday.rstrip().endswith("■"), wednesday


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_sessions_pane_shows_date_routine_status_and_time(
    history: HistoryStore, size: tuple[int, int]
) -> None:
    async with app_on(history).run_test(size=size) as pilot:
        await pilot.press("4")
        await pilot.pause()
        text = screen_text(pilot.app)
        newest = session_rows(history.conn, HistoryWindow(frozen_now), HistoryFilter(days=30))[0]
        assert newest.duration_ms is not None
        time_taken = clock_done(newest.duration_ms)
        for shown in ("22 May", "08:00", time_taken, "Psoas release", "completed"):
            assert shown in text, text


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_pain_pane_shows_the_chart_and_what_helps(
    history: HistoryStore, size: tuple[int, int]
) -> None:
    async with app_on(history).run_test(size=size) as pilot:
        await pilot.press("3")
        await pilot.pause()
        # What helps may be below the chart: the pane scrolls to it.
        pane = pilot.app.screen.query_one("#pain")
        pane.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "-0.35 (10" in text, text
        assert "+0.19 (8" in text, text


async def test_resizing_refits_the_table(store: HistoryStore) -> None:
    play(store, LONG_NAMES, on(21), skip("long", Side.RIGHT))
    async with app_on(store).run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "Half-kneeling hip flexor stretch with an overhead reach" in screen_text(pilot.app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        lines = screen_lines(pilot.app)
        assert lines[2].split()[-1] == "Behind", lines[2]
        await pilot.resize_terminal(40, 15)
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "left  1:30 · 2 sets" in text and "right 0:45 · 1 set" in text, text


async def test_at_40_columns_every_pane_key_and_screen_key_is_in_sight(
    history: HistoryStore,
) -> None:
    async with app_on(history).run_test(size=(40, 15)) as pilot:
        await pilot.pause()
        lines = screen_lines(pilot.app)
        others = [str(key) for key in range(2, len(HistoryScreen.PANES) + 1)]
        assert lines[0].split() == ["1", "Side", "by", "side", *others]
        assert lines[1].strip() == "30 days · all routines · all exercises"
        keys = " ".join(lines[-2:])
        hint = keys_hint(HistoryScreen.PANES)
        for key in (f"{hint} Panes", "d Days", "r Routine", "e", "Exercise", "esc Back"):
            assert key in keys, keys
        await pilot.press("3")
        await pilot.pause()
        assert screen_lines(pilot.app)[0].split() == ["1", "2", "3", "Pain", *others[2:]]
