"""Provides UTC timestamps as fixed-width ISO-8601 strings, and the injectable wall clock.

Every time stored in history is UTC with millisecond precision, a 4-digit
year and a `Z` suffix (`2024-05-01T07:30:00.000Z`), so the strings sort in
time order and SQL can compare them directly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

WallClock = Callable[[], datetime]
"""Returns the current time as an aware datetime; tests pass their own to make other days."""


def utc_now() -> datetime:
    """The real wall clock, in UTC."""
    return datetime.now(UTC)


def local_today(now: WallClock | None = None) -> date:
    """Today's local date (every program day, check-in and due date is one), by `now`."""
    return (now or utc_now)().astimezone().date()


def to_iso(moment: datetime) -> str:
    """`moment` as a stored timestamp; naive datetimes are taken to be UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    # Not strftime: its %Y leaves years before 1000 unpadded ("999-05-01"), which sort after
    # "2024"; isoformat always writes four digits.
    return moment.isoformat(timespec="milliseconds") + "Z"


def from_iso(text: str) -> datetime:
    """Parse an ISO-8601 timestamp that names its zone, as UTC.

    Raises ValueError when it has no zone, or when it has no place in UTC
    (year 1 east of Greenwich, year 9999 west of it).
    """
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"timestamp {text!r} has no time zone")
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"timestamp {text!r} is out of range in UTC") from None


def normalise_iso(text: str) -> str:
    """Any zoned ISO-8601 timestamp, rewritten in the stored form."""
    return to_iso(from_iso(text))


def days_before(now: datetime, days: int) -> str:
    """The stored timestamp `days` days before `now` (the start of a balance window)."""
    return to_iso(now - timedelta(days=days))
