"""Tests the program loader: the issue's example loads; each mistake is reported at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from evenside.program.loader import check_program_file, find_program, load_program
from evenside.program.model import DayKind
from evenside.routine.diagnostics import RoutineError
from evenside.routine.finder import RoutineNotFound, list_programs, list_routines
from tests.support.program_sim import write_program
from tests.support.routine_files import write_routine

README_EXAMPLE = """\
name: Psoas rehab, six weeks
summary: Release and strengthen, both sides, progress when pain allows.
weeks: 6                      # optional; open-ended without it
schedule:
  - routine: psoas-stretches  # a name or a path relative to this file
    days: daily               # daily | weekdays | [mon, wed, fri] | 3 per week
    times: 2                  # per day (default 1)
  - routine: hip-stability
    days: [mon, wed, fri]
progress:                     # optional; without it nothing is ever suggested
  every: 1 week               # earliest interval between two steps up
  hold: +5s up to 2m          # per step up, per side
  reps: +2 up to 15
  pain:                       # the pain-monitoring model (0-10)
    during: 5                 # highest acceptable during/just after
    morning: no worse         # next-morning pain must be no worse than the morning before
"""


def test_the_issue_example_loads_with_bundled_routines(tmp_path: Path) -> None:
    program = load_program(write_routine(tmp_path, README_EXAMPLE, "rehab.yaml"))
    assert program.name == "Psoas rehab, six weeks" and program.weeks == 6
    assert [(s.key, s.times, s.days.kind) for s in program.schedule] == [
        ("psoas-stretches", 2, DayKind.DAILY),
        ("hip-stability", 1, DayKind.LISTED),
    ]
    assert program.schedule[1].days.weekdays == {0, 2, 4}
    progress = program.progress
    assert progress is not None and progress.every_days == 7
    assert progress.hold is not None and (progress.hold.step, progress.hold.limit) == (
        5_000,
        120_000,
    )
    assert progress.reps is not None and (progress.reps.step, progress.reps.limit) == (2, 15)
    assert (progress.pain_during, progress.morning_rise) == (5, 0)


@pytest.mark.parametrize(
    ("line", "replacement", "where", "words"),
    [
        ("  - routine: stretch\n", "  - routine: strech\n", (4, 14), "unknown routine 'strech'"),
        ("    days: [mon, wed, fri]\n", "    days: [mon, wdn, fri]\n", (8, 17), "unknown day"),
        ("    times: 2\n", "    times: 0\n", (6, 12), "'times' must be at least 1"),
        ("  hold: +5s up to 1m10s\n", "  hold: +5q up to 1m10s\n", (11, 9), "bad step size"),
        ("  hold: +5s up to 1m10s\n", "  hold: 5s\n", (11, 9), "a step and a limit"),
        ("  hold: +5s up to 1m10s\n", "  hold: +2m up to 1m\n", (11, 9), "larger than the limit"),
        ("  every: 1 week\n", "  every: weekly\n", (10, 10), "'every' must be"),
        ("    during: 5\n", "    during: 11\n", (14, 13), "at most 10"),
        ("weeks: 6\n", "weeks: 6\nwekes: 2\n", (3, 1), "did you mean 'weeks'"),
    ],
)
def test_each_mistake_is_reported_at_its_line_and_column(
    tmp_path: Path, line: str, replacement: str, where: tuple[int, int], words: str
) -> None:
    from tests.support.program_sim import PROGRAM

    assert line in PROGRAM
    path = write_program(tmp_path, PROGRAM.replace(line, replacement))
    problems = check_program_file(path)
    assert [(d.line, d.col) for d in problems if words in d.message] == [where], problems
    with pytest.raises(RoutineError):
        load_program(path)


def test_a_routine_that_does_not_load_is_named_with_the_command_to_see_why(tmp_path: Path) -> None:
    path = write_program(tmp_path)
    write_routine(tmp_path, "name: Broken\nsteps:\n  - exercise: A\n    hodl: 1m\n", "stretch.yaml")
    (problem,) = check_program_file(path)
    assert (problem.line, problem.col) == (4, 14)
    assert f"evenside check {tmp_path / 'stretch.yaml'}" in problem.message


def test_programs_are_found_by_name_and_listed_apart_from_routines(tmp_path: Path) -> None:
    from evenside import locations

    folder = locations.user_routines_dir()
    write_program(folder)
    assert find_program("test-rehab") == folder / "test-rehab.yaml"
    assert find_program("psoas-rehab").name == "psoas-rehab.yaml"  # bundled
    with pytest.raises(RoutineNotFound, match="is a routine, not a program"):
        find_program("stretch")
    with pytest.raises(RoutineNotFound, match="no program named 'nothing'"):
        find_program("nothing")
    assert "test-rehab" not in {e.name for e in list_routines()}
    assert {"test-rehab", "psoas-rehab", "morning-back"} <= {e.name for e in list_programs()}


@pytest.mark.parametrize("name", ["psoas-rehab", "morning-back"])
def test_bundled_programs_are_clean_and_carry_safety_notes(name: str) -> None:
    path = find_program(name)
    assert check_program_file(path) == []
    program = load_program(path)
    assert program.description is not None and "not medical advice" in program.description
    assert program.progress is not None and program.progress.pain_during <= 4
    assert program.progress.hold is not None and program.progress.hold.limit <= 120_000
    assert program.progress.hold.step <= 5_000
