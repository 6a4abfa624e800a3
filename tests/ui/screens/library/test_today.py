"""Tests the library's Today section and the morning check-in modal with Pilot."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from textual.widgets import Static

from evenside import locations
from evenside.engine.clock import FakeClock
from evenside.history.checkins import checkins_between
from evenside.program.loader import load_program
from evenside.program.status import take_up
from evenside.ui.app import EvensideApp
from evenside.ui.screens.checkin.modal import CheckinModal
from evenside.ui.screens.library.screen import LibraryScreen
from evenside.ui.screens.library.today import TodaySection
from evenside.ui.screens.player_screen.screen import PlayerScreen
from tests.support.history_fixtures import PSOAS, opened_history, play
from tests.support.program_sim import QUICK_STRETCH, write_program

SIZE = (100, 34)


def take_up_today() -> None:
    path = write_program(locations.user_routines_dir(), stretch=QUICK_STRETCH)
    with opened_history() as store:
        take_up(store.conn, load_program(path), date.today())


def today_text(app: EvensideApp) -> str:
    return str(app.screen.query_one(TodaySection).render())


async def test_the_library_opens_on_today_and_enter_plays_the_next_due() -> None:
    take_up_today()
    app = EvensideApp(clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        section = app.screen.query_one(TodaySection)
        assert section.display and app.screen.focused is section
        assert today_text(app).splitlines() == [
            "Today · Test rehab · week 1 of 6",
            "  • Supine stretch 0/2"
            + ("   • Clam strength 0/1" if date.today().weekday() in (0, 2, 4) else ""),
            "  enter plays Supine stretch",
        ]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.session.timeline.routine.name == "Supine stretch"


async def test_without_a_program_the_section_is_hidden_and_the_table_has_focus() -> None:
    app = EvensideApp(clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(TodaySection).display
        assert app.screen.focused is not None and app.screen.focused.id == "library-table"


async def test_a_program_file_gone_is_said_in_the_section() -> None:
    take_up_today()
    (locations.user_routines_dir() / "test-rehab.yaml").unlink()
    app = EvensideApp(clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "does not load" in today_text(app) and "program stop" in today_text(app)


def played_yesterday() -> None:
    yesterday = datetime.now(UTC) - timedelta(days=1)
    with opened_history() as store:
        play(store, PSOAS, yesterday.replace(hour=12))


async def test_the_morning_after_a_session_the_checkin_is_asked_one_key_a_side() -> None:
    played_yesterday()
    app = EvensideApp(clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckinModal)
        question = str(app.screen.query_one("#checkin-question", Static).render())
        assert question == "How are your left and right this morning? 0-10"
        await pilot.press("3", "t")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
    with opened_history() as store:
        given = checkins_between(store.conn, date.today(), date.today())
    assert [(c.side, c.pain) for c in given] == [("left", 3), ("right", 10)]


async def test_the_checkin_is_skipped_with_escape_and_not_asked_again_today() -> None:
    played_yesterday()
    for start in ("first", "second"):
        app = EvensideApp(clock=FakeClock())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, CheckinModal) is (start == "first")
            if start == "first":
                await pilot.press("enter", "escape")  # left skipped, then the rest
                await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
    with opened_history() as store:
        assert checkins_between(store.conn, date.today(), date.today()) == []
