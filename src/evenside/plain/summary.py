"""Provides the plain summary: per exercise and side, the sets done and skipped, and the time.

The same facts as the TUI's summary screen, as lines: a played session's
results, each interval's last ending counted once (backed out of and then done
again is one set done), and the time of skipped sets never counted as work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from evenside.balance.owed import OwedSide
from evenside.engine.events import IntervalEnded, IntervalStatus, SessionStatus
from evenside.engine.session import Session
from evenside.engine.timeline import IntervalKind
from evenside.routine.model import Side
from evenside.terminal_text import safe_text
from evenside.wording import clock_done, reps_words, side_words

HEADLINES = {
    SessionStatus.COMPLETED: "Routine complete",
    SessionStatus.STOPPED: "Session stopped",
    SessionStatus.INTERRUPTED: "Session interrupted",
}


@dataclass
class _Row:
    exercise: str
    side: Side | None
    planned: int = 0
    done: int = 0
    skipped: int = 0
    worked_ms: int = 0
    reps: int | None = None


def _rows(session: Session) -> list[_Row]:
    rows: dict[tuple[str, Side | None], _Row] = {}
    for interval in session.timeline.work():
        key = (interval.exercise_id or interval.exercise or "", interval.side)
        row = rows.setdefault(key, _Row(interval.exercise or key[0], interval.side))
        row.planned += 1
    last: dict[int, IntervalEnded] = {}
    for result in session.results():
        if result.interval.kind is IntervalKind.WORK:
            last[result.interval.index] = result
    for result in last.values():
        interval = result.interval
        row = rows[(interval.exercise_id or interval.exercise or "", interval.side)]
        if result.status is IntervalStatus.SKIPPED:
            row.skipped += 1
            continue
        row.worked_ms += result.worked_ms
        row.done += result.status is IntervalStatus.DONE
        if result.reps_done is not None:
            row.reps = (row.reps or 0) + result.reps_done
    return list(rows.values())


def summary_lines(session: Session) -> list[str]:
    """ "Routine complete: Psoas release, 12:30" then one line per exercise and side."""
    status = session.status or SessionStatus.COMPLETED
    name = safe_text(session.timeline.routine.name)
    lines = [f"{HEADLINES[status]}: {name}, time taken {clock_done(session.session_elapsed_ms())}"]
    for row in _rows(session):
        label = safe_text(row.exercise)
        if row.side is not None:
            label += f", {side_words(row.side)}"
        parts = [f"{row.done} of {row.planned} set{'s' if row.planned != 1 else ''} done"]
        if row.skipped:
            parts.append(f"{row.skipped} skipped")
        parts.append(reps_words(row.reps) if row.reps is not None else clock_done(row.worked_ms))
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
