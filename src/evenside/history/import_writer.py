"""Provides the import's writing: new sessions with their intervals, ratings and totals,
held in batches and written many rows to a statement, in the background while the next
batch is read (`ImportWriter`), under the settings a bulk import wants (`bulk_settings`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from itertools import chain, repeat

from evenside.history.bulk_insert import insert_rows
from evenside.history.import_checks import IntervalColumns
from evenside.history.records import SessionRecord
from evenside.history.store import INSERT_INTERVAL
from evenside.history.totals import TotalsDelta

IMPORT_CACHE_KIB = 64 * 1024
"""SQLite's page cache during an import: each new interval goes into three indexes, one of
them in session-id order (random), and with the default 2 MB the pages it needs are
read again and again once the history outgrows it (time grew faster than the file)."""
INSERT_SESSIONS = (
    "INSERT INTO sessions (id, routine, content_hash, started_at, ended_at, status, paused_ms)"
)
_SESSION_VALUES = 7
_INSERT_INTERVALS = INSERT_INTERVAL.split(" VALUES ")[0]
_INTERVAL_VALUES = 14
"""Values in one interval's row: its session, its place in it, and the record's fields."""
_INSERT_RATINGS = "INSERT OR REPLACE INTO ratings (session_id, moment, side, pain)"


class ImportWriter:
    """New sessions with their intervals and ratings, held until `write` hands them to SQLite,
    with what they add to the balance totals (the insert triggers are paused).

    In the background (`background=True`), a batch is written by a thread of its own
    while the next one is read and checked: SQLite lets go of Python's lock while it
    inserts, so reading and writing take turns on two cores instead of one after the
    other. At most one batch is being written and one held, and the connection is only
    ever used by one thread at a time (the caller's next use waits for `close`).
    """

    def __init__(self, conn: sqlite3.Connection, background: bool = False) -> None:
        self._conn = conn
        self._batch = _Batch()
        self._pool = ThreadPoolExecutor(1, "evenside-import") if background else None
        self._writing: Future[None] | None = None

    @property
    def pending(self) -> int:
        """Sessions held and not yet written."""
        return self._batch.count

    def add(self, session: SessionRecord, columns: IntervalColumns) -> None:
        """Hold `session` (not in this history) with its intervals given as columns."""
        self._batch.add(session, columns)

    def write(self) -> None:
        """Hand everything held to SQLite (in the background, once the batch before is
        written), and hold nothing. An error writing a batch is raised here or by `finish`."""
        batch, self._batch = self._batch, _Batch()
        if self._pool is None:
            batch.write(self._conn)
            return
        self._wait()
        self._writing = self._pool.submit(batch.write, self._conn)

    def finish(self) -> None:
        """Write everything held and wait until it is written."""
        self.write()
        self._wait()

    def close(self) -> None:
        """Wait for any batch still being written (its error, if any, is not raised: the
        caller is already failing, and rolls back once this returns)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)

    def _wait(self) -> None:
        writing, self._writing = self._writing, None
        if writing is not None:
            writing.result()

    def __enter__(self) -> ImportWriter:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class _Batch:
    """Sessions, intervals and ratings to write, and their totals, as rows for SQLite."""

    def __init__(self) -> None:
        self.count = 0
        """Sessions held."""
        # Each table's row values, one after the other.
        self.sessions: list[object] = []
        self.intervals: list[object] = []
        self.ratings: list[object] = []
        self.totals = TotalsDelta()

    def add(self, session: SessionRecord, columns: IntervalColumns) -> None:
        session_id = session.id
        self.count += 1
        self.sessions += (
            session_id,
            session.routine,
            session.content_hash,
            session.started_at,
            session.ended_at,
            session.status,
            session.paused_ms,
        )
        count = len(columns[0])
        self.intervals.extend(
            chain.from_iterable(
                zip(repeat(session_id, count), range(1, count + 1), *columns, strict=True)
            )
        )
        for rating in session.ratings:
            self.ratings += (session_id, rating.moment, rating.side or "", rating.pain)
        self.totals.add(session_id, session.started_at, columns)

    def write(self, conn: sqlite3.Connection) -> None:
        insert_rows(conn, INSERT_SESSIONS, _SESSION_VALUES, self.sessions)
        insert_rows(conn, _INSERT_INTERVALS, _INTERVAL_VALUES, self.intervals)
        insert_rows(conn, _INSERT_RATINGS, 4, self.ratings)
        self.totals.write(conn)


@contextmanager
def bulk_settings(conn: sqlite3.Connection) -> Iterator[None]:
    """For the import's transaction: SQLite's page cache raised to IMPORT_CACHE_KIB, and no
    foreign-key lookup per row (each interval's session is written just before it, under the
    write lock the import holds throughout); both put back after."""
    (cache_size,) = conn.execute("PRAGMA cache_size").fetchone()
    (foreign_keys,) = conn.execute("PRAGMA foreign_keys").fetchone()
    conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    conn.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, where it takes effect
    try:
        yield
    finally:
        conn.execute(f"PRAGMA foreign_keys = {int(foreign_keys)}")
        conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
