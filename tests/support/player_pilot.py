"""Provides the player app on a fake clock, and Pilot helpers that read and drive it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual.pilot import Pilot
from textual.widgets import Static

from evenside.engine.clock import FakeClock
from evenside.playback.assembly import SessionAssembly
from evenside.playback.options import PlayOptions
from evenside.routine.model import Routine
from evenside.ui.app import EvensideApp
from evenside.ui.screens.player_screen.screen import PlayerScreen
from tests.support.ui_routines import lunge_routine


def lunge_app() -> tuple[EvensideApp, FakeClock]:
    """The app playing `lunge_routine()` on a fresh fake clock (no sound, no history)."""
    clock = FakeClock()
    return EvensideApp(lunge_routine(), clock=clock), clock


@contextmanager
def wired_app(
    routine: Routine | None = None, *, options: PlayOptions | None = None
) -> Iterator[tuple[EvensideApp, FakeClock]]:
    """The app wired as `evenside play --mute --no-voice` wires it (sound, history), on a
    fake clock; its session is closed afterwards."""
    clock = FakeClock()
    assembly = SessionAssembly(options or PlayOptions(mute=True, no_voice=True), clock=clock)
    app = EvensideApp(routine, assembly=assembly)
    try:
        yield app, clock
    finally:
        app.close_session()


def player(pilot: Pilot[None]) -> PlayerScreen:
    """The player on top, or fail."""
    screen = pilot.app.screen
    assert isinstance(screen, PlayerScreen), screen
    return screen


async def advance(pilot: Pilot[None], clock: FakeClock, seconds: float) -> None:
    """Move the fake clock, let the runner catch up and the player redraw."""
    clock.advance(seconds)
    screen = player(pilot)
    assert screen.runner is not None
    screen.runner.poke()
    screen.refresh_display()
    await pilot.pause()


def static_text(pilot: Pilot[None], selector: str) -> str:
    """The plain text a Static on the top screen shows."""
    return str(pilot.app.screen.query_one(selector, Static).content)
