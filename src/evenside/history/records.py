"""Provides the records history holds: a session, one work interval, one pain rating."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from evenside.history.time_taken import time_taken_ms


class RatingMoment(StrEnum):
    """When a pain rating was given."""

    BEFORE = "before"
    AFTER = "after"


RATING_MOMENTS: tuple[str, ...] = tuple(moment.value for moment in RatingMoment)
"""The moments a rating is given at, as stored and exported."""
RATING_SIDES: tuple[str | None, ...] = ("left", "right", None)
"""The sides a rating is for, as stored and exported (None: the whole body)."""
PAIN_MAX = 10
"""The top of the pain scale (the worst); 0 is none."""


@dataclass(frozen=True)
class IntervalRecord:
    """One work interval as it ended: what was prescribed and what was done."""

    exercise_id: str
    """The exercise's stable id (balance counts by it)."""
    exercise: str
    """The exercise's name, as shown."""
    side: str | None
    """'left', 'right', or None for an exercise without a side."""
    set_number: int | None
    """Which set, from 1."""
    kind: str
    """'hold' or 'reps'."""
    planned_ms: int | None
    """The prescribed length; None for untimed reps."""
    actual_ms: int | None
    """Time actually worked, pauses excluded."""
    planned_reps: int | None
    """Prescribed reps; None for a hold."""
    done_reps: int | None
    """Reps counted as done; None for a hold."""
    status: str
    """'done', 'skipped' or 'partial'."""
    started_at: str
    """UTC ISO-8601 start."""
    ended_at: str
    """UTC ISO-8601 end."""


@dataclass(frozen=True)
class RatingRecord:
    """A pain rating for one side (or the whole body) before or after a session."""

    moment: str
    """'before' or 'after'."""
    side: str | None
    """'left', 'right', or None for no particular side."""
    pain: int
    """0 (none) to `PAIN_MAX` (worst)."""


@dataclass(frozen=True)
class SessionRecord:
    """A session: one play of a routine."""

    id: str
    """A UUID, kept when history is exported and imported elsewhere."""
    routine: str
    """The routine's name."""
    content_hash: str
    """SHA-256 of the routine file when it was played ('' when unknown, e.g. imported)."""
    started_at: str
    """UTC ISO-8601 start."""
    ended_at: str | None
    """UTC ISO-8601 end; None while the session is open."""
    status: str | None
    """'completed', 'stopped' or 'interrupted'; None while the session is open."""
    paused_ms: int | None = None
    """Time spent paused, in all (None: recorded before evenside kept it, or not known)."""
    intervals: tuple[IntervalRecord, ...] = field(default=())
    """Its work intervals, in the order they ended (filled only when asked for)."""
    ratings: tuple[RatingRecord, ...] = field(default=())
    """Its pain ratings (filled only when asked for)."""

    @property
    def time_taken_ms(self) -> int | None:
        """How long it took, pauses excluded (as its summary said); None while open."""
        return time_taken_ms(self.started_at, self.ended_at, self.paused_ms)
