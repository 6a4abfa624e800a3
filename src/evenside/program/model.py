"""Provides the program model: what a program file says, as frozen dataclasses.

A program names routines and the days they are due on, for a number of weeks
(or open-ended), and optionally how a dose may step up and when pain says no.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from evenside.routine.model import Routine

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""The day words of a schedule, Monday first (Python's weekday numbers are the index)."""


class DayKind(StrEnum):
    """How a schedule line's days are written."""

    DAILY = "daily"
    WEEKDAYS = "weekdays"
    LISTED = "listed"
    PER_WEEK = "per-week"


@dataclass(frozen=True)
class Days:
    """The days a routine is due on."""

    kind: DayKind
    """daily, weekdays, a list of days, or N per week (any days)."""
    weekdays: frozenset[int] = frozenset()
    """For a list: the weekday numbers (Monday 0)."""
    per_week: int = 0
    """For N per week: N."""

    def fixed_on(self, day: date) -> bool:
        """True when the routine is due on `day` by the calendar (never for N per week)."""
        if self.kind is DayKind.DAILY:
            return True
        if self.kind is DayKind.WEEKDAYS:
            return day.weekday() < 5
        if self.kind is DayKind.LISTED:
            return day.weekday() in self.weekdays
        return False

    def describe(self) -> str:
        """The days in words: "daily", "weekdays", "mon, wed, fri", "3 per week"."""
        if self.kind is DayKind.LISTED:
            return ", ".join(WEEKDAYS[d] for d in sorted(self.weekdays))
        if self.kind is DayKind.PER_WEEK:
            return f"{self.per_week} per week"
        return self.kind.value


@dataclass(frozen=True)
class ScheduleLine:
    """One line of the schedule: a routine, its days, and how many times a day."""

    routine_ref: str
    """The routine as written (a name, or a path relative to the program file)."""
    routine: Routine
    """The routine, loaded."""
    days: Days
    """The days it is due on."""
    times: int = 1
    """How many times on a day it is due."""

    @property
    def key(self) -> str:
        """The key its doses and sessions are kept under: the routine as written."""
        return self.routine_ref


@dataclass(frozen=True)
class StepRule:
    """How far one step up goes, and the most it ever goes to."""

    step: int
    """Added per step (milliseconds for a hold, reps for reps)."""
    limit: int
    """Never above this."""


@dataclass(frozen=True)
class Progress:
    """When and how a dose steps up or back."""

    every_days: int
    """The least days between two steps up."""
    hold: StepRule | None
    """For holds; None: holds never change."""
    reps: StepRule | None
    """For reps; None: reps never change."""
    pain_during: int
    """The highest acceptable pain during or just after (0-10)."""
    morning_rise: int = 0
    """How much worse a next morning may be than the morning before ("no worse": 0)."""


ADHERENCE_NEEDED = 0.8
"""Sessions done, of those due at the current dose, before a step up is suggested."""
EASE_OFF_RISE = 2
"""A next morning this much worse than the one before suggests stepping back."""


@dataclass(frozen=True)
class Program:
    """A whole program, as loaded from one file."""

    name: str
    """Shown everywhere."""
    key: str
    """The file's stem: what `program use` takes and what doses are kept under."""
    schedule: tuple[ScheduleLine, ...]
    """The routines and their days."""
    weeks: int | None = None
    """How long it runs; None: open-ended."""
    summary: str | None = None
    """One line."""
    description: str | None = None
    """Longer text (safety notes)."""
    progress: Progress | None = None
    """How doses step; None: never suggested."""
    source: Path | None = None
    """The file it was loaded from."""

    def line_for(self, key: str) -> ScheduleLine | None:
        """The schedule line whose routine is written as `key`."""
        return next((line for line in self.schedule if line.key == key), None)
