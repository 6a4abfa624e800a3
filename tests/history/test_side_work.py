"""Tests `side_work`: one record and one query, whether read from kept totals or intervals."""

from __future__ import annotations

import pytest

from evenside.history.aggregates import HistoryFilter, HistoryWindow, side_by_side
from evenside.history.side_work import SideWork, side_work_since
from evenside.history.store import HistoryStore
from evenside.routine.model import Side
from tests.support.history_fixtures import frozen_now

WINDOW = HistoryWindow(frozen_now)


def test_kept_totals_and_the_weeks_intervals_give_the_same_work(history: HistoryStore) -> None:
    # The last three days are this week so far (Monday 20 May to today), in UTC.
    weeks = side_by_side(history.conn, WINDOW, HistoryFilter(days=3))
    weekly = {
        (w.exercise_id, side): w.side(side)
        for w in weeks
        for side in (Side.LEFT, Side.RIGHT)
        if w.side(side) != SideWork()
    }
    since = {
        (t.exercise_id, t.side): t.work
        for t in side_work_since(history.conn, "2024-05-20T00:00:00.000Z")
    }
    assert {w.week_label for w in weeks} == {"2024-W21"}
    assert since == weekly
    # 20 May skipped the second right lunge: done over prescribed, capped per set.
    lunge_right = since[("lunge", Side.RIGHT)]
    assert (lunge_right.sets, lunge_right.prescribed_sets) == (3, 4)
    assert lunge_right.ratio == pytest.approx(0.75)


def test_nothing_since_leaves_nothing(history: HistoryStore) -> None:
    assert side_work_since(history.conn, "2030-01-01T00:00:00.000Z") == []
