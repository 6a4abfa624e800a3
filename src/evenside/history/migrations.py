"""Provides the schema as ordered migrations, each applied in one transaction.

The table `schema_migrations` records every version applied. Migrations are
only ever appended: a database made by any earlier version opens and is
brought forward in order.
"""

from __future__ import annotations

import sqlite3

from evenside.history.db import transaction
from evenside.history.timestamps import to_iso, utc_now

MIGRATIONS: tuple[str, ...] = (
    # 1: sessions and their work intervals.
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        routine TEXT NOT NULL,
        content_hash TEXT NOT NULL DEFAULT '',
        started_at TEXT NOT NULL,
        ended_at TEXT,
        status TEXT CHECK (status IN ('completed', 'stopped', 'interrupted')),
        pid INTEGER
    );
    CREATE TABLE intervals (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        exercise_id TEXT NOT NULL,
        exercise TEXT NOT NULL,
        side TEXT CHECK (side IN ('left', 'right')),
        set_number INTEGER,
        kind TEXT NOT NULL CHECK (kind IN ('hold', 'reps')),
        planned_ms INTEGER,
        actual_ms INTEGER,
        planned_reps INTEGER,
        done_reps INTEGER,
        status TEXT NOT NULL CHECK (status IN ('done', 'skipped', 'partial')),
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        UNIQUE (session_id, seq)
    );
    CREATE INDEX sessions_started ON sessions(started_at);
    """,
    # 2: pain ratings, a heartbeat to tell a live session from a dead one, and
    # a covering index so the balance aggregate never reads the table itself.
    """
    ALTER TABLE sessions ADD COLUMN heartbeat_at TEXT;
    CREATE TABLE ratings (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        moment TEXT NOT NULL CHECK (moment IN ('before', 'after')),
        side TEXT NOT NULL DEFAULT '' CHECK (side IN ('left', 'right', '')),
        pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
        PRIMARY KEY (session_id, moment, side)
    );
    CREATE INDEX sessions_open ON sessions(status) WHERE status IS NULL;
    CREATE INDEX intervals_balance ON intervals(
        started_at, exercise_id, side, kind, status,
        planned_ms, actual_ms, planned_reps, done_reps, session_id
    );
    """,
    # 3: desk breaks (evenside remind): a taken break points at its session; a
    # skipped one has none. `day` is the local date, so counts follow local midnight.
    """
    CREATE TABLE desk_breaks (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        day TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('taken', 'skipped')),
        routine TEXT NOT NULL,
        session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
        UNIQUE (at, outcome)
    );
    CREATE INDEX desk_breaks_day ON desk_breaks(day, outcome);
    """,
)

LATEST_VERSION = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    """The highest version applied (0 for a new database)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    return [part.strip() for part in script.split(";") if part.strip()]


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Apply every migration after the current version up to `target`; return the new version."""
    if not 0 <= target <= LATEST_VERSION:
        raise ValueError(f"no schema version {target} (latest is {LATEST_VERSION})")
    with transaction(conn):
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
    version = current_version(conn)
    if version > LATEST_VERSION:
        raise RuntimeError(
            f"the history database is schema version {version}, newer than this evenside "
            f"understands ({LATEST_VERSION}); upgrade evenside"
        )
    for number in range(version + 1, target + 1):
        with transaction(conn):
            # Re-check inside the lock: another process may have just migrated.
            if current_version(conn) >= number:
                continue
            for statement in _statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                (number, to_iso(utc_now())),
            )
    return current_version(conn)
