"""Tests putting a copy back and reading a damaged history, on real SQLite files."""

from __future__ import annotations

import itertools
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from evenside.history.backups import copy_path, make_copy
from evenside.history.restore import (
    RestoreError,
    live_problem,
    move_aside,
    open_damaged,
    pick_copy,
    players_using,
    put_in_place,
    readable_rows,
    salvage,
    staged_copy,
)
from evenside.history.store import HistoryStore
from tests.support.damaged_history import bad_sector, held_sessions, leaf_pages, settle, zeroed
from tests.support.history_fixtures import build_history

DAY = date(2024, 5, 22)
NOW = datetime(2024, 5, 22, 18, 0, tzinfo=UTC)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "history.sqlite3"
    for _ in range(3):
        build_history(path).conn.close()
    settle(path)
    return path


def interval_rows(path: Path) -> dict[int, tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT id, session_id, seq FROM intervals")
        return {r[0]: tuple(r[1:]) for r in rows}
    finally:
        conn.close()


def test_rows_on_both_sides_of_bad_pages_are_read_and_none_invented(history: Path) -> None:
    before = interval_rows(history)
    pages = leaf_pages(history, "intervals")
    assert len(pages) >= 5
    bad_sector(history, "intervals", 1)
    bad_sector(history, "intervals", len(pages) // 2)
    conn = open_damaged(history)
    assert conn is not None
    try:
        rows, broken = readable_rows(conn, "intervals", ("id", "session_id", "seq"), ("id",))
    finally:
        conn.close()
    assert broken
    got = {r["id"]: (r["session_id"], r["seq"]) for r in rows}
    assert all(before[k] == v for k, v in got.items())  # nothing invented or changed
    ids = sorted(before)
    # The first rows (before page 1), the middle ones (between the bad pages) and the last.
    assert ids[0] in got and ids[-1] in got
    read = sorted(got)
    gaps = [later - earlier - 1 for earlier, later in itertools.pairwise(read)]
    missing = [gap for gap in gaps if gap]
    # Exactly two runs of rows are missing, each no more than a page holds.
    per_page = len(before) // len(pages)
    assert len(missing) == 2 and all(gap <= 2 * per_page for gap in missing), missing


def test_a_sound_file_is_read_whole(history: Path) -> None:
    conn = open_damaged(history)
    assert conn is not None
    try:
        found = salvage(conn, {"checkins": (("day", "side", "pain", "recorded_at"), ("day",))})
    finally:
        conn.close()
    assert not found.broken_tables and not found.unread_sessions
    assert {s.id for s in found.sessions} == set(held_sessions(history))


def test_a_file_of_zeros_cannot_be_opened(history: Path) -> None:
    zeroed(history)
    assert open_damaged(history) is None
    assert live_problem(history) is not None


def test_moving_aside_keeps_the_files_sqlite_keeps_beside_it(history: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{history}{suffix}").write_bytes(b"kept " + suffix.encode())
    original = history.read_bytes()
    aside = move_aside(history, NOW)
    assert aside is not None and aside.name == "history.sqlite3.damaged-20240522T180000Z"
    assert aside.read_bytes() == original
    assert Path(f"{aside}-wal").read_bytes() == b"kept -wal"
    assert Path(f"{aside}-shm").read_bytes() == b"kept -shm"
    assert not history.exists() and not Path(f"{history}-wal").exists()
    # The same second again: another name, never over the first.
    history.write_bytes(original)
    second = move_aside(history, NOW)
    assert second is not None and second != aside and aside.read_bytes() == original


def test_a_copy_is_put_in_place_whole_and_private(history: Path) -> None:
    copy = make_copy(history, DAY)
    held = held_sessions(history)
    staged = staged_copy(copy.path, history)
    assert stat.S_IMODE(staged.stat().st_mode) == 0o600
    assert history.exists()  # nothing is touched until it is put in place
    move_aside(history, NOW)
    put_in_place(staged, history)
    assert stat.S_IMODE(history.stat().st_mode) == 0o600
    assert held_sessions(history) == held
    assert not list(history.parent.glob(".history.sqlite3.restoring-*"))


def test_the_newest_good_copy_is_picked(history: Path) -> None:
    make_copy(history, DAY)
    newest = copy_path(history, date(2024, 5, 23))
    newest.write_bytes(b"SQLite format 3\x00" + bytes(4096))
    chosen, passed_over = pick_copy(history, None)
    assert chosen.day == DAY
    assert len(passed_over) == 1 and "2024-05-23" in passed_over[0]
    with pytest.raises(RestoreError, match="damaged too"):
        pick_copy(history, "2024-05-23")


def test_no_copy_at_all(history: Path) -> None:
    with pytest.raises(RestoreError, match="no copy has been made yet"):
        pick_copy(history, None)


def test_a_running_player_with_a_session_open_is_found(history: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        store = HistoryStore(sqlite3.connect(history, isolation_level=None), now=lambda: NOW)
        store.begin_session("Psoas release", "h", NOW, pid=other.pid)
        store.conn.close()
        assert players_using(history, NOW) == [other.pid]
    finally:
        other.kill()
        other.wait()
    assert players_using(history, NOW) == []
    assert os.getpid() not in players_using(history, NOW)
