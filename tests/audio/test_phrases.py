"""The words spoken for each interval (numbers and lengths in words: tests/test_wording.py)."""

from __future__ import annotations

import pytest

from evenside.audio.phrases import ROUTINE_COMPLETE, interval_phrase, routine_phrases
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


def test_a_two_sided_hold_with_a_rest_reads_like_a_coach() -> None:
    timeline = expand(_routine(SUPINE, RestStep(30_000), BRIDGE))
    spoken = [(i.kind, interval_phrase(timeline, i)) for i in timeline.intervals]
    assert spoken == [
        (IntervalKind.PREP, "Get ready. First: supine release, left side"),
        (IntervalKind.WORK, "Supine release. Left side. Two minutes. Set one of two"),
        (IntervalKind.SWITCH, "Switch to the right side"),
        (IntervalKind.WORK, "Supine release. Right side. Two minutes. Set one of two"),
        (IntervalKind.WORK, "Supine release. Left side. Two minutes. Set two of two"),
        (IntervalKind.SWITCH, "Switch to the right side"),
        (IntervalKind.WORK, "Supine release. Right side. Two minutes. Set two of two"),
        (IntervalKind.REST, "Rest thirty seconds. Next: glute bridge"),
        (IntervalKind.WORK, "Glute bridge. Twelve reps"),
    ]


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
        "Get into position. Next: pigeon",
        "Pigeon. One minute",
    ]


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
    assert [interval_phrase(timeline, i) for i in timeline.intervals] == [
        "Clamshell. Left side. Fifteen reps. Set one of two",
        "Rest ninety seconds. Next: clamshell, left side",
        "Clamshell. Left side. Fifteen reps. Set two of two",
    ]


def test_names_keep_their_capitals_inside_a_sentence() -> None:
    press = ExerciseStep(exercise="McKenzie press-up", id="mck", hold_ms=PerSide.same(10_000))
    timeline = expand(_routine(RestStep(20_000), press, prep_ms=0))
    assert interval_phrase(timeline, timeline.intervals[0]) == (
        "Rest twenty seconds. Next: McKenzie press-up"
    )


def test_a_routine_needs_each_phrase_once_and_the_ending() -> None:
    timeline = expand(_routine(SUPINE, RestStep(30_000), BRIDGE))
    phrases = routine_phrases(timeline)
    # prep, four work sets, one switch phrase (said twice), the rest, the bridge, the end.
    assert len(phrases) == len(set(phrases)) == 9
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
