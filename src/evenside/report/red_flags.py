"""Provides the red-flag notes of routines: the signs their files say to see a doctor for.

A routine has no field of its own for them: its `description` says them, in
a sentence such as "Stop and see a doctor if you have fever with the pain...".
The report repeats those sentences (and only those) for the routines played.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from evenside.routine.diagnostics import RoutineError
from evenside.routine.finder import list_routines
from evenside.routine.loader import load_routine

# A sentence ends at a full stop, question or exclamation mark followed by a space.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_RED_FLAG = re.compile(r"\b(see|call|contact) (a|your) (doctor|GP)\b|\bemergency\b", re.I)


def red_flag_notes(description: str | None) -> tuple[str, ...]:
    """The sentences of a routine's description that say when to see a doctor."""
    if not description:
        return ()
    text = " ".join(description.split())
    return tuple(s for s in _SENTENCE_END.split(text) if _RED_FLAG.search(s))


def routines_red_flags(names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Per routine name, the red-flag notes of the routine file of that name (user's first).

    A routine whose file is gone or broken has none: the report is made all the same.
    """
    wanted = set(names)
    found: dict[str, tuple[str, ...]] = {}
    for entry in list_routines():
        try:
            routine = load_routine(entry.path)
        except (RoutineError, OSError, ValueError):
            continue
        if routine.name in wanted and routine.name not in found:
            found[routine.name] = red_flag_notes(routine.description)
    return found
