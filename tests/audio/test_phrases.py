"""The words spoken for each interval (numbers and lengths in words: tests/test_wording.py).

Which form is spoken is the cue plan's choice (tests/engine/test_cue_plan.py); here,
what each form says: the side first, the next step before it starts, shorter and
shorter forms for less and less time.
"""

from __future__ import annotations

import pytest

from evenside.audio.phrases import (
    ROUTINE_COMPLETE,
    interval_phrase,
    routine_phrases,
    spoken_forms,
    work_forms,
)
from evenside.engine.timeline import IntervalKind, expand
from evenside.routine.model import ExerciseStep, Order, PerSide, RestStep, Routine, Sides


def _routine(*steps: ExerciseStep | RestStep, prep_ms: int = 5_000) -> Routine:
    return Routine(name="r", steps=steps, prep_ms=prep_ms)


SUPINE = ExerciseStep(
    exercise="Supine release",
    id="supine-release",
    hold_ms=PerSide.same(120_000),
    sides=Sides.BOTH,
    order=Order.LEFT_FIRST,
    sets=PerSide.same(2),
)
BRIDGE = ExerciseStep(exercise="Glute bridge", id="glute-bridge", reps=PerSide.same(12))


def test_each_step_is_announced_before_it_starts_side_first() -> None:
    timeline = expand(_routine(SUPINE, RestStep(30_000), BRIDGE))
    spoken = [(i.kind, interval_phrase(timeline, i)) for i in timeline.intervals]
    assert spoken == [
        (IntervalKind.PREP, "Left side. Supine release. Two minutes. Set one of two"),
        (IntervalKind.WORK, ""),
        (IntervalKind.SWITCH, "Right side. Two minutes. Set one of two"),
        (IntervalKind.WORK, ""),
        # Straight after the right side's first set: nothing came before, so at go.
        (IntervalKind.WORK, "Left side. Supine release. Two minutes. Set two of two"),
        (IntervalKind.SWITCH, "Right side. Two minutes. Set two of two"),
        (IntervalKind.WORK, ""),
        (IntervalKind.REST, "Rest thirty seconds. Next: Glute bridge. Twelve reps"),
        (IntervalKind.WORK, ""),
    ]


def test_shorter_forms_keep_the_side_first_down_to_the_side_alone() -> None:
    timeline = expand(_routine(SUPINE))
    assert spoken_forms(timeline, timeline.intervals[0]) == (
        "Left side. Supine release. Two minutes. Set one of two",
        "Left side. Supine release. Two minutes",
        "Left side. Supine release",
        "Left. Supine",
        "Left",
    )
    assert spoken_forms(timeline, timeline.intervals[2])[-2:] == ("Right side", "Right")


def test_a_short_cue_is_spoken_and_a_long_one_only_shown() -> None:
    short = ExerciseStep(
        exercise="Lunge", id="lunge", hold_ms=PerSide.same(45_000), cue="Squeeze the glute."
    )
    long = ExerciseStep(
        exercise="Pigeon",
        id="pigeon",
        hold_ms=PerSide.same(60_000),
        cue="Keep the front shin parallel to the mat and sink the hips down slowly "
        "without letting the back knee drift outward at all",
    )
    timeline = expand(_routine(short, long, prep_ms=0))
    assert [interval_phrase(timeline, i) for i in timeline.intervals] == [
        "Lunge. Forty-five seconds. Squeeze the glute",
        "Pigeon. One minute",  # the transition says what comes next
        "",
    ]
    assert timeline.intervals[1].kind is IntervalKind.TRANSITION


def test_a_rest_between_sets_names_what_comes_next_with_its_side() -> None:
    step = ExerciseStep(
        exercise="Clamshell",
        id="clamshell",
        reps=PerSide.same(15),
        sides=Sides.LEFT,
        sets=PerSide.same(2),
        rest_ms=90_000,
    )
    timeline = expand(_routine(step, prep_ms=0))
    rest = spoken_forms(timeline, timeline.intervals[1])
    assert rest[0] == "Rest ninety seconds. Next: Left side. Fifteen reps. Set two of two"
    assert rest[-1] == "Next: Left"


def test_names_keep_their_capitals() -> None:
    press = ExerciseStep(exercise="McKenzie press-up", id="mck", hold_ms=PerSide.same(10_000))
    timeline = expand(_routine(RestStep(20_000), press, prep_ms=0))
    assert interval_phrase(timeline, timeline.intervals[0]) == (
        "Rest twenty seconds. Next: McKenzie press-up. Ten seconds"
    )


def test_a_routine_needs_each_phrase_once_and_the_ending() -> None:
    timeline = expand(_routine(SUPINE, RestStep(30_000), BRIDGE))
    phrases = routine_phrases(timeline)
    assert len(phrases) == len(set(phrases))
    for interval in timeline.intervals:
        assert set(spoken_forms(timeline, interval)) <= set(phrases)
        if interval.kind is IntervalKind.WORK:
            assert set(work_forms(interval)) <= set(phrases)
    assert phrases[-1] == ROUTINE_COMPLETE == "Routine complete"


def _plank(hold_ms: int) -> ExerciseStep:
    return ExerciseStep(exercise="Plank", id="plank", hold_ms=PerSide.same(hold_ms))


@pytest.mark.parametrize(
    ("step", "spoken"),
    [
        (_plank(7_500), "Plank. Eight seconds"),
        (_plank(6_500), "Plank. Seven seconds"),
        (ExerciseStep(exercise="Squat", id="squat", reps=PerSide.same(1)), "Squat. One rep"),
    ],
)
def test_a_length_is_said_as_its_countdown_starts_and_one_rep_is_one(
    step: ExerciseStep, spoken: str
) -> None:
    timeline = expand(_routine(step, prep_ms=0))
    assert interval_phrase(timeline, timeline.intervals[0]) == spoken
