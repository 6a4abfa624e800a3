"""Provides Pilot tests of a routine's first session: its safety note through the get-ready
countdown, read off a real history (not on later sessions, nor for the owed sides)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Static

from evenside import locations
from evenside.locations import bundled_routines_dir
from evenside.routine.loader import load_routine
from evenside.routine.model import Routine
from evenside.ui.screens.player_screen.screen import PlayerScreen
from tests.support.balance_play import record_play
from tests.support.player_pilot import advance, player, screen_lines, wired_app
from tests.support.ui_routines import lunge_routine

NOTE = "Stop and see a doctor if \x1b]0;owned\x07 numbness spreads.\nEase off if pain rises."


def noted_routine() -> Routine:
    """The lunge routine with a description holding its safety notes."""
    return replace(lunge_routine(), description=NOTE)


def shown_note(screen: PlayerScreen) -> str | None:
    """The safety note's text if it is on screen, else None."""
    notes = list(screen.query("#safety-note").results(Static))
    if not notes or not notes[0].display:
        return None
    return str(notes[0].content)


async def test_the_first_session_shows_the_safety_note_through_the_countdown() -> None:
    with wired_app(noted_routine()) as (app, clock):
        async with app.run_test(size=(80, 30)) as pilot:
            await pilot.pause()
            screen = player(pilot)
            assert screen.session.started
            text = shown_note(screen)
            assert text is not None
            assert text.startswith("Before you start:")
            assert "Stop and see a doctor if" in text and "Ease off if pain rises." in text
            # Escapes in the file are shown, never sent to the terminal.
            assert "\x1b" not in text and "\x07" not in text and "␛]0;owned␇" in text
            await advance(pilot, clock, 5)
            assert shown_note(screen) is None  # the hold has begun: out of the way


async def test_a_routine_played_before_starts_without_the_note() -> None:
    record_play(noted_routine())
    with wired_app(noted_routine()) as (app, _clock):
        async with app.run_test(size=(80, 30)) as pilot:
            await pilot.pause()
            screen = player(pilot)
            assert screen.session.started
            assert shown_note(screen) is None


async def test_a_bundled_routine_shows_its_red_flags_first_even_at_40x15() -> None:
    routine = load_routine(bundled_routines_dir() / "psoas-stretches.yaml")
    with wired_app(routine) as (app, _clock):
        async with app.run_test(size=(40, 15)) as pilot:
            await pilot.pause()
            text = "\n".join(screen_lines(pilot))
            assert "Before you start:" in text and "Safety: evenside is not medical" in text
            assert "space Pause" in text and ("◀ LEFT" in text or "RIGHT ▶" in text)


async def test_an_unreadable_history_shows_the_note_and_plays_all_the_same(
    private_dirs: Path,
) -> None:
    # The history's place holds a folder: it cannot be read (nor written).
    history = locations.history_path()
    history.parent.mkdir(parents=True, exist_ok=True)
    history.mkdir()
    with wired_app(noted_routine()) as (app, clock):
        async with app.run_test(size=(80, 30)) as pilot:
            await pilot.pause()
            screen = player(pilot)
            assert screen.session.started
            assert shown_note(screen) is not None
            await advance(pilot, clock, 6)
            current = screen.session.current
            assert current is not None and current.exercise == "Runner's lunge"
