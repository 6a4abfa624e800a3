"""Provides `import_history`: merge a JSON export into the store, all or nothing.

Every record is checked before anything is written, and each problem names
the record (`session 3 (id ...), interval 7: ...`). Sessions are merged by
id: one already held is left as it is, so importing a file twice changes
nothing the second time.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from evenside.history.export import EXPORT_FORMAT, EXPORT_VERSION, INTERVAL_KEYS
from evenside.history.import_checks import (
    ImportChecker,
    fast_interval,
    latest_time,
    parse_int,
    printable,
)
from evenside.history.records import (
    PAIN_MAX,
    RATING_MOMENTS,
    RATING_SIDES,
    IntervalRecord,
    RatingRecord,
    SessionRecord,
)
from evenside.history.store import INSERT_INTERVAL, HistoryStore, interval_values
from evenside.history.timestamps import utc_now
from evenside.history.totals import paused_totals
from evenside.history.transaction import transaction

MAX_ERRORS = 20


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


def _interval(check: ImportChecker, where: str, raw: object) -> IntervalRecord | None:
    fast = fast_interval(raw, check.latest)
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


def _session(check: ImportChecker, number: int, raw: object) -> SessionRecord | None:
    where = f"session {number}"
    keys = ("id", "routine", "started_at", "ended_at", "status", "ratings", "intervals")
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        where += f" (id {printable(raw['id'][:40])})"
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
                if item["pain"] is None:
                    check.fail(at, "'pain' is required")
                elif pain is not None and moment is not None:
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


def parse_history(document: object, now: datetime | None = None) -> list[SessionRecord]:
    """Validate a parsed JSON export; raise HistoryImportError listing the problems.

    Times later than a day past `now` (the wall clock by default) are refused.
    """
    check = ImportChecker(latest_time(now or utc_now()))
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


def read_history_file(path: Path, now: datetime | None = None) -> list[SessionRecord]:
    """Read and validate a JSON export file; raise HistoryImportError with a clear message."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise HistoryImportError([f"{path}: not UTF-8 text"]) from None
    except OSError as error:
        raise HistoryImportError([f"{path}: {error.strerror or error}"]) from None
    try:
        document = json.loads(text, parse_int=parse_int)
    except json.JSONDecodeError as error:
        raise HistoryImportError(
            [f"{path}:{error.lineno}:{error.colno}: not JSON: {error.msg}"]
        ) from None
    except RecursionError:
        raise HistoryImportError([f"{path}: nested too deeply"]) from None
    return parse_history(document, now)


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
    """Validate the JSON export at `path` and merge it into the store, all or nothing.

    The store's clock says how far in the future a time may be.
    """
    return import_sessions(store, read_history_file(path, store.now()))
