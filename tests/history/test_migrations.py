"""Tests migration 6 (a history whose totals counted skipped seconds as work is counted again)
and migration 9 (each session's paused time)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from evenside.history.aggregates import HistoryFilter, HistoryWindow
from evenside.history.db import connect, open_database
from evenside.history.migrations import current_version, migrate
from evenside.history.records import IntervalRecord
from evenside.history.session_list import session_rows
from evenside.history.side_work import side_work_since
from evenside.history.store import HistoryStore
from evenside.routine.model import Side

T0 = "2024-05-01T08:00:00.000Z"


def hold(side: str, status: str, actual_ms: int, seq_start: str = T0) -> IntervalRecord:
    return IntervalRecord(
        exercise_id="lunge",
        exercise="Lunge",
        side=side,
        set_number=1,
        kind="hold",
        planned_ms=45_000,
        actual_ms=actual_ms,
        planned_reps=None,
        done_reps=None,
        status=status,
        started_at=seq_start,
        ended_at=seq_start,
    )


def insert(conn: sqlite3.Connection, session_id: str, seq: int, record: IntervalRecord) -> None:
    """An interval written as any version since 1 would (no store: its SQL may be newer)."""
    conn.execute(
        "INSERT INTO intervals (session_id, seq, exercise_id, exercise, side, set_number, kind, "
        "planned_ms, actual_ms, planned_reps, done_reps, status, started_at, ended_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
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
        ),
    )


def totals(conn: sqlite3.Connection, table: str) -> dict[str, tuple[int, int, int, int]]:
    rows = conn.execute(
        f"SELECT side, held_ms, hold_credit_ms, hold_planned_ms, sets_planned FROM {table}"
    )
    return {row[0]: tuple(row[1:]) for row in rows}


def test_version_6_counts_existing_totals_again_without_skipped_seconds(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = connect(path)
    migrate(conn, target=5)
    conn.execute(
        "INSERT INTO sessions (id, routine, started_at, status) "
        f"VALUES ('s1', 'Hips', '{T0}', 'stopped')"
    )
    insert(conn, "s1", 1, hold("left", "done", 45_000))
    # Skipped 12 s in: version 5's triggers count those 12 s as held and credited.
    insert(conn, "s1", 2, hold("right", "skipped", 12_000))
    insert(conn, "s1", 3, hold("right", "partial", 20_000))
    before = totals(conn, "balance_days")
    assert before["right"] == (32_000, 32_000, 90_000, 2)
    conn.close()

    conn = open_database(path)
    assert current_version(conn) >= 6
    for table in ("balance_days", "balance_months"):
        counted = totals(conn, table)
        assert counted["left"] == (45_000, 45_000, 45_000, 1)
        # The partial set's 20 s are work; the skipped one's 12 s never were.
        assert counted["right"] == (20_000, 20_000, 90_000, 2)

    # The new triggers keep it so: another skipped interval adds its prescription only,
    # and deleting one takes away exactly what it added.
    store = HistoryStore(conn)
    seq = store.record_interval("s1", hold("left", "skipped", 30_000))
    assert totals(conn, "balance_days")["left"] == (45_000, 45_000, 90_000, 2)
    conn.execute("DELETE FROM intervals WHERE session_id = 's1' AND seq = ?", (seq,))
    assert totals(conn, "balance_days")["left"] == (45_000, 45_000, 45_000, 1)
    (right,) = [t.work for t in side_work_since(conn, T0) if t.side is Side.RIGHT]
    assert (right.seconds, right.sets, right.prescribed_sets) == (20.0, 0, 2)
    conn.close()


def test_version_9_keeps_every_session_and_shows_old_ones_start_to_end(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = connect(path)
    migrate(conn, target=8)  # a history made by the evenside before paused times
    conn.execute(
        "INSERT INTO sessions (id, routine, started_at, ended_at, status) "
        f"VALUES ('s1', 'Hips', '{T0}', '2024-05-01T08:12:30.000Z', 'completed')"
    )
    insert(conn, "s1", 1, hold("left", "done", 45_000))
    conn.execute(
        "INSERT INTO ratings (session_id, moment, side, pain) VALUES ('s1', 'after', '', 2)"
    )
    conn.execute(
        "INSERT INTO sessions (id, routine, started_at) "
        "VALUES ('s2', 'Open', '2024-05-02T08:00:00.000Z')"
    )
    conn.close()

    conn = open_database(path)
    assert current_version(conn) == 9
    store = HistoryStore(conn)
    old = store.session("s1")
    assert old is not None and len(old.intervals) == 1 and len(old.ratings) == 1
    # Its pauses were never known: the time shown is start to end, as before.
    assert old.paused_ms is None and old.time_taken_ms == 12 * 60_000 + 30_000
    window = HistoryWindow(now=lambda: datetime(2024, 5, 3, tzinfo=UTC))
    rows = {row.id: row for row in session_rows(conn, window, HistoryFilter(days=30))}
    assert rows["s1"].duration_ms == 12 * 60_000 + 30_000
    assert rows["s2"].duration_ms is None
    # The column takes a paused time from now on, never a negative one.
    store.end_session("s2", "stopped", datetime(2024, 5, 2, 8, 10, tzinfo=UTC), 60_000)
    assert store.session("s2").time_taken_ms == 9 * 60_000  # type: ignore[union-attr]
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE sessions SET paused_ms = -1 WHERE id = 's1'")
    conn.close()
