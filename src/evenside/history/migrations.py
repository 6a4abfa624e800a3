"""Provides the schema as ordered migrations, each applied in one transaction.

The table `schema_migrations` records every version applied. Migrations are
only ever appended: a database made by any earlier version opens and is
brought forward in order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from evenside.history.timestamps import to_iso, utc_now
from evenside.history.totals import TOTAL_COLUMNS, work_terms
from evenside.history.transaction import transaction

Terms = Callable[[str], list[str]]
"""The SQL of TOTAL_COLUMNS for one interval row of the given name."""

# The terms schema version 3 was released with, frozen here: they counted a skipped
# interval's seconds as work. Version 6 replaces them with `totals.work_terms`.
_V3_TERMS = (
    "CASE WHEN {row}.kind = 'hold' THEN coalesce({row}.actual_ms, 0) ELSE 0 END",
    "CASE WHEN {row}.kind = 'hold' THEN coalesce({row}.planned_ms, 0) ELSE 0 END",
    "CASE WHEN {row}.kind = 'hold' "
    "THEN min(coalesce({row}.actual_ms, 0), coalesce({row}.planned_ms, 0)) ELSE 0 END",
    "CASE WHEN {row}.kind = 'reps' THEN coalesce({row}.done_reps, 0) ELSE 0 END",
    "CASE WHEN {row}.kind = 'reps' THEN coalesce({row}.planned_reps, 0) ELSE 0 END",
    "CASE WHEN {row}.kind = 'reps' "
    "THEN min(coalesce({row}.done_reps, 0), coalesce({row}.planned_reps, 0)) ELSE 0 END",
    "{row}.status = 'done'",
    "1",
)


def _v3_terms(row: str) -> list[str]:
    return [term.format(row=row) for term in _V3_TERMS]


def _rollup_triggers(table: str, key_length: int, terms: Terms) -> str:
    """The two triggers that keep a totals table (keyed by the first `key_length`
    characters of the start time: 7 month, 10 day) in step with `intervals`."""
    period = f"substr({{row}}.started_at, 1, {key_length})"
    add = ", ".join(terms("new"))
    bump = ", ".join(f"{name} = {name} + excluded.{name}" for name in TOTAL_COLUMNS)
    drop = ", ".join(
        f"{name} = {name} - ({term})"
        for name, term in zip(TOTAL_COLUMNS, terms("old"), strict=True)
    )
    return f"""
    CREATE TRIGGER {table}_add AFTER INSERT ON intervals WHEN new.side IS NOT NULL
    BEGIN
        INSERT INTO {table} VALUES ({period.format(row="new")}, new.exercise_id, new.side,
            new.exercise, {add})
        ON CONFLICT DO UPDATE SET exercise = excluded.exercise, {bump};
    END;
    CREATE TRIGGER {table}_remove AFTER DELETE ON intervals WHEN old.side IS NOT NULL
    BEGIN
        UPDATE {table} SET {drop}
        WHERE period = {period.format(row="old")}
          AND exercise_id = old.exercise_id AND side = old.side;
    END;
    """


def _rollup_fill(table: str, key_length: int, terms: Terms) -> str:
    """The statement that fills a totals table from every interval in the history."""
    sums = ", ".join(f"sum({term})" for term in terms("i"))
    return f"""
    INSERT INTO {table}
    SELECT substr(i.started_at, 1, {key_length}), i.exercise_id, i.side, max(i.exercise), {sums}
    FROM intervals i WHERE i.side IS NOT NULL
    GROUP BY 1, 2, 3;
    """


def _rollup(table: str, key_length: int) -> str:
    """A totals table, its two triggers, and the statement that fills it (version 3).

    Frozen once released: a later change to the totals is a new migration.
    """
    columns = ",\n".join(f"        {name} INTEGER NOT NULL DEFAULT 0" for name in TOTAL_COLUMNS)
    return (
        f"""
    CREATE TABLE {table} (
        period TEXT NOT NULL,
        exercise_id TEXT NOT NULL,
        side TEXT NOT NULL,
        exercise TEXT NOT NULL,
{columns},
        PRIMARY KEY (period, exercise_id, side)
    ) WITHOUT ROWID;
    """
        + _rollup_triggers(table, key_length, _v3_terms)
        + _rollup_fill(table, key_length, _v3_terms)
    )


def _recount(table: str, key_length: int) -> str:
    """Version 6: the table's triggers with today's terms, and its totals counted afresh."""
    return (
        f"""
    DROP TRIGGER {table}_add;
    DROP TRIGGER {table}_remove;
    DELETE FROM {table};
    """
        + _rollup_triggers(table, key_length, work_terms)
        + _rollup_fill(table, key_length, work_terms)
    )


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
    # 2: pain ratings, a heartbeat to tell a live session from a dead one, and a
    # covering index for reading a window of intervals by time.
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
    # 3: running totals for balance, kept by triggers: per month and per day, exercise
    # and side (work against prescription), and per session and exercise (which sides
    # were done, for owed sides). A ten-year window then sums about a hundred rows per
    # exercise and side instead of every interval.
    _rollup("balance_months", 7)
    + _rollup("balance_days", 10)
    + """
    CREATE TABLE session_sides (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        exercise_id TEXT NOT NULL,
        exercise TEXT NOT NULL,
        started_at TEXT NOT NULL,
        did_left INTEGER NOT NULL,
        did_right INTEGER NOT NULL,
        PRIMARY KEY (session_id, exercise_id)
    ) WITHOUT ROWID;
    CREATE INDEX session_sides_by_exercise ON session_sides(exercise_id, started_at);
    CREATE INDEX session_sides_settled ON session_sides(exercise_id, started_at)
        WHERE did_left AND did_right;
    CREATE TRIGGER session_sides_add AFTER INSERT ON intervals
    WHEN new.side IS NOT NULL AND new.status = 'done'
    BEGIN
        INSERT INTO session_sides VALUES (
            new.session_id, new.exercise_id, new.exercise,
            (SELECT started_at FROM sessions WHERE id = new.session_id),
            new.side = 'left', new.side = 'right'
        ) ON CONFLICT DO UPDATE SET
            exercise = excluded.exercise,
            did_left = max(did_left, excluded.did_left),
            did_right = max(did_right, excluded.did_right);
    END;
    CREATE TRIGGER session_sides_remove AFTER DELETE ON intervals
    WHEN old.side IS NOT NULL AND old.status = 'done'
    BEGIN
        UPDATE session_sides SET
            did_left = EXISTS (SELECT 1 FROM intervals WHERE session_id = old.session_id
                AND exercise_id = old.exercise_id AND side = 'left' AND status = 'done'),
            did_right = EXISTS (SELECT 1 FROM intervals WHERE session_id = old.session_id
                AND exercise_id = old.exercise_id AND side = 'right' AND status = 'done')
        WHERE session_id = old.session_id AND exercise_id = old.exercise_id;
        DELETE FROM session_sides WHERE session_id = old.session_id
            AND exercise_id = old.exercise_id AND NOT did_left AND NOT did_right;
    END;
    INSERT INTO session_sides
    SELECT i.session_id, i.exercise_id, max(i.exercise), s.started_at,
        max(i.side = 'left'), max(i.side = 'right')
    FROM intervals i JOIN sessions s ON s.id = i.session_id
    WHERE i.side IS NOT NULL AND i.status = 'done'
    GROUP BY i.session_id, i.exercise_id;
    """,
    # 4: desk breaks (evenside remind): a taken break points at its session; a
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
    # History screen (issue 6): a routine's sessions by time (routine filter, care notes),
    # and which sides each exercise asks for, found by seeking instead of reading every row.
    """
    CREATE INDEX sessions_routine ON sessions(routine, started_at, id);
    CREATE INDEX intervals_exercise_side ON intervals(exercise_id, side);
    """,
    # 6 (issue 11): a skipped interval's seconds are no work, so the totals are kept with
    # the new terms and counted again from every interval; and the sessions that did one
    # side only of an exercise (the owed-side ledger walks them) found by seeking.
    _recount("balance_months", 7)
    + _recount("balance_days", 10)
    + """
    CREATE INDEX session_sides_one_sided ON session_sides(exercise_id, started_at)
        WHERE NOT (did_left AND did_right);
    """,
    # 7 (issues 13-15): the morning check-in, pain per side on a local day. One row a
    # day and side: checking in again that day replaces it (the later answer counts).
    """
    CREATE TABLE checkins (
        day TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('left', 'right')),
        pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (day, side)
    ) WITHOUT ROWID;
    """,
    # 8 (issue 13): programs. Every key is natural (a text uuid or a composite of values),
    # and every write is an insert-or-replace, so a row can travel between machines and
    # be written twice without doubling. An enrolment is one taking-up of a program (the
    # days are local dates; `stop_day` is the last day, NULL while it runs). A session's
    # program and week are kept beside the session. A dose is a log: each row is one
    # step up or back for a routine's exercise and side in a program, the latest counts.
    """
    CREATE TABLE program_enrolments (
        id TEXT PRIMARY KEY,
        program TEXT NOT NULL,
        name TEXT NOT NULL,
        source TEXT NOT NULL,
        start_day TEXT NOT NULL,
        stop_day TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX program_enrolments_running ON program_enrolments(stop_day, start_day);
    CREATE TABLE program_sessions (
        session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
        enrolment_id TEXT NOT NULL REFERENCES program_enrolments(id) ON DELETE CASCADE,
        routine TEXT NOT NULL,
        week INTEGER NOT NULL CHECK (week >= 1)
    ) WITHOUT ROWID;
    CREATE INDEX program_sessions_by_enrolment ON program_sessions(enrolment_id, week);
    CREATE TABLE program_doses (
        program TEXT NOT NULL,
        routine TEXT NOT NULL,
        exercise_id TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('left', 'right')),
        set_at TEXT NOT NULL,
        hold_ms INTEGER CHECK (hold_ms > 0),
        reps INTEGER CHECK (reps > 0),
        CHECK ((hold_ms IS NULL) != (reps IS NULL)),
        PRIMARY KEY (program, routine, exercise_id, side, set_at)
    ) WITHOUT ROWID;
    """,
    # 9: the time a session spent paused, so its time taken (end - start - paused) is the
    # one its summary showed. NULL for sessions recorded before: they keep start to end.
    """
    ALTER TABLE sessions ADD COLUMN paused_ms INTEGER CHECK (paused_ms >= 0);
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
    """Split a migration into statements (executescript would commit our transaction).

    A trigger body holds semicolons of its own, so pieces are joined until SQLite
    says the statement is complete.
    """
    statements: list[str] = []
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip(" \n;"):
        statements.append(buffer.strip())
    return statements


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Apply every migration after the current version up to `target`; return the new version."""
    if not 0 <= target <= LATEST_VERSION:
        raise ValueError(f"no schema version {target} (latest is {LATEST_VERSION})")
    version = current_version(conn)
    if version > LATEST_VERSION:
        raise RuntimeError(
            f"the history database is schema version {version}, newer than this evenside "
            f"understands ({LATEST_VERSION}); upgrade evenside"
        )
    if version >= target:
        # Up to date: no write lock. A command that only reads (balance, today, the
        # library) must not wait on, or fail behind, another process's long write.
        return version
    with transaction(conn):
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
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
