"""Tests the history store: private files, WAL, migrations from every version, writes and reads."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from evenside.balance.tracker import balance_report
from evenside.history.db import connect, open_database
from evenside.history.migrations import LATEST_VERSION, MIGRATIONS, current_version, migrate
from evenside.history.records import IntervalRecord
from evenside.history.store import HistoryStore, process_running
from evenside.locations import history_path

T0 = datetime(2024, 5, 1, 7, 30, tzinfo=UTC)


def interval(side: str = "left", status: str = "done", minute: int = 0) -> IntervalRecord:
    start = T0 + timedelta(minutes=minute)
    return IntervalRecord(
        exercise_id="supine-release",
        exercise="Supine release",
        side=side,
        set_number=1,
        kind="hold",
        planned_ms=45_000,
        actual_ms=45_000 if status == "done" else 0,
        planned_reps=None,
        done_reps=None,
        status=status,
        started_at=start.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        ended_at=(start + timedelta(seconds=45)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
    )


def dead_pid() -> int:
    """The pid of a process that has exited and been reaped."""
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(proc.stdout)


def test_database_folder_and_file_are_private(private_dirs: Path) -> None:
    path = history_path()
    assert not path.parent.exists()
    conn = open_database(path)
    store = HistoryStore(conn)
    store.record_interval(store.begin_session("r", "hash", T0), interval())
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    wal = path.with_name(path.name + "-wal")
    assert wal.exists()
    assert stat.S_IMODE(wal.stat().st_mode) == 0o600
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5_000
    conn.close()


def test_an_existing_loose_file_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "data" / "history.sqlite3"
    path.parent.mkdir(mode=0o755)
    path.touch(mode=0o644)
    open_database(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_memory_database_works() -> None:
    conn = open_database(":memory:")
    assert current_version(conn) == LATEST_VERSION
    store = HistoryStore(conn, now=lambda: T0)
    session_id = store.begin_session("Psoas release", "abc")
    store.record_interval(session_id, interval("left"))
    store.record_interval(session_id, interval("right", "skipped", minute=1))
    store.add_rating(session_id, "before", "left", 4)
    store.add_rating(session_id, "before", "left", 5)
    store.add_rating(session_id, "after", None, 2)
    store.end_session(session_id, "completed")
    session = store.session(session_id)
    assert session is not None
    assert session.status == "completed"
    assert session.started_at == "2024-05-01T07:30:00.000Z"
    assert [i.status for i in session.intervals] == ["done", "skipped"]
    assert [(r.moment, r.side, r.pain) for r in session.ratings] == [
        ("before", "left", 5),
        ("after", None, 2),
    ]


@pytest.mark.parametrize("pain", [-1, 11, 2.5, True])
def test_bad_pain_is_refused(pain: object) -> None:
    store = HistoryStore(open_database(":memory:"), now=lambda: T0)
    session_id = store.begin_session("r")
    with pytest.raises(ValueError, match="pain"):
        store.add_rating(session_id, "before", "left", pain)  # type: ignore[arg-type]


def test_bad_session_status_is_refused() -> None:
    store = HistoryStore(open_database(":memory:"), now=lambda: T0)
    with pytest.raises(ValueError, match="status"):
        store.end_session(store.begin_session("r"), "finished")


@pytest.mark.parametrize("version", range(LATEST_VERSION))
def test_migrates_a_database_made_by_every_earlier_version(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.sqlite3"
    conn = connect(path)
    migrate(conn, target=version)
    assert current_version(conn) == version
    if version >= 1:
        # A session and an interval written with the columns version 1 had.
        conn.execute(
            "INSERT INTO sessions (id, routine, started_at, ended_at, status, pid) "
            "VALUES ('s1', 'Old routine', '2020-01-01T00:00:00.000Z', "
            "'2020-01-01T00:10:00.000Z', 'completed', 1)"
        )
        conn.execute(
            "INSERT INTO intervals (session_id, seq, exercise_id, exercise, side, set_number, "
            "kind, planned_ms, actual_ms, status, started_at, ended_at) VALUES ('s1', 1, 'lunge', "
            "'Lunge', 'left', 1, 'hold', 45000, 45000, 'done', '2020-01-01T00:00:00.000Z', "
            "'2020-01-01T00:00:45.000Z')"
        )
    conn.close()

    conn = open_database(path)
    assert current_version(conn) == LATEST_VERSION
    applied = [row[0] for row in conn.execute("SELECT version FROM schema_migrations")]
    assert applied == list(range(1, LATEST_VERSION + 1))
    store = HistoryStore(conn)
    if version >= 1:
        old = store.session("s1")
        assert old is not None and old.routine == "Old routine"
        assert [i.exercise_id for i in old.intervals] == ["lunge"]
        store.add_rating("s1", "after", "left", 3)
    session_id = store.begin_session("New", "h", T0)
    store.record_interval(session_id, interval())
    assert store.interval_count() == (2 if version >= 1 else 1)
    # The balance totals added by later versions are filled from the old rows too.
    report = balance_report(conn, 3650, now=lambda: T0)
    found = {e.id: e.left.sets for e in report.exercises}
    assert found == ({"lunge": 1, "supine-release": 1} if version >= 1 else {"supine-release": 1})


def test_each_migration_is_one_transaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A migration that fails half way leaves the database at the version before it.
    broken = (*MIGRATIONS[:1], "CREATE TABLE half_done (x); THIS IS NOT SQL")
    monkeypatch.setattr("evenside.history.migrations.MIGRATIONS", broken)
    monkeypatch.setattr("evenside.history.migrations.LATEST_VERSION", 2)
    conn = connect(tmp_path / "h.sqlite3")
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, target=2)
    assert current_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables


def test_a_newer_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "h.sqlite3")
    conn.execute("INSERT INTO schema_migrations VALUES (99, '2030-01-01T00:00:00.000Z')")
    conn.close()
    with pytest.raises(RuntimeError, match="newer than this evenside"):
        open_database(tmp_path / "h.sqlite3")


def test_open_session_of_a_dead_process_becomes_interrupted(tmp_path: Path) -> None:
    store = HistoryStore(open_database(tmp_path / "h.sqlite3"), now=lambda: T0)
    dead = store.begin_session("r", pid=dead_pid())
    store.record_interval(dead, interval(minute=3))
    alive = store.begin_session("r")  # this very process
    closed = store.begin_session("r", pid=dead_pid())
    store.end_session(closed, "stopped")
    assert not process_running(dead_pid())

    assert store.mark_interrupted() == 1
    dead_session = store.session(dead)
    assert dead_session is not None
    assert dead_session.status == "interrupted"
    assert dead_session.ended_at == "2024-05-01T07:33:45.000Z"
    assert store.session(alive).status is None  # type: ignore[union-attr]
    assert store.session(closed).status == "stopped"  # type: ignore[union-attr]
    assert store.mark_interrupted() == 0


def test_a_live_pid_with_a_stale_heartbeat_is_interrupted(tmp_path: Path) -> None:
    clock = [T0]
    store = HistoryStore(open_database(tmp_path / "h.sqlite3"), now=lambda: clock[0])
    session_id = store.begin_session("r")
    clock[0] = T0 + timedelta(hours=1)
    assert store.mark_interrupted() == 0
    clock[0] = T0 + timedelta(days=2)
    assert store.mark_interrupted() == 1
    assert store.session(session_id).status == "interrupted"  # type: ignore[union-attr]


def test_sessions_since_and_iteration_in_start_order(tmp_path: Path) -> None:
    store = HistoryStore(open_database(tmp_path / "h.sqlite3"))
    later = store.begin_session("later", started_at=T0 + timedelta(days=2))
    earlier = store.begin_session("earlier", started_at=T0)
    store.record_interval(later, interval())
    assert [s.id for s in store.iter_sessions()] == [earlier, later]
    assert [len(s.intervals) for s in store.iter_sessions()] == [0, 1]
    assert [s.routine for s in store.sessions(since=T0 + timedelta(days=1))] == ["later"]
