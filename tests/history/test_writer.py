"""Tests the history writer on a real SQLite file: in order, off the caller's thread, kept
and retried when the database refuses, kept for the next start when it never accepts."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from evenside.history import writer as writer_module
from evenside.history.db import open_database
from evenside.history.records import IntervalRecord
from evenside.history.store import HistoryStore
from evenside.history.writer import HistoryWriter, merge_pending, pending_path
from evenside.history.writes import (
    AddRating,
    BeginSession,
    EndSession,
    Heartbeat,
    PutInterval,
    Write,
    from_json,
    to_json,
)

T0 = datetime(2024, 5, 1, 7, 30, tzinfo=UTC)


def interval(side: str, status: str = "done") -> IntervalRecord:
    return IntervalRecord(
        exercise_id="lunge",
        exercise="Lunge",
        side=side,
        set_number=1,
        kind="hold",
        planned_ms=30_000,
        actual_ms=30_000 if status == "done" else 0,
        planned_reps=None,
        done_reps=None,
        status=status,
        started_at="2024-05-01T07:30:00.000Z",
        ended_at="2024-05-01T07:30:30.000Z",
    )


SESSION = [
    BeginSession("s1", "Psoas", "hash", T0, 4242),
    PutInterval("s1", 1, interval("left")),
    PutInterval("s1", 2, interval("right", "skipped")),
    Heartbeat("s1"),
    AddRating("s1", "after", "right", 4),
    EndSession("s1", "completed", T0),
]


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer_module, "RETRY_S", 0.05)


def held(path: Path) -> list[tuple[str | None, str]]:
    with closing(open_database(path)) as conn:
        session = HistoryStore(conn).session("s1")
        assert session is not None
        return [(i.side, i.status) for i in session.intervals]


def a_writer(path: Path, heard: list[str], busy_ms: int = 50) -> HistoryWriter:
    conn = open_database(path)
    # A short busy timeout, so a held lock shows up at once rather than after 10 s.
    conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
    return HistoryWriter(conn, path, heard.append)


def test_writes_land_in_order_and_a_read_sees_them(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    heard: list[str] = []
    writer = a_writer(path, heard)
    for write in SESSION:
        writer.submit(write)
    status = writer.read(lambda store: store.session("s1").status)  # type: ignore[union-attr]
    assert status == "completed"
    writer.close()
    assert held(path) == [("left", "done"), ("right", "skipped")]
    assert (writer.unsaved, writer.kept_in, heard) == ([], None, [])


def test_a_lock_keeps_the_writes_in_order_and_they_land_when_it_goes(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    heard: list[str] = []
    writer = a_writer(path, heard)
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    for write in SESSION:
        writer.submit(write)
    deadline = threading.Event()
    while writer.problem() is None and not deadline.wait(0.01):
        pass
    problem = writer.problem()
    assert problem is not None and "database is locked" in problem
    holder.execute("COMMIT")
    holder.close()
    assert writer.read(lambda store: True) is True
    writer.close()
    assert held(path) == [("left", "done"), ("right", "skipped")]
    assert writer.problem() is None
    assert len(heard) == 2
    assert "cannot save right now" in heard[0] and "saved again" in heard[1]


def test_what_never_lands_is_kept_for_the_next_start_and_merged_once(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    writer = a_writer(path, [])
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    for write in SESSION:
        writer.submit(write)
    writer.close(timeout=0.5)
    holder.execute("COMMIT")
    holder.close()
    pending = pending_path(path)
    assert writer.kept_in == pending
    assert writer.unsaved == ["Lunge, left, set 1 (done)", "Lunge, right, set 1 (skipped)"]
    assert oct(pending.stat().st_mode & 0o777) == "0o600"
    kept = pending.read_text()
    with closing(open_database(path)) as conn:
        store = HistoryStore(conn)
        assert merge_pending(store, path) == len(SESSION)
        assert not pending.exists()
        # Applying the same kept writes again (a crash before forgetting them) adds nothing.
        pending.write_text(kept)
        merge_pending(store, path)
        assert store.interval_count() == 2
        assert [(r.moment, r.side, r.pain) for r in store.ratings("s1")] == [("after", "right", 4)]
    assert held(path) == [("left", "done"), ("right", "skipped")]


def test_when_even_the_pending_file_cannot_be_written_the_intervals_are_named(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.db"
    pending_path(path).mkdir()  # not a file: writing it fails
    writer = a_writer(path, [])
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    for write in SESSION:
        writer.submit(write)
    writer.close(timeout=0.3)
    holder.close()
    assert writer.kept_in is None
    assert writer.unsaved == ["Lunge, left, set 1 (done)", "Lunge, right, set 1 (skipped)"]


PAUSED = [
    BeginSession("s1", "Psoas", "hash", T0, 4242),
    PutInterval("s1", 1, interval("left")),
    Heartbeat("s1", 60_000),  # resumed after a minute
    Heartbeat("s1", 300_400),  # and after a second, longer pause: the whole so far
    EndSession("s1", "completed", T0 + timedelta(minutes=10), 300_400),
]


@pytest.mark.parametrize("write", SESSION + PAUSED, ids=lambda w: type(w).__name__)
def test_a_write_survives_json(write: Write) -> None:
    assert from_json(to_json(write)) == write


def paused_of(path: Path) -> int | None:
    with closing(open_database(path)) as conn:
        record = HistoryStore(conn).session("s1")
    assert record is not None
    return record.paused_ms


def test_paused_time_kept_and_applied_twice_or_late_is_never_added_up(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    pending = pending_path(path)
    kept = "".join(to_json(w) + "\n" for w in PAUSED)
    with closing(open_database(path)) as conn:
        store = HistoryStore(conn)
        for _ in range(2):  # a crash before the kept writes were forgotten: all again
            pending.write_text(kept)
            assert merge_pending(store, path) == len(PAUSED)
        # An older total applied after the newer one (a kept write replayed late).
        Heartbeat("s1", 60_000).apply(store)
    assert paused_of(path) == 300_400


def test_a_pending_file_kept_by_an_earlier_evenside_still_applies(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    # Exactly as the version before paused times wrote them: no paused_ms anywhere.
    pending_path(path).write_text(
        '{"content_hash": "hash", "pid": 4242, "routine": "Psoas", "session_id": "s1", '
        '"started_at": "2024-05-01T07:30:00.000Z", "write": "begin"}\n'
        '{"session_id": "s1", "write": "heartbeat"}\n'
        '{"ended_at": "2024-05-01T07:40:00.000Z", "session_id": "s1", "status": "stopped", '
        '"write": "end"}\n'
    )
    with closing(open_database(path)) as conn:
        assert merge_pending(HistoryStore(conn), path) == 3
        record = HistoryStore(conn).session("s1")
    assert record is not None and record.status == "stopped"
    # Not known: shown start to end, as it was.
    assert record.paused_ms is None and record.time_taken_ms == 600_000


@pytest.mark.parametrize("paused", [-1, 1.5, True])
def test_a_paused_time_that_is_not_whole_milliseconds_is_refused(
    tmp_path: Path, paused: object
) -> None:
    with closing(open_database(tmp_path / "history.db")) as conn:
        store = HistoryStore(conn)
        store.begin_session("Psoas", session_id="s1", started_at=T0)
        with pytest.raises(ValueError, match="paused time must be whole milliseconds"):
            store.end_session("s1", "stopped", T0, paused)  # type: ignore[arg-type]
        record = store.session("s1")
    assert record is not None and record.status is None and record.paused_ms is None
