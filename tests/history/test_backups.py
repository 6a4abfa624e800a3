"""Tests the daily copies on real SQLite files: private, whole, once a day, never of a damaged
history, and rotated only once a new good copy is in place."""

from __future__ import annotations

import sqlite3
import stat
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest

from evenside.history.backups import (
    KEEP,
    KEEP_AT_LEAST,
    DamagedHistory,
    backups_folder,
    copy_path,
    daily_copy,
    file_problem,
    list_backups,
    make_copy,
    session_count,
)
from evenside.history.db import open_database
from tests.support.damaged_history import bad_sector, held_sessions, zeroed
from tests.support.history_fixtures import build_history

DAY = date(2024, 5, 22)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "history.sqlite3"
    build_history(path).conn.close()
    return path


def test_a_daily_copy_is_whole_private_and_holds_the_history(history: Path) -> None:
    assert daily_copy(history, DAY) is None
    copy = copy_path(history, DAY)
    assert stat.S_IMODE(backups_folder(history).stat().st_mode) == 0o700
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert file_problem(copy) is None
    assert held_sessions(copy) == held_sessions(history)
    # One self-contained file: no -wal beside it, and only the copy (and the lock) there.
    assert sorted(p.name for p in backups_folder(history).iterdir()) == [".lock", copy.name]
    assert copy.read_bytes()[18:20] == b"\x01\x01"  # rollback mode, not WAL


def test_a_copy_is_made_once_a_day(history: Path) -> None:
    daily_copy(history, DAY)
    first = copy_path(history, DAY).stat()
    build_history(history).conn.close()
    assert daily_copy(history, DAY) is None
    assert copy_path(history, DAY).stat().st_ino == first.st_ino
    daily_copy(history, DAY + timedelta(days=1))
    first_count = session_count(copy_path(history, DAY))
    assert first_count
    assert session_count(copy_path(history, DAY + timedelta(days=1))) == 2 * first_count


def test_only_the_newest_copies_are_kept(history: Path) -> None:
    for n in range(KEEP + 3):
        assert daily_copy(history, DAY + timedelta(days=n)) is None
    days = [c.day for c in list_backups(history)]
    assert days == [DAY + timedelta(days=n) for n in reversed(range(3, KEEP + 3))]


def test_big_copies_are_kept_fewer_but_never_fewer_than_three(history: Path) -> None:
    size = make_copy(history, DAY).size
    for n in range(1, KEEP + 3):
        make_copy(history, DAY + timedelta(days=n), budget=4 * size)
    assert len(list_backups(history)) == 4
    for n in range(KEEP + 3, KEEP + 6):
        make_copy(history, DAY + timedelta(days=n), budget=size)
    days = [c.day for c in list_backups(history)]
    assert days == [DAY + timedelta(days=n) for n in (KEEP + 5, KEEP + 4, KEEP + 3)]
    assert KEEP_AT_LEAST == 3


@pytest.mark.parametrize("damage", ["bad sector", "zeros"])
def test_no_copy_is_made_of_a_damaged_history_and_the_good_ones_stay(
    history: Path, damage: str
) -> None:
    for n in range(KEEP):
        daily_copy(history, DAY + timedelta(days=n))
    kept = {c.path: c.path.read_bytes() for c in list_backups(history)}
    if damage == "zeros":
        zeroed(history)
    else:
        bad_sector(history, "intervals", 0)
    later = DAY + timedelta(days=KEEP)
    problem = daily_copy(history, later)
    assert problem is not None and problem.startswith("no backup of the history made today")
    assert not copy_path(history, later).exists()
    assert {c.path: c.path.read_bytes() for c in list_backups(history)} == kept
    with pytest.raises(DamagedHistory):
        make_copy(history, later)
    assert not [p for p in backups_folder(history).iterdir() if p.name.endswith(".tmp")]


def test_a_backups_folder_that_cannot_be_made_is_one_line(history: Path) -> None:
    backups_folder(history).write_text("not a folder")
    problem = daily_copy(history, DAY)
    assert problem is not None
    assert problem.startswith("no backup of the history made today: ")
    assert "\n" not in problem


def test_no_history_no_copy(tmp_path: Path) -> None:
    assert daily_copy(tmp_path / "history.sqlite3", DAY) is None
    assert not backups_folder(tmp_path / "history.sqlite3").exists()


def test_a_copy_made_while_another_connection_writes_is_consistent(history: Path) -> None:
    writer = open_database(history)
    stop = threading.Event()

    def write() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            writer.execute("BEGIN IMMEDIATE")
            writer.execute(
                "INSERT OR REPLACE INTO checkins (day, side, pain, recorded_at) "
                "VALUES (?, 'left', 3, ?)",
                (f"2001-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}", "2024-05-22T08:00:00.000Z"),
            )
            writer.execute("COMMIT")

    thread = threading.Thread(target=write)
    thread.start()
    try:
        for n in range(5):
            assert daily_copy(history, DAY + timedelta(days=n)) is None
    finally:
        stop.set()
        thread.join()
        writer.close()
    for copy in list_backups(history):
        assert file_problem(copy.path) is None


def test_a_copy_is_never_read_through_a_lock_it_cannot_get(history: Path) -> None:
    # A reader (the copy) never waits on a writer in WAL: a write lock held throughout
    # does not stop today's copy.
    holder = sqlite3.connect(history, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert daily_copy(history, DAY) is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert copy_path(history, DAY).exists()
