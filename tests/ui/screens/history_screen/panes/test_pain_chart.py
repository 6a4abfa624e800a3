"""Tests the pain chart as drawn with NO_COLOR: a marker of its own per side and moment,
points never joined into runs, an axis that fits the days rated."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from rich.text import Text

from evenside.history.aggregates import HistoryFilter
from evenside.history.store import HistoryStore
from evenside.ui.history_app import HistoryApp
from evenside.ui.screens.history_screen.panes.pain_chart import SERIES, PainChart, day_ticks
from tests.support.history_fixtures import frozen_now
from tests.support.screen_text import screen_text

MARKERS = {series.label: series.marker for series in SERIES}


def chart_lines(chart: PainChart) -> list[str]:
    """The chart as plain text: what is left of it without any colour."""
    return Text.from_ansi(chart.plt.build()).plain.splitlines()


async def test_each_side_and_moment_has_its_own_marker_without_colour(
    history: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = HistoryApp(history.conn, now=frozen_now, filters=HistoryFilter(days=30))
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert pilot.app.no_color
        text = screen_text(pilot.app)
        shown = {label: marker for label, marker in MARKERS.items() if f"{marker} {label}" in text}
        # The legend names the four series rated, each with its own marker.
        assert set(shown) == {"left before", "left after", "right before", "right after"}
        assert len(set(shown.values())) == 4
        plot = [line for line in text.splitlines() if "┤" in line or "│" in line]
        drawn = "".join(plot)
        for marker in shown.values():
            assert marker in drawn


async def test_points_are_not_joined_into_runs(history: HistoryStore) -> None:
    app = HistoryApp(history.conn, now=frozen_now, filters=HistoryFilter(days=30))
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        chart = pilot.app.screen.query_one(PainChart)
        lines = chart_lines(chart)
        legend = {f"{marker}{marker} " for marker in MARKERS.values()}
        for line in lines:
            if any(entry in line for entry in legend):
                continue  # the legend's own sample "◁◁ left before"
            assert not re.search(r"([◁◀▷▶○●•x])\1", line), line


async def test_the_axis_fits_the_days_rated_not_the_window(history: HistoryStore) -> None:
    # 90 days chosen, ratings from 1 to 22 May: the axis runs from 1 to 22 May.
    app = HistoryApp(history.conn, now=frozen_now, filters=HistoryFilter(days=90))
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        chart = pilot.app.screen.query_one(PainChart)
        assert chart.span == (date(2024, 5, 1), date(2024, 5, 22))
        dates = [line for line in chart_lines(chart) if "May" in line]
        assert dates[-1].split()[:2] == ["01", "May"]
        assert dates[-1].split()[-2:] == ["22", "May"]


def test_ticks_run_from_the_first_day_to_the_last_at_most_six() -> None:
    first = date(2024, 5, 1)
    week = day_ticks(first, first + timedelta(days=6))
    assert week[0] == (0.0, "01 May") and week[-1] == (6.0, "07 May")
    assert len(week) <= 6
    long = day_ticks(first, first + timedelta(days=89))
    assert len(long) <= 6 and long[-1][0] == 89.0
    assert [tick for tick, _ in long] == sorted(tick for tick, _ in long)
