"""Provides Pilot tests of a routine's first session: its safety note through the get-ready
countdown, read off a real history (not on later sessions, nor for the owed sides)."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Static

from evenside.routine.model import Routine
from evenside.ui.screens.player_screen.screen import PlayerScreen
from tests.support.balance_play import record_play
from tests.support.player_pilot import advance, player, wired_app
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
