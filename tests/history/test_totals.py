"""Tests that a skipped interval's time is never work wherever history sums it (docs/balance.md)."""

from __future__ import annotations

import json
import random
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from evenside.engine.clock import FakeClock
from evenside.engine.session import Session
from evenside.engine.timeline import Interval, IntervalKind
from evenside.history.aggregates import HistoryWindow, calendar_days
from evenside.history.db import open_database
from evenside.history.importer import import_sessions, parse_history
from evenside.history.records import IntervalRecord
from evenside.history.side_work import side_work_since
from evenside.history.store import HistoryStore
from evenside.history.timestamps import from_iso, to_iso
from evenside.routine.model import Side
from tests.support.history_fixtures import DESK, TODAY, frozen_now, play
from tests.support.session_builders import Act


def skip_after(seconds: int, side: Side | None = None) -> Act:
    """Skip every work interval (on `side`, if given) `seconds` into it."""

    def act(session: Session, interval: Interval, clock: FakeClock) -> bool:
        if interval.kind is IntervalKind.WORK and side in (None, interval.side):
            clock.advance_ms(seconds * 1000)
            session.update()
            session.skip()
            return True
        return False

    return act


def test_skipped_seconds_are_in_no_total_and_on_no_calendar_day(store: HistoryStore) -> None:
    # The desk break's hamstring hold is 30 s a side: the right one skipped 20 s in.
    play(store, DESK, TODAY - timedelta(hours=2), skip_after(20, Side.RIGHT))
    work = {t.side: t.work for t in side_work_since(store.conn, "2024-05-22T00:00:00.000Z")}
    assert (work[Side.LEFT].seconds, work[Side.RIGHT].seconds) == (30.0, 0.0)
    assert (work[Side.RIGHT].prescribed_seconds, work[Side.RIGHT].credited_seconds) == (30.0, 0)
    (day,) = calendar_days(store.conn, HistoryWindow(frozen_now)).values()
    assert (day.worked_ms, day.sets) == (30_000, 1)


def test_a_day_on_which_everything_was_skipped_is_no_active_day(store: HistoryStore) -> None:
    play(store, DESK, TODAY - timedelta(hours=2), skip_after(20))
    assert calendar_days(store.conn, HistoryWindow(frozen_now)) == {}


# -- an import adds what the triggers add ---------------------------------------------------

TOTAL_TABLES = ("balance_months", "balance_days", "session_sides")
HOLD = {
    "exercise_id": "lunge",
    "exercise": "Lunge",
    "side": "left",
    "set": 1,
    "kind": "hold",
    "planned_seconds": 30,
    "actual_seconds": 30,
    "planned_reps": None,
    "done_reps": None,
    "status": "done",
}


def random_sessions(seed: int, count: int) -> list[dict[str, Any]]:
    """Sessions as exported, in a random order (not by time): exercises renamed now and then,
    intervals without a side, every kind and status, days and months crossed mid-session."""
    rng = random.Random(seed)
    base = datetime(2024, 4, 28, tzinfo=UTC)
    sessions = []
    for _ in range(count):
        at = base + timedelta(days=rng.uniform(0, 6), hours=rng.choice([0, 23.9]))
        started = at
        intervals = []
        for _ in range(rng.randint(0, 8)):
            kind = rng.choice(["hold", "reps"])
            exercise_id = rng.choice(["lunge", "clam", "bridge"])
            seconds = rng.choice([0, 0.5, 12.5, 30, 45])
            intervals.append(
                {
                    "exercise_id": exercise_id,
                    "exercise": f"{exercise_id} {rng.choice('AB')}",
                    "side": rng.choice(["left", "right", "right", None]),
                    "set": rng.choice([1, 2, None]),
                    "kind": kind,
                    "planned_seconds": rng.choice([seconds, None]) if kind == "reps" else seconds,
                    "actual_seconds": rng.choice([0, 7.25, 30, 60, None]),
                    "planned_reps": rng.choice([None, 0, 12]) if kind == "reps" else None,
                    "done_reps": rng.choice([None, 0, 5, 15]) if kind == "reps" else None,
                    "status": rng.choice(["done", "done", "skipped", "partial"]),
                    "started_at": to_iso(at),
                    "ended_at": to_iso(at + timedelta(seconds=30)),
                }
            )
            at += timedelta(minutes=rng.choice([1, 7]))
        sessions.append(
            {
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "routine": "r",
                "started_at": to_iso(started),
                "ended_at": to_iso(at),
                "status": "completed",
                "ratings": [],
                "intervals": intervals,
            }
        )
    return sessions


def record_one_by_one(store: HistoryStore, sessions: list[dict[str, Any]]) -> None:
    """Record each session as the player does, interval by interval: the triggers count."""
    for raw in sessions:
        session_id = store.begin_session("r", "", from_iso(raw["started_at"]), 1, raw["id"])
        for i in raw["intervals"]:
            seconds = (i["planned_seconds"], i["actual_seconds"])
            planned, actual = (None if s is None else round(s * 1000) for s in seconds)
            store.record_interval(
                session_id,
                IntervalRecord(
                    i["exercise_id"],
                    i["exercise"],
                    i["side"],
                    i["set"],
                    i["kind"],
                    planned,
                    actual,
                    i["planned_reps"],
                    i["done_reps"],
                    i["status"],
                    i["started_at"],
                    i["ended_at"],
                ),
            )
        store.end_session(session_id, "completed", from_iso(raw["ended_at"]))


def totals(store: HistoryStore) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: [tuple(row) for row in store.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3")]
        for table in TOTAL_TABLES
    }


@pytest.mark.parametrize("held", [0, 20], ids=["into an empty history", "onto sessions held"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_an_import_adds_to_the_totals_what_the_triggers_add(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, held: int
) -> None:
    from evenside.history import importer

    monkeypatch.setattr(importer, "BATCH_SESSIONS", 7)  # totals written a batch at a time
    sessions = random_sessions(seed, 60)
    played = HistoryStore(open_database(tmp_path / "played.sqlite3"), now=frozen_now)
    record_one_by_one(played, sessions)
    imported = HistoryStore(open_database(tmp_path / "imported.sqlite3"), now=frozen_now)
    record_one_by_one(imported, sessions[:held])
    path = tmp_path / "export.json"
    document = {"format": "evenside-history", "version": 1, "sessions": sessions}
    path.write_text(json.dumps(document), encoding="utf-8")
    result = importer.import_history(imported, path)
    assert (result.added_sessions, result.skipped_sessions) == (60 - held, held)
    expected = totals(played)
    assert all(expected.values())  # every table has rows to compare
    assert totals(imported) == expected


def test_a_month_is_named_after_the_last_interval_added_to_it(store: HistoryStore) -> None:
    """A day met first but added to last names its month, as the triggers would name it."""
    sessions = []
    for n, (day, name) in enumerate([("01", "first"), ("02", "second"), ("01", "last")]):
        at = f"2024-05-{day}T{8 + n:02d}:00:00.000Z"
        (session,) = random_sessions(n, 1)
        interval = {**HOLD, "exercise": name, "started_at": at, "ended_at": at}
        sessions.append({**session, "started_at": at, "ended_at": at, "intervals": [interval]})
    document = {"format": "evenside-history", "version": 1, "sessions": sessions}
    import_sessions(store, parse_history(document, frozen_now()))
    named = store.conn.execute("SELECT period, exercise FROM balance_months").fetchall()
    assert [tuple(row) for row in named] == [("2024-05", "last")]
