"""Provides the calendar of a program: its weeks, its last day, and what is due on a day.

Week 1 starts on the enrolment's first day (not on a Monday), so every
program week is seven days long. A routine written "N per week" is due on a
day while fewer than N days of its week have had it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from evenside.program.model import DayKind, Program, ScheduleLine


def week_of(start: date, day: date) -> int:
    """The program week `day` falls in (1 for the first seven days)."""
    return (day - start).days // 7 + 1


def week_days(start: date, week: int) -> tuple[date, date]:
    """The first and last day of program week `week`."""
    first = start + timedelta(days=7 * (week - 1))
    return first, first + timedelta(days=6)


def last_day(program: Program, start: date) -> date | None:
    """The program's last day when it has `weeks`, else None (open-ended)."""
    if program.weeks is None:
        return None
    return start + timedelta(days=7 * program.weeks - 1)


def in_program(program: Program, start: date, day: date, stop: date | None = None) -> bool:
    """True when `day` is one of the program's days (from `start`, to its end or `stop`)."""
    end = last_day(program, start)
    if stop is not None:
        end = stop if end is None else min(end, stop)
    return start <= day and (end is None or day <= end)


DoneDays = Mapping[date, int]
"""How many times a routine was done, by local day."""


def due_times(line: ScheduleLine, start: date, day: date, done: DoneDays) -> int:
    """How many times `line`'s routine is due on `day`, given what was done on other days."""
    if line.days.kind is not DayKind.PER_WEEK:
        return line.times if line.days.fixed_on(day) else 0
    first, _ = week_days(start, week_of(start, day))
    days_had = sum(
        1 for offset in range((day - first).days) if done.get(first + timedelta(days=offset), 0)
    )
    return line.times if days_had < line.days.per_week else 0


def due_between(line: ScheduleLine, start: date, first: date, last: date) -> float:
    """How many times `line` was due from `first` to `last` (both included).

    N per week is due N x times in each whole week, and in proportion to the days of a
    week cut short, since which days it falls on is the person's choice.
    """
    if last < first:
        return 0.0
    if line.days.kind is not DayKind.PER_WEEK:
        count = sum(
            1
            for offset in range((last - first).days + 1)
            if line.days.fixed_on(first + timedelta(days=offset))
        )
        return float(count * line.times)
    days = (last - first).days + 1
    return line.days.per_week * line.times * days / 7


def done_between(line: ScheduleLine, done: DoneDays, first: date, last: date) -> int:
    """Times done from `first` to `last`, at most `times` a day (extra sessions do not
    make up for a missed day)."""
    return sum(min(n, line.times) for day, n in done.items() if first <= day <= last)
