"""Provides a pain rating as the front ends and history share it: a side, a moment, 0 to 10.

A front end (the TUI's pain panel, the plain prompt) makes a `Rating`: the
side rated, or None for the whole body, and the pain from 0 (none) to 10
(worst). `save_rating` keeps it for a moment, before or after the session
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
    from evenside.history.recorder import HistoryRecorder
    from evenside.history.records import RatingMoment

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


def save_rating(recorder: HistoryRecorder, when: RatingMoment | str, rating: Rating) -> bool:
    """Keep `rating` as the pain `when` of the recorder's session; False if it could not
    be (no session yet, or not a rating history keeps).

    The recorder's writer stores it off the event loop; if the history then cannot
    take it, the writer says so and keeps it for the next start, like any other write.
    """
    return recorder.add_rating(str(when), stored_side(rating.side), rating.pain)
