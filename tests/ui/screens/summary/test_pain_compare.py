"""Tests the summary's pain line: before → after per side, side by side."""

from __future__ import annotations

from evenside.history.records import RatingRecord
from evenside.ui.screens.summary.pain_compare import pain_compare_line


def test_both_sides_before_and_after_side_by_side() -> None:
    ratings = [
        RatingRecord("before", "left", 2),
        RatingRecord("before", "right", 3),
        RatingRecord("after", "right", 3),
        RatingRecord("after", "left", 6),
    ]
    line = pain_compare_line(ratings, ["left", "right"])
    assert line == "Pain: left 2 → 6 · right 3 → 3"
    assert len(line) <= 38  # a 40-column terminal, less the padding


def test_a_moment_not_rated_yet_shows_a_dash_and_nothing_rated_shows_nothing() -> None:
    before_only = [RatingRecord("before", "left", 4)]
    assert pain_compare_line(before_only, ["left", "right"]) == "Pain: left 4 → – · right – → –"
    assert pain_compare_line([], ["left", "right"]) == ""


def test_a_routine_without_sides_rates_the_whole_body() -> None:
    ratings = [RatingRecord("before", None, 1), RatingRecord("after", None, 3)]
    assert pain_compare_line(ratings, [None]) == "Pain: 1 → 3"
