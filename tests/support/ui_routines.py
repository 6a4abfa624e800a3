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


def transition_routine() -> Routine:
    """Prep 5 s; 12 timed bridges (2 s a rep); a kneeling lunge straight after (a 5 s
    transition between them, the default); then 12 untimed clamshells on the left."""
    return Routine(
        name="Tiny change",
        prep_ms=5_000,
        steps=(
            ExerciseStep(
                exercise="Supine bridge",
                id="supine-bridge",
                reps=PerSide.same(12),
                tempo_ms=2_000,
                sets=PerSide.same(1),
            ),
            ExerciseStep(
                exercise="Kneeling lunge",
                id="kneeling-lunge",
                hold_ms=PerSide.same(30_000),
                sides=Sides.LEFT,
                sets=PerSide.same(1),
            ),
            ExerciseStep(
                exercise="Clamshell",
                id="clamshell",
                reps=PerSide.same(12),
                sides=Sides.LEFT,
                sets=PerSide.same(1),
            ),
        ),
    )
