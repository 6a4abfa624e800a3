"""Every duration form of the format page, read to integer ms, and every way to get it wrong."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evenside.routine.durations import (
    DURATION_PATTERN,
    DurationError,
    format_duration,
    parse_duration,
)


@pytest.mark.parametrize(
    ("value", "ms"),
    [
        (45, 45_000),
        (7.5, 7_500),
        (0, 0),
        ("45", 45_000),
        ("7.5", 7_500),
        ("45s", 45_000),
        ("2m", 120_000),
        ("1m30s", 90_000),
        ("1m 30s", 90_000),
        ("1h", 3_600_000),
        ("1h30m", 5_400_000),
        ("1h 2m 3s", 3_723_000),
        ("90sec", 90_000),
        ("90 secs", 90_000),
        ("30 seconds", 30_000),
        ("1 second", 1_000),
        ("2 min", 120_000),
        ("2 mins", 120_000),
        ("2 minutes", 120_000),
        ("1.5m", 90_000),
        ("2 hours", 7_200_000),
        ("1hr", 3_600_000),
        ("1:30", 90_000),
        ("0:45", 45_000),
        ("90:00", 5_400_000),
        ("1:02:03", 3_723_000),
        ("1:30.5", 90_500),
        ("  45s  ", 45_000),
        ("0.001", 1),
        ("4h", 14_400_000),
        ("3:59:59", 14_399_000),
    ],
)
def test_readable_forms(value: object, ms: int) -> None:
    assert parse_duration(value) == ms


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("4h1s", "over the 4-hour limit"),
        ("5h", "over the 4-hour limit"),
        (14_401, "over the 4-hour limit"),
        ("-5s", "negative"),
        (-3, "negative"),
        ("-1:30", "negative"),
        ("abc", "cannot read 'abc'"),
        ("", "cannot read"),
        ("45S", "cannot read"),  # units are lower case, as the schema says
        ("1:5", "cannot read"),
        ("1:60", "cannot read"),
        ("1:2:3:4", "cannot read"),
        ("30s 1m", "cannot read"),  # units in order, largest first
        ("1e3", "cannot read"),
        ("1_000", "cannot read"),
        ("0x10", "cannot read"),
        ("nan", "cannot read"),
        (float("inf"), "cannot read"),
        ("５s", "cannot read"),  # a full-width digit is not a digit here
        ("0.0001s", "finer than a millisecond"),
        (True, "cannot be true"),
        (None, "must be a number or text"),
        ([1], "must be a number or text"),
        ("9" * 500, "cannot read"),
    ],
)
def test_unreadable_or_out_of_range(value: object, words: str) -> None:
    with pytest.raises(DurationError, match=re.escape(words)):
        parse_duration(value)


def test_error_message_says_what_to_write() -> None:
    with pytest.raises(DurationError) as raised:
        parse_duration("forty five")
    assert "45s, 2m, 1m30s, 1:30" in str(raised.value)


def test_zero_is_allowed_only_where_asked() -> None:
    assert parse_duration("0s") == 0
    assert parse_duration("0:00") == 0
    with pytest.raises(DurationError, match="longer than 0"):
        parse_duration("0s", allow_zero=False)


@pytest.mark.parametrize(
    ("ms", "text"),
    [(0, "0s"), (45_000, "45s"), (120_000, "2m"), (90_000, "1m30s"), (3_723_000, "1h2m3s"),
     (7_500, "7.5s"), (1, "0.001s")],
)  # fmt: skip
def test_format_duration(ms: int, text: str) -> None:
    assert format_duration(ms) == text
    assert parse_duration(text) == ms


@given(st.integers(min_value=0, max_value=4 * 3_600_000))
def test_format_then_parse_round_trips(ms: int) -> None:
    assert parse_duration(format_duration(ms)) == ms


_PIECES = st.sampled_from(
    [
        "1",
        "30",
        "0",
        "7.5",
        ":",
        "45",
        "s",
        "m",
        "h",
        "min",
        "sec",
        " ",
        ".",
        "-",
        "x",
        "05",
        "hours",
    ]
)


@given(st.lists(_PIECES, max_size=7).map("".join))
def test_schema_pattern_and_parser_agree(text: str) -> None:
    """The schema's pattern accepts exactly the strings the parser can read (range aside)."""
    in_pattern = re.fullmatch(DURATION_PATTERN, text) is not None
    try:
        parse_duration(text)
        readable = True
    except DurationError as error:
        readable = "over the 4-hour limit" in str(error) or "finer than" in str(error)
    assert in_pattern == readable, text
