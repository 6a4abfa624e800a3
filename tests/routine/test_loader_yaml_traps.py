"""The YAML 1.1 traps of the format page: read as a person means them, or rejected with a fix."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from evenside.routine.diagnostics import Diagnostic, Severity
from evenside.routine.loader import check_file, load_routine
from evenside.routine.model import ExerciseStep, PerSide, Routine, Sides
from tests.support.routine_files import write_routine


def one_step(tmp_path: Path, step_lines: str) -> Routine:
    body = textwrap.indent(textwrap.dedent(step_lines), "    ")
    return load_routine(write_routine(tmp_path, f"name: Trap\nsteps:\n  - exercise: X\n{body}"))


def first(routine: Routine) -> ExerciseStep:
    step = routine.steps[0]
    assert isinstance(step, ExerciseStep)
    return step


def errors(tmp_path: Path, text: str) -> list[Diagnostic]:
    return [d for d in check_file(write_routine(tmp_path, text)) if d.severity is Severity.ERROR]


@pytest.mark.parametrize("written", ["1:30", "'1:30'", '"1:30"', "90", "1m30s"])
def test_clock_style_hold_is_ninety_seconds_quoted_or_not(tmp_path: Path, written: str) -> None:
    # PyYAML alone reads unquoted 1:30 as the base-60 integer 90 - seconds by luck;
    # 1:02:03 would become 3723 and '1:30' a string. We read the text.
    assert first(one_step(tmp_path, f"hold: {written}")).hold_ms == PerSide.same(90_000)


def test_three_part_clock_is_hours_minutes_seconds(tmp_path: Path) -> None:
    routine = load_routine(
        write_routine(
            tmp_path, "name: T\nsteps:\n  - rest: 1:02:03\n  - exercise: X\n    hold: 1s\n"
        )
    )
    assert routine.steps[0].rest_ms == 3_723_000  # type: ignore[union-attr]


@pytest.mark.parametrize(("written", "value"), [("010", 10), ("08", 8), ("0012", 12), ("12", 12)])
def test_leading_zero_reps_are_decimal_never_octal(
    tmp_path: Path, written: str, value: int
) -> None:
    step = first(one_step(tmp_path, f"reps: {written}\nsets: {written}"))
    assert step.reps == PerSide.same(value)
    assert step.sets == PerSide.same(value)


@pytest.mark.parametrize("written", ["0x10", "0o10", "1_000", "12.5", "1e2", "1:30", "twelve"])
def test_other_number_spellings_are_errors_not_guesses(tmp_path: Path, written: str) -> None:
    found = errors(tmp_path, f"name: T\nsteps:\n  - exercise: X\n    reps: {written}\n")
    assert len(found) == 1
    assert "'reps' must be a whole number" in found[0].message
    assert (found[0].line, found[0].col) == (4, 11)


@pytest.mark.parametrize(
    ("written", "advice"),
    [
        ("no", "write 'sides: none'"),
        ("No", "write 'sides: none'"),
        ("off", "write 'sides: none'"),
        ("false", "write 'sides: none'"),
        ("n", "write 'sides: none'"),
        ("yes", "write 'sides: both'"),
        ("on", "write 'sides: both'"),
        ("true", "write 'sides: both'"),
        ("Y", "write 'sides: both'"),
    ],
)
def test_boolean_words_in_sides_say_what_to_write(
    tmp_path: Path, written: str, advice: str
) -> None:
    found = errors(
        tmp_path, f"name: T\nsteps:\n  - exercise: X\n    hold: 5s\n    sides: {written}\n"
    )
    assert len(found) == 1
    message = found[0].message
    assert f"'sides' must be left, right, both or none, not '{written}'" in message
    assert advice in message
    assert (found[0].line, found[0].col) == (5, 12)


def test_boolean_words_in_defaults_sides_are_caught_too(tmp_path: Path) -> None:
    found = errors(tmp_path, "name: T\ndefaults:\n  sides: no\nsteps:\n  - rest: 5\n")
    assert [(d.line, d.col) for d in found] == [(3, 10)]
    assert "write 'sides: none'" in found[0].message


def test_quoted_none_is_fine_and_near_misses_get_a_suggestion(tmp_path: Path) -> None:
    assert first(one_step(tmp_path, "hold: 5s\nsides: 'none'")).sides is Sides.NONE
    found = errors(tmp_path, "name: T\nsteps:\n  - exercise: X\n    hold: 5s\n    sides: bth\n")
    assert "did you mean 'both'?" in found[0].message


@pytest.mark.parametrize(("written", "text"), [("yes", "yes"), ("1:30", "1:30"), ("0o17", "0o17")])
def test_text_fields_keep_what_was_written(tmp_path: Path, written: str, text: str) -> None:
    routine = load_routine(
        write_routine(tmp_path, f"name: {written}\ntags: [{written}, no]\nsteps:\n  - rest: 5\n")
    )
    assert routine.name == text
    assert routine.tags == (text, "no")


def test_duplicate_keys_are_errors_at_the_second_one(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        """\
        name: T
        steps:
          - exercise: X
            hold: 30s
            hold: 45s
        """,
    )
    assert [(d.line, d.col) for d in found] == [(5, 5)]
    assert found[0].message == "duplicate key 'hold' (first given on line 4); keep only one"


def test_duplicate_top_level_keys(tmp_path: Path) -> None:
    found = errors(tmp_path, "name: A\nname: B\nsteps:\n  - rest: 5\n")
    assert [(d.line, "duplicate key 'name'" in d.message) for d in found] == [(2, True)]


@pytest.mark.parametrize("written", ["~", "null", ""])
def test_null_is_not_a_name(tmp_path: Path, written: str) -> None:
    found = errors(tmp_path, f"name: {written}\nsteps:\n  - rest: 5\n")
    assert [d.message for d in found] == ["'name' must be text, not empty"]


def test_quoted_null_is_a_name(tmp_path: Path) -> None:
    assert (
        load_routine(write_routine(tmp_path, "name: 'null'\nsteps:\n  - rest: 5\n")).name == "null"
    )


@pytest.mark.parametrize("written", [".inf", "-.inf", ".nan", "1e3", "true"])
def test_yaml_special_floats_and_booleans_are_not_durations(tmp_path: Path, written: str) -> None:
    found = errors(tmp_path, f"name: T\nsteps:\n  - exercise: X\n    hold: {written}\n")
    assert len(found) == 1
    assert found[0].message.startswith("'hold': ")
