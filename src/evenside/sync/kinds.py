"""Provides the registry of record kinds that travel between machines, and how each merges.

A kind reads its records from the local history as (key, data) pairs, checks
a record read from the folder, ranks two versions of one record (the higher
rank is the newer: more intervals, a later answer), and applies the versions
that won to the local history. A session travels whole (with its intervals
and ratings, in the JSON export's shape, checked by the importer's rules); a
plain table travels row by row as a `RowKind`: its table, the columns of its
unique key, its columns, and the columns whose larger value is the newer one.
Adding a table that should travel is one `RowKind` in `RECORD_KINDS`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from evenside.history.export import EXPORT_FORMAT, EXPORT_VERSION, PAUSED_KEY, session_json
from evenside.history.import_checks import STORED_TIME, is_text, latest_time
from evenside.history.importer import HistoryImportError, import_sessions, parse_history
from evenside.history.records import SessionRecord
from evenside.history.store import INSERT_INTERVAL, HistoryStore, interval_values
from evenside.history.timestamps import WallClock
from evenside.history.transaction import transaction

APPLY_BATCH = 200
"""Sessions written per transaction when a sync brings many (a first sync of years)."""

Key = tuple[Any, ...]
"""A record's identity within its kind (a session id; a day and side)."""
Data = dict[str, Any]
"""A record as it travels: JSON values only."""


class BadRecord(ValueError):
    """A record in the folder that this history cannot hold (the message says why)."""


class RecordKind(Protocol):
    """One kind of record that travels."""

    @property
    def name(self) -> str:
        """Its name in the folder's files ("session")."""
        ...

    @property
    def label(self) -> str:
        """Its plural as people read it ("sessions")."""
        ...

    def local(self, conn: sqlite3.Connection) -> Iterator[tuple[Key, Data]]:
        """Every record of this kind the local history holds that should travel."""
        ...

    def check(self, data: object, now: WallClock) -> tuple[Key, Data]:
        """The record's key and its data as the local history would give it back; raises
        `BadRecord` when the history could not hold it."""
        ...

    def rank(self, data: Data) -> tuple[Any, ...]:
        """How new this version is: of two versions of a record, the higher rank wins."""
        ...

    def apply(self, conn: sqlite3.Connection, records: Sequence[Data]) -> list[str]:
        """Write these winning versions into the local history; return a line per record it
        refused (nothing else is changed for that record)."""
        ...


def _ranked(value: object) -> tuple[int, Any]:
    """A value made comparable with any other of its column: NULL first, numbers, then text."""
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    return (2, str(value))


class SessionKind:
    """Sessions with their intervals and ratings, merged whole by session id.

    Only finished sessions travel: a session still open on one machine would be
    marked interrupted by another, whose process list does not hold its player.
    """

    name = "session"
    label = "sessions"

    def local(self, conn: sqlite3.Connection) -> Iterator[tuple[Key, Data]]:
        for session in HistoryStore(conn).iter_sessions():
            if session.status is not None:
                yield (session.id,), session_json(session)

    def _parse(self, data: Sequence[object], now: WallClock) -> list[SessionRecord]:
        document = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "sessions": list(data)}
        return parse_history(document, now())

    def check(self, data: object, now: WallClock) -> tuple[Key, Data]:
        if isinstance(data, dict) and data.get("status") is None:
            raise BadRecord("a session without a status (still open) does not travel")
        try:
            (session,) = self._parse([data], now)
        except HistoryImportError as error:
            raise BadRecord("; ".join(error.problems)) from None
        return (session.id,), session_json(session)

    def rank(self, data: Data) -> tuple[Any, ...]:
        # A session only grows after it ends: ratings given on the summary, intervals kept
        # for later while the history was locked. The longer version is the newer one.
        # Last, a version that knows the time paused beats one from a machine whose
        # evenside did not keep it yet (otherwise the same).
        intervals = data["intervals"]
        last_end = max((i["ended_at"] for i in intervals), default="")
        paused_known = data.get(PAUSED_KEY) is not None
        return (
            len(intervals),
            len(data["ratings"]),
            last_end,
            data["ended_at"] or "",
            paused_known,
        )

    def apply(self, conn: sqlite3.Connection, records: Sequence[Data]) -> list[str]:
        store = HistoryStore(conn)
        sessions = self._parse(records, store.now)
        held = store.session_ids()
        new = [s for s in sessions if s.id not in held]
        changed = [s for s in sessions if s.id in held]
        # In batches, each its own short transaction: the player's history writer, which may
        # be writing a session at the same moment, never waits long for the lock.
        for start in range(0, len(new), APPLY_BATCH):
            import_sessions(store, new[start : start + APPLY_BATCH])
        for start in range(0, len(changed), APPLY_BATCH):
            with transaction(conn):
                for session in changed[start : start + APPLY_BATCH]:
                    _replace_session(conn, session)
        return []


def _replace_session(conn: sqlite3.Connection, session: SessionRecord) -> None:
    """Make a held session the given version, in place (a desk break pointing at it keeps
    pointing at it; the balance totals follow its intervals through their triggers). A
    version without the time paused (from an evenside that did not keep it) keeps the one
    held."""
    conn.execute(
        "UPDATE sessions SET routine = ?, started_at = ?, ended_at = ?, status = ?, "
        "paused_ms = coalesce(?, paused_ms) WHERE id = ?",
        (
            session.routine,
            session.started_at,
            session.ended_at,
            session.status,
            session.paused_ms,
            session.id,
        ),
    )
    conn.execute("DELETE FROM intervals WHERE session_id = ?", (session.id,))
    conn.executemany(
        INSERT_INTERVAL,
        (interval_values(session.id, n, r) for n, r in enumerate(session.intervals, 1)),
    )
    conn.execute("DELETE FROM ratings WHERE session_id = ?", (session.id,))
    conn.executemany(
        "INSERT INTO ratings (session_id, moment, side, pain) VALUES (?, ?, ?, ?)",
        ((session.id, r.moment, r.side or "", r.pain) for r in session.ratings),
    )


@dataclass(frozen=True)
class RowKind:
    """A table that travels row by row, merged by a unique key.

    The table needs a UNIQUE constraint (or primary key) on exactly `key`: a
    row from another machine is upserted on it. The table's own CHECK and
    FOREIGN KEY constraints are the last word on a value: a row they refuse is
    named and skipped, except one whose session has not arrived yet, which
    waits quietly for the next sync.
    """

    name: str
    """Its name in the folder's files."""
    label: str
    """Its plural as people read it."""
    table: str
    """The SQLite table."""
    key: tuple[str, ...]
    """The columns of its unique key."""
    columns: tuple[str, ...]
    """Every column that travels (the key's included); others keep their defaults."""
    newer: tuple[str, ...] = ()
    """Columns whose larger value marks the newer version (a time it was given); without
    them the version written last wins."""
    times: tuple[str, ...] = ()
    """Columns holding a stored UTC time: checked like an import's times."""
    days: tuple[str, ...] = ()
    """Columns holding a local date (YYYY-MM-DD)."""

    def local(self, conn: sqlite3.Connection) -> Iterator[tuple[Key, Data]]:
        cursor = conn.execute(f"SELECT {', '.join(self.columns)} FROM {self.table}")
        for row in cursor:
            data = dict(zip(self.columns, tuple(row), strict=True))
            yield tuple(data[c] for c in self.key), data

    def check(self, data: object, now: WallClock) -> tuple[Key, Data]:
        if not isinstance(data, dict) or set(data) != set(self.columns):
            raise BadRecord(f"a {self.name} needs exactly {', '.join(self.columns)}")
        latest = latest_time(now())
        for column, value in data.items():
            if isinstance(value, bool) or not isinstance(value, str | int | float | None):
                raise BadRecord(f"'{column}' must be text, a number or null, not {value!r}")
            if isinstance(value, str) and not is_text(value):
                raise BadRecord(f"'{column}' holds a lone surrogate")
            if column in self.key and value is None:
                raise BadRecord(f"'{column}' is part of the key and must not be null")
            if column in self.times and value is not None:
                if not isinstance(value, str) or not STORED_TIME.fullmatch(value):
                    raise BadRecord(f"'{column}' must be a stored UTC time, not {value!r}")
                if value > latest:
                    raise BadRecord(f"'{column}' must not be more than a day in the future")
            if column in self.days and value is not None:
                try:
                    date.fromisoformat(str(value))
                except ValueError:
                    raise BadRecord(f"'{column}' must be a date, not {value!r}") from None
        return tuple(data[c] for c in self.key), {c: data[c] for c in self.columns}

    def rank(self, data: Data) -> tuple[Any, ...]:
        return tuple(_ranked(data[c]) for c in self.newer)

    def apply(self, conn: sqlite3.Connection, records: Sequence[Data]) -> list[str]:
        names = ", ".join(self.columns)
        marks = ", ".join("?" for _ in self.columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in self.columns if c not in self.key)
        upsert = f"INSERT INTO {self.table} ({names}) VALUES ({marks}) "
        upsert += f"ON CONFLICT ({', '.join(self.key)}) "
        upsert += f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
        refused: list[str] = []
        with transaction(conn):
            for data in records:
                try:
                    conn.execute(upsert, tuple(data[c] for c in self.columns))
                except sqlite3.IntegrityError as error:
                    if "FOREIGN KEY" in str(error):
                        continue  # its session comes with a later sync
                    key = ", ".join(str(data[c]) for c in self.key)
                    refused.append(f"{self.name} ({key}): {error}")
        return refused


DESK_BREAKS = RowKind(
    name="desk_break",
    label="desk breaks",
    table="desk_breaks",
    key=("at", "outcome"),
    columns=("at", "day", "outcome", "routine", "session_id"),
    times=("at",),
    days=("day",),
)
CHECKINS = RowKind(
    name="checkin",
    label="check-ins",
    table="checkins",
    key=("day", "side"),
    columns=("day", "side", "pain", "recorded_at"),
    newer=("recorded_at",),
    times=("recorded_at",),
    days=("day",),
)

# Programs (migration 8, `history/program_records.py`): natural keys throughout.
ENROLMENTS = RowKind(
    name="program_enrolment",
    label="program enrolments",
    table="program_enrolments",
    key=("id",),
    columns=("id", "program", "name", "source", "start_day", "stop_day", "created_at"),
    newer=("stop_day",),  # a stopped enrolment is the newer one (NULL ranks lowest)
    times=("created_at",),
    days=("start_day", "stop_day"),
)
PROGRAM_SESSIONS = RowKind(
    name="program_session",
    label="program sessions",
    table="program_sessions",
    key=("session_id",),
    columns=("session_id", "enrolment_id", "routine", "week"),
)
DOSES = RowKind(
    name="program_dose",
    label="dose changes",
    table="program_doses",
    key=("program", "routine", "exercise_id", "side", "set_at"),
    columns=("program", "routine", "exercise_id", "side", "set_at", "hold_ms", "reps"),
    times=("set_at",),
)

RECORD_KINDS: tuple[RecordKind, ...] = (
    SessionKind(),
    ENROLMENTS,
    PROGRAM_SESSIONS,
    DOSES,
    DESK_BREAKS,
    CHECKINS,
)
"""Every kind that travels, in the order they are applied: sessions and enrolments first,
since a desk break and a program session point at them."""
