"""Provides `BreakPlanner`: which side a due break starts on and why, from the balance history.

Asked afresh at each due break (a break taken an hour ago may have evened
the sides), and the side chooser it used is the one the break is played
with, so the prompt and the player always agree.
"""

from __future__ import annotations

from collections.abc import Callable

from evenside.desk.prompt import BreakPlan
from evenside.engine.timeline import IntervalKind, SideChooser, expand, left_on_tie
from evenside.routine.model import Order, Routine, Sides

ChooserSource = Callable[[], SideChooser]
"""Builds a side chooser from the history as it is now."""

_ORDER_REASON = {
    Order.LEFT_FIRST: "the routine says left first",
    Order.RIGHT_FIRST: "the routine says right first",
}


def _reason_words(chooser: SideChooser, exercise_id: str) -> str | None:
    """The chooser's reason without its "right first for Lunge: " lead, if it gives one
    (the prompt names the side and the exercise itself)."""
    reason = getattr(chooser, "reason", None)
    if not callable(reason):
        return None
    text = str(reason(exercise_id))
    return text.split(": ", 1)[1] if ": " in text else text


class BreakPlanner:
    """Plans each break of one routine; `chooser` is the side chooser of the latest plan."""

    def __init__(
        self, routine: Routine, label: str, chooser_source: ChooserSource | None = None
    ) -> None:
        self.routine = routine
        self.label = label
        """How the routine is named in the prompt: its own name, e.g. "Desk break"."""
        self._source = chooser_source or (lambda: left_on_tie)
        self.chooser: SideChooser = left_on_tie
        """The chooser to play the planned break with."""

    def plan(self) -> BreakPlan:
        """The break on offer now: the first two-sided exercise's first side, and why."""
        self.chooser = self._source()
        step = next((s for s in self.routine.exercises() if s.sides is Sides.BOTH), None)
        if step is None:
            return BreakPlan(self.label)
        timeline = expand(self.routine, self.chooser)
        first = next(
            (
                i
                for i in timeline.intervals
                if i.kind is IntervalKind.WORK and i.exercise_id == step.id
            ),
            None,
        )
        if first is None or first.side is None:
            return BreakPlan(self.label)
        if step.order is Order.BALANCE:
            reason = _reason_words(self.chooser, step.id)
        else:
            reason = _ORDER_REASON[step.order]
        return BreakPlan(self.label, first.side, reason, step.exercise)
