"""Provides tests of the routines that do owed sides: on their own, or before a routine."""

from __future__ import annotations

from evenside.balance.owed import OwedSide, owed_now, with_owed_first
from evenside.routine.model import ExerciseStep, PerSide, Routine, Side, Sides

RELEASE = ExerciseStep(
    exercise="Supine release",
    id="supine-release",
    hold_ms=PerSide(90_000, 60_000),
    sides=Sides.BOTH,
    sets=PerSide(3, 2),
)
OWED = OwedSide("supine-release", "Supine release", Side.RIGHT, "2024-05-20T08:00:00.000Z")


def test_owed_sides_now_and_first_keep_the_sides_own_prescription() -> None:
    routine = Routine(name="Psoas", steps=(RELEASE,))
    now = owed_now([OWED], routine)
    assert now is not None and now.name == "Owed sides: Psoas"
    (step,) = now.exercises()
    assert step.sides is Sides.RIGHT and step.sets == PerSide.same(2)
    first = with_owed_first(routine, [OWED])
    assert first.name == "Psoas"
    assert [s.sides for s in first.steps] == [Sides.RIGHT, Sides.BOTH]
    assert with_owed_first(routine, []) is routine
