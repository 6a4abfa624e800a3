"""Provides `import_history`: merge a JSON export into the store, all or nothing.

Every record is checked before the import is committed, and each problem
names the record (`session 3 (id ...), interval 7: ...`); one problem and
nothing is imported. Sessions are merged by id: one already held is left as
it is (and its intervals are not read), so importing a file twice changes
nothing the second time. A session's `paused_seconds` is optional (an
earlier evenside's export has none). A file as evenside exports it is read one session
at a time (`json_stream`) and written in batches inside one transaction, so
memory stays bounded and time grows in step with the file; any other layout
is read whole. A session's intervals in the exported form are checked a
column at a time (`import_checks.fast_intervals`), written many rows to a
statement and added to the balance totals by sums kept as they go by, instead
of a trigger run per row (`import_writer`).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from operator import attrgetter
from pathlib import Path

from evenside.history.export import EXPORT_FORMAT, EXPORT_VERSION, INTERVAL_KEYS, PAUSED_KEY
from evenside.history.import_checks import (
    EMPTY_COLUMNS,
    ImportChecker,
    IntervalColumns,
    fast_intervals,
    latest_time,
    parse_int,
    printable,
)
from evenside.history.import_writer import ImportWriter, bulk_settings
from evenside.history.json_stream import ExportStream, NotStreamable
from evenside.history.records import (
    PAIN_MAX,
    RATING_MOMENTS,
    RATING_SIDES,
    IntervalRecord,
    RatingRecord,
    SessionRecord,
)
from evenside.history.store import HistoryStore
from evenside.history.timestamps import utc_now
from evenside.history.totals import paused_triggers
from evenside.history.transaction import transaction

MAX_ERRORS = 20
BATCH_SESSIONS = 1_000
"""Sessions validated and held in memory before they are written."""
CANONICAL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
"""A UUID in the one form history keeps (`str(uuid.UUID(...))`), which needs no parse."""
SESSION_KEYS = ("id", "routine", "started_at", "ended_at", "status", "ratings", "intervals")


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


def _session(
    check: ImportChecker, number: int, raw: object
) -> tuple[SessionRecord, IntervalColumns] | None:
    """The session without its intervals, and its intervals as columns; None (the problems
    noted in `check`) when anything in it is wrong."""
    where = f"session {number}"
    keys = SESSION_KEYS
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        where += f" (id {printable(raw['id'][:40])})"
    if not check.keys(where, raw, keys):
        return None
    assert isinstance(raw, dict)
    before = len(check.problems)
    session_id = check.text(where, raw, "id")
    if not CANONICAL_ID.fullmatch(session_id):
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
    columns = EMPTY_COLUMNS
    if not isinstance(raw["intervals"], list):
        check.fail(where, "'intervals' must be a list")
    else:
        fast = fast_intervals(raw["intervals"], check.latest)
        if fast is not None:
            columns = fast
        else:
            # Not all in the exported form: each interval checked on its own and named.
            intervals: list[IntervalRecord] = []
            for index, item in enumerate(raw["intervals"], start=1):
                record = _interval(check, f"{where}, interval {index}", item)
                if record is not None:
                    intervals.append(record)
            columns = _columns(intervals)
    session = SessionRecord(
        id=session_id,
        routine=check.text(where, raw, "routine", empty_ok=True),
        content_hash="",
        started_at=check.time(where, raw, "started_at") or "",
        ended_at=check.time(where, raw, "ended_at", null_ok=True),
        # An export taken mid-session has no status; elsewhere it can only be unfinished.
        status=check.choice(where, raw, "status", ("completed", "stopped", "interrupted", None))
        or "interrupted",
        # Optional: an export by an earlier evenside has none (the time taken is then start
        # to end, as it was shown there).
        paused_ms=check.millis(where, raw, PAUSED_KEY),
        ratings=tuple(ratings),
    )
    return (session, columns) if len(check.problems) == before else None


_RECORD_VALUES = attrgetter(*(field.name for field in fields(IntervalRecord)))


def _columns(records: Sequence[IntervalRecord]) -> IntervalColumns:
    """Interval records as columns."""
    return tuple(zip(*map(_RECORD_VALUES, records), strict=True)) if records else EMPTY_COLUMNS


def _records(columns: IntervalColumns) -> tuple[IntervalRecord, ...]:
    """Columns as interval records."""
    return tuple(IntervalRecord(*row) for row in zip(*columns, strict=True))


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
        parsed = _session(check, number, raw)
        if parsed is not None:
            session = replace(parsed[0], intervals=_records(parsed[1]))
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
    with transaction(conn), paused_triggers(conn):
        held = store.session_ids()
        writer = ImportWriter(conn)
        for session in sessions:
            if session.id in held:
                skipped += 1
                continue
            writer.add(session, _columns(session.intervals))
            held.add(session.id)
            added += 1
            intervals += len(session.intervals)
            if writer.pending >= BATCH_SESSIONS:
                writer.write()
        writer.finish()
    return ImportResult(added, intervals, skipped)


def import_history(store: HistoryStore, path: Path) -> ImportResult:
    """Validate the JSON export at `path` and merge it into the store, all or nothing.

    The store's clock says how far in the future a time may be.
    """
    try:
        return _import_streaming(store, path)
    except NotStreamable:
        # Another layout, or not JSON: read whole, so every message is the one it always was.
        return import_sessions(store, read_history_file(path, store.now()))


def _import_streaming(store: HistoryStore, path: Path) -> ImportResult:
    """Import a file laid out as evenside exports it, a session at a time, in one transaction.

    Raises NotStreamable, with nothing written, at the first thing it cannot take: a
    layout of another kind, text that is not JSON, or a record with a problem. Reading
    the file whole then names every problem, in the words it always has.
    """
    check = ImportChecker(latest_time(store.now()))
    try:
        handle = path.open("rb")
    except OSError:
        raise NotStreamable from None
    conn = store.conn
    with (
        handle,
        bulk_settings(conn),
        transaction(conn),
        paused_triggers(conn),
        ImportWriter(conn, background=True) as writer,
    ):
        # Plain int: numbers go straight through json's C scanner. A number too long for any
        # field is refused by the checks below (or by int), and the whole-file reading names it.
        stream = ExportStream(handle, int)
        header = stream.header(("format", "version"))
        if header["format"] != EXPORT_FORMAT or header["version"] != EXPORT_VERSION:
            raise NotStreamable
        held = store.session_ids()
        seen: set[str] = set()
        added = skipped = intervals = 0
        for number, raw in enumerate(stream.sessions(), start=1):
            held_id = _held_id(raw, held)
            if held_id is not None:
                # Already in this history and left as it is: its intervals are not read.
                session_id = held_id
                skipped += 1
            else:
                parsed = _session(check, number, raw)
                if parsed is None:
                    raise NotStreamable
                session, columns = parsed
                session_id = session.id
                writer.add(session, columns)
                added += 1
                intervals += len(columns[0])
            if session_id in seen:
                raise NotStreamable  # the same id twice: the whole-file reading names both
            seen.add(session_id)
            if writer.pending >= BATCH_SESSIONS:
                writer.write()
        stream.finish()
        writer.finish()
    return ImportResult(added, intervals, skipped)


def _held_id(raw: object, held: set[str]) -> str | None:
    """The id of `raw` when it is a session of the export's shape that this history holds."""
    if type(raw) is not dict:
        return None
    session_id = raw.get("id")
    if type(session_id) is not str or not all(key in raw for key in SESSION_KEYS):
        return None
    if session_id in held:
        return session_id
    if CANONICAL_ID.fullmatch(session_id):
        return None  # already in the one form held: not held
    try:
        canonical = str(uuid.UUID(session_id))
    except ValueError:
        return None
    return canonical if canonical in held else None
