"""Provides the morning check-in store: pain per side on a local day, saved and read back.

A check-in is the "next morning" pain of the pain-monitoring model: the first
start on a day after a session asks for it. One row per day and side; checking
in again on the same day replaces that side's answer (the later one counts,
and its `recorded_at` says when it was given).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from evenside.history.records import PAIN_MAX

CHECKIN_SIDES: tuple[str, ...] = ("left", "right")
"""The sides a check-in rates."""


@dataclass(frozen=True)
class Checkin:
    """One side's pain on a morning."""

    day: date
    """The local date of the morning."""
    side: str
    """'left' or 'right'."""
    pain: int
    """0 (none) to 10 (the worst)."""
    recorded_at: str
    """UTC ISO-8601 time the answer was given."""


class CheckinError(ValueError):
    """A check-in value outside what is stored (a side or pain that does not exist)."""


def save_checkin(conn: sqlite3.Connection, checkin: Checkin) -> None:
    """Store one side's morning pain, replacing an earlier answer for that day and side."""
    if checkin.side not in CHECKIN_SIDES:
        raise CheckinError(f"a check-in is for the left or right side, not {checkin.side!r}")
    if isinstance(checkin.pain, bool) or not 0 <= checkin.pain <= PAIN_MAX:
        raise CheckinError(f"pain is 0 to {PAIN_MAX}, not {checkin.pain!r}")
    with conn:
        conn.execute(
            "INSERT INTO checkins (day, side, pain, recorded_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (day, side) DO UPDATE SET pain = excluded.pain, "
            "recorded_at = excluded.recorded_at",
            (checkin.day.isoformat(), checkin.side, checkin.pain, checkin.recorded_at),
        )


def checkins_between(conn: sqlite3.Connection, first: date, last: date) -> list[Checkin]:
    """Every check-in from `first` to `last` (both included), by day, left before right."""
    rows = conn.execute(
        "SELECT day, side, pain, recorded_at FROM checkins WHERE day BETWEEN ? AND ? "
        "ORDER BY day, side",
        (first.isoformat(), last.isoformat()),
    ).fetchall()
    return [Checkin(date.fromisoformat(r[0]), r[1], int(r[2]), r[3]) for r in rows]


def checked_in_on(conn: sqlite3.Connection, day: date) -> bool:
    """Whether any side was rated on `day` (the check-in is then not asked again)."""
    row = conn.execute("SELECT 1 FROM checkins WHERE day = ? LIMIT 1", (day.isoformat(),))
    return row.fetchone() is not None
