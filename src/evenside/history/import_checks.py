"""Provides the checks every imported value passes, each failure one line naming its record.

Two ways through, holding to the same rules: `fast_intervals` takes a
session's intervals exactly as evenside exports them, a column at a time (a
20-year file holds 657,000 of them); anything else goes through
`ImportChecker`, which says what is wrong and where. The rules: text SQLite can store (no lone
surrogates), numbers in range (one too long to convert is named, never
converted), and times in the one stored UTC form, from 1970 to a day past the
importing machine's clock, so they sort in time order and export again.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any

from evenside.history.export import INTERVAL_KEYS
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

IntervalColumns = tuple[Sequence[Any], ...]
"""A session's intervals as twelve columns, in `IntervalRecord`'s field order, as stored."""
EMPTY_COLUMNS: IntervalColumns = ((),) * len(INTERVAL_KEYS)
"""The columns of a session without intervals."""

_INTERVAL_VALUES = itemgetter(*INTERVAL_KEYS)
# The stored form with every field in its range, the day in its month: a time is matched
# without a parse, and many at a time, one to a line. The 29th of February is left to the
# checks that parse (a leap year or not), as any other form is.
_DATE = (
    r"\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8]))"
)
_TIME = rf"{_DATE}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{{3}}Z"
_STORED_TIMES = re.compile(f"{_TIME}(?:\n{_TIME})*", re.ASCII)
_SIDES = {"left", "right", None}
_KINDS = {"hold", "reps"}
_STATUSES = {"done", "skipped", "partial"}
_INT: set[type] = {int}
_NUMBER: set[type] = {int, float}
_SECONDS_MAX = math.nextafter(1e7, 0)
"""The largest float below 1e7: `ImportChecker.millis` takes seconds under 1e7."""


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
        # Already in the stored form (as exported), which normalising would not change.
        if (
            type(value) is str
            and len(value) == 24
            and _STORED_TIMES.fullmatch(value)
            and EARLIEST_TIME <= value <= self.latest
        ):
            return value
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


def _texts(values: Iterable[object], empty_ok: bool) -> bool:
    """True when every value is text `ImportChecker.text` accepts."""
    return all(
        type(value) is str and (empty_ok or value.strip()) and is_text(value) for value in values
    )


def _numbers(values: Iterable[Any], types: set[type], low: float, high: float) -> bool:
    """True when every value is None or of one of `types` (never bool), from low to high."""
    kinds = set(map(type, values))
    kinds.discard(type(None))
    if not kinds <= types:
        return False
    if not kinds:
        return True
    distinct = set(values)
    distinct.discard(None)
    if float in kinds and not all(value == value for value in distinct):
        return False  # NaN, which compares false to everything, min and max included
    return bool(low <= min(distinct) and max(distinct) <= high)


def _times(values: Sequence[Any], latest: str) -> bool:
    """True when every value is a time in the stored form, from 1970 to `latest`."""
    # One match over the values joined: each is a whole line of exactly 24 characters, and as
    # many lines as values (a value holding a newline would make more).
    joined = "\n".join(values)
    if len(joined) != 25 * len(values) - 1 or not _STORED_TIMES.fullmatch(joined):
        return False
    # Stored times sort in time order, so the range is two string comparisons.
    return bool(min(values) >= EARLIEST_TIME and max(values) <= latest)


def fast_intervals(raws: Sequence[Any], latest: str) -> IntervalColumns | None:
    """A session's intervals as columns when every one is well-formed in the exported form,
    else None.

    A file written by evenside takes this path for every session, judged a column at a
    time (a column holds few distinct values but the times); anything else goes through
    `ImportChecker`, which explains what is wrong.
    """
    if not raws:
        return EMPTY_COLUMNS
    try:
        # Every interval an object holding every key (extra keys are ignored, as the checks
        # ignore them); an unhashable value (a list, an object) raises TypeError in a set.
        rows = list(map(_INTERVAL_VALUES, raws))
        (
            exercise_ids,
            exercises,
            sides,
            sets,
            kinds,
            planned,
            actual,
            planned_reps,
            done_reps,
            statuses,
            started,
            ended,
        ) = zip(*rows, strict=True)
        if not (
            set(sides) <= _SIDES
            and set(kinds) <= _KINDS
            and set(statuses) <= _STATUSES
            and _texts(set(exercise_ids), empty_ok=False)
            and _texts(set(exercises), empty_ok=True)
            and _numbers(sets, _INT, 1, 10_000)
            and _numbers(planned_reps, _INT, 0, 100_000)
            and _numbers(done_reps, _INT, 0, 100_000)
            and _numbers(planned, _NUMBER, 0, _SECONDS_MAX)
            and _numbers(actual, _NUMBER, 0, _SECONDS_MAX)
            and _times(started + ended, latest)
        ):
            return None
    except (KeyError, TypeError):
        return None
    # Seconds as milliseconds, converted once per distinct value.
    millis: dict[object, int | None] = {None: None}
    for value in set(planned) | set(actual):
        if value is not None:
            millis[value] = round(value * 1000)
    convert = millis.__getitem__
    return (
        exercise_ids,
        exercises,
        sides,
        sets,
        kinds,
        tuple(map(convert, planned)),
        tuple(map(convert, actual)),
        planned_reps,
        done_reps,
        statuses,
        started,
        ended,
    )
