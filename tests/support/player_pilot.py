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
from evenside.ui.screens.player_screen.quick_text import (
    ExerciseLine,
    FittedLabel,
    HeadingLine,
    RoutineProgress,
)
from evenside.ui.screens.player_screen.screen import PlayerScreen
from evenside.ui.widgets.side_badge import SideBadge
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


def player_text(pilot: Pilot[None], part: str) -> str:
    """What one part of the player shows: "heading", "sound", "exercise", "set", "side",
    "next" (as fitted to its width) or "routine-left"."""
    screen = player(pilot)
    if part in ("heading", "sound"):
        heading = screen.query_one(HeadingLine)
        return heading.left if part == "heading" else heading.rights[0]
    if part in ("exercise", "set"):
        line = screen.query_one(ExerciseLine)
        return line.left if part == "exercise" else line.rights[0]
    if part == "side":
        return screen.query_one(SideBadge).label
    if part == "next":
        label = screen.query_one("#next", FittedLabel)
        return label.text_at(label.content_size.width)
    if part == "routine-left":
        return screen.query_one(RoutineProgress).label
    raise ValueError(part)


def screen_lines(pilot: Pilot[None]) -> list[str]:
    """The text of every line of the terminal as the app draws it now (the top screen
    over those below it)."""
    return [strip.text for strip in pilot.app.screen._compositor.render_strips()]
