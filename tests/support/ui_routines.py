"""Provides small routines built in code for the UI tests (no loader needed)."""

from __future__ import annotations

from evenside.routine.model import ExerciseStep, PerSide, RestStep, Routine, Sides


def lunge_routine() -> Routine:
    """Prep 5 s; a 45 s lunge per side, 2 sets, 15 s rest; a 30 s rest; 12 untimed bridges."""
    return Routine(
        name="Tiny psoas",
        summary="A lunge per side and some bridges.",
        tags=("psoas", "hips"),
        prep_ms=5_000,
        steps=(
            ExerciseStep(
                exercise="Runner's lunge",
                id="runners-lunge",
                hold_ms=PerSide.same(45_000),
                sides=Sides.BOTH,
                sets=PerSide.same(2),
                rest_ms=15_000,
                switch_ms=5_000,
                cue="Tuck your tail. No bouncing.",
            ),
            RestStep(rest_ms=30_000),
            ExerciseStep(exercise="Glute bridge", id="glute-bridge", reps=PerSide.same(12)),
        ),
    )
