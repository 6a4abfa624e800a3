"""Provides desk-break records in the history database: breaks taken and skipped, by local day.

A break taken is a normal recorded session (the player writes it); the row
here only marks that session as a desk break. A skipped break has no session,
so its row is the whole record. Each row keeps the local date it fell on, so
"today" and the history calendar count by the person's own midnight, not UTC's.
The table `desk_breaks` comes from a history migration (see `history/migrations.py`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from evenside.history.timestamps import to_iso
from evenside.history.transaction import transaction

LocalNow = Callable[[], datetime]
"""The wall clock as an aware local datetime (tests pass their own)."""


def local_now() -> datetime:
    """The real wall clock, in the machine's local time zone."""
    return datetime.now().astimezone()


class BreakOutcome(StrEnum):
    """What became of a due break."""

    TAKEN = "taken"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class BreakDay:
    """Desk breaks on one local day."""

    day: date
    """The local date."""
    taken: int
    """Breaks taken (a session was played)."""
    skipped: int
    """Breaks skipped."""


def record_break(
    conn: sqlite3.Connection,
    outcome: BreakOutcome,
    routine: str,
    *,
    session_id: str | None = None,
    now: LocalNow = local_now,
) -> None:
    """Store one break (taken: with the session played for it) in its own transaction."""
    moment = now()
    with transaction(conn):
        conn.execute(
            "INSERT OR IGNORE INTO desk_breaks (at, day, outcome, routine, session_id) "
            "VALUES (?, ?, ?, ?, ?)",
            (to_iso(moment), moment.date().isoformat(), outcome.value, routine, session_id),
        )


def record_skip(conn: sqlite3.Connection, routine: str, *, now: LocalNow = local_now) -> None:
    """Store a skipped break."""
    record_break(conn, BreakOutcome.SKIPPED, routine, now=now)


def record_taken(
    conn: sqlite3.Connection,
    routine: str,
    session_id: str | None,
    *,
    now: LocalNow = local_now,
) -> None:
    """Store a break taken, pointing at the session the player recorded for it."""
    record_break(conn, BreakOutcome.TAKEN, routine, session_id=session_id, now=now)


def breaks_on(conn: sqlite3.Connection, day: date) -> BreakDay:
    """Breaks taken and skipped on local date `day`."""
    counts = breaks_by_day(conn, day, day)
    return counts.get(day, BreakDay(day, 0, 0))


def breaks_by_day(conn: sqlite3.Connection, first: date, last: date) -> dict[date, BreakDay]:
    """Every local day from `first` to `last` (inclusive) that had a desk break, for a calendar."""
    rows = conn.execute(
        "SELECT day, "
        "sum(outcome = 'taken') AS taken, sum(outcome = 'skipped') AS skipped "
        "FROM desk_breaks WHERE day BETWEEN ? AND ? GROUP BY day ORDER BY day",
        (first.isoformat(), last.isoformat()),
    ).fetchall()
    result: dict[date, BreakDay] = {}
    for row in rows:
        day = date.fromisoformat(row[0])
        result[day] = BreakDay(day, int(row[1]), int(row[2]))
    return result


class BreakLog:
    """Desk breaks of one reminder process: records skips and taken breaks, counts today."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        routine: str,
        *,
        now: LocalNow = local_now,
        pid: int | None = None,
    ) -> None:
        self.conn = conn
        self.routine = routine
        self.now = now
        self.pid = os.getpid() if pid is None else pid

    def today(self) -> BreakDay:
        """Breaks taken and skipped so far today (local date)."""
        return breaks_on(self.conn, self.now().date())

    def skipped(self) -> None:
        """Record a skipped break."""
        record_skip(self.conn, self.routine, now=self.now)

    def break_ended(self, began: datetime) -> bool:
        """Look up the session this process played since `began`; record it if it completed.

        The player writes the session itself; finding it by process id and start
        time keeps desk mode out of the player's wiring. Returns True when the
        break counts as taken (a session completed); a stopped one does not, nor
        one in which every set was skipped: the engine ends that one "stopped"
        (`SessionStatus.at_end`), so this status is the only thing to read.
        """
        # A second of slack: the recorder dates a session from its first event.
        since = to_iso(began - timedelta(seconds=1))
        row = self.conn.execute(
            "SELECT id, status FROM sessions WHERE pid = ? AND started_at >= ? "
            "ORDER BY started_at DESC LIMIT 1",
            (self.pid, since),
        ).fetchone()
        if row is None or row[1] != "completed":
            return False
        record_taken(self.conn, self.routine, row[0], now=self.now)
        return True
