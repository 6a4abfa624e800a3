"""Provides a played session's summary: what was done per exercise and side, and its headline.

The one reckoning both front ends draw (the TUI's summary table, the plain
lines): each interval's last ending counted once (backed out of and then done
again is one set done), and the time of skipped sets never counted as work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from evenside.engine.events import IntervalEnded, IntervalStatus, SessionStatus
from evenside.engine.timeline import IntervalKind, Timeline
from evenside.routine.model import Side

HEADLINE = {
    SessionStatus.COMPLETED: "Routine complete",
    SessionStatus.STOPPED: "Session stopped",
    SessionStatus.INTERRUPTED: "Session interrupted",
}
"""The summary's first words, by how the session ended."""


@dataclass
class SummaryRow:
    """One exercise on one side (or without a side)."""

    exercise: str
    """The exercise's name."""
    exercise_id: str
    """Its stable id."""
    side: Side | None
    """The side, or None for an exercise without one."""
    planned_sets: int
    """Work intervals the routine prescribed for this exercise and side."""
    done: int = 0
    """Sets finished."""
    skipped: int = 0
    """Sets skipped with n."""
    partial: int = 0
    """Sets left part way (stopped, or backed out of)."""
    worked_ms: int = 0
    """Time worked in them (done and partial sets; never a skipped one), pauses excluded."""
    reps_done: int | None = None
    """Reps counted as done in the sets done or left part way, for a reps exercise; None
    when it has no reps or every set of it was skipped or not reached."""

    @property
    def not_reached(self) -> int:
        """Sets the session never got to (it was stopped first)."""
        return max(0, self.planned_sets - self.done - self.skipped - self.partial)


def summary_rows(timeline: Timeline, ended: Sequence[IntervalEnded]) -> list[SummaryRow]:
    """One row per exercise and side, in the order the routine first reaches them.

    An interval that was backed out of and then done again counts once as done:
    only its last ending is kept.
    """
    rows: dict[tuple[str, Side | None], SummaryRow] = {}
    for interval in timeline.intervals:
        if interval.kind is not IntervalKind.WORK or interval.exercise_id is None:
            continue
        key = (interval.exercise_id, interval.side)
        row = rows.get(key)
        if row is None:
            row = rows[key] = SummaryRow(
                exercise=interval.exercise or interval.exercise_id,
                exercise_id=interval.exercise_id,
                side=interval.side,
                planned_sets=0,
            )
        row.planned_sets += 1
    last: dict[int, IntervalEnded] = {}
    for result in ended:
        if result.interval.kind is IntervalKind.WORK:
            last[result.interval.index] = result
    for result in last.values():
        interval = result.interval
        if interval.exercise_id is None:
            continue
        row = rows[(interval.exercise_id, interval.side)]
        if result.status is IntervalStatus.SKIPPED:
            # The time before `n` was never work (docs/balance.md), nor were its reps.
            row.skipped += 1
            continue
        row.worked_ms += result.worked_ms
        if result.status is IntervalStatus.DONE:
            row.done += 1
        else:
            row.partial += 1
        if result.reps_done is not None:
            row.reps_done = (row.reps_done or 0) + result.reps_done
    return list(rows.values())
