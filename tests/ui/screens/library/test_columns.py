"""Tests which library columns fit a width: the name and the left|right bar first, always."""

from __future__ import annotations

from evenside.ui.screens.library.columns import BAR_WIDTH, MIN_NAME, fitted_columns

NATURAL = {
    "name": 21,
    "time": 13,
    "bar": 11,
    "care": 6,
    "tags": 30,
    "from": 7,
    "summary": 60,
}
"""The widest cells of a library like the bundled one."""


def test_at_40_columns_the_name_and_the_bar_stay() -> None:
    assert fitted_columns(38, NATURAL) == {"name": 21, "bar": BAR_WIDTH}


def test_a_long_name_is_cut_before_the_bar_goes() -> None:
    assert fitted_columns(30, {**NATURAL, "name": 40}) == {"name": 15, "bar": BAR_WIDTH}
    assert fitted_columns(10, NATURAL)["name"] == MIN_NAME


def test_columns_come_back_by_priority_and_the_summary_takes_the_rest() -> None:
    assert list(fitted_columns(58, NATURAL)) == ["name", "time", "bar"]
    assert list(fitted_columns(60, NATURAL)) == ["name", "time", "bar", "care"]
    fitted = fitted_columns(98, NATURAL)
    assert list(fitted) == ["name", "time", "bar", "care", "from", "summary"]
    assert sum(w + 2 for w in fitted.values()) == 98
    assert list(fitted_columns(200, NATURAL)) == [
        "name", "time", "bar", "care", "tags", "from", "summary"
    ]  # fmt: skip
    assert fitted_columns(200, NATURAL)["summary"] == 60


def test_an_empty_column_is_left_out() -> None:
    assert "care" not in fitted_columns(200, {**NATURAL, "care": 0})
