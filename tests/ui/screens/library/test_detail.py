"""Tests the routine detail view with Pilot: what it shows, enter plays, escape goes back,
and the routine's own text is shown as written (no escape or markup acts)."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from evenside import locations
from evenside.engine.clock import FakeClock
from evenside.routine.model import Side
from evenside.ui.app import EvensideApp
from evenside.ui.screens.library.detail import RoutineDetailScreen, reflowed
from evenside.ui.screens.library.entries import find_entries
from evenside.ui.screens.library.screen import LibraryScreen
from evenside.ui.screens.owed.offer import OwedOffer
from evenside.ui.screens.player_screen.screen import PlayerScreen
from tests.support.balance_play import record_play
from tests.support.routine_files import MORNING_HIPS, write_routine
from tests.support.screen_text import screen_text

SAFETY = """\
name: Knee care
summary: Gentle knee bends.
description: |
  Bend and straighten, slowly; the knee
  tracks over the second toe.

  Stop and see a doctor if the knee swells,
  locks or gives way.
tags: [knee]
steps:
  - exercise: Heel slide
    reps: 10
    sides: both
"""

HOSTILE = """\
name: "[bold red]Loud[/] \\e]0;owned\\a"
summary: "[link=https://x.example]click[/link]"
description: "Read [b]this[/b] \\e[8mhidden"
tags: ["[i]tag[/i]"]
steps:
  - exercise: "[reverse]Lunge[/]"
    hold: 5s
"""


def detail_text(app: EvensideApp) -> str:
    return screen_text(app)


def open_detail(pilot_app: EvensideApp, name: str) -> None:
    screen = pilot_app.screen
    assert isinstance(screen, LibraryScreen)
    names = [entry.name for entry in screen.shown]
    screen.query_one(DataTable).move_cursor(row=names.index(name))


async def test_the_detail_shows_notes_steps_time_and_balance_then_enter_plays() -> None:
    folder = locations.user_routines_dir()
    write_routine(folder, SAFETY, "knee.yaml")
    morning = write_routine(folder, MORNING_HIPS, "morning-hips.yaml")
    from evenside.routine.loader import load_routine

    record_play(load_routine(morning), skip_side=Side.RIGHT)
    app = EvensideApp(clock=FakeClock())
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        open_detail(app, "Knee care")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RoutineDetailScreen)
        text = detail_text(app)
        assert "Gentle knee bends." in text
        assert "Total " in text and "knee · yours" in text
        # The description, joined to the screen's width, with its safety note.
        assert "Bend and straighten, slowly; the knee tracks over the second toe." in text
        assert "Stop and see a doctor if the knee swells, locks or gives way." in text
        assert "Heel slide · 10 reps · each side, the side behind first" in text
        assert "This week: nothing recorded yet" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        # A routine with history: its bar, and the side that is behind, in words.
        open_detail(app, "Morning hips")
        await pilot.press("enter")
        await pilot.pause()
        text = detail_text(app)
        assert "This week L ████│░░░░ R ⚑ the right side is behind this week" in text
        await pilot.press("enter")
        await pilot.pause()
        # Enter played it: the right owed from last time is offered first (n: as written).
        assert isinstance(app.screen, OwedOffer)
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayerScreen)
        assert screen.session.timeline.routine.name == "Morning hips"


async def test_escape_goes_back_and_plays_nothing() -> None:
    write_routine(locations.user_routines_dir(), SAFETY, "knee.yaml")
    app = EvensideApp(clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        open_detail(app, "Knee care")
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.session is None


async def test_every_bundled_routine_shows_its_safety_note() -> None:
    app = EvensideApp(clock=FakeClock())
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        bundled = [entry for entry in find_entries() if entry.bundled]
        assert bundled
        for entry in bundled:
            open_detail(app, entry.name)
            await pilot.press("enter")
            await pilot.pause()
            text = " ".join(detail_text(app).split())
            assert "see a doctor" in text.lower() or "stop" in text.lower(), entry.name
            await pilot.press("escape")
            await pilot.pause()


async def test_markup_and_escapes_in_a_routine_are_shown_as_written() -> None:
    write_routine(locations.user_routines_dir(), HOSTILE, "hostile.yaml")
    app = EvensideApp(clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        listed = screen_text(app)
        assert "[bold red]Loud[/] ␛]0;owned␇" in listed
        name = "[bold red]Loud[/] \x1b]0;owned\x07"
        open_detail(app, name)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        for shown in (
            "[bold red]Loud[/] ␛]0;owned␇",
            "[link=https://x.example]click[/link]",
            "Read [b]this[/b] ␛[8mhidden",
            "[i]tag[/i]",
            "[reverse]Lunge[/] · 0:05 hold",
        ):
            assert shown in text
        assert "\x1b" not in text and "\x07" not in text
        statics = [str(widget.render()) for widget in app.screen.query(Static)]
        assert not any("\x1b" in content for content in statics)


def test_a_hard_wrapped_description_is_joined_keeping_paragraphs_and_lists() -> None:
    text = "One line\nwrapped here.\n\nA list:\n- first\n  item\n- second\n1. numbered"
    assert reflowed(text) == (
        "One line wrapped here.\n\nA list:\n- first item\n- second\n1. numbered"
    )
