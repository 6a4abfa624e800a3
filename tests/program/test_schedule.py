"""Tests the calendar of a program: what is due each day of six simulated weeks."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from evenside.program.loader import load_program
from evenside.program.model import DayKind
from evenside.program.schedule import due_between, due_times, last_day, week_of
from tests.support.program_sim import START, ProgramSim, day_of, write_program


def test_what_is_due_each_day_of_six_weeks(sim: ProgramSim) -> None:
    seen: dict[int, list[tuple[str, int]]] = {}
    for offset in range(42):
        day = START + timedelta(days=offset)
        status = sim.status(day)
        assert status.week == offset // 7 + 1
        assert not status.finished
        seen[offset] = [(d.key, d.times) for d in status.due]
    for offset, due in seen.items():
        weekday = (START + timedelta(days=offset)).weekday()
        expected = [("stretch", 2)] + ([("strength.yaml", 1)] if weekday in (0, 2, 4) else [])
        assert due == expected, offset
    after = sim.status(START + timedelta(days=42))
    assert after.finished and after.due == () and after.suggestions == ()


def test_n_per_week_is_due_until_done_on_n_days(tmp_path: Path) -> None:
    path = write_program(
        tmp_path,
        "name: P\nschedule:\n  - routine: strength.yaml\n    days: 2 per week\n",
    )
    line = load_program(path).schedule[0]
    assert line.days.kind is DayKind.PER_WEEK
    monday, tuesday, wednesday = START, START + timedelta(days=1), START + timedelta(days=2)
    assert due_times(line, START, monday, {}) == 1
    assert due_times(line, START, wednesday, {monday: 1}) == 1
    assert due_times(line, START, wednesday, {monday: 1, tuesday: 2}) == 0
    # The next program week starts afresh.
    assert due_times(line, START, START + timedelta(days=7), {monday: 1, tuesday: 1}) == 1
    assert due_between(line, START, START, START + timedelta(days=13)) == 4


def test_weeks_are_counted_from_the_first_day_and_end_on_the_last(sim: ProgramSim) -> None:
    assert week_of(START, START) == 1
    assert week_of(START, day_of(2, 0)) == 2
    assert last_day(sim.program, START) == START + timedelta(days=41)
