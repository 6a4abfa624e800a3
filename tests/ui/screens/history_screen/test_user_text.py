"""Tests that the history shows the names people wrote as written: no markup, no escapes."""

from __future__ import annotations

from evenside.history.aggregates import HistoryFilter
from evenside.history.store import HistoryStore
from evenside.routine.model import ExerciseStep, Order, PerSide, Routine, Sides
from evenside.ui.history_app import HistoryApp
from evenside.ui.screens.history_screen.session_detail import SessionDetailScreen
from tests.support.history_fixtures import frozen_now, on, play
from tests.support.screen_text import screen_text

LOUD = ExerciseStep(
    exercise="[i]Lunge[/i]\x1b[8m",
    id="loud",
    hold_ms=PerSide.same(10_000),
    sides=Sides.BOTH,
    order=Order.LEFT_FIRST,
)
ROUTINE = Routine(name="[bold]Loud[/] \x1b]0;t\x07", steps=(LOUD,), prep_ms=0, content_hash="x")
SHOWN_ROUTINE = "[bold]Loud[/] ␛]0;t␇"
SHOWN_EXERCISE = "[i]Lunge[/i]␛[8m"


async def test_names_with_markup_and_escapes_show_as_written(store: HistoryStore) -> None:
    play(store, ROUTINE, on(21))
    app = HistoryApp(store.conn, now=frozen_now, filters=HistoryFilter(days=30))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert SHOWN_EXERCISE in screen_text(app)
        await pilot.press("r")  # the routine filter names it
        await pilot.pause()
        assert SHOWN_ROUTINE in screen_text(app)
        await pilot.press("4")
        await pilot.pause()
        assert SHOWN_ROUTINE in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        text = screen_text(app)
        assert SHOWN_ROUTINE in text and SHOWN_EXERCISE in text
        assert "\x1b" not in text and "\x07" not in text
