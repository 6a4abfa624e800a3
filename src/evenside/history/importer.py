"""Provides `import_history`: merge a JSON export into the store, all or nothing.

Every record is checked before anything is written, and each problem names
the record (`session 3 (id ...), interval 7: ...`). Sessions are merged by
id: one already held is left as it is, so importing a file twice changes
nothing the second time.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from evenside.history.export import EXPORT_FORMAT, EXPORT_VERSION, INTERVAL_KEYS
from evenside.history.records import (
    PAIN_MAX,
    RATING_MOMENTS,
    RATING_SIDES,
    IntervalRecord,
    RatingRecord,
    SessionRecord,
)
from evenside.history.store import INSERT_INTERVAL, HistoryStore, interval_values
from evenside.history.timestamps import normalise_iso
from evenside.history.totals import paused_totals
from evenside.history.transaction import transaction

MAX_ERRORS = 20
STORED_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")

_HEAD = itemgetter(*INTERVAL_KEYS[:7])
_TAIL = itemgetter(*INTERVAL_KEYS[7:])


class HistoryImportError(ValueError):
    """The file cannot be imported; `problems` lists every reason found (up to a limit)."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__(problems[0] if problems else "invalid history file")
        self.problems = list(problems)
        """One line per problem, each naming its record."""


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    added_sessions: int
    """Sessions new to this history."""
    added_intervals: int
    """Intervals in those sessions."""
    skipped_sessions: int
    """Sessions already held (by id), left untouched."""


class _Checker:
    """Collects problems while reading values out of parsed JSON."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def text(self, where: str, obj: dict[str, Any], key: str, empty_ok: bool = False) -> str:
        value = obj.get(key)
        if not isinstance(value, str) or (not empty_ok and not value.strip()):
            self.fail(where, f"'{key}' must be a non-empty string, not {value!r}")
            return ""
        return value

    def time(self, where: str, obj: dict[str, Any], key: str, null_ok: bool = False) -> str | None:
        value = obj.get(key)
        if value is None and null_ok:
            return None
        try:
            if not isinstance(value, str):
                raise ValueError
            return normalise_iso(value)
        except ValueError:
            self.fail(where, f"'{key}' must be an ISO-8601 time with a zone, not {value!r}")
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


def _stored_time(value: object) -> str | None:
    """`value` if it is already a valid timestamp in the stored form, else None."""
    if type(value) is not str or not STORED_TIME.fullmatch(value):
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


def _fast_interval(raw: object) -> IntervalRecord | None:
    """The record when `raw` is a well-formed interval in the exported form, else None.

    A file written by evenside takes this path for every interval; anything
    else goes through the checks that explain what is wrong.
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
    started = _stored_time(started_at)
    ended = _stored_time(ended_at)
    if not (
        type(exercise_id) is str
        and exercise_id.strip()
        and type(exercise) is str
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


def _interval(check: _Checker, where: str, raw: object) -> IntervalRecord | None:
    fast = _fast_interval(raw)
    if fast is not None:
        return fast
    if not check.keys(where, raw, INTERVAL_KEYS):
        return None
    assert isinstance(raw, dict)
    before = len(check.problems)
    record = IntervalRecord(
        exercise_id=check.text(where, raw, "exercise_id"),
        exercise=check.text(where, raw, "exercise", empty_ok=True),
        side=check.choice(where, raw, "side", ("left", "right", None)),
        set_number=check.count(where, raw, "set", 1, 10_000),
        kind=check.choice(where, raw, "kind", ("hold", "reps")) or "",
        planned_ms=check.millis(where, raw, "planned_seconds"),
        actual_ms=check.millis(where, raw, "actual_seconds"),
        planned_reps=check.count(where, raw, "planned_reps", 0, 100_000),
        done_reps=check.count(where, raw, "done_reps", 0, 100_000),
        status=check.choice(where, raw, "status", ("done", "skipped", "partial")) or "",
        started_at=check.time(where, raw, "started_at") or "",
        ended_at=check.time(where, raw, "ended_at") or "",
    )
    return record if len(check.problems) == before else None


def _session(check: _Checker, number: int, raw: object) -> SessionRecord | None:
    where = f"session {number}"
    keys = ("id", "routine", "started_at", "ended_at", "status", "ratings", "intervals")
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        where += f" (id {raw['id'][:40]})"
    if not check.keys(where, raw, keys):
        return None
    assert isinstance(raw, dict)
    before = len(check.problems)
    session_id = check.text(where, raw, "id")
    try:
        session_id = str(uuid.UUID(session_id))
    except ValueError:
        check.fail(where, f"'id' must be a UUID, not {raw['id']!r}")
    ratings: list[RatingRecord] = []
    if not isinstance(raw["ratings"], list):
        check.fail(where, "'ratings' must be a list")
    else:
        for index, item in enumerate(raw["ratings"], start=1):
            at = f"{where}, rating {index}"
            if check.keys(at, item, ("when", "side", "pain")):
                moment = check.choice(at, item, "when", RATING_MOMENTS)
                side = check.choice(at, item, "side", RATING_SIDES)
                pain = check.count(at, item, "pain", 0, PAIN_MAX)
                if pain is None:
                    check.fail(at, "'pain' is required")
                elif moment is not None:
                    ratings.append(RatingRecord(moment, side, pain))
    intervals: list[IntervalRecord] = []
    if not isinstance(raw["intervals"], list):
        check.fail(where, "'intervals' must be a list")
    else:
        for index, item in enumerate(raw["intervals"], start=1):
            record = _interval(check, f"{where}, interval {index}", item)
            if record is not None:
                intervals.append(record)
    session = SessionRecord(
        id=session_id,
        routine=check.text(where, raw, "routine", empty_ok=True),
        content_hash="",
        started_at=check.time(where, raw, "started_at") or "",
        ended_at=check.time(where, raw, "ended_at", null_ok=True),
        # An export taken mid-session has no status; elsewhere it can only be unfinished.
        status=check.choice(where, raw, "status", ("completed", "stopped", "interrupted", None))
        or "interrupted",
        intervals=tuple(intervals),
        ratings=tuple(ratings),
    )
    return session if len(check.problems) == before else None


def parse_history(document: object) -> list[SessionRecord]:
    """Validate a parsed JSON export; raise HistoryImportError listing the problems."""
    check = _Checker()
    if not check.keys("the file", document, ("format", "version", "sessions")):
        raise HistoryImportError(check.problems)
    assert isinstance(document, dict)
    if document["format"] != EXPORT_FORMAT:
        check.fail("the file", f"'format' must be {EXPORT_FORMAT!r}, not {document['format']!r}")
    if document["version"] != EXPORT_VERSION:
        check.fail("the file", f"'version' {document['version']!r} is not supported (only 1)")
    if not isinstance(document["sessions"], list):
        check.fail("the file", "'sessions' must be a list")
    if check.problems:
        raise HistoryImportError(check.problems)
    sessions: list[SessionRecord] = []
    seen: set[str] = set()
    for number, raw in enumerate(document["sessions"], start=1):
        session = _session(check, number, raw)
        if session is not None:
            if session.id in seen:
                check.fail(f"session {number} (id {session.id})", "the same id appears twice")
            seen.add(session.id)
            sessions.append(session)
        if len(check.problems) >= MAX_ERRORS:
            check.problems.append("(stopped after the first problems)")
            break
    if check.problems:
        raise HistoryImportError(check.problems)
    return sessions


def read_history_file(path: Path) -> list[SessionRecord]:
    """Read and validate a JSON export file; raise HistoryImportError with a clear message."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise HistoryImportError([f"{path}: not UTF-8 text"]) from None
    except OSError as error:
        raise HistoryImportError([f"{path}: {error.strerror or error}"]) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise HistoryImportError(
            [f"{path}:{error.lineno}:{error.colno}: not JSON: {error.msg}"]
        ) from None
    except RecursionError:
        raise HistoryImportError([f"{path}: nested too deeply"]) from None
    return parse_history(document)


def import_sessions(store: HistoryStore, sessions: Sequence[SessionRecord]) -> ImportResult:
    """Add the sessions not already held, in one transaction."""
    conn = store.conn
    added = skipped = intervals = 0
    with transaction(conn), paused_totals(conn):
        held = store.session_ids()
        for session in sessions:
            if session.id in held:
                skipped += 1
                continue
            conn.execute(
                "INSERT INTO sessions (id, routine, content_hash, started_at, ended_at, status) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    session.id,
                    session.routine,
                    session.content_hash,
                    session.started_at,
                    session.ended_at,
                    session.status,
                ),
            )
            conn.executemany(
                INSERT_INTERVAL,
                (interval_values(session.id, n, r) for n, r in enumerate(session.intervals, 1)),
            )
            conn.executemany(
                "INSERT OR REPLACE INTO ratings (session_id, moment, side, pain) "
                "VALUES (?, ?, ?, ?)",
                ((session.id, r.moment, r.side or "", r.pain) for r in session.ratings),
            )
            held.add(session.id)
            added += 1
            intervals += len(session.intervals)
    return ImportResult(added, intervals, skipped)


def import_history(store: HistoryStore, path: Path) -> ImportResult:
    """Validate the JSON export at `path` and merge it into the store, all or nothing."""
    return import_sessions(store, read_history_file(path))
