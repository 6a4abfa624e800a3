"""Tests the history screen's numbers on histories really played and recorded in SQLite."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from evenside.history.aggregates import (
    HistoryFilter,
    HistoryWindow,
    calendar_days,
    calendar_first_day,
    exercise_names,
    routine_names,
    side_by_side,
)
from evenside.history.session_list import session_rows
from evenside.history.store import HistoryStore
from evenside.history.streaks import streaks
from evenside.routine.model import Side
from tests.support.history_fixtures import DESK, PSOAS, TODAY, frozen_now, on, play

WINDOW = HistoryWindow(frozen_now)
MONTH = HistoryFilter(days=30)


def weeks_of(store: HistoryStore, filters: HistoryFilter = MONTH) -> dict[tuple[str, str], object]:
    found = side_by_side(store.conn, WINDOW, filters)
    return {(w.week_label, w.exercise_id): w for w in found}


# Side by side --------------------------------------------------------------------------


def test_totals_per_side_per_week(history: HistoryStore) -> None:
    weeks = side_by_side(history.conn, WINDOW, MONTH)
    lunge = {w.week_label: w for w in weeks if w.exercise_id == "lunge"}
    assert list(lunge) == ["2024-W21", "2024-W20", "2024-W19", "2024-W18"]
    # W18 (29 Apr - 5 May): 1-5 May, two 45 s sets a side each day.
    assert lunge["2024-W18"].left.seconds == lunge["2024-W18"].right.seconds == 450
    assert lunge["2024-W18"].left.sets == 10
    assert lunge["2024-W18"].weaker is None
    # W19: 6-8 May in full, 9 May stopped after the first left set.
    w19 = lunge["2024-W19"]
    assert (w19.left.seconds, w19.left.sets) == (315, 7)
    assert (w19.right.seconds, w19.right.sets) == (270, 6)
    assert w19.weaker is Side.RIGHT
    # W20: stopped 20 s into the second left set: the left did less than prescribed.
    w20 = lunge["2024-W20"]
    assert (w20.left.seconds, w20.left.prescribed_seconds) == (65, 90)
    assert (w20.left.sets, w20.left.prescribed_sets) == (1, 2)
    assert w20.right.seconds == 45
    assert w20.weaker is Side.LEFT
    # W21: 20 May the second right set skipped, 22 May in full.
    w21 = lunge["2024-W21"]
    assert (w21.left.seconds, w21.right.seconds) == (180, 135)
    assert (w21.right.sets, w21.right.prescribed_sets) == (3, 4)
    assert w21.right.ratio == pytest.approx(0.75)
    assert w21.weaker is Side.RIGHT
    # Sideless exercises (the bridge) have no left | right.
    assert all(w.exercise_id != "bridge" for w in weeks)


def test_window_and_filters_narrow_the_weeks(history: HistoryStore) -> None:
    week = side_by_side(history.conn, WINDOW, HistoryFilter(days=7))
    assert {(w.week_label, w.exercise_id) for w in week} == {
        ("2024-W21", "lunge"),
        ("2024-W21", "hamstring"),
        ("2024-W20", "lunge"),
        ("2024-W20", "hamstring"),
    }
    desk = side_by_side(history.conn, WINDOW, HistoryFilter(days=30, routine="Desk break"))
    assert {w.exercise_id for w in desk} == {"hamstring"}
    assert [w.right.seconds for w in desk] == [0, 30]
    lunge = side_by_side(history.conn, WINDOW, HistoryFilter(days=30, exercise_id="lunge"))
    assert {w.exercise_id for w in lunge} == {"lunge"}
    assert side_by_side(history.conn, WINDOW, HistoryFilter(days=30, routine="Nope")) == []


def test_days_follow_the_clock_time_zone(store: HistoryStore) -> None:
    # 23:30 UTC on Sunday 19 May is Monday 20 May in UTC+2: another day, another week.
    play(store, DESK, datetime(2024, 5, 19, 23, 30, tzinfo=UTC))
    utc = side_by_side(store.conn, WINDOW, MONTH)
    assert [w.week_label for w in utc] == ["2024-W20"]
    plus_two = HistoryWindow(lambda: TODAY.astimezone(timezone(timedelta(hours=2))))
    shifted = side_by_side(store.conn, plus_two, MONTH)
    assert [w.week_label for w in shifted] == ["2024-W21"]
    assert list(calendar_days(store.conn, plus_two)) == [date(2024, 5, 20)]
    assert list(calendar_days(store.conn, WINDOW)) == [date(2024, 5, 19)]


# Calendar and streaks -----------------------------------------------------------------


def test_calendar_marks_work_and_uneven_days(history: HistoryStore) -> None:
    days = calendar_days(history.conn, WINDOW)
    assert calendar_first_day(WINDOW) == date(2023, 11, 27)
    assert sorted(days) == [date(2024, 5, d) for d in (*range(1, 10), *range(18, 23))]
    full = days[date(2024, 5, 1)]
    # Two 45 s lunges a side and 12 bridges at 3 s: 3:36 worked, 5 sets.
    assert (full.worked_ms, full.sets, full.even) == (216_000, 5, True)
    assert full.level == 1
    assert days[date(2024, 5, 9)].even is False
    assert days[date(2024, 5, 19)].even is True  # one done set each side, one cut short
    assert days[date(2024, 5, 20)].even is False
    assert days[date(2024, 5, 21)].even is False


def test_streaks_across_a_gap(history: HistoryStore) -> None:
    found = streaks(history.conn, WINDOW)
    # 1-8 May; 9 May only the left lunge (the day does not count); 18-22 May, where
    # 19 May was stopped but did the lunge on both sides.
    assert found.current == 5
    assert found.longest == 8
    assert found.longest_ended == date(2024, 5, 8)
    # Seen from 24 May, nothing on the 23rd or 24th: the current streak is over.
    later = HistoryWindow(lambda: TODAY + timedelta(days=2))
    assert streaks(history.conn, later).current == 0
    # Seen from the 23rd, today has nothing yet: the run up to yesterday still counts.
    tomorrow = HistoryWindow(lambda: TODAY + timedelta(days=1))
    assert streaks(history.conn, tomorrow).current == 5


def test_a_stopped_day_counts_only_with_an_exercise_on_every_side(store: HistoryStore) -> None:
    play(store, PSOAS, on(20))
    from tests.support.history_fixtures import stop_at_first_switch, stop_into_second_left

    play(store, PSOAS, on(21), stop_at_first_switch)
    assert streaks(store.conn, WINDOW).current == 0
    play(store, PSOAS, on(22), stop_into_second_left)
    assert streaks(store.conn, WINDOW).current == 1


# Sessions ----------------------------------------------------------------------------


def test_session_list(history: HistoryStore) -> None:
    rows = session_rows(history.conn, WINDOW, MONTH)
    assert len(rows) == 14
    newest = rows[0]
    assert (newest.started, newest.routine, newest.status) == (
        datetime(2024, 5, 22, 8, 0),
        "Psoas release",
        "completed",
    )
    assert newest.worked_ms == 216_000
    owed = {row.started.day: row.owed for row in rows if row.owed}
    assert owed == {21: "Hamstring stretch right", 9: "Runner's lunge right"}
    stopped = [row.started.day for row in rows if row.status == "stopped"]
    assert stopped == [19, 9]
    only_lunge = session_rows(history.conn, WINDOW, HistoryFilter(30, exercise_id="hamstring"))
    assert [row.routine for row in only_lunge] == ["Desk break", "Desk break"]
    detail = history.session(rows[0].id)
    assert detail is not None and len(detail.intervals) == 5


def test_filter_choices(history: HistoryStore) -> None:
    assert routine_names(history.conn) == ["Desk break", "Psoas release"]
    assert exercise_names(history.conn) == {
        "bridge": "Glute bridge",
        "hamstring": "Hamstring stretch",
        "lunge": "Runner's lunge",
    }


def test_queries_read_indexes_not_whole_tables(history: HistoryStore) -> None:
    from evenside.history import aggregates

    plan = history.conn.execute(
        "EXPLAIN QUERY PLAN " + aggregates._WEEKLY_SQL, WINDOW.params(date(2024, 5, 1), MONTH)
    ).fetchall()
    details = " | ".join(row[3] for row in plan)
    assert "SCAN i " not in details and "SCAN intervals" not in details, details
