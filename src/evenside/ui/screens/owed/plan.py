"""Provides the words for owed sides (the routines that do them are `evenside.balance.owed`'s)."""

from __future__ import annotations

from collections.abc import Sequence

from evenside.balance.owed import OwedSide


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
