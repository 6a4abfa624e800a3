"""Provides a pain rating as the front ends and history share it: a side, a moment, 0 to 10.

A front end (the TUI's pain panel, the plain prompt) makes a `Rating`: the
side rated, or None for the whole body, and the pain from 0 (none) to 10
(worst). `save_rating` stores it for a moment, before or after the session
(`RatingMoment`), where history keeps it as a `RatingRecord`. The moments,
sides and scale history accepts are defined once, in `evenside.history.records`,
below this layer, because storage checks them too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from evenside.engine.timeline import IntervalKind, Timeline
from evenside.routine.model import Side

if TYPE_CHECKING:
    from evenside.history.records import RatingMoment
    from evenside.history.store import HistoryStore

PainSide = Side | None
"""The side a rating is for; None for a routine without sides (the whole body)."""

Ratings = dict[PainSide, int]
"""Pain 0-10 by side, the latest given for each."""


@dataclass(frozen=True)
class Rating:
    """One rating, ready to store."""

    side: PainSide
    """The side rated, or None for the whole body."""
    pain: int
    """0 (none) to 10 (worst)."""


def rated_sides(timeline: Timeline) -> list[PainSide]:
    """The sides a routine works, left first; [None] when it works no side."""
    sides = {i.side for i in timeline.intervals if i.kind is IntervalKind.WORK and i.side}
    return [s for s in (Side.LEFT, Side.RIGHT) if s in sides] or [None]


def stored_side(side: PainSide) -> str | None:
    """The side as history stores it: 'left', 'right', or None for the whole body."""
    return str(side) if side is not None else None


def save_rating(
    store: HistoryStore, session_id: str, when: RatingMoment | str, rating: Rating
) -> bool:
    """Store `rating` as the pain `when` of a session; False if it could not be stored.

    A history that cannot be written (or refuses the value) loses the rating,
    never the session: the caller says so, or carries on quietly.
    """
    # Here, not at the top: the pain panel is part of the player's first frame, which
    # needs neither SQLite nor the store until a rating is given.
    import sqlite3

    try:
        store.add_rating(session_id, when, stored_side(rating.side), rating.pain)
    except (sqlite3.Error, ValueError):
        return False
    return True
