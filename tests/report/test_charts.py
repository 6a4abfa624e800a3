"""Tests the inline SVG charts: the sides differ in shape and line, gaps stay gaps."""

from __future__ import annotations

import re
from datetime import date, timedelta

from evenside.history.aggregates import DayActivity
from evenside.report.charts import LEVEL_FILLS, pain_chart, week_strip
from evenside.report.period import ReportPeriod

PERIOD = ReportPeriod(date(2024, 4, 11), date(2024, 5, 22))


def test_left_and_right_differ_in_shape_and_line_not_only_colour() -> None:
    days = [PERIOD.first + timedelta(days=n) for n in range(3)]
    svg = pain_chart(
        "Before a session",
        PERIOD,
        {"left": [(d, 4.0) for d in days], "right": [(d, 4.0) for d in days]},
    )
    groups = re.findall(r"<g><title>(left|right)[^<]*</title><(\w+)", svg)
    shapes = {side: {shape for s, shape in groups if s == side} for side in ("left", "right")}
    assert shapes == {"left": {"circle"}, "right": {"rect"}}
    lines = re.findall(r"<polyline [^>]*?(stroke-dasharray=\"[^\"]+\")?/>", svg)
    assert sorted(lines) == ["", 'stroke-dasharray="5 3"']  # left solid, right dashed
    # Equal values on the same day: both markers stay visible side by side.
    left_x = re.search(r'<circle cx="([\d.]+)"', svg)
    right_x = re.search(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
    assert left_x is not None and right_x is not None
    assert float(right_x.group(1)) + float(right_x.group(2)) / 2 > float(left_x.group(1))


def test_ratings_more_than_a_week_apart_are_not_joined() -> None:
    points = [(PERIOD.first, 3.0), (PERIOD.first + timedelta(days=1), 4.0)]
    points += [(PERIOD.first + timedelta(days=20), 2.0), (PERIOD.first + timedelta(days=21), 2.0)]
    svg = pain_chart("After a session", PERIOD, {"left": points})
    assert svg.count("<polyline") == 2
    assert svg.count("<circle") == 4


def test_a_chart_without_ratings_says_so() -> None:
    svg = pain_chart("Next morning", PERIOD, {"left": [], "right": []})
    assert "no ratings recorded" in svg and "<circle" not in svg and "<rect" not in svg


def test_the_week_strip_shades_worked_days_and_leaves_out_days_outside() -> None:
    monday = date(2024, 4, 8)  # the period starts on the Thursday
    worked = {date(2024, 4, 12): DayActivity(date(2024, 4, 12), 40 * 60_000, 3, True)}
    svg = week_strip(monday, PERIOD, worked)
    fills = re.findall(r'fill="(#[0-9a-f]+)"', svg)
    assert fills == [LEVEL_FILLS[0], LEVEL_FILLS[4], LEVEL_FILLS[0], LEVEL_FILLS[0]]
    assert "2024-04-12: 40 min" in svg and "2024-04-11: no data" in svg
