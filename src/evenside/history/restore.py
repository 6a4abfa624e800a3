"""Provides putting a daily copy back in the history's place, and reading what a damaged
history still holds.

The damaged file is never deleted: it and its -wal/-shm move aside, renamed
`history.sqlite3.damaged-<UTC stamp>` (SQLite's files first, so a -wal never
sits beside a database it does not belong to). The copy is checked in full,
copied to a temporary file (0600), synced and renamed into place.

A damaged file is read table by table and row by row: each table is read from
its first row forward and from its last row backward, so the rows on either
side of a bad page are both found; what errors is counted, never guessed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from evenside.history.backups import (
    Backup,
    file_problem,
    list_backups,
    read_only,
)
from evenside.history.records import SessionRecord
from evenside.history.store import HistoryStore, process_running
from evenside.history.timestamps import from_iso
from evenside.locations import HISTORY_COMPANIONS, PRIVATE_FILE_MODE

RECENT_END = timedelta(minutes=30)
"""A session that ended this recently, its player still running, may still take ratings on
its summary: the history is not replaced under it."""
DAMAGED = ".damaged-"


class RestoreError(Exception):
    """The copy cannot be put back (the message says why); nothing was changed."""


def pick_copy(history: Path, given: str | None) -> tuple[Backup, list[str]]:
    """The copy to put back: `given` (a day YYYY-MM-DD or a copy's path) or, without it,
    the newest copy that passes `integrity_check`; with the lines naming copies passed over."""
    copies = list_backups(history)
    skipped: list[str] = []
    if given is not None:
        chosen = [c for c in copies if c.day.isoformat() == given]
        if not chosen:
            path = Path(given).expanduser()
            if not path.is_file():
                days = ", ".join(c.day.isoformat() for c in copies) or "none"
                raise RestoreError(f"no copy {given!r}; the copies are: {days}")
            chosen = [Backup(path, datetime.fromtimestamp(path.stat().st_mtime).date(), 0)]
        problem = file_problem(chosen[0].path)
        if problem is not None:
            raise RestoreError(f"the copy {chosen[0].path} is damaged too ({problem})")
        return chosen[0], skipped
    for copy in copies:
        problem = file_problem(copy.path)
        if problem is None:
            return copy, skipped
        skipped.append(f"the copy of {copy.day} is damaged ({problem}); passed over")
    where = copies[0].path.parent if copies else None
    raise RestoreError(
        "there is no good copy to put back"
        + (f" in {where}" if where else " (no copy has been made yet)")
    )


def live_problem(history: Path) -> str | None:
    """None when the history at `history` is sound, else what is wrong with it."""
    if not history.exists():
        return "it does not exist"
    if history.stat().st_size == 0:
        return "it is empty"
    return file_problem(history, full=False)


def players_using(history: Path, now: datetime) -> list[int]:
    """The running processes (other than this one) with a session open in the history, or
    one ended a moment ago (its summary may still take ratings). Read as far as it can be."""
    try:
        conn = read_only(history)
    except sqlite3.Error:
        return []
    pids: set[int] = set()
    try:
        rows = conn.execute(
            "SELECT pid, status, ended_at FROM sessions WHERE pid IS NOT NULL "
            "ORDER BY rowid DESC LIMIT 50"
        ).fetchall()
    except sqlite3.Error:
        rows = []
    finally:
        conn.close()
    for pid, status, ended_at in rows:
        if pid == os.getpid() or not process_running(int(pid)):
            continue
        recent = ended_at is not None and _after(ended_at, now - RECENT_END)
        if status is None or recent:
            pids.add(int(pid))
    return sorted(pids)


def _after(stored: str, moment: datetime) -> bool:
    try:
        return from_iso(stored) > moment
    except ValueError:
        return False


def move_aside(history: Path, now: datetime) -> Path | None:
    """Rename the history and SQLite's files beside it to `<name>.damaged-<UTC stamp>`;
    return the moved database (None when there was none)."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    aside = history.with_name(f"{history.name}{DAMAGED}{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = history.with_name(f"{history.name}{DAMAGED}{stamp}-{n}")
    # SQLite's files first: a -wal left beside a database it does not belong to could be
    # applied to it.
    for suffix in (*HISTORY_COMPANIONS[1:], HISTORY_COMPANIONS[0]):
        with contextlib.suppress(FileNotFoundError):
            os.rename(f"{history}{suffix}", f"{aside}{suffix}")
    return aside if aside.exists() else None


def staged_copy(copy: Path, history: Path) -> Path:
    """Copy `copy` to a temporary file beside `history` (0600), check it and sync it, ready to
    be renamed into place (`put_in_place`); nothing else is touched."""
    temporary = history.with_name(f".{history.name}.restoring-{os.getpid()}")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "wb") as out, copy.open("rb") as source:
            shutil.copyfileobj(source, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        problem = file_problem(temporary)
        if problem is not None:
            raise RestoreError(f"the copy changed while it was read ({problem})")
        os.chmod(temporary, PRIVATE_FILE_MODE)
    except OSError as error:
        discard(temporary)
        raise RestoreError(f"cannot put the copy in place: {error.strerror or error}") from None
    except RestoreError:
        discard(temporary)
        raise
    return temporary


def discard(staged: Path) -> None:
    """Remove a staged copy that will not be put in place."""
    with contextlib.suppress(OSError):
        os.unlink(staged)


def put_in_place(staged: Path, history: Path) -> None:
    """Rename the staged copy over `history` and sync the folder: one rename, so the moment
    between moving the damaged file aside and this is as short as it can be."""
    try:
        os.replace(staged, history)
        fd = os.open(history.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as error:
        discard(staged)
        raise RestoreError(f"cannot put the copy in place: {error.strerror or error}") from None


@dataclass
class Salvage:
    """What could be read from a damaged history."""

    sessions: list[SessionRecord] = field(default_factory=list)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Each other table's readable rows, by table."""
    unread_sessions: list[str] = field(default_factory=list)
    """The ids of sessions found whose intervals or ratings could not be read."""
    broken_tables: list[str] = field(default_factory=list)
    """The tables some rows of which could not be read."""


def open_damaged(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to a damaged file, or None when SQLite cannot open it at all."""
    try:
        conn = read_only(path)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        return None
    conn.row_factory = sqlite3.Row
    return conn


MAX_SKIPS = 64
"""How many times a read past a bad spot is tried, each jumping twice as far."""


def readable_rows(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], key: Sequence[str]
) -> tuple[list[dict[str, Any]], bool]:
    """Every row of `table` that can be read (its `columns`), and whether some could not.

    A table with rowids is read in rowid order, forward from its first row and backward
    from its last, and where a read fails it is read again from further on (1, 2, 4 ...
    rows past the last one read), so rows beyond a bad page are still found; a table
    WITHOUT ROWID is read from both ends of its `key`.
    """
    try:
        conn.execute(f"SELECT rowid FROM {table} LIMIT 0")
    except sqlite3.OperationalError:
        return _by_key(conn, table, columns, key)
    found: dict[int, dict[str, Any]] = {}
    broken = not _scan(conn, table, columns, found, forward=True)
    if broken:
        _scan(conn, table, columns, found, forward=False)
    return [found[k] for k in sorted(found)], broken


def _scan(
    conn: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    found: dict[int, dict[str, Any]],
    *,
    forward: bool,
) -> bool:
    """Read `table` into `found` in one direction, jumping past what fails; whether every
    read succeeded."""
    names = ", ".join(columns)
    beyond, order, step = (">", "ASC", 1) if forward else ("<", "DESC", -1)
    whole = True
    last: int | None = None
    skip = 1
    for _ in range(MAX_SKIPS):
        where = "" if last is None else f"WHERE rowid {beyond} {last}"
        read_any = False
        try:
            query = f"SELECT rowid, {names} FROM {table} {where} ORDER BY rowid {order}"
            for row in conn.execute(query):
                found[row[0]] = dict(zip(columns, tuple(row)[1:], strict=True))
                last, read_any, skip = row[0], True, 1
            return whole
        except sqlite3.Error:
            whole = False
        if last is None:
            if not forward:
                return False  # the last page is the bad one: the forward read has the rest
            last = 0
        # Past the bad spot: jump further each time nothing could be read from there.
        if not read_any:
            last += step * skip
            skip *= 2
    return False


def _by_key(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], key: Sequence[str]
) -> tuple[list[dict[str, Any]], bool]:
    names = ", ".join(columns)
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    broken = False
    for order in ("ASC", "DESC"):
        ordering = ", ".join(f"{k} {order}" for k in key)
        try:
            for row in conn.execute(f"SELECT {names} FROM {table} ORDER BY {ordering}"):
                data = dict(zip(columns, tuple(row), strict=True))
                found[tuple(data[k] for k in key)] = data
            if not broken:
                break  # read whole from the start: no need to read it backward
        except sqlite3.Error:
            broken = True
    return list(found.values()), broken


def salvage(
    conn: sqlite3.Connection, tables: Mapping[str, tuple[Sequence[str], Sequence[str]]]
) -> Salvage:
    """Read the sessions (whole, with intervals and ratings) and each of `tables` (its
    columns and key) from the damaged history on `conn`, skipping what errors."""
    out = Salvage()
    ids, broken = readable_rows(conn, "sessions", ("id",), ("id",))
    if broken:
        out.broken_tables.append("sessions")
    store = HistoryStore(conn)
    for row in ids:
        try:
            session = store.session(str(row["id"]))
        except (sqlite3.Error, ValueError):
            out.unread_sessions.append(str(row["id"]))
            continue
        if session is not None:
            out.sessions.append(session)
    for table, (columns, key) in tables.items():
        rows, broken = readable_rows(conn, table, columns, key)
        out.rows[table] = rows
        if broken:
            out.broken_tables.append(table)
    return out


def damaged_files(history: Path) -> list[Path]:
    """The damaged histories kept beside `history` by earlier restores and this one, oldest
    first (SQLite's files beside them are not listed: they are read with them)."""
    companions = tuple(suffix for suffix in HISTORY_COMPANIONS if suffix)
    return sorted(
        path
        for path in history.parent.glob(f"{history.name}{DAMAGED}*")
        if not path.name.endswith(companions) and path.is_file()
    )
