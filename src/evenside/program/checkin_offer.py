"""Provides when the morning check-in is offered, and the answers stored.

The first start on the day after a session offers it: the history holds a
session from yesterday and no check-in for today, and it was not offered yet
today. Offering it is noted in a one-line file in the cache folder, so a
skip is not asked again until tomorrow (losing the file only means asking
again). Nothing here ever stops a start: a history that cannot be read is no
offer.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime, time, timedelta
from pathlib import Path

from evenside import locations
from evenside.history.checkins import Checkin, checked_in_on, save_checkin
from evenside.history.db import HistoryUnavailable, open_history
from evenside.history.timestamps import WallClock, to_iso, utc_now

QUESTION = "How are your left and right this morning? 0-10"
"""The words of the check-in, the same in every front end."""


def offered_marker() -> Path:
    """The file that holds the day the check-in was last offered."""
    return locations.cache_dir() / "checkin-offered"


def _offered_on(marker: Path) -> str | None:
    try:
        return marker.read_text(encoding="utf-8").strip()
    except OSError:
        return None


def checkin_due(conn: sqlite3.Connection, today: date) -> bool:
    """True when a session was played yesterday (local time) and `today` has no check-in:
    the morning after a session is the "next morning" of the pain model."""
    midnight = to_iso(datetime.combine(today, time()).astimezone())
    day_before = to_iso(datetime.combine(today - timedelta(days=1), time()).astimezone())
    yesterday = conn.execute(
        "SELECT 1 FROM sessions WHERE started_at >= ? AND started_at < ? LIMIT 1",
        (day_before, midnight),
    )
    return yesterday.fetchone() is not None and not checked_in_on(conn, today)


def should_offer(history: Path | None, today: date, marker: Path | None = None) -> bool:
    """Whether to offer the check-in on this start (and note that it was offered)."""
    marker = marker or offered_marker()
    where = history or locations.history_path()
    if _offered_on(marker) == today.isoformat() or not where.exists():
        return False
    try:
        conn = open_history(where)
    except HistoryUnavailable:
        return False
    try:
        due = checkin_due(conn, today)
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    if due:
        _note_offered(marker, today)
    return due


def _note_offered(marker: Path, today: date) -> None:
    try:
        locations.ensure_private_dir(marker.parent)
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, locations.PRIVATE_FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(today.isoformat() + "\n")
    except OSError:
        pass  # then it is offered again on the next start: a question, never harm


def save_answers(
    history: Path | None,
    today: date,
    answers: dict[str, int | None],
    now: WallClock = utc_now,
) -> str | None:
    """Store the sides answered; None when stored, else why not (one line)."""
    given = {side: pain for side, pain in answers.items() if pain is not None}
    if not given:
        return None
    try:
        conn = open_history(history or locations.history_path())
    except HistoryUnavailable as error:
        return str(error)
    try:
        for side, pain in given.items():
            save_checkin(conn, Checkin(today, side, pain, to_iso(now())))
    except (sqlite3.Error, ValueError) as error:
        return f"the check-in could not be saved: {error}"
    finally:
        conn.close()
    return None
