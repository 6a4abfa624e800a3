"""Timelines of real routine files, with every total worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

from evenside.engine.timeline import IntervalKind, Timeline, expand
from evenside.routine.loader import load_routine
from evenside.routine.model import ExerciseStep, PerSide, Routine, Side, Sides
from tests.support.routine_files import write_routine

PREP, WORK, SWITCH, REST = (
    IntervalKind.PREP,
    IntervalKind.WORK,
    IntervalKind.SWITCH,
    IntervalKind.REST,
)


def timeline_of(tmp_path: Path, text: str, **kwargs: object) -> Timeline:
    return expand(load_routine(write_routine(tmp_path, text)), **kwargs)  # type: ignore[arg-type]


def shape(timeline: Timeline) -> list[tuple[IntervalKind, int, int | None, Side | None]]:
    return [(i.kind, i.start_ms, i.duration_ms, i.side) for i in timeline.intervals]


def test_per_side_sets_give_the_extra_set_to_one_side_only(tmp_path: Path) -> None:
    timeline = timeline_of(
        tmp_path,
        """
        name: Uneven sets
        defaults: {prep: 0}
        steps:
          - exercise: Lunge
            hold: 30s
            sides: both
            order: left-first
            sets: {left: 3, right: 2}
            rest: 10s
            switch: 5s
        """,
    )
    L, R = Side.LEFT, Side.RIGHT
    # set 1: L30 sw5 R30 | rest10 | set 2: L30 sw5 R30 | rest10 | set 3: L30 (no switch)
    assert shape(timeline) == [
        (WORK, 0, 30_000, L),
        (SWITCH, 30_000, 5_000, R),
        (WORK, 35_000, 30_000, R),
        (REST, 65_000, 10_000, None),
        (WORK, 75_000, 30_000, L),
        (SWITCH, 105_000, 5_000, R),
        (WORK, 110_000, 30_000, R),
        (REST, 140_000, 10_000, None),
        (WORK, 150_000, 30_000, L),
    ]
    assert timeline.total_ms == 180_000  # 5 x 30 + 2 x 5 + 2 x 10
    left_sets = [i for i in timeline.work() if i.side is L]
    assert [(i.set_number, i.set_count) for i in left_sets] == [(1, 3), (2, 3), (3, 3)]


def test_right_first_with_more_left_sets_ends_on_left_alone(tmp_path: Path) -> None:
    timeline = timeline_of(
        tmp_path,
        """
        name: Uneven sets, right first
        defaults: {prep: 0, switch: 0}
        steps:
          - exercise: Lunge
            hold: 10s
            sides: both
            order: right-first
            sets: {left: 2, right: 1}
        """,
    )
    assert [(i.side, i.set_number) for i in timeline.work()] == [
        (Side.RIGHT, 1),
        (Side.LEFT, 1),
        (Side.LEFT, 2),
    ]
    assert timeline.total_ms == 30_000  # switch 0 gives no switch intervals


def test_per_side_holds_and_default_prep_and_switch(tmp_path: Path) -> None:
    timeline = timeline_of(
        tmp_path,
        """
        name: Supine
        steps:
          - exercise: Supine release
            hold: {left: 2m, right: 90s}
            sides: both
        """,
    )
    # prep 5 (default) + L120 + switch 5 (default) + R90 = 220 s
    assert shape(timeline) == [
        (PREP, 0, 5_000, Side.LEFT),
        (WORK, 5_000, 120_000, Side.LEFT),
        (SWITCH, 125_000, 5_000, Side.RIGHT),
        (WORK, 130_000, 90_000, Side.RIGHT),
    ]
    assert timeline.total_ms == 220_000


def test_nested_blocks_rest_between_rounds_only(tmp_path: Path) -> None:
    timeline = timeline_of(
        tmp_path,
        """
        name: Circuit
        defaults: {prep: 0, transition: 0}
        steps:
          - repeat: 2
            name: Outer
            rest: 20s
            steps:
              - exercise: A
                hold: 10s
              - repeat: 3
                name: Inner
                rest: 5s
                steps:
                  - exercise: B
                    hold: 4s
        """,
    )
    # one outer round: A10 + (B4 r5 B4 r5 B4) = 32 s; two rounds + 20 s between = 84 s
    assert timeline.total_ms == 84_000
    kinds = [(i.kind, i.exercise, i.duration_ms) for i in timeline.intervals]
    one_round = [
        (WORK, "A", 10_000),
        (WORK, "B", 4_000),
        (REST, None, 5_000),
        (WORK, "B", 4_000),
        (REST, None, 5_000),
        (WORK, "B", 4_000),
    ]
    assert kinds == [*one_round, (REST, None, 20_000), *one_round]
    assert [i.round_number for i in timeline.work() if i.exercise == "A"] == [1, 2]
    assert [i.round_number for i in timeline.work() if i.exercise == "B"] == [1, 2, 3] * 2
    assert timeline.intervals[-1].kind is WORK


def test_timed_and_untimed_reps(tmp_path: Path) -> None:
    timeline = timeline_of(
        tmp_path,
        """
        name: Reps
        defaults: {prep: 10s, rest: 15s, transition: 0}
        steps:
          - exercise: Bridge
            reps: 12
            tempo: 3s
          - exercise: Clamshell
            reps: 15
            sides: both
            sets: 2
        """,
    )
    # prep 10 + bridge 12 x 3 = 36 + clamshell: L? sw5 R? rest15 L? sw5 R? = 25 timed
    assert timeline.total_ms == 71_000
    assert timeline.untimed_sets == 4
    bridge, *clams = timeline.work()
    assert (bridge.duration_ms, bridge.reps, bridge.tempo_ms) == (36_000, 12, 3_000)
    assert [(c.duration_ms, c.reps, c.timed) for c in clams] == [(None, 15, False)] * 4
    # An untimed set takes no planned time: the switch after it starts at the same offset.
    first_clam = timeline.intervals.index(clams[0])
    assert timeline.intervals[first_clam + 1].start_ms == clams[0].start_ms == 46_000


def test_per_side_timed_reps(tmp_path: Path) -> None:
    timeline = timeline_of(
        tmp_path,
        """
        name: Uneven reps
        defaults: {prep: 0}
        steps:
          - exercise: Side plank dip
            reps: {left: 12, right: 10}
            tempo: 2s
            sides: both
        """,
    )
    # L 12 x 2 = 24, switch 5, R 10 x 2 = 20
    assert [i.duration_ms for i in timeline.intervals] == [24_000, 5_000, 20_000]
    assert timeline.total_ms == 49_000


def test_sums_are_exact_in_milliseconds(tmp_path: Path) -> None:
    timeline = timeline_of(
        tmp_path,
        """
        name: Many short reps
        defaults: {prep: 0}
        steps:
          - exercise: Tap
            reps: 650
            tempo: 0.1
        """,
    )
    # In floats 650 x 0.1 is less than 65; in integer ms it is exactly 65 000.
    assert timeline.total_ms == 65_000


def test_no_trailing_rest_and_one_side_has_no_switch(tmp_path: Path) -> None:
    timeline = timeline_of(
        tmp_path,
        """
        name: Left only
        steps:
          - exercise: Thumb walking
            hold: 20s
            sides: left
            sets: 3
            rest: 30s
          - rest: 60s
        """,
    )
    # prep 5 + L20 r30 L20 r30 L20; the 60 s rest step at the very end is dropped
    assert [i.kind for i in timeline.intervals] == [PREP, WORK, REST, WORK, REST, WORK]
    assert all(i.side is Side.LEFT for i in timeline.work())
    assert timeline.total_ms == 125_000


def test_rest_steps_between_exercises_stay_and_zero_rests_vanish(tmp_path: Path) -> None:
    timeline = timeline_of(
        tmp_path,
        """
        name: Rests
        defaults: {prep: 0}
        steps:
          - exercise: A
            hold: 10s
          - rest: 30s
            cue: Breathe
          - rest: 0
          - exercise: B
            hold: 10s
        """,
    )
    assert [(i.kind, i.duration_ms, i.cue) for i in timeline.intervals] == [
        (WORK, 10_000, None),
        (REST, 30_000, "Breathe"),
        (WORK, 10_000, None),
    ]


def test_balance_order_asks_the_chooser(tmp_path: Path) -> None:
    text = """
        name: Balance
        defaults: {prep: 0}
        steps:
          - exercise: Lunge
            hold: 10s
            sides: both
        """
    asked: list[str] = []

    def behind_is_right(step: ExerciseStep) -> Side:
        asked.append(step.id)
        return Side.RIGHT

    assert [i.side for i in timeline_of(tmp_path, text).work()] == [Side.LEFT, Side.RIGHT]
    chosen = timeline_of(tmp_path, text, choose=behind_is_right)
    assert [i.side for i in chosen.work()] == [Side.RIGHT, Side.LEFT]
    assert asked == ["lunge"]


def test_prep_names_the_first_exercise_and_first_of_step_is_marked() -> None:
    step = ExerciseStep(
        exercise="Lunge", id="lunge", hold_ms=PerSide.same(1_000), sides=Sides.BOTH, switch_ms=0
    )
    timeline = expand(Routine(name="R", steps=(step, step), prep_ms=3_000))
    prep = timeline.intervals[0]
    assert (prep.kind, prep.exercise, prep.duration_ms) == (PREP, "Lunge", 3_000)
    assert [i.first_of_step for i in timeline.work()] == [True, False, True, False]
    assert [i.index for i in timeline.intervals] == list(range(len(timeline.intervals)))


def test_the_loaders_interval_count_matches_the_expansion() -> None:
    from evenside import locations
    from evenside.routine.step_reader import count_intervals

    for path in sorted(locations.bundled_routines_dir().glob("*.yaml")):
        routine = load_routine(path)
        # every bundled routine has a prep and ends on work, so nothing is trimmed
        assert count_intervals(routine.steps) + 1 == len(expand(routine).intervals), path.name


def test_a_rest_step_inside_a_block_knows_its_block_and_round(tmp_path: Path) -> None:
    timeline = timeline_of(
        tmp_path,
        """
        name: Circuit with rests
        defaults: {prep: 0, transition: 0}
        steps:
          - repeat: 2
            name: Circuit
            steps:
              - exercise: A
                hold: 10s
              - rest: 5s
                cue: Shake it out
              - exercise: B
                hold: 10s
        """,
    )
    rests = [i for i in timeline.intervals if i.kind is REST]
    assert [(i.block, i.round_number, i.cue) for i in rests] == [
        ("Circuit", 1, "Shake it out"),
        ("Circuit", 2, "Shake it out"),
    ]
    assert timeline.total_ms == 2 * 25_000


def test_a_transition_comes_between_two_exercises_only_where_work_follows_work(
    tmp_path: Path,
) -> None:
    timeline = timeline_of(
        tmp_path,
        """
        name: Floor to kneeling
        defaults: {prep: 5s}
        steps:
          - exercise: Supine release
            hold: 30s
            sides: both
            order: left-first
          - exercise: Kneeling lunge
            hold: 20s
            sides: both
            order: right-first
          - rest: 10s
          - exercise: Bridge
            reps: 10
            tempo: 2s
          - exercise: Clamshell
            reps: 12
            tempo: 2s
            transition: 8s
          - exercise: Dead bug
            reps: 8
            tempo: 2s
            transition: 0
        """,
    )
    kinds = [(i.kind.value, i.exercise, i.side, i.duration_ms) for i in timeline.intervals]
    assert kinds == [
        ("prep", "Supine release", Side.LEFT, 5_000),
        ("work", "Supine release", Side.LEFT, 30_000),
        ("switch", "Supine release", Side.RIGHT, 5_000),
        ("work", "Supine release", Side.RIGHT, 30_000),
        # work straight after another exercise's work: time to get into position,
        # naming the exercise and the side that comes next
        ("transition", "Kneeling lunge", Side.RIGHT, 5_000),
        ("work", "Kneeling lunge", Side.RIGHT, 20_000),
        ("switch", "Kneeling lunge", Side.LEFT, 5_000),
        ("work", "Kneeling lunge", Side.LEFT, 20_000),
        # a rest already gives the time: no transition after it
        ("rest", None, None, 10_000),
        ("work", "Bridge", None, 20_000),
        ("transition", "Clamshell", None, 8_000),  # the step's own length
        ("work", "Clamshell", None, 24_000),
        ("work", "Dead bug", None, 16_000),  # transition: 0 turns it off
    ]
    assert timeline.total_ms == sum(d for *_, d in kinds)


def test_a_repeated_block_gets_a_transition_between_rounds_but_never_within_one_exercise(
    tmp_path: Path,
) -> None:
    timeline = timeline_of(
        tmp_path,
        """
        name: Circuit
        defaults: {prep: 0, transition: 3s}
        steps:
          - repeat: 2
            name: Circuit
            steps:
              - exercise: A
                hold: 10s
                sets: 2
              - exercise: B
                hold: 10s
        """,
    )
    kinds = [(i.kind.value, i.exercise, i.round_number) for i in timeline.intervals]
    assert kinds == [
        ("work", "A", 1),
        ("work", "A", 1),  # a second set of the same exercise: no transition
        ("transition", "B", 1),
        ("work", "B", 1),
        ("transition", "A", 2),  # round 2 starts straight after B
        ("work", "A", 2),
        ("work", "A", 2),
        ("transition", "B", 2),
        ("work", "B", 2),
    ]


def test_rep_at_counts_the_rep_under_way_in_a_timed_set_only(tmp_path: Path) -> None:
    timeline = timeline_of(
        tmp_path,
        """
        name: Reps
        defaults: {prep: 0, transition: 0}
        steps:
          - exercise: Bridge
            reps: 12
            tempo: 3s
          - exercise: Clamshell
            reps: 15
          - exercise: Lunge
            hold: 30s
        """,
    )
    bridge, clam, lunge = timeline.work()
    assert [bridge.rep_at(ms) for ms in (0, 2_999, 3_000, 14_500, 35_999, 36_000, 99_000)] == [
        1, 1, 2, 5, 12, 12, 12,
    ]  # fmt: skip
    assert clam.rep_at(10_000) is None  # untimed: the person counts
    assert lunge.rep_at(10_000) is None
