"""Tests doses put into a routine: per side, inside blocks, never above the program's limit."""

from __future__ import annotations

from dataclasses import replace

from evenside.program.doses import Dose, apply_doses, dose_words
from evenside.program.model import Progress, StepRule
from evenside.routine.model import Block, PerSide
from tests.support.program_sim import ProgramSim
from tests.support.session_builders import hold, routine


def dose(exercise_id: str, side: str, value: int, written: int = 60_000) -> Dose:
    return Dose(exercise_id, "Lunge", side, True, written, value, "2024-04-08T08:00:00.000Z")


def test_a_dose_changes_one_side_and_leaves_the_other_and_the_rest() -> None:
    lunge = hold("Lunge", 60, sides="both")
    other = hold("Hamstring", 30, sides="both")
    before = routine(Block(repeat=2, steps=(lunge,)), other)
    after = apply_doses(before, [dose(lunge.id, "left", 65_000)])
    block = after.steps[0]
    assert isinstance(block, Block)
    assert block.steps[0].hold_ms == PerSide(65_000, 60_000)  # type: ignore[union-attr]
    assert after.steps[1] == other
    assert before.steps[0].steps[0].hold_ms == PerSide.same(60_000)  # type: ignore[union-attr]


def test_a_dose_above_the_limit_is_played_at_the_limit(sim: ProgramSim) -> None:
    lunge = hold("Lunge", 60, sides="both")
    tighter = replace(
        sim.program,
        progress=Progress(every_days=7, hold=StepRule(5_000, 62_000), reps=None, pain_during=5),
    )
    played = apply_doses(routine(lunge), [dose(lunge.id, "right", 90_000)], tighter)
    assert played.steps[0].hold_ms == PerSide(60_000, 62_000)  # type: ignore[union-attr]


def test_dose_words() -> None:
    assert dose_words(dose("x", "left", 125_000)) == "2:05"
    assert dose_words(Dose("x", "Clam", "left", False, 10, 12, None)) == "12 reps"
