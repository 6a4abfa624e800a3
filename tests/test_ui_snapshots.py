"""Provides snapshot tests of the player (in a hold, paused) and the summary, clock frozen."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from evenside.engine.clock import FakeClock
from evenside.ui.app import EvensideApp
from evenside.ui.screens.player import PlayerScreen
from ui_routines import lunge_routine

SIZE = (80, 24)

SnapCompare = Callable[..., bool]


def frozen_app() -> tuple[EvensideApp, FakeClock]:
    clock = FakeClock()
    return EvensideApp(lunge_routine(), clock=clock), clock


def into_the_hold(clock: FakeClock, seconds: float) -> Callable[[Pilot[None]], object]:
    """A run_before that moves the frozen clock `seconds` on and redraws the player."""

    async def run_before(pilot: Pilot[None]) -> None:
        clock.advance(seconds)
        screen = pilot.app.screen
        assert isinstance(screen, PlayerScreen)
        screen.session.update()
        screen.refresh_display()
        await pilot.pause()

    return run_before


def test_player_in_a_hold(snap_compare: SnapCompare) -> None:
    app, clock = frozen_app()
    assert snap_compare(app, terminal_size=SIZE, run_before=into_the_hold(clock, 17))


def test_player_paused(snap_compare: SnapCompare) -> None:
    app, clock = frozen_app()
    assert snap_compare(
        app, press=["space"], terminal_size=SIZE, run_before=into_the_hold(clock, 62)
    )


def test_summary_after_stopping(snap_compare: SnapCompare) -> None:
    app, clock = frozen_app()
    assert snap_compare(
        app, press=["n", "q", "y"], terminal_size=SIZE, run_before=into_the_hold(clock, 50)
    )


def test_player_at_the_smallest_size(snap_compare: SnapCompare) -> None:
    app, clock = frozen_app()
    assert snap_compare(app, terminal_size=(60, 16), run_before=into_the_hold(clock, 17))
