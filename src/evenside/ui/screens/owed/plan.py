"""Provides the words for owed sides and the routines that do them (now, or before a routine)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from evenside.balance.owed import OwedSide, make_owed_routine
from evenside.routine.model import Routine


def owed_line(owed: OwedSide) -> str:
    """ "Right side of Supine release is owed"."""
    return f"{str(owed.side).capitalize()} side of {owed.exercise} is owed"


def offer_question(owed: Sequence[OwedSide]) -> str:
    """ "Add the owed right side of Supine release?" (every owed side, named)."""
    names = [f"{owed_side.side} side of {owed_side.exercise}" for owed_side in owed]
    if len(names) > 1:
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        return f"Add the owed {listed}?"
    return f"Add the owed {names[0]}?"


def owed_now(owed: Sequence[OwedSide], routine: Routine) -> Routine | None:
    """A short routine doing just the owed sides, as `routine` prescribes them."""
    return make_owed_routine(owed, routine.exercises(), name=f"Owed sides: {routine.name}")


def with_owed_first(routine: Routine, owed: Sequence[OwedSide]) -> Routine:
    """`routine` with the owed sides done first, under its own name (one session, one record)."""
    extra = make_owed_routine(owed, routine.exercises())
    if extra is None:
        return routine
    return replace(routine, steps=extra.steps + routine.steps)
