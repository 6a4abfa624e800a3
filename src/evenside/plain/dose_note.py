"""Provides the plain summary's line about a program's doses: which were played as stepped."""

from __future__ import annotations

from typing import TextIO

from evenside.playback.assembly import PlayedSession
from evenside.program.active import dose_note


def print_dose_note(played: PlayedSession, out: TextIO) -> None:
    """Say which doses were played at the program's steps (nothing when none were)."""
    note = dose_note(played.session.timeline.routine)
    if note is not None:
        out.write(f"{note}\n")
        out.flush()
