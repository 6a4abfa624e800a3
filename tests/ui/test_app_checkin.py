"""Tests the morning check-in offered when `evenside play` opens the player directly."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from evenside.engine.clock import FakeClock
from evenside.history.checkins import checkins_between
from evenside.playback.assembly import SessionAssembly
from evenside.playback.options import PlayOptions
from evenside.ui.app import EvensideApp
from evenside.ui.screens.checkin.modal import CheckinModal
from evenside.ui.screens.player_screen.screen import PlayerScreen
from tests.support.history_fixtures import DESK, PSOAS, opened_history, play

SIZE = (80, 24)


def played_yesterday() -> None:
    yesterday = datetime.now(UTC) - timedelta(days=1)
    with opened_history() as store:
        play(store, PSOAS, yesterday.replace(hour=12))


def recording(*, record: bool = True) -> SessionAssembly:
    """No sound; sessions recorded unless `record` is False (as with --no-history)."""
    return SessionAssembly(sound=False, record=True, options=PlayOptions(record=record))


async def test_the_morning_after_a_session_play_asks_the_checkin_then_plays() -> None:
    played_yesterday()
    app = EvensideApp(DESK, assembly=recording(), clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckinModal)
        assert app.session is None  # nothing plays while the question is up
        await pilot.press("4", "2")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert app.session is not None and app.session.timeline.routine.name == "Desk break"
    with opened_history() as store:
        given = checkins_between(store.conn, date.today(), date.today())
    assert [(c.side, c.pain) for c in given] == [("left", 4), ("right", 2)]


async def test_escape_skips_the_checkin_and_plays_and_it_is_not_asked_again_today() -> None:
    played_yesterday()
    for start in ("first", "second"):
        app = EvensideApp(DESK, assembly=recording(), clock=FakeClock())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, CheckinModal) is (start == "first")
            if start == "first":
                await pilot.press("escape")
                await pilot.pause()
            assert isinstance(app.screen, PlayerScreen)
    with opened_history() as store:
        assert checkins_between(store.conn, date.today(), date.today()) == []


async def test_without_history_play_never_asks() -> None:
    played_yesterday()
    app = EvensideApp(DESK, assembly=recording(record=False), clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
