"""Provides what a program asks per week: the report's only input from programs.

`report.program_weeks` reads it from the history for the program followed in
the report's period (a caller may pass one instead), and the report adds
"sessions done vs due per week". Without a program that section is left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class WeekDue:
    """Sessions a program asked for in one week, and how many of them were done."""

    due: int
    """Sessions the program scheduled that week (within the report's period)."""
    done: int
    """Of those, the sessions done (as the program counts them)."""


@dataclass(frozen=True)
class ProgramAdherence:
    """A program followed during the report's period, week by week."""

    program: str
    """The program's name, as shown."""
    weeks: Mapping[date, WeekDue]
    """By the Monday of each week; a week the program did not cover is absent."""
