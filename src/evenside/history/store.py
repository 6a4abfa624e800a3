"""Provides `HistoryStore`: sessions, intervals and ratings written and read through one connection.

Each write is its own transaction, committed before the call returns, so a
killed process loses at most the interval in progress. A session that was
never closed is recognised later by its process being gone (or its heartbeat
long stale) and marked interrupted.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import groupby
from pathlib import Path

from evenside.history.records import (
    PAIN_MAX,
    RATING_MOMENTS,
    RATING_SIDES,
    IntervalRecord,
    RatingRecord,
    SessionRecord,
)
from evenside.history.timestamps import WallClock, from_iso, to_iso, utc_now
from evenside.history.transaction import transaction

SESSION_STATUSES = ("completed", "stopped", "interrupted")
# A live player writes at least once per interval (4 h at most) unless paused; a
# heartbeat older than this means the process is not ours any more (pid reuse).
STALE_AFTER = timedelta(hours=12)

_INTERVAL_COLUMNS = (
    "exercise_id, exercise, side, set_number, kind, planned_ms, actual_ms, "
    "planned_reps, done_reps, status, started_at, ended_at"
)


def process_running(pid: int) -> bool:
    """True if a process with `pid` exists and is not a zombie."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:
        # The state follows the parenthesised command name, which may hold spaces.
        state = stat.read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def interval_from_row(row: sqlite3.Row) -> IntervalRecord:
    """An IntervalRecord from a row holding the interval columns."""
    return IntervalRecord(
        exercise_id=row["exercise_id"],
        exercise=row["exercise"],
        side=row["side"],
        set_number=row["set_number"],
        kind=row["kind"],
        planned_ms=row["planned_ms"],
        actual_ms=row["actual_ms"],
        planned_reps=row["planned_reps"],
        done_reps=row["done_reps"],
        status=row["status"],
        started_at=row["started_at"],
        ended_at=row["ended_at"],
    )


def interval_values(session_id: str, seq: int, record: IntervalRecord) -> tuple[object, ...]:
    """The row values for inserting `record` as interval `seq` of `session_id`."""
    return (
        session_id,
        seq,
        record.exercise_id,
        record.exercise,
        record.side,
        record.set_number,
        record.kind,
        record.planned_ms,
        record.actual_ms,
        record.planned_reps,
        record.done_reps,
        record.status,
        record.started_at,
        record.ended_at,
    )


INSERT_INTERVAL = (
    f"INSERT INTO intervals (session_id, seq, {_INTERVAL_COLUMNS}) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


# The paused total a write carries is the whole so far, never an increment, so a write applied
# twice (or an older one after a newer) cannot add to it: the larger total is kept.
_PAUSED_SO_FAR = (
    "paused_ms = CASE WHEN ? IS NULL THEN paused_ms ELSE max(coalesce(paused_ms, 0), ?) END"
)


def check_paused(paused_ms: object) -> None:
    """Raise ValueError unless this is a paused total history keeps: None or a whole
    number of milliseconds, 0 or more."""
    if paused_ms is None:
        return
    if isinstance(paused_ms, bool) or not isinstance(paused_ms, int) or paused_ms < 0:
        raise ValueError(f"paused time must be whole milliseconds, 0 or more, not {paused_ms!r}")


def check_rating(when: str, side: str | None, pain: object) -> None:
    """Raise ValueError unless this is a rating history keeps: before or after, a side or
    None, a whole number from 0 to 10."""
    if when not in RATING_MOMENTS:
        raise ValueError(f"rating moment must be before or after, not {when!r}")
    if side not in RATING_SIDES:
        raise ValueError(f"rating side must be left, right or None, not {side!r}")
    if isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= PAIN_MAX:
        raise ValueError(f"pain must be a whole number from 0 to {PAIN_MAX}, not {pain!r}")


class HistoryStore:
    """Reads and writes history through a connection it is given (see `open_database`)."""

    def __init__(self, conn: sqlite3.Connection, now: WallClock = utc_now) -> None:
        self.conn = conn
        self.now = now

    # Writing ---------------------------------------------------------------------------

    def begin_session(
        self,
        routine: str,
        content_hash: str = "",
        started_at: datetime | None = None,
        pid: int | None = None,
        session_id: str | None = None,
    ) -> str:
        """Open a session and return its id (a new UUID unless `session_id` is given);
        `pid` defaults to this process.

        Opening a session already held changes nothing, so a write kept for later
        (see `history.writer`) can be applied again safely.
        """
        session_id = session_id or str(uuid.uuid4())
        start = to_iso(started_at or self.now())
        with transaction(self.conn):
            self.conn.execute(
                "INSERT OR IGNORE INTO sessions "
                "(id, routine, content_hash, started_at, pid, heartbeat_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, routine, content_hash, start, pid or os.getpid(), to_iso(self.now())),
            )
        return session_id

    def record_interval(self, session_id: str, record: IntervalRecord) -> int:
        """Append one finished interval to the session, committed before returning.

        Returns its sequence number in the session (from 1), for `replace_interval`.
        """
        with transaction(self.conn):
            (seq,) = self.conn.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM intervals WHERE session_id = ?",
                (session_id,),
            ).fetchone()
            self.conn.execute(INSERT_INTERVAL, interval_values(session_id, seq, record))
            self.conn.execute(
                "UPDATE sessions SET heartbeat_at = ? WHERE id = ?",
                (to_iso(self.now()), session_id),
            )
        return int(seq)

    def replace_interval(self, session_id: str, seq: int, record: IntervalRecord) -> None:
        """Write `record` as interval `seq` of the session, over whatever was there (an
        interval done again after going back; a kept write applied again)."""
        with transaction(self.conn):
            self.conn.execute(
                "DELETE FROM intervals WHERE session_id = ? AND seq = ?", (session_id, seq)
            )
            self.conn.execute(INSERT_INTERVAL, interval_values(session_id, seq, record))
            self.conn.execute(
                "UPDATE sessions SET heartbeat_at = ? WHERE id = ?",
                (to_iso(self.now()), session_id),
            )

    def heartbeat(self, session_id: str, paused_ms: int | None = None) -> None:
        """Say the session's process is still alive (e.g. after a long pause), and how long
        it has been paused in all so far (None: not said)."""
        check_paused(paused_ms)
        with transaction(self.conn):
            self.conn.execute(
                f"UPDATE sessions SET heartbeat_at = ?, {_PAUSED_SO_FAR} WHERE id = ?",
                (to_iso(self.now()), paused_ms, paused_ms, session_id),
            )

    def end_session(
        self,
        session_id: str,
        status: str,
        ended_at: datetime | None = None,
        paused_ms: int | None = None,
    ) -> None:
        """Close the session as completed, stopped or interrupted, paused `paused_ms` in all
        (None: not known, and whatever was known is kept)."""
        if status not in SESSION_STATUSES:
            raise ValueError(f"session status must be one of {SESSION_STATUSES}, not {status!r}")
        check_paused(paused_ms)
        with transaction(self.conn):
            cursor = self.conn.execute(
                f"UPDATE sessions SET status = ?, ended_at = ?, {_PAUSED_SO_FAR} WHERE id = ?",
                (str(status), to_iso(ended_at or self.now()), paused_ms, paused_ms, session_id),
            )
            if cursor.rowcount != 1:
                raise KeyError(f"no session {session_id}")

    def add_rating(self, session_id: str, when: str, side: str | None, pain: int) -> None:
        """Store a 0-10 pain rating for `side` (None: no side) before or after the session.

        Rating the same side at the same moment again replaces the earlier value.
        """
        check_rating(when, side, pain)
        with transaction(self.conn):
            self.conn.execute(
                "INSERT OR REPLACE INTO ratings (session_id, moment, side, pain) "
                "VALUES (?, ?, ?, ?)",
                (session_id, str(when), side or "", pain),
            )

    def mark_interrupted(self) -> int:
        """Close every open session whose process is gone as interrupted; return how many.

        A session still being played (its process alive and its heartbeat
        recent) is left open. The end time is the end of its last interval; for a
        session whose paused time is known, the last sign of life if that is later (the
        resume that said how long it had been paused), so that end - start - paused is
        the time it had been played when last heard of, as its summary would have said.
        """
        open_rows = self.conn.execute(
            "SELECT id, pid, started_at, heartbeat_at FROM sessions WHERE status IS NULL"
        ).fetchall()
        stale_before = self.now() - STALE_AFTER
        dead: list[str] = []
        for row in open_rows:
            beat = row["heartbeat_at"] or row["started_at"]
            alive = row["pid"] is not None and process_running(int(row["pid"]))
            if not alive or from_iso(beat) < stale_before:
                dead.append(row["id"])
        if not dead:
            return 0
        with transaction(self.conn):
            for session_id in dead:
                self.conn.execute(
                    "UPDATE sessions SET status = 'interrupted', ended_at = coalesce(max("
                    "(SELECT max(ended_at) FROM intervals WHERE session_id = sessions.id), "
                    "CASE WHEN paused_ms IS NOT NULL THEN heartbeat_at END), "
                    "(SELECT max(ended_at) FROM intervals WHERE session_id = sessions.id), "
                    "heartbeat_at, started_at) WHERE id = ? AND status IS NULL",
                    (session_id,),
                )
        return len(dead)

    # Reading ---------------------------------------------------------------------------

    def session(self, session_id: str) -> SessionRecord | None:
        """One session with its intervals and ratings, or None."""
        row = self.conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            return None
        intervals = tuple(
            interval_from_row(r)
            for r in self.conn.execute(
                f"SELECT {_INTERVAL_COLUMNS} FROM intervals WHERE session_id = ? ORDER BY seq",
                (session_id,),
            )
        )
        return _session_from_row(row, intervals, self.ratings(session_id))

    def ratings(self, session_id: str) -> tuple[RatingRecord, ...]:
        """The session's pain ratings, before first, left before right."""
        rows = self.conn.execute(
            "SELECT moment, side, pain FROM ratings WHERE session_id = ? "
            "ORDER BY moment = 'after', side",
            (session_id,),
        )
        return tuple(RatingRecord(r["moment"], r["side"] or None, r["pain"]) for r in rows)

    def sessions(self, since: datetime | None = None) -> list[SessionRecord]:
        """Sessions (without intervals) started at or after `since`, oldest first."""
        rows = self.conn.execute(
            "SELECT * FROM sessions WHERE started_at >= ? ORDER BY started_at, id",
            (to_iso(since) if since else "",),
        )
        return [_session_from_row(row) for row in rows]

    def iter_sessions(self) -> Iterator[SessionRecord]:
        """Every session with its intervals and ratings, oldest first, read in one pass."""
        ratings: dict[str, list[RatingRecord]] = {}
        for r in self.conn.execute(
            "SELECT session_id, moment, side, pain FROM ratings "
            "ORDER BY session_id, moment = 'after', side"
        ):
            ratings.setdefault(r["session_id"], []).append(
                RatingRecord(r["moment"], r["side"] or None, r["pain"])
            )
        rows = self.conn.execute(
            "SELECT s.id AS sid, s.routine, s.content_hash, s.started_at AS s_started, "
            "s.ended_at AS s_ended, s.status AS s_status, s.paused_ms AS s_paused, i.seq, "
            "i.exercise_id, i.exercise, i.side, i.set_number, i.kind, i.planned_ms, i.actual_ms, "
            "i.planned_reps, i.done_reps, i.status, i.started_at, i.ended_at "
            "FROM sessions s LEFT JOIN intervals i ON i.session_id = s.id "
            "ORDER BY s.started_at, s.id, i.seq"
        )
        for session_id, group in groupby(rows, key=lambda r: r["sid"]):
            members = list(group)
            first = members[0]
            intervals = tuple(interval_from_row(r) for r in members if r["seq"] is not None)
            yield SessionRecord(
                id=session_id,
                routine=first["routine"],
                content_hash=first["content_hash"],
                started_at=first["s_started"],
                ended_at=first["s_ended"],
                status=first["s_status"],
                paused_ms=first["s_paused"],
                intervals=intervals,
                ratings=tuple(ratings.get(session_id, ())),
            )

    def session_ids(self) -> set[str]:
        """Every session id held (for merging an import)."""
        return {row[0] for row in self.conn.execute("SELECT id FROM sessions")}

    def interval_count(self) -> int:
        """How many intervals are stored in all."""
        return int(self.conn.execute("SELECT count(*) FROM intervals").fetchone()[0])


def _session_from_row(
    row: sqlite3.Row,
    intervals: tuple[IntervalRecord, ...] = (),
    ratings: tuple[RatingRecord, ...] = (),
) -> SessionRecord:
    return SessionRecord(
        id=row["id"],
        routine=row["routine"],
        content_hash=row["content_hash"],
        started_at=row["started_at"],
        ended_at=row["ended_at"],
        status=row["status"],
        paused_ms=row["paused_ms"],
        intervals=intervals,
        ratings=ratings,
    )
