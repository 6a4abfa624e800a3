"""Provides the summary's line that says a session was played at a program's stepped doses."""

from __future__ import annotations

from textual.widgets import Static

from evenside.program.active import dose_note
from evenside.routine.model import Routine


def dose_lines(routine: Routine) -> list[Static]:
    """One line naming the doses played as the program stepped them, or nothing."""
    note = dose_note(routine)
    return [Static(note, id="summary-dose", markup=False)] if note else []
