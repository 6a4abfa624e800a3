"""Provides the history exports: CSV (a row per interval, pain rating and morning check-in) and
JSON (the import format).

Both stream session by session, so 20 years of history never sits in memory
as one document. In the CSV a session's pain ratings follow its intervals as
rows of kind `pain`, and the morning check-ins come last as rows of kind
`checkin` (README, "History"). CSV cells that a spreadsheet would run as a formula are
defused with a leading apostrophe. `private_output` writes an export file all
or nothing: yesterday's backup survives a failed export.
"""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TextIO

from evenside.history.records import IntervalRecord, SessionRecord
from evenside.history.store import HistoryStore
from evenside.locations import PRIVATE_FILE_MODE, refuse_protected

EXPORT_FORMAT = "evenside-history"
EXPORT_VERSION = 1
# OWASP's list: these open a formula in Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = frozenset("=+-@\t\r")

INTERVAL_KEYS = (
    "exercise_id",
    "exercise",
    "side",
    "set",
    "kind",
    "planned_seconds",
    "actual_seconds",
    "planned_reps",
    "done_reps",
    "status",
    "started_at",
    "ended_at",
)
"""The keys of one interval in the JSON export (the importer reads exactly these)."""

PAUSED_KEY = "paused_seconds"
"""A session's time paused in the JSON export (optional: absent when not known); its time
taken is ended_at - started_at - paused_seconds."""

PAIN_COLUMNS = ("pain_moment", "pain", "checkin_day")
"""The CSV's last columns: filled on the rows of a pain rating or a morning check-in only."""
PAIN_KIND = "pain"
"""The `kind` of a CSV row holding a session's pain rating (before or after, one side)."""
CHECKIN_KIND = "checkin"
"""The `kind` of a CSV row holding a morning check-in (one side's pain on a local day)."""

CSV_COLUMNS = (
    "session_id",
    "routine",
    "session_started_at",
    "session_ended_at",
    "session_status",
    "session_paused_seconds",
    *INTERVAL_KEYS,
    *PAIN_COLUMNS,
)


def seconds(ms: int | None) -> int | float | None:
    """Milliseconds as seconds: a whole number when exact, else a decimal."""
    if ms is None:
        return None
    return ms // 1000 if ms % 1000 == 0 else ms / 1000


def defuse(value: object) -> object:
    """A text cell that would start a spreadsheet formula, prefixed with an apostrophe."""
    if type(value) is str and value and value[0] in FORMULA_STARTS:
        return "'" + value
    return value


def interval_json(record: IntervalRecord) -> dict[str, Any]:
    """One interval in the JSON export shape."""
    return {
        "exercise_id": record.exercise_id,
        "exercise": record.exercise,
        "side": record.side,
        "set": record.set_number,
        "kind": record.kind,
        "planned_seconds": seconds(record.planned_ms),
        "actual_seconds": seconds(record.actual_ms),
        "planned_reps": record.planned_reps,
        "done_reps": record.done_reps,
        "status": record.status,
        "started_at": record.started_at,
        "ended_at": record.ended_at,
    }


def session_json(session: SessionRecord) -> dict[str, Any]:
    """One session in the JSON export shape.

    `paused_seconds` is left out when the paused time is not known (a session recorded
    before it was kept): such a session reads as an earlier evenside wrote it, so a sync
    folder's lines for it stay the same, and the file imports into an earlier evenside.
    """
    head: dict[str, Any] = {
        "id": session.id,
        "routine": session.routine,
        "started_at": session.started_at,
        "ended_at": session.ended_at,
        "status": session.status,
    }
    if session.paused_ms is not None:
        head[PAUSED_KEY] = seconds(session.paused_ms)
    return {
        **head,
        "ratings": [{"when": r.moment, "side": r.side, "pain": r.pain} for r in session.ratings],
        "intervals": [interval_json(i) for i in session.intervals],
    }


# The JSON export, one session per row, its text built by SQLite: each value through
# `json_quote` (the escapes json.dumps writes; NULL as null), laid out with json.dumps's own
# ", " and ": ", so each row is `json.dumps(session_json(...), ensure_ascii=False)` to the
# byte and 20 years stream at SQLite's pace instead of a record, a dict and a dumps per
# interval in Python. tests/history/test_export_json.py holds the two to the same text.
_INTERVAL_SOURCES = (
    "exercise_id", "exercise", "side", "set_number", "kind", "planned_ms", "actual_ms",
    "planned_reps", "done_reps", "status", "started_at", "ended_at",
)  # fmt: skip


def _seconds_json(column: str) -> str:
    """SQL for `seconds(column)` (NULL stays NULL): as the CSV's `_seconds_sql`, kept apart
    so the two exports can change on their own."""
    return f"CASE WHEN {column} % 1000 = 0 THEN {column} / 1000 ELSE {column} / 1000.0 END"


def _json_members(pairs: list[tuple[str, str]]) -> str:
    """SQL for the text of these keys and SQL values as members of a JSON object."""
    return " || ', ' || ".join(f"'\"{key}\": ' || {value}" for key, value in pairs)


def _json_text(pairs: list[tuple[str, str]]) -> str:
    """SQL for the text of one JSON object with these keys and SQL values, as json.dumps
    lays it out."""
    return f"'{{' || {_json_members(pairs)} || '}}'"


def _json_list(item: str, source: str) -> str:
    """SQL for the text of a JSON list of `item` (SQL text) over the rows of `source`."""
    return f"coalesce((SELECT '[' || group_concat({item}, ', ') || ']' FROM ({source})), '[]')"


_INTERVAL_TEXT = _json_text(
    [
        (key, f"json_quote({_seconds_json(source) if key.endswith('_seconds') else source})")
        for key, source in zip(INTERVAL_KEYS, _INTERVAL_SOURCES, strict=True)
    ]
)
_RATING_TEXT = _json_text(
    [
        ("when", "json_quote(moment)"),
        ("side", "json_quote(nullif(side, ''))"),
        ("pain", "json_quote(pain)"),
    ]
)
_JSON_SQL = "SELECT '{{' || {} || {} || ', ' || {} || '}}' FROM sessions s {}".format(
    _json_members(
        [
            ("id", "json_quote(s.id)"),
            ("routine", "json_quote(s.routine)"),
            ("started_at", "json_quote(s.started_at)"),
            ("ended_at", "json_quote(s.ended_at)"),
            ("status", "json_quote(s.status)"),
        ]
    ),
    # Only when known, as `session_json` leaves it out.
    f"CASE WHEN s.paused_ms IS NULL THEN '' "
    f"ELSE ', \"{PAUSED_KEY}\": ' || json_quote({_seconds_json('s.paused_ms')}) END",
    _json_members(
        [
            (
                "ratings",
                _json_list(
                    _RATING_TEXT,
                    "SELECT * FROM ratings WHERE session_id = s.id ORDER BY moment = 'after', side",
                ),
            ),
            (
                "intervals",
                _json_list(
                    _INTERVAL_TEXT, "SELECT * FROM intervals WHERE session_id = s.id ORDER BY seq"
                ),
            ),
        ]
    ),
    "ORDER BY s.started_at, s.id",
)


def write_json(store: HistoryStore, out: TextIO) -> int:
    """Write every session as the JSON export, oldest first; return how many sessions."""
    out.write(f'{{"format": "{EXPORT_FORMAT}", "version": {EXPORT_VERSION}, "sessions": [')
    cursor = store.conn.cursor()
    cursor.row_factory = None
    count = 0
    for (text,) in cursor.execute(_JSON_SQL):
        out.write(",\n" if count else "\n")
        out.write(text)
        count += 1
    out.write("\n]}\n")
    return count


def _defused(column: str) -> str:
    """SQL for `column` with a leading apostrophe when it is text that starts a formula."""
    starts = ", ".join(str(ord(c)) for c in sorted(FORMULA_STARTS))
    return (
        f"CASE WHEN unicode({column}) IN ({starts}) AND typeof({column}) = 'text' "
        f"THEN char(39) || {column} ELSE {column} END"
    )


def _seconds_sql(column: str) -> str:
    """SQL for `seconds(column)`: whole seconds as an integer, else a real (NULL stays NULL)."""
    return f"CASE WHEN {column} % 1000 = 0 THEN {column} / 1000 ELSE {column} / 1000.0 END"


_CSV_SOURCES = (
    "s.id", "s.routine", "s.started_at", "s.ended_at", "s.status", "s.paused_ms",
    "i.exercise_id", "i.exercise", "i.side", "i.set_number", "i.kind", "i.planned_ms",
    "i.actual_ms", "i.planned_reps", "i.done_reps", "i.status", "i.started_at", "i.ended_at",
)  # fmt: skip
# Each CSV cell comes out of one joined query already converted and defused, so rows go from
# the cursor straight into the csv writer: building a record, a dict and two lists per
# interval in Python made the CSV of 20 years (219,000 rows) take 6-10 s.
_CSV_SQL = (
    "SELECT "
    + ", ".join(
        _seconds_sql(source) if name.endswith("_seconds") else _defused(source)
        for name, source in zip(CSV_COLUMNS[: len(_CSV_SOURCES)], _CSV_SOURCES, strict=True)
    )
    + ", NULL" * len(PAIN_COLUMNS)
    # CROSS JOIN keeps sessions outside: read in start order on their index, each with its
    # intervals in seq order, so only sessions starting at the same moment need sorting.
    + " FROM sessions s CROSS JOIN intervals i ON i.session_id = s.id"
    " ORDER BY s.started_at, s.id, i.seq"
)


_NULLS = ", ".join(["NULL"] * 7)
# A rating row: the session's cells, the rating's side in `side` (stored '' for none), the
# kind `pain`, and the pain columns.
_RATING_SQL = f"""
SELECT {_defused("s.id")}, {_defused("s.routine")}, s.started_at, s.ended_at, s.status,
    {_seconds_sql("s.paused_ms")},
    NULL, NULL, nullif(r.side, ''), NULL, '{PAIN_KIND}', {_NULLS}, r.moment, r.pain, NULL
FROM ratings r JOIN sessions s ON s.id = r.session_id
ORDER BY s.started_at, s.id, r.moment = 'after', r.side
"""
# A check-in row: no session; the time it was given as `started_at`, its local day last.
_CHECKIN_SQL = f"""
SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, side, NULL, '{CHECKIN_KIND}',
    NULL, NULL, NULL, NULL, NULL, recorded_at, NULL, 'morning', pain, day
FROM checkins ORDER BY day, side
"""


def _rating_rows(store: HistoryStore) -> dict[object, list[tuple[object, ...]]]:
    """Every pain rating as a CSV row, by its session's (defused) id, in session order."""
    by_session: dict[object, list[tuple[object, ...]]] = {}
    for row in store.conn.execute(_RATING_SQL):
        by_session.setdefault(row[0], []).append(tuple(row))
    return by_session


def csv_rows(store: HistoryStore) -> Iterator[tuple[object, ...]]:
    """The CSV rows (after the header), defused; None for an empty cell: each session's
    intervals then its pain ratings, sessions in start order; then the check-ins."""
    cursor = store.conn.cursor()
    cursor.row_factory = None  # plain tuples, ready for csv.writer
    ratings = _rating_rows(store)
    current: object = None
    for row in cursor.execute(_CSV_SQL):
        if row[0] != current:
            # The previous session's ratings go after its last interval.
            yield from ratings.pop(current, ())
            current = row[0]
        yield row
    yield from ratings.pop(current, ())
    for rows in ratings.values():  # sessions without an interval (stopped before one ended)
        yield from rows
    checkins = store.conn.cursor()
    checkins.row_factory = None
    yield from checkins.execute(_CHECKIN_SQL)


def write_csv(store: HistoryStore, out: TextIO) -> int:
    """Write the CSV (a row per interval, pain rating and check-in); return how many rows."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0

    def counted(rows: Iterator[tuple[object, ...]]) -> Iterator[tuple[object, ...]]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    writer.writerows(counted(csv_rows(store)))  # the csv module writes None as an empty cell
    return count


@contextmanager
def private_output(path: Path) -> Iterator[TextIO]:
    """Open an export file for writing, to replace `path` whole and readable by the user alone.

    The export goes to a new private file beside `path`, and is synced and
    renamed over it only when the body finishes: a failure (a corrupt page, a
    full disk, ctrl-c) raises with the old file as it was and nothing left
    beside it. Raises `ProtectedPath` for the history database and its
    companions, before anything is made. A pipe or a device (`-o /dev/stdout`)
    holds no old export to keep, and is written straight through.
    """
    refuse_protected(path)
    if _is_stream(path):
        with open(path, "w", encoding="utf-8", newline="") as out:
            yield out
        return
    # Through a link to the file it names: the link stays, pointing at the new export.
    target = Path(os.path.realpath(path))
    fd, temporary = _private_file_beside(target)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        # Whatever stopped the export (ctrl-c too), the half-written file must not stay.
        with suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(target.parent)


def _is_stream(path: Path) -> bool:
    """True for an existing pipe, socket or device: renaming over one would replace it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _private_file_beside(target: Path) -> tuple[int, Path]:
    """Create a new, empty file 0600 in `target`'s folder: its descriptor and its path.

    Beside the target, so the rename that puts it in place stays on one
    file system and is atomic. Not tempfile: its imports (random, shutil) would
    cost every `history --format` run a few milliseconds.
    """
    while True:
        name = f".{target.name[:200]}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
        temporary = target.with_name(name)
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        except FileExistsError:
            continue
        # O_CREAT's mode passes through the umask, which may take away more than it should.
        os.fchmod(fd, PRIVATE_FILE_MODE)
        return fd, temporary


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the file system allows syncing a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # Some file systems refuse to sync a folder; the export is in place all the same.
    finally:
        os.close(fd)
