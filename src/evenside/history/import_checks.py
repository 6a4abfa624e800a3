"""Provides the checks every imported value passes, each failure one line naming its record.

Two ways through, holding to the same rules: `fast_interval` takes an
interval exactly as evenside exports it in a few comparisons (a 20-year file
holds 219,000 of them); anything else goes through `ImportChecker`, which
says what is wrong and where. The rules: text SQLite can store (no lone
surrogates), numbers in range (one too long to convert is named, never
converted), and times in the one stored UTC form, from 1970 to a day past the
importing machine's clock, so they sort in time order and export again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any

from evenside.history.export import INTERVAL_KEYS
from evenside.history.records import IntervalRecord
from evenside.history.timestamps import normalise_iso, to_iso

EARLIEST_TIME = "1970-01-01T00:00:00.000Z"
"""The earliest time history accepts, in the stored form: nothing evenside recorded is older."""
FUTURE_ALLOWANCE = timedelta(days=1)
"""How far past the importing machine's clock a time may be (two machines' clocks differ)."""
LONG_NUMBER_DIGITS = 100
"""Whole numbers longer than this are named, not converted: no field takes one, and Python
refuses to convert more than 4,300 digits (a ValueError with no record named)."""

BEFORE_1970 = "must be from 1970 on"
IN_THE_FUTURE = "must not be more than a day in the future"
STORED_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", re.ASCII)
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

_HEAD = itemgetter(*INTERVAL_KEYS[:7])
_TAIL = itemgetter(*INTERVAL_KEYS[7:])


def latest_time(now: datetime) -> str:
    """The latest time accepted when the clock says `now`, in the stored form."""
    return to_iso(now + FUTURE_ALLOWANCE)


class LongNumber:
    """A whole number in the file too long to be any field's value, shown by its length."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits
        """How many digits it has."""

    def __repr__(self) -> str:
        return f"a {self.digits}-digit number"


def parse_int(text: str) -> int | LongNumber:
    """Read a JSON whole number (for `json.loads(parse_int=...)`), a long one as a LongNumber."""
    digits = len(text) - text.startswith("-")
    return LongNumber(digits) if digits > LONG_NUMBER_DIGITS else int(text)


def is_text(value: str) -> bool:
    """True unless `value` holds a lone surrogate (JSON can spell one; UTF-8 cannot hold it)
    or a NUL (JSON can spell that too; C strings, SQLite's text functions and terminals end
    or go wrong at it)."""
    if "\x00" in value:
        return False
    return value.isascii() or LONE_SURROGATE.search(value) is None


def printable(value: str) -> str:
    """`value` with any lone surrogate written as an escape, safe to print or write."""
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


class ImportChecker:
    """Collects problems while reading values out of parsed JSON."""

    def __init__(self, latest: str) -> None:
        self.problems: list[str] = []
        """One line per problem, each naming its record."""
        self.latest = latest
        """The latest time accepted, in the stored form (see `latest_time`)."""

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def text(self, where: str, obj: dict[str, Any], key: str, empty_ok: bool = False) -> str:
        value = obj.get(key)
        if not isinstance(value, str) or (not empty_ok and not value.strip()):
            self.fail(where, f"'{key}' must be a non-empty string, not {value!r}")
            return ""
        if "\x00" in value:
            self.fail(where, f"'{key}' must not hold a NUL character, not {value!r}")
            return ""
        if not is_text(value):
            self.fail(where, f"'{key}' must be text without lone surrogates, not {value!r}")
            return ""
        return value

    def time(self, where: str, obj: dict[str, Any], key: str, null_ok: bool = False) -> str | None:
        value = obj.get(key)
        if value is None and null_ok:
            return None
        problem = "must be an ISO-8601 time with a zone"
        if isinstance(value, str):
            try:
                stored = normalise_iso(value)
            except ValueError:
                problem = _beyond_utc(value) or problem
            else:
                if EARLIEST_TIME <= stored <= self.latest:
                    return stored
                problem = BEFORE_1970 if stored < EARLIEST_TIME else IN_THE_FUTURE
        self.fail(where, f"'{key}' {problem}, not {value!r}")
        return None

    def choice(
        self, where: str, obj: dict[str, Any], key: str, allowed: Sequence[str | None]
    ) -> str | None:
        value = obj.get(key)
        if value not in allowed:
            names = ", ".join("null" if a is None else repr(a) for a in allowed)
            self.fail(where, f"'{key}' must be one of {names}, not {value!r}")
            return None
        return value

    def count(self, where: str, obj: dict[str, Any], key: str, low: int, high: int) -> int | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(where, f"'{key}' must be a whole number from {low} to {high}, not {value!r}")
            return None
        return value

    def millis(self, where: str, obj: dict[str, Any], key: str) -> int | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1e7:
            self.fail(where, f"'{key}' must be a number of seconds (0 or more), not {value!r}")
            return None
        return round(value * 1000)

    def keys(self, where: str, obj: object, keys: Sequence[str]) -> bool:
        if not isinstance(obj, dict):
            self.fail(where, f"must be an object, not {type(obj).__name__}")
            return False
        missing = [k for k in keys if k not in obj]
        if missing:
            self.fail(where, "missing " + ", ".join(f"'{k}'" for k in missing))
            return False
        return True


def _beyond_utc(value: str) -> str | None:
    """Which end a zoned time falls off when it has no place in UTC (year 1 east of
    Greenwich, year 9999 west of it); None when it is not a zoned time at all."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return BEFORE_1970 if moment.year < 1970 else IN_THE_FUTURE


def _stored_time(value: object, latest: str) -> str | None:
    """`value` if it is already a valid, accepted time in the stored form, else None."""
    # Stored times sort in time order, so the range is two string comparisons.
    if type(value) is not str or not STORED_TIME.fullmatch(value):
        return None
    if not EARLIEST_TIME <= value <= latest:
        return None
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return None
    return value


def _seconds_ms(value: object) -> int | bool | None:
    """Seconds as milliseconds; False when not a plain non-negative number."""
    if value is None:
        return None
    if type(value) not in (int, float) or not 0 <= value < 1e7:  # type: ignore[operator]
        return False
    return round(value * 1000)  # type: ignore[operator]


def _reps(value: object, low: int) -> bool:
    return value is None or (type(value) is int and low <= value <= 100_000)


def fast_interval(raw: object, latest: str) -> IntervalRecord | None:
    """The record when `raw` is a well-formed interval in the exported form, else None.

    A file written by evenside takes this path for every interval; anything
    else goes through `ImportChecker`, which explains what is wrong.
    """
    if type(raw) is not dict or len(raw) != len(INTERVAL_KEYS):
        return None
    try:
        exercise_id, exercise, side, set_number, kind, planned, actual = _HEAD(raw)
        planned_reps, done_reps, status, started_at, ended_at = _TAIL(raw)
    except KeyError:
        return None
    planned_ms = _seconds_ms(planned)
    actual_ms = _seconds_ms(actual)
    started = _stored_time(started_at, latest)
    ended = _stored_time(ended_at, latest)
    if not (
        type(exercise_id) is str
        and exercise_id.strip()
        and is_text(exercise_id)
        and type(exercise) is str
        and is_text(exercise)
        and side in ("left", "right", None)
        and (set_number is None or (type(set_number) is int and 1 <= set_number <= 10_000))
        and kind in ("hold", "reps")
        and planned_ms is not False
        and actual_ms is not False
        and _reps(planned_reps, 0)
        and _reps(done_reps, 0)
        and status in ("done", "skipped", "partial")
        and started
        and ended
    ):
        return None
    return IntervalRecord(
        exercise_id,
        exercise,
        side,
        set_number,
        kind,
        planned_ms,
        actual_ms,
        planned_reps,
        done_reps,
        status,
        started,
        ended,
    )
