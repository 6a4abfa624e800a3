"""The CSV export, built in SQL, writes what the record-by-record definition says it should.

The expected rows are built here the slow, obvious way from `iter_sessions`
(the records the JSON export uses): one row per interval, sessions in start
order (then id), seconds whole when exact, every text cell that would start a
spreadsheet formula prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from evenside.history.checkins import Checkin, checkins_between, save_checkin
from evenside.history.db import open_database
from evenside.history.export import CSV_COLUMNS, FORMULA_STARTS, write_csv
from evenside.history.records import IntervalRecord, SessionRecord
from evenside.history.store import HistoryStore

T0 = datetime(2025, 3, 9, 6, 0, tzinfo=UTC)


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def interval(name: str, planned_ms: int | None, actual_ms: int | None, n: int) -> IntervalRecord:
    return IntervalRecord(
        exercise_id=name.strip().lower() or "blank",
        exercise=name,
        side=("left", "right", None)[n % 3],
        set_number=n + 1,
        kind="hold" if planned_ms is not None else "reps",
        planned_ms=planned_ms,
        actual_ms=actual_ms,
        planned_reps=None if planned_ms is not None else 10,
        done_reps=None if planned_ms is not None else n,
        status=("done", "skipped", "partial")[n % 3],
        started_at=iso(T0 + timedelta(seconds=n)),
        ended_at=iso(T0 + timedelta(seconds=n + 1)),
    )


def fill(store: HistoryStore) -> None:
    names = ["Lunge", "=cmd()", "+1", "-x", "@A1", "\tTab", "\rReturn", "plain - dash", ""]
    amounts = [(45_000, 45_000), (7_500, 7_499), (1, 0), (None, 12_000), (2_000, None)]
    # Three sessions start at the same moment, so their order falls back to the id.
    for k in range(3):
        session = store.begin_session(f"Routine {k}", "hash", T0)
        for n in range(6):
            planned, actual = amounts[(n + k) % len(amounts)]
            store.record_interval(
                session, interval(names[(n + 2 * k) % len(names)], planned, actual, n)
            )
        # Paused: not known (recorded before it was kept), whole seconds, a fraction.
        paused = (None, 60_000, 1_500)[k]
        store.end_session(session, "stopped", T0 + timedelta(minutes=3), paused_ms=paused)
    store.begin_session("=Open routine", "hash", T0 + timedelta(days=1))  # open, no intervals
    later = store.begin_session("@Later", "hash", T0 + timedelta(days=2))
    store.record_interval(later, interval("Bridge", 30_000, 29_999, 4))


def expected_rows(store: HistoryStore) -> list[list[str]]:
    def cell(value: object) -> str:
        if isinstance(value, str) and value and value[0] in FORMULA_STARTS:
            return "'" + value
        return "" if value is None else str(value)

    rows = []
    for s in store.iter_sessions():
        for i in s.intervals:
            values = [s.id, s.routine, s.started_at, s.ended_at, s.status,
                      seconds(s.paused_ms), i.exercise_id,
                      i.exercise, i.side, i.set_number, i.kind, seconds(i.planned_ms),
                      seconds(i.actual_ms), i.planned_reps, i.done_reps, i.status,
                      i.started_at, i.ended_at, None, None, None]  # fmt: skip
            rows.append([cell(v) for v in values])
        if s.intervals:
            rows += rating_rows(s, cell)
    for s in store.iter_sessions():
        if not s.intervals:
            rows += rating_rows(s, cell)
    for c in checkins_between(store.conn, date.min, date.max):
        values = [None] * 8 + [c.side, None, "checkin"] + [None] * 5
        values += [c.recorded_at, None, "morning", c.pain, c.day.isoformat()]
        rows.append([cell(v) for v in values])
    return rows


def seconds(ms: int | None) -> object:
    return None if ms is None else (ms // 1000 if ms % 1000 == 0 else ms / 1000)


def rating_rows(s: SessionRecord, cell: Callable[[object], str]) -> list[list[str]]:
    """A session's pain ratings as CSV rows, after its intervals."""
    return [
        [cell(v) for v in [s.id, s.routine, s.started_at, s.ended_at, s.status,
                           seconds(s.paused_ms), None, None,
                           r.side, None, "pain", *[None] * 7, r.moment, r.pain, None]]
        for r in s.ratings
    ]  # fmt: skip


def test_csv_rows_match_the_record_by_record_definition() -> None:
    conn = open_database(":memory:")
    store = HistoryStore(conn)
    fill(store)
    out = io.StringIO(newline="")
    count = write_csv(store, out)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[1:] == expected_rows(store)
    assert count == len(rows) - 1 == 19
    # Spot checks on the definition itself, so the test cannot pass on a shared mistake.
    by_planned = {row[11] for row in rows[1:]}
    assert {"45", "7.5", "0.001", "", "2"} <= by_planned
    assert all(not row[7].startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows[1:])
    assert "'=cmd()" in {row[7] for row in rows[1:]}
    # The time paused, in seconds like the intervals' (empty when not known).
    assert rows[0][5] == "session_paused_seconds"
    assert {row[5] for row in rows[1:]} == {"", "60", "1.5"}
    assert rows[-1][1] == "'@Later"


def test_pain_ratings_follow_their_session_and_check_ins_come_last() -> None:
    conn = open_database(":memory:")
    store = HistoryStore(conn)
    fill(store)
    first, *_ = store.sessions()
    store.add_rating(first.id, "after", "right", 5)
    store.add_rating(first.id, "before", "left", 3)
    store.add_rating(first.id, "before", None, 2)
    stopped_early = store.begin_session("-Stopped in prep", "hash", T0 + timedelta(days=3))
    store.add_rating(stopped_early, "before", "right", 7)
    save_checkin(conn, Checkin(date(2025, 3, 10), "right", 4, "2025-03-10T07:00:00.000Z"))
    save_checkin(conn, Checkin(date(2025, 3, 10), "left", 1, "2025-03-10T07:01:00.000Z"))
    out = io.StringIO(newline="")
    count = write_csv(store, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert [list(r.values()) for r in rows] == expected_rows(store)
    assert count == len(rows) == 19 + 4 + 2
    # By hand: the first session's six intervals, then its ratings, before first.
    pain = [(r["session_id"], r["side"], r["pain_moment"], r["pain"]) for r in rows[6:9]]
    assert pain == [(first.id, "", "before", "2"), (first.id, "left", "before", "3"),
                    (first.id, "right", "after", "5")]  # fmt: skip
    assert {r["kind"] for r in rows[6:9]} == {"pain"}
    assert rows[9]["kind"] != "pain"
    assert (rows[-3]["routine"], rows[-3]["pain"]) == ("'-Stopped in prep", "7")
    morning = [(r["kind"], r["checkin_day"], r["side"], r["pain"]) for r in rows[-2:]]
    assert morning == [("checkin", "2025-03-10", "left", "1"),
                       ("checkin", "2025-03-10", "right", "4")]  # fmt: skip
    assert rows[-1]["started_at"] == "2025-03-10T07:00:00.000Z"
    assert rows[-1]["session_id"] == rows[-1]["exercise"] == ""
