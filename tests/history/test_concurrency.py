"""Tests two processes writing history at once: no row lost, never "database is locked"."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from evenside.history.db import open_database
from evenside.history.store import HistoryStore

# A writer: waits for the starting gun, opens (and so migrates) the database at the same
# moment as the other writer, then writes sessions of intervals for `seconds` seconds.
# It prints how many intervals it committed and the ids of its sessions.
WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from evenside.history.db import open_database
    from evenside.history.records import IntervalRecord
    from evenside.history.store import HistoryStore

    db, gun, name, seconds = sys.argv[1], Path(sys.argv[2]), sys.argv[3], float(sys.argv[4])
    while not gun.exists():
        time.sleep(0.005)
    store = HistoryStore(open_database(db))
    store.mark_interrupted()
    written, sessions = 0, []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        session_id = store.begin_session(name, "hash")
        sessions.append(session_id)
        for n in range(5):
            store.record_interval(session_id, IntervalRecord(
                exercise_id=name, exercise=name, side="left" if n % 2 else "right",
                set_number=n + 1, kind="reps", planned_ms=None, actual_ms=1000,
                planned_reps=10, done_reps=10, status="done",
                started_at="2024-05-01T07:30:00.000Z", ended_at="2024-05-01T07:30:01.000Z"))
            written += 1
        store.end_session(session_id, "completed")
    print(written, " ".join(sessions), flush=True)
    """
)


@pytest.mark.slow
def test_two_writers_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "data" / "history.sqlite3"
    gun = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(gun), name, "3"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second")
    ]
    # Let both interpreters get to the gun before firing it, so they really overlap.
    time.sleep(1.0)
    gun.touch()
    reports = []
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert "locked" not in err
        count, *session_ids = out.split()
        reports.append((int(count), session_ids))

    store = HistoryStore(open_database(db))
    assert all(count > 0 for count, _ in reports)
    assert store.interval_count() == sum(count for count, _ in reports)
    for (count, session_ids), name in zip(reports, ("first", "second"), strict=True):
        held = [s for s in store.sessions() if s.routine == name]
        assert sorted(s.id for s in held) == sorted(session_ids)
        assert all(s.status == "completed" for s in held)
        rows = store.conn.execute(
            "SELECT count(*) FROM intervals WHERE exercise_id = ?", (name,)
        ).fetchone()[0]
        assert rows == count


def test_a_history_being_written_opens_at_once_and_reads_what_was_committed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(open_database(path))
    session_id = store.begin_session("Desk break", "hash")
    store.conn.close()
    # Another process's long write (an import, a sync's merge) holds the write lock.
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE sessions SET routine = 'renamed, not yet committed'")
    try:
        started = time.monotonic()
        reader = open_database(path)  # up to date already: nothing to migrate, no lock taken
        waited = time.monotonic() - started
        rows = reader.execute("SELECT id, routine FROM sessions").fetchall()
        reader.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert waited < 5  # the busy timeout is 10 s: it never waited on the writer
    assert [tuple(row) for row in rows] == [(session_id, "Desk break")]
