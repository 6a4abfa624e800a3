"""The loader: every key and default of the format, every message with its place, bundled files."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest

from evenside import locations
from evenside.routine.diagnostics import Diagnostic, RoutineError, Severity
from evenside.routine.finder import RoutineNotFound, find_routine, list_routines
from evenside.routine.loader import check_file, load_routine, load_with_warnings
from evenside.routine.model import Block, ExerciseStep, Order, PerSide, RestStep, Sides
from tests.support.routine_files import write_routine

FORMAT_PAGE_EXAMPLE = """\
# yaml-language-server: $schema=./routine.schema.json
name: Psoas release
summary: Gentle daily release for tight hip flexors. Both sides, always.
description: |
  Stop and see a doctor if you have fever with the pain, bowel or bladder
  changes, night pain that wakes you, or leg weakness or numbness.
tags: [psoas, hips, daily]
defaults:
  prep: 10s        # get-ready countdown before the first work interval
  rest: 15s        # rest between the sets of a step
  switch: 5s       # time to change sides
steps:
  - exercise: Modified runner's lunge
    cue: Knee on a folded towel, tuck your tail. No bouncing.
    hold: 45s
    sides: both
    sets: 2
  - exercise: Glute bridge
    cue: Squeeze the glutes, tilt the pelvis back.
    reps: 12
    tempo: 3s      # timed reps: a tick every 3 s; without tempo the player waits for you
  - rest: 30s
  - exercise: Supine release
    hold: {left: 2m, right: 90s}     # uneven prescription, e.g. the tighter side longer
    sides: both
  - repeat: 2
    name: Activation circuit
    rest: 20s      # rest between rounds
    steps:
      - exercise: Clamshell
        reps: 15
        sides: both
      - exercise: Band side-step
        reps: 10
"""
EX = "name: X\nsteps:\n  - exercise: A\n"
RED_FLAGS = ("fever", "bowel or bladder", "night pain", "numbness")


def problems(tmp_path: Path, text: str) -> list[tuple[int, int, str, str]]:
    return [
        (d.line, d.col, d.severity.value, d.message)
        for d in check_file(write_routine(tmp_path, text))
    ]


def test_format_page_example_loads_with_every_key(tmp_path: Path) -> None:
    path = write_routine(tmp_path, FORMAT_PAGE_EXAMPLE)
    routine = load_routine(path)
    assert routine.name == "Psoas release"
    assert routine.summary == "Gentle daily release for tight hip flexors. Both sides, always."
    assert routine.description is not None and "leg weakness or numbness." in routine.description
    assert routine.tags == ("psoas", "hips", "daily")
    assert routine.prep_ms == 10_000
    assert routine.source == path.resolve()
    assert routine.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    lunge, bridge, rest, supine, block = routine.steps
    assert lunge == ExerciseStep(
        exercise="Modified runner's lunge", id="modified-runners-lunge",
        hold_ms=PerSide.same(45_000), sides=Sides.BOTH, sets=PerSide.same(2), rest_ms=15_000,
        switch_ms=5_000, cue="Knee on a folded towel, tuck your tail. No bouncing.",
    )  # fmt: skip
    assert isinstance(bridge, ExerciseStep)
    assert (bridge.reps, bridge.tempo_ms, bridge.sides) == (PerSide.same(12), 3_000, Sides.NONE)
    assert rest == RestStep(rest_ms=30_000)
    assert isinstance(supine, ExerciseStep)
    assert supine.hold_ms == PerSide(120_000, 90_000)
    assert isinstance(block, Block)
    assert (block.repeat, block.name, block.rest_ms) == (2, "Activation circuit", 20_000)
    clam, side_step = block.steps
    assert isinstance(clam, ExerciseStep) and isinstance(side_step, ExerciseStep)
    assert (clam.id, clam.reps, clam.tempo_ms, clam.rest_ms) == (
        "clamshell",
        PerSide.same(15),
        None,
        15_000,
    )
    assert [e.id for e in routine.exercises()] == [
        "modified-runners-lunge", "glute-bridge", "supine-release", "clamshell", "band-side-step",
    ]  # fmt: skip
    assert check_file(path) == []


def test_defaults_when_nothing_is_given(tmp_path: Path) -> None:
    routine = load_routine(
        write_routine(tmp_path, "name: Bare\nsteps:\n  - exercise: Lunge\n    hold: 30\n")
    )
    step = routine.steps[0]
    assert routine.prep_ms == 5_000
    assert (routine.summary, routine.description, routine.tags) == (None, None, ())
    assert step == ExerciseStep(exercise="Lunge", id="lunge", hold_ms=PerSide.same(30_000))
    assert isinstance(step, ExerciseStep)
    assert (step.sides, step.order, step.sets, step.rest_ms, step.switch_ms) == (
        Sides.NONE, Order.BALANCE, PerSide.same(1), 0, 5_000,
    )  # fmt: skip
    assert (step.tempo_ms, step.cue, step.sound) == (None, None, None)


def test_defaults_section_applies_to_steps_that_do_not_set_their_own(tmp_path: Path) -> None:
    routine = load_routine(
        write_routine(
            tmp_path,
            """\
            name: Defaults
            defaults: {prep: 0, rest: 20s, switch: 8s, sides: both, sets: 3, tempo: 2s}
            steps:
              - exercise: A
                reps: 10
              - exercise: B
                hold: 30s
                sides: left
                sets: {left: 2, right: 1}
                rest: 5s
                switch: 0
                order: right-first
              - repeat: 2
                steps:
                  - exercise: C
                    reps: 5
                    tempo: 4s
            """,
        )
    )
    a, b, block = routine.steps
    assert routine.prep_ms == 0
    assert isinstance(a, ExerciseStep) and isinstance(b, ExerciseStep) and isinstance(block, Block)
    assert (a.sides, a.sets, a.rest_ms, a.switch_ms, a.tempo_ms) == (
        Sides.BOTH, PerSide.same(3), 20_000, 8_000, 2_000,
    )  # fmt: skip
    # tempo from defaults applies to reps only, never to a hold
    assert (b.sides, b.sets, b.rest_ms, b.switch_ms, b.tempo_ms, b.order) == (
        Sides.LEFT, PerSide(2, 1), 5_000, 0, None, Order.RIGHT_FIRST,
    )  # fmt: skip
    c = block.steps[0]
    assert isinstance(c, ExerciseStep)
    assert (c.sides, c.tempo_ms, c.rest_ms) == (Sides.BOTH, 4_000, 20_000)


def test_id_defaults_to_a_slug_and_can_be_given(tmp_path: Path) -> None:
    routine = load_routine(
        write_routine(
            tmp_path,
            """\
            name: Ids
            steps:
              - exercise: "Épaulé: Runner's  Lunge!"
                hold: 5s
              - exercise: Lunge
                id: my-lunge
                hold: 5s
            """,
        )
    )
    assert [s.id for s in routine.steps] == ["epaule-runners-lunge", "my-lunge"]  # type: ignore[union-attr]


def test_sound_resolves_next_to_the_routine_file(tmp_path: Path) -> None:
    (tmp_path / "cues").mkdir()
    (tmp_path / "cues" / "gong.wav").write_bytes(b"RIFF")
    text = "name: S\nsteps:\n  - exercise: A\n    hold: 5s\n    sound: cues/gong.wav\n"
    step = load_routine(write_routine(tmp_path, text)).steps[0]
    assert isinstance(step, ExerciseStep)
    assert step.sound == (tmp_path / "cues" / "gong.wav").resolve()


def test_missing_sound_is_an_error_naming_where_it_looked(tmp_path: Path) -> None:
    found = problems(
        tmp_path, "name: S\nsteps:\n  - exercise: A\n    hold: 5s\n    sound: gong.wav\n"
    )
    assert found == [
        (5, 12, "error",
         "sound file 'gong.wav' not found next to the routine "
         f"(looked for {tmp_path.resolve() / 'gong.wav'})"),
    ]  # fmt: skip


def test_every_error_in_a_file_is_reported_in_order_with_its_place(tmp_path: Path) -> None:
    text = """\
        name: Evening
        tgas: [x]
        defaults:
          prep: -5s
        steps:
          - exercise: Lunge
            hodl: 45s
          - exercise: Bridge
            reps: 12
            hold: 30s
          - rest: soon
          - exercise: Supine
            hold: 45m
            sides: both
          - repeat: 0
            steps: []
          - {}
          - hold: 30s
          - Glute bridge
          - exercise: Clam
            reps: 10
            sides: both
            sets: {left: 2, rigth: 1}
        """
    assert problems(tmp_path, text) == [
        (2, 1, "error", "unknown key 'tgas' at the top level (did you mean 'tags'?)"),
        (4, 9, "error", "'prep': -5s is negative; a duration must be 0 or more"),
        (6, 5, "error", "step 1 needs 'hold: D' or 'reps: N'"),
        (7, 5, "error", "unknown key 'hodl' in step 1 (did you mean 'hold'?)"),
        (8, 5, "error", "step 2 has both 'hold' and 'reps'; keep one"),
        (11, 11, "error", "'rest': cannot read 'soon' as a duration; "
                          "write e.g. 45s, 2m, 1m30s, 1:30 or a number of seconds"),
        (13, 11, "warning", "hold of 45m per side is unusually long; did you mean 45s?"),
        (15, 13, "error", "'repeat' must be at least 1, not 0"),
        (16, 12, "error", "'steps' must be a non-empty list of steps, not empty"),
        (17, 5, "error", "step 6 needs 'exercise: NAME', 'rest: D' or 'repeat: N' with 'steps'"),
        (18, 5, "error", "step 7 has 'hold' but no 'exercise: NAME'"),
        (19, 5, "error", "step 8 must be a mapping such as 'exercise: NAME' with 'hold' or 'reps', "
                         "not the text 'Glute bridge'"),
        (23, 11, "error", "'sets' gives per-side values but no 'right'"),
        (23, 21, "error", "unknown key 'rigth' in 'sets' (did you mean 'right'?)"),
    ]  # fmt: skip


def test_load_routine_raises_with_every_diagnostic(tmp_path: Path) -> None:
    path = write_routine(
        tmp_path, "name: X\nsteps:\n  - exercise: A\n    hold: 45m\n  - rest: never\n"
    )
    with pytest.raises(RoutineError) as raised:
        load_routine(path)
    diagnostics = raised.value.diagnostics
    assert [d.severity for d in diagnostics] == [Severity.ERROR, Severity.WARNING]
    assert [d.path for d in diagnostics] == [path, path]
    assert raised.value.errors == diagnostics[:1]
    assert str(diagnostics[0]).startswith(f"{path}:5:11: error: 'rest': cannot read 'never'")


def test_warnings_do_not_stop_loading(tmp_path: Path) -> None:
    text = """\
        name: Long
        defaults: {rest: 45m, switch: 3m}
        steps:
          - exercise: A
            hold: 12m
            tempo: 3m
          - exercise: B
            reps: 10
            tempo: 40s
            order: left-first
            hold_unused: 1
        """
    found = problems(tmp_path, text)
    assert [(line, sev) for line, _, sev, _ in found] == [
        (2, "warning"), (2, "warning"), (5, "warning"), (6, "warning"), (6, "warning"),
        (9, "warning"), (10, "warning"), (11, "error"),
    ]  # fmt: skip
    messages = [m for *_, m in found]
    assert "rest of 45m is unusually long; did you mean 45s?" in messages
    assert "switch of 3m is unusually long; did you mean 3s?" in messages
    assert "tempo of 40s per rep is unusually long; is that what you meant?" in messages
    assert "'tempo' has no effect on a hold" in messages
    assert "'order' only matters with 'sides: both'" in messages
    without_error = "\n".join(textwrap.dedent(text).splitlines()[:-1]) + "\n"
    routine, warnings = load_with_warnings(write_routine(tmp_path, without_error))
    assert routine.name == "Long" and len(warnings) == 7


def test_per_side_values_without_both_sides_warn(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        "name: X\nsteps:\n  - exercise: A\n    hold: {left: 5s, right: 6s}\n    sides: left\n",
    )
    assert found == [
        (4, 11, "warning",
         "'hold' gives left and right values but 'sides' is left; write 'sides: both' to use both"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("summary: x\nsteps:\n  - rest: 5\n", "missing 'name': the routine needs a name"),
        ("name: X\n", "missing 'steps': a routine needs a list of steps"),
        ("name: X\nsteps: []\n", "'steps' must be a non-empty list of steps, not empty"),
        ("name: X\nsteps: go\n", "'steps' must be a non-empty list of steps, not the text 'go'"),
        ("name: [a]\nsteps:\n  - rest: 5\n", "'name' must be text, not a list"),
        ("name: X\ntags: psoas\nsteps:\n  - rest: 5\n", "'tags' must be a list of words"),
        ("name: X\ndefaults: 5\nsteps:\n  - rest: 5\n", "'defaults' must be a mapping"),
        ("name: X\ndefaults: {order: balance}\nsteps:\n  - rest: 5\n",
         "unknown key 'order' in defaults"),
        (EX + "    repeat: 2\n    hold: 5s\n", "has both 'exercise' and 'repeat'"),
        ("name: X\nsteps:\n  - steps: [{rest: 5}]\n", "step 1 has 'steps' but no 'repeat: N'"),
        ("name: X\nsteps:\n  - repeat: 3\n", "step 1 has 'repeat' but no 'steps'"),
        ("name: X\nsteps:\n  -\n", "step 1 is empty"),
        ("name: X\nsteps:\n  - exercise: A\n    hold: 0s\n", "'hold': must be longer than 0"),
        ("name: X\nsteps:\n  - exercise: A\n    reps: 0\n", "'reps' must be at least 1, not 0"),
        ("name: X\nsteps:\n  - exercise: A\n    reps: 1001\n", "'reps' must be at most 1000"),
        (EX + "    hold: 5s\n    sets: 101\n", "'sets' must be at most 100"),
        ("name: X\nsteps:\n  - exercise: A\n    hold: 5h\n", "'hold': 5h is over the 4-hour limit"),
        (EX + "    hold: 5s\n    order: blance\n", "did you mean 'balance'?"),
        ("name: X\nsteps:\n  - exercise: A\n    hold: 5s\n    cue: [a]\n", "'cue' must be text"),
        ("name: X\nsteps:\n  - exercise:\n    hold: 5s\n", "'exercise' must be text, not empty"),
        ("name: X\nsteps:\n  - repeat: 2\n    steps:\n      - exercise: A\n        hodl: 1\n",
         "unknown key 'hodl' in step 1.1 (did you mean 'hold'?)"),
        ("name: X\nsteps:\n  - rest: 5\n    cue: hi\n    hold: 3\n",
         "unknown key 'hold' in step 1"),
    ],
)  # fmt: skip
def test_single_mistakes_get_a_clear_message(tmp_path: Path, text: str, message: str) -> None:
    found = [m for *_, sev, m in problems(tmp_path, text) if sev == "error"]
    assert any(message in m for m in found), found
    assert len(found) <= 2, found


def test_a_routine_that_expands_too_far_is_refused(tmp_path: Path) -> None:
    text = """\
        name: Endless
        steps:
          - repeat: 100
            steps:
              - repeat: 100
                steps:
                  - exercise: A
                    hold: 1s
                    sets: 5
        """
    found = problems(tmp_path, text)
    assert len(found) == 1 and found[0][:3] == (3, 3, "error")
    # 100 x 100 rounds of 5 sets, no rests or switches: exactly 50,000 work intervals
    assert found[0][3] == (
        "the routine expands to 50,000 intervals; at most 10,000 are allowed "
        "(check 'repeat', 'sets' and nested blocks)"
    )


def test_diagnostic_prints_compiler_style(tmp_path: Path) -> None:
    d = Diagnostic(tmp_path / "a.yaml", 3, 7, Severity.WARNING, "careful")
    assert str(d) == f"{tmp_path / 'a.yaml'}:3:7: warning: careful"


def bundled() -> list[Path]:
    return sorted(locations.bundled_routines_dir().glob("*.yaml"))


def test_at_least_five_bundled_routines_including_desk_break() -> None:
    names = {p.stem for p in bundled()}
    assert {
        "desk-break",
        "psoas-stretches",
        "psoas-self-release",
        "hip-stability",
        "morning-pelvic-tilts",
    } <= names


@pytest.mark.parametrize("path", bundled(), ids=lambda p: p.stem)
def test_bundled_routine_is_clean_and_carries_its_safety_note(path: Path) -> None:
    assert check_file(path) == []  # no errors and no warnings
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=./routine.schema.json\n"
    )
    routine = load_routine(path)
    assert routine.summary and routine.tags
    assert routine.description is not None
    for flag in RED_FLAGS:
        assert flag in routine.description
    assert all(step.cue for step in routine.exercises())


def test_desk_break_lasts_two_minutes() -> None:
    from evenside.engine.timeline import expand

    timeline = expand(load_routine(find_routine("desk-break")))
    assert (timeline.total_ms, timeline.untimed_sets) == (120_000, 0)


def test_find_routine_prefers_the_users_copy(tmp_path: Path) -> None:
    assert find_routine("desk-break") == locations.bundled_routines_dir() / "desk-break.yaml"
    own = locations.user_routines_dir()
    own.mkdir(parents=True)
    (own / "desk-break.yaml").write_text("name: Mine\nsteps:\n  - rest: 5\n")
    (own / "evening.yml").write_text("name: Evening\nsteps:\n  - rest: 5\n")
    assert find_routine("desk-break") == own / "desk-break.yaml"
    assert find_routine("evening") == own / "evening.yml"
    direct = write_routine(tmp_path, "name: D\nsteps:\n  - rest: 5\n", "direct.yaml")
    assert find_routine(str(direct)) == direct
    entries = list_routines()
    assert [(e.name, e.bundled) for e in entries[:2]] == [("desk-break", False), ("evening", False)]
    assert [e.name for e in entries].count("desk-break") == 1
    assert all(e.bundled for e in entries[2:])


@pytest.mark.parametrize("name", ["no-such-routine", "missing.yaml", "some/dir/x"])
def test_find_routine_explains_where_it_looked(name: str) -> None:
    with pytest.raises(RoutineNotFound) as raised:
        find_routine(name)
    message = str(raised.value)
    if "/" in name:
        assert message == f"no such file: {name}"
    else:
        assert str(locations.user_routines_dir()) in message
        assert str(locations.bundled_routines_dir()) in message


def test_reporting_stops_after_a_hundred_problems(tmp_path: Path) -> None:
    steps = "".join(f"  - {{exercise: A{n}, hodl: 5}}\n" for n in range(300))
    found = check_file(write_routine(tmp_path, "name: Many\nsteps:\n" + steps))
    assert len(found) == 101
    assert found[-1].message == "too many problems; stopped after 100"
    assert all(d.severity is Severity.ERROR for d in found)
    assert found[0].line == 3


def test_a_file_over_the_size_cap_is_refused_before_parsing(tmp_path: Path) -> None:
    path = write_routine(tmp_path, "name: Big\nsteps:\n" + "  - rest: 5\n" * 30_000)
    assert [d.message for d in check_file(path)] == [
        "file is too large (0.4 MB); a routine file is at most 256 KB"
    ]
