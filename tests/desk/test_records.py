"""Tests desk-break records in a real history database file: counts per local day."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone

import pytest

from evenside.desk.records import (
    BreakDay,
    BreakLog,
    breaks_by_day,
    breaks_on,
    record_skip,
    record_taken,
)
from evenside.history.store import HistoryStore

# UTC+10: local midnight is 14:00 UTC, so UTC dates and local dates differ.
SYDNEY = timezone(timedelta(hours=10))


@pytest.fixture
def conn(store: HistoryStore) -> sqlite3.Connection:
    """The connection of an empty history file (tests/conftest.py)."""
    return store.conn


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 3, day, hour, minute, tzinfo=SYDNEY)


def add_session(conn: sqlite3.Connection, session_id: str) -> None:
    conn.execute(
        "INSERT INTO sessions (id, routine, started_at, status) VALUES (?, ?, ?, 'completed')",
        (session_id, "desk-break", "2024-03-08T23:00:00.000Z"),
    )


def test_breaks_are_counted_by_local_day(conn: sqlite3.Connection) -> None:
    add_session(conn, "s1")
    # 09:00 local on the 9th is still the 8th in UTC: it must count for the 9th.
    record_taken(conn, "desk-break", "s1", now=lambda: at(9, 9))
    record_skip(conn, "desk-break", now=lambda: at(9, 10))
    record_skip(conn, "desk-break", now=lambda: at(9, 23, 59))
    record_skip(conn, "desk-break", now=lambda: at(10, 0, 1))
    assert breaks_on(conn, date(2024, 3, 9)) == BreakDay(date(2024, 3, 9), taken=1, skipped=2)
    assert breaks_on(conn, date(2024, 3, 10)) == BreakDay(date(2024, 3, 10), taken=0, skipped=1)
    assert breaks_on(conn, date(2024, 3, 11)) == BreakDay(date(2024, 3, 11), taken=0, skipped=0)


def test_calendar_range_lists_only_days_with_breaks(conn: sqlite3.Connection) -> None:
    record_skip(conn, "desk-break", now=lambda: at(1, 12))
    record_skip(conn, "desk-break", now=lambda: at(5, 12))
    record_skip(conn, "desk-break", now=lambda: at(20, 12))
    days = breaks_by_day(conn, date(2024, 3, 1), date(2024, 3, 10))
    assert list(days) == [date(2024, 3, 1), date(2024, 3, 5)]


def test_a_taken_break_points_at_its_session(conn: sqlite3.Connection) -> None:
    add_session(conn, "abc")
    record_taken(conn, "desk-break", "abc", now=lambda: at(9, 9))
    row = conn.execute("SELECT outcome, session_id, routine FROM desk_breaks").fetchone()
    assert tuple(row) == ("taken", "abc", "desk-break")


def test_the_same_answer_recorded_twice_is_kept_once(conn: sqlite3.Connection) -> None:
    record_skip(conn, "desk-break", now=lambda: at(9, 9))
    record_skip(conn, "desk-break", now=lambda: at(9, 9))
    assert breaks_on(conn, date(2024, 3, 9)).skipped == 1


def add_played(
    conn: sqlite3.Connection, session_id: str, started: str, status: str, pid: int
) -> None:
    conn.execute(
        "INSERT INTO sessions (id, routine, started_at, status, pid) VALUES (?, ?, ?, ?, ?)",
        (session_id, "Desk break", started, status, pid),
    )


@pytest.mark.parametrize(
    ("status", "pid", "started", "taken"),
    [
        ("completed", 4242, "2024-03-09T00:00:00.500Z", True),
        ("stopped", 4242, "2024-03-09T00:00:00.500Z", False),
        ("completed", 999, "2024-03-09T00:00:00.500Z", False),  # another process's session
        ("completed", 4242, "2024-03-08T23:00:00.000Z", False),  # an older session
    ],
)
def test_a_break_counts_as_taken_only_for_this_process_completed_session(
    conn: sqlite3.Connection, status: str, pid: int, started: str, taken: bool
) -> None:
    add_played(conn, "s1", started, status, pid)
    log = BreakLog(conn, "Desk break", now=lambda: at(9, 10, 5), pid=4242)
    began = at(9, 10, 0)  # 00:00 UTC on the 9th
    assert log.break_ended(began) is taken
    assert log.today() == BreakDay(date(2024, 3, 9), taken=int(taken), skipped=0)
    if taken:
        row = conn.execute("SELECT session_id FROM desk_breaks").fetchone()
        assert row[0] == "s1"


def test_the_log_counts_skips_for_today(conn: sqlite3.Connection) -> None:
    log = BreakLog(conn, "Desk break", now=lambda: at(9, 10))
    log.skipped()
    assert log.today() == BreakDay(date(2024, 3, 9), taken=0, skipped=1)


def test_a_break_in_which_every_set_was_skipped_is_not_taken(conn: sqlite3.Connection) -> None:
    from evenside.engine.clock import FakeClock
    from evenside.engine.session import Session
    from evenside.engine.timeline import Interval, IntervalKind
    from tests.support.history_fixtures import DESK, play

    def skip_work(session: Session, interval: Interval, clock: FakeClock) -> bool:
        if interval.kind is IntervalKind.WORK:
            clock.advance_ms(5_000)
            session.update()
            session.skip()
            return True
        return False

    began = at(9, 10)
    store = HistoryStore(conn)
    session_id = play(store, DESK, began + timedelta(seconds=2), skip_work)
    log = BreakLog(conn, "Desk break", now=lambda: at(9, 10, 3))
    assert log.break_ended(began) is False
    assert log.today() == BreakDay(date(2024, 3, 9), taken=0, skipped=0)
    # Nothing on the calendar: the session is "stopped" (the engine's one rule).
    assert breaks_by_day(conn, date(2024, 3, 1), date(2024, 3, 31)) == {}
    session = store.session(session_id)
    assert session is not None and session.status == "stopped"
