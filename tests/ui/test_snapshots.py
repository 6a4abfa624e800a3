"""Provides snapshot tests of the player (hold, paused, balance) and the summary, clock frozen."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from evenside.engine.clock import FakeClock
from evenside.routine.model import Side
from evenside.ui.app import EvensideApp
from evenside.ui.screens.player.screen import PlayerScreen
from tests.support.balance_play import advance, record_play, wired_app
from tests.support.ui_routines import lunge_routine

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


def wired_frozen_app() -> tuple[EvensideApp, FakeClock]:
    """The app wired as `evenside play --mute --no-voice` wires it (history, muted sound)."""
    app, clock, _closers = wired_app(lunge_routine())
    return app, clock


def test_player_says_why_the_right_goes_first_and_asks_for_pain(snap_compare: SnapCompare) -> None:
    record_play(lunge_routine(), skip_side=Side.RIGHT)
    app, _clock = wired_frozen_app()
    # n answers the owed-side offer: play as written (the right still goes first).
    assert snap_compare(app, press=["n", "l", "3"], terminal_size=SIZE)


def test_summary_with_an_owed_side_and_a_care_note(snap_compare: SnapCompare) -> None:
    app, clock = wired_frozen_app()

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("l", "2")
        for seconds in (5, 45, 5):
            await advance(pilot, clock, seconds)
        await pilot.press("n", "q", "y")
        await pilot.pause()

    assert snap_compare(app, press=["l", "5"], terminal_size=(80, 30), run_before=run_before)


def test_the_owed_side_offer(snap_compare: SnapCompare) -> None:
    record_play(lunge_routine(), skip_side=Side.RIGHT)
    app, _clock = wired_frozen_app()
    assert snap_compare(app, terminal_size=SIZE)
