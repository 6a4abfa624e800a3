"""Provides Pilot tests of the owed-side offer: whole and answerable at every size."""

from __future__ import annotations

import pytest

from evenside.routine.model import Side
from evenside.ui.screens.owed.offer import OwedOffer
from tests.support.balance_play import record_play
from tests.support.player_pilot import screen_lines, wired_app
from tests.support.ui_routines import lunge_routine

SIZES = [(40, 15), (60, 16), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_offer_fits_the_terminal_with_its_question_and_both_answers(
    size: tuple[int, int],
) -> None:
    record_play(lunge_routine(), skip_side=Side.RIGHT)
    with wired_app(lunge_routine()) as (app, _clock):
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, OwedOffer)
            lines = screen_lines(pilot)
            # The box's borders are on screen, left and right: nothing cut off.
            box = [line for line in lines if line.strip().startswith("█")]
            assert box and all(line.rstrip().endswith("█") for line in box)
            words = " ".join(" ".join(line.strip("█ ") for line in box).split())
            assert "Add the owed right side of Runner's lunge? y/n" in words
            assert "Add (y)" in words and "Start as is (n)" in words
            await pilot.press("y")
            await pilot.pause()
            assert not isinstance(app.screen, OwedOffer)
