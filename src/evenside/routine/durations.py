"""Provides duration parsing and formatting: `45s`, `2m`, `1m30s`, `1:30`, `7.5` to integer ms.

The same regular expression pieces build the Python parser and the pattern in
the JSON Schema, so an editor and `evenside check` agree on what is readable.
"""

from __future__ import annotations

import re

from evenside.routine.model import MAX_DURATION_MS

_NUM = r"[0-9]+(?:\.[0-9]+)?"
# Longest spellings first, so the pattern reads naturally; anchors make order irrelevant.
_HOURS = r"(?:hours|hour|hrs|hr|h)"
_MINUTES = r"(?:minutes|minute|mins|min|m)"
_SECONDS = r"(?:seconds|second|secs|sec|s)"
_LONGEST_TEXT = 64
_MS_PER = {"h": 3_600_000, "m": 60_000, "s": 1_000}


def _num(name: str | None) -> str:
    return f"(?P<{name}>{_NUM})" if name else _NUM


def _units(named: bool) -> str:
    h, m, s = (_num(n if named else None) for n in ("h", "m", "s"))
    m2, s2, s3 = (_num(n if named else None) for n in ("m2", "s2", "s3"))
    return (
        f"{h} *{_HOURS}(?: *{m} *{_MINUTES})?(?: *{s} *{_SECONDS})?"
        f"|{m2} *{_MINUTES}(?: *{s2} *{_SECONDS})?"
        f"|{s3} *{_SECONDS}"
    )


def _clock(named: bool) -> str:
    a, b = ("(?P<c1>[0-9]+)", "(?P<c2>[0-5][0-9])") if named else ("[0-9]+", "[0-5][0-9]")
    c = "(?P<c3>[0-5][0-9])" if named else "[0-5][0-9]"
    frac = "(?P<cf>\\.[0-9]+)" if named else "\\.[0-9]+"
    return f"{a}:{b}(?::{c})?(?:{frac})?"


DURATION_PATTERN = f"^ *(?:{_NUM}|{_clock(False)}|{_units(False)}) *$"
"""The readable duration strings, as an ECMAScript-compatible pattern (for the schema)."""

_PLAIN_RE = re.compile(f"(?P<n>{_NUM})")
_CLOCK_RE = re.compile(_clock(True))
_UNITS_RE = re.compile(_units(True))

HINT = "write e.g. 45s, 2m, 1m30s, 1:30 or a number of seconds"


class DurationError(ValueError):
    """A duration that cannot be read, or is out of range; the message says why."""


def parse_duration(value: object, *, allow_zero: bool = True) -> int:
    """Read `value` (a number of seconds, or a string such as `1m30s`) as integer milliseconds.

    Raises DurationError for unreadable, negative, zero (unless allowed) or
    over-4-hour values.
    """
    if isinstance(value, bool):
        raise DurationError(f"a duration cannot be {str(value).lower()}; {HINT}")
    if isinstance(value, int | float):
        text = repr(value)
    elif isinstance(value, str):
        text = value.strip(" ")
    else:
        raise DurationError(f"a duration must be a number or text; {HINT}")
    ms = _parse_text(text)
    if ms == 0 and not allow_zero:
        raise DurationError("must be longer than 0")
    if ms > MAX_DURATION_MS:
        raise DurationError(f"{text} is over the 4-hour limit")
    return ms


def _parse_text(text: str) -> int:
    if text.startswith("-") and len(text) > 1 and _readable(text[1:].strip()):
        raise DurationError(f"{text} is negative; a duration must be 0 or more")
    if not _readable(text):
        shown = text if len(text) <= _LONGEST_TEXT else text[:_LONGEST_TEXT] + "..."
        raise DurationError(f"cannot read {shown!r} as a duration; {HINT}")
    if match := _PLAIN_RE.fullmatch(text):
        return _to_ms(match["n"], 1_000, text)
    if match := _CLOCK_RE.fullmatch(text):
        seconds = 0
        for group in ("c1", "c2", "c3"):
            if match[group] is not None:
                seconds = seconds * 60 + int(match[group])
        return seconds * 1_000 + (_to_ms("0" + match["cf"], 1_000, text) if match["cf"] else 0)
    match = _UNITS_RE.fullmatch(text)
    assert match is not None  # _readable() said it matches one of the three forms
    total = 0
    for group, unit in (("h", "h"), ("m", "m"), ("s", "s"), ("m2", "m"), ("s2", "s"), ("s3", "s")):
        if match[group] is not None:
            total += _to_ms(match[group], _MS_PER[unit], text)
    return total


def _readable(text: str) -> bool:
    if len(text) > _LONGEST_TEXT:
        return False
    return any(r.fullmatch(text) for r in (_PLAIN_RE, _CLOCK_RE, _UNITS_RE))


def _to_ms(number: str, unit_ms: int, text: str) -> int:
    # Exact decimal arithmetic on the digits: "7.5" x 1000 is 7500, never 7499.999.
    whole, _, fraction = number.partition(".")
    scaled = int(whole + fraction) * unit_ms
    ms, remainder = divmod(scaled, 10 ** len(fraction))
    if remainder:
        raise DurationError(f"{text} is finer than a millisecond")
    return int(ms)


def format_duration(ms: int) -> str:
    """The routine file's own notation, exact to the millisecond: `45s`, `2m`, `1m30s`,
    `1h5m`, `7.5s` (it reads back to the same ms; clocks for people are in `evenside.wording`)."""
    if ms == 0:
        return "0s"
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    parts = []
    if hours:
        parts.append(f"{hours}h")
    if minutes:
        parts.append(f"{minutes}m")
    if rest:
        fraction = f".{millis:03d}".rstrip("0") if millis else ""
        parts.append(f"{seconds}{fraction}s")
    return "".join(parts)
