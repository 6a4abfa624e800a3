"""Tests the stored timestamp form: UTC, milliseconds, a 4-digit year, sorting in time order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evenside.history.timestamps import from_iso, normalise_iso, to_iso


@pytest.mark.parametrize(
    ("moment", "stored"),
    [
        (datetime(999, 5, 1, 7, 30, tzinfo=UTC), "0999-05-01T07:30:00.000Z"),
        (datetime(1, 1, 1, tzinfo=UTC), "0001-01-01T00:00:00.000Z"),
        (datetime(2024, 5, 1, 9, 30, 0, 999_999, tzinfo=timezone(timedelta(hours=2))),
         "2024-05-01T07:30:00.999Z"),
        (datetime(2024, 5, 1, 7, 30), "2024-05-01T07:30:00.000Z"),  # naive: taken as UTC
    ],
)  # fmt: skip
def test_to_iso_writes_a_four_digit_year_in_utc(moment: datetime, stored: str) -> None:
    assert to_iso(moment) == stored


@pytest.mark.parametrize(
    "text", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2024-05-01T07:30:00"]
)
def test_a_time_with_no_place_in_utc_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="timestamp"):
        from_iso(text)
    with pytest.raises(ValueError, match="timestamp"):
        normalise_iso(text)


moments = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
)


@given(moments, moments)
def test_stored_times_sort_as_the_moments_do(a: datetime, b: datetime) -> None:
    a, b = (m.replace(microsecond=m.microsecond // 1000 * 1000) for m in (a, b))
    assert len(to_iso(a)) == len(to_iso(b)) == 24
    assert (to_iso(a) < to_iso(b)) == (a < b)
    assert from_iso(to_iso(a)) == a
    assert normalise_iso(to_iso(a)) == to_iso(a)
