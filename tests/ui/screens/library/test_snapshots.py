"""Provides snapshot tests of the library and the detail view at 40x15, 60x16 and 80x24."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from evenside import locations
from evenside.engine.clock import FakeClock
from evenside.routine.loader import load_routine
from evenside.routine.model import Side
from evenside.ui.app import EvensideApp
from evenside.ui.screens.library.entries import entry_for
from tests.support.balance_play import record_play
from tests.support.routine_files import MORNING_HIPS, write_routine

SIZES = [(40, 15), (60, 16), (80, 24)]

SnapCompare = Callable[..., bool]

KNEE = """\
name: Knee care
summary: Gentle knee bends for a stiff knee.
description: |
  Bend and straighten slowly; the knee tracks over the second toe.

  Stop and see a doctor if the knee swells, locks or gives way.
tags: [knee, daily]
steps:
  - exercise: Heel slide
    reps: 10
    sides: both
    cue: Slide the heel in, then out
  - exercise: Quad set
    hold: 10s
    sides: both
    sets: 2
"""


def library() -> EvensideApp:
    """Two routines of the user's, Morning hips out of balance (the right skipped)."""
    folder = locations.user_routines_dir()
    morning = write_routine(folder, MORNING_HIPS, "morning-hips.yaml")
    knee = write_routine(folder, KNEE, "knee.yaml")
    record_play(load_routine(morning), skip_side=Side.RIGHT)
    return EvensideApp(clock=FakeClock(), entries=[entry_for(morning), entry_for(knee)])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_library(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(library(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_detail_view(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(library(), press=["down", "enter"], terminal_size=size)
