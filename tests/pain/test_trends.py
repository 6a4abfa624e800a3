"""Tests pain over time and "what helps" on a history really played and recorded in SQLite."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from evenside.history.aggregates import HistoryFilter, HistoryWindow
from evenside.history.store import HistoryStore
from evenside.pain.trends import PainPoint, chart_span, pain_series, what_helps
from tests.support.history_fixtures import frozen_now

WINDOW = HistoryWindow(frozen_now)
MONTH = HistoryFilter(days=30)


def test_pain_series_per_day_side_and_moment(history: HistoryStore) -> None:
    points = pain_series(history.conn, WINDOW, MONTH)
    by_key = {(p.day, p.side, p.moment): p.pain for p in points}
    assert by_key[(date(2024, 5, 20), "right", "after")] == 5
    assert by_key[(date(2024, 5, 20), "right", "before")] == 2
    assert by_key[(date(2024, 5, 1), "left", "before")] == 4
    assert len(points) == 10 * 4  # ten rated sessions, two sides, before and after
    assert pain_series(history.conn, WINDOW, HistoryFilter(30, routine="Desk break")) == []


def test_what_helps_averages(history: HistoryStore) -> None:
    (psoas,) = what_helps(history.conn, WINDOW, MONTH)
    assert psoas.routine == "Psoas release"
    # Eight sessions L -1 R 0, then L 0 R +3, then L -1 R -1: -7 over 20 side ratings.
    assert psoas.after_change == pytest.approx(-0.35)
    assert psoas.after_sessions == 10
    # The following three days: 1-7 May see the same 4 and 3 again (0 each side); 20 May
    # sees 22 May's L3 R4 (+1, +2); 8 and 22 May have no ratings after them.
    assert psoas.later_change == pytest.approx(3 / 16)
    assert psoas.later_sessions == 8
    # Over the last week only 20 and 22 May are rated: +3 and -2 after over 4 ratings.
    (week,) = what_helps(history.conn, WINDOW, HistoryFilter(days=7))
    assert week.after_change == pytest.approx(0.25)
    assert week.after_sessions == 2


def test_the_chart_spans_the_days_rated_not_the_window(history: HistoryStore) -> None:
    # A year chosen; ratings from 1 to 22 May: the chart runs over those days only.
    points = pain_series(history.conn, WINDOW, HistoryFilter(days=365))
    assert chart_span(points) == (date(2024, 5, 1), date(2024, 5, 22))


def test_a_week_of_ratings_spans_the_week_and_one_day_gets_a_day_either_side() -> None:
    monday = date(2024, 5, 13)
    week = [PainPoint(monday + timedelta(days=n), "left", "before", 3.0, 1) for n in range(7)]
    assert chart_span(week) == (monday, monday + timedelta(days=6))
    assert chart_span(week[:1]) == (monday - timedelta(days=1), monday + timedelta(days=1))
    assert chart_span([]) is None
