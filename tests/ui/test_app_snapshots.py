"""Provides snapshot tests of the player (hold, paused, balance), the summary and the owed-side
offer, clock frozen; the player, the summary and the offer at 40x15, 60x16 and 80x24."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from evenside.engine.clock import FakeClock
from evenside.routine.model import Side
from tests.support.balance_play import record_play
from tests.support.player_pilot import advance, lunge_app, wired_app
from tests.support.ui_routines import lunge_routine

SIZE = (80, 24)

SnapCompare = Callable[..., bool]


def into_the_hold(clock: FakeClock, seconds: float) -> Callable[[Pilot[None]], object]:
    """A run_before that moves the frozen clock `seconds` on and redraws the player."""

    async def run_before(pilot: Pilot[None]) -> None:
        await advance(pilot, clock, seconds)

    return run_before


def test_player_in_a_hold(snap_compare: SnapCompare) -> None:
    app, clock = lunge_app()
    assert snap_compare(app, terminal_size=SIZE, run_before=into_the_hold(clock, 17))


def test_player_paused(snap_compare: SnapCompare) -> None:
    app, clock = lunge_app()
    assert snap_compare(
        app, press=["space"], terminal_size=SIZE, run_before=into_the_hold(clock, 62)
    )


def test_summary_after_stopping(snap_compare: SnapCompare) -> None:
    app, clock = lunge_app()
    assert snap_compare(
        app, press=["n", "q", "y"], terminal_size=SIZE, run_before=into_the_hold(clock, 50)
    )


SIZES = [(40, 15), (60, 16), (80, 24)]
"""A phone over SSH, the smallest comfortable terminal, the usual one."""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_player_at_every_size(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    app, clock = lunge_app()
    assert snap_compare(app, terminal_size=size, run_before=into_the_hold(clock, 17))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_summary_at_every_size(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    with wired_app(lunge_routine()) as (app, clock):

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.pause()
            await pilot.press("l", "2", "r", "3")
            for seconds in (5, 45, 5):
                await advance(pilot, clock, seconds)
            await pilot.press("n", "q", "y")
            await pilot.pause()

        assert snap_compare(app, press=["l", "7"], terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_owed_offer_at_every_size(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    record_play(lunge_routine(), skip_side=Side.RIGHT)
    with wired_app(lunge_routine()) as (app, _clock):
        assert snap_compare(app, terminal_size=size)


def test_player_says_why_the_right_goes_first_and_asks_for_pain(snap_compare: SnapCompare) -> None:
    record_play(lunge_routine(), skip_side=Side.RIGHT)
    with wired_app(lunge_routine()) as (app, _clock):
        # n answers the owed-side offer: play as written (the right still goes first).
        assert snap_compare(app, press=["n", "l", "3"], terminal_size=SIZE)


def test_summary_with_an_owed_side_and_a_care_note(snap_compare: SnapCompare) -> None:
    with wired_app(lunge_routine()) as (app, clock):

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.pause()
            await pilot.press("l", "2")
            for seconds in (5, 45, 5):
                await advance(pilot, clock, seconds)
            await pilot.press("n", "q", "y")
            await pilot.pause()

        assert snap_compare(app, press=["l", "5"], terminal_size=(80, 30), run_before=run_before)


def test_the_stop_question_on_a_phone(snap_compare: SnapCompare) -> None:
    app, clock = lunge_app()
    assert snap_compare(
        app, press=["q"], terminal_size=(40, 15), run_before=into_the_hold(clock, 17)
    )


def test_every_key_on_a_phone(snap_compare: SnapCompare) -> None:
    app, clock = lunge_app()
    assert snap_compare(
        app, press=["question_mark"], terminal_size=(40, 15), run_before=into_the_hold(clock, 17)
    )
