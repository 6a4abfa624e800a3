"""Provides the plain summary: per exercise and side, the sets done and skipped, and the time.

The rows the TUI's summary screen draws too (`engine.session_summary`), as lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from evenside.balance.owed import OwedSide
from evenside.engine.events import SessionStatus
from evenside.engine.session import Session
from evenside.engine.session_summary import HEADLINE, summary_rows
from evenside.terminal_text import safe_text
from evenside.wording import clock_done, reps_words, side_words


def summary_lines(session: Session) -> list[str]:
    """ "Routine complete: Psoas release, 12:30" then one line per exercise and side."""
    status = session.status or SessionStatus.COMPLETED
    name = safe_text(session.timeline.routine.name)
    lines = [f"{HEADLINE[status]}: {name}, time taken {clock_done(session.session_elapsed_ms())}"]
    for row in summary_rows(session.timeline, session.results()):
        label = safe_text(row.exercise)
        if row.side is not None:
            label += f", {side_words(row.side)}"
        planned = row.planned_sets
        parts = [f"{row.done} of {planned} set{'s' if planned != 1 else ''} done"]
        if row.skipped:
            parts.append(f"{row.skipped} skipped")
        reps = row.reps_done
        parts.append(reps_words(reps) if reps is not None else clock_done(row.worked_ms))
        lines.append(f"  {label}: {', '.join(parts)}")
    return lines


def owed_lines(owed: Sequence[OwedSide]) -> list[str]:
    """ "Right side of Supine release is owed." for each owed side."""
    return [f"{str(o.side).capitalize()} side of {safe_text(o.exercise)} is owed." for o in owed]


def owed_question(owed: Sequence[OwedSide], when: str) -> str:
    """ "Add the owed right side of Lunge first? y/n" (`when` "first" or "now")."""
    names = [f"{o.side} side of {safe_text(o.exercise)}" for o in owed]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    verb = "Add" if when == "first" else "Do"
    return f"{verb} the owed {listed} {when}? y/n "
