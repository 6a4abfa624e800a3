"""Provides `open_database`: a private, WAL-mode SQLite connection with the schema up to date.

The connection is returned to the caller and passed in everywhere else; no
module keeps one. Transactions are explicit (`evenside.history.transaction`).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from evenside.history.migrations import migrate
from evenside.locations import PRIVATE_FILE_MODE, ensure_private_dir

BUSY_TIMEOUT_MS = 10_000
MEMORY = ":memory:"


def _create_private_file(path: Path) -> None:
    """Create the database file 0600 before SQLite opens it (SQLite would honour the umask)."""
    # Never open and close a descriptor of an existing database: closing any descriptor
    # of a file drops every POSIX lock this process holds on it, so another connection
    # in this process would lose its locks and a second process could write under it
    # (a corrupt database). An existing file is only tightened, which takes no descriptor.
    if not path.exists():
        fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
        os.close(fd)
    # An existing file made by an older version, or under a loose umask, is tightened too.
    os.chmod(path, PRIVATE_FILE_MODE)


class NotAHistory(sqlite3.DatabaseError):
    """The file is not an evenside history (another program's file); it is left untouched."""


def check_is_history(path: Path) -> None:
    """Raise `NotAHistory` (or sqlite3.DatabaseError for a damaged database) unless `path` is
    missing, empty, or an SQLite database evenside made; nothing is written to it.

    Checked before anything else touches the file, so that pointing evenside at the
    wrong file (or a damaged one) changes nothing in it, not even its mode.
    """
    try:
        if path.stat().st_size == 0:
            return
    except FileNotFoundError:
        return
    # Read through SQLite, never a file descriptor of our own (see _create_private_file):
    # SQLite shares one descriptor per file within a process and keeps the locks.
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            raise NotAHistory(
                f"{path} is not an SQLite database, so not an evenside history"
            ) from None
        raise
    finally:
        conn.close()
    if tables and "schema_migrations" not in tables:
        raise NotAHistory(f"{path} is another program's database, not an evenside history")


def connect(path: Path | str) -> sqlite3.Connection:
    """Open `path` (or `:memory:`) with the pragmas evenside relies on, without migrating."""
    if str(path) != MEMORY:
        path = Path(path)
        check_is_history(path)
        ensure_private_dir(path.parent)
        _create_private_file(path)
    # isolation_level=None: no implicit transactions; `transaction` opens them explicitly.
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != MEMORY:
        _enable_wal(conn)
        # In WAL mode FULL syncs each commit, so even a power cut keeps finished intervals.
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, waiting out another process's lock.

    SQLite can answer this pragma with "database is locked" at once, without
    calling the busy handler (another writer holds the lock it needs), so the
    busy timeout is applied here by hand.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.1)


def open_database(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) the history database at `path` and apply every migration.

    The folder is made 0700 and the file 0600 before SQLite touches them.
    SQLite gives its -wal and -shm files the database file's mode.
    """
    conn = connect(path)
    migrate(conn)
    return conn


class HistoryUnavailable(Exception):
    """The history cannot be opened (the message says why; the file is left untouched)."""


def open_history(where: Path) -> sqlite3.Connection:
    """The history at `where`, opened and up to date; `HistoryUnavailable` (one line: why)
    when it cannot be: a full disk, a lock held too long, a damaged file, another
    program's file (left untouched), a newer schema."""
    try:
        return open_database(where)
    except (sqlite3.Error, OSError, RuntimeError) as error:
        message = f"cannot open the history at {where}: {error}"
        pointer = damage_pointer(where, error) if is_damage(error) else None
        if pointer is not None:
            message += f"; {pointer}"
        raise HistoryUnavailable(message) from None


def is_damage(error: BaseException) -> bool:
    """Whether SQLite's `error` says the file's contents are damaged (not locked, full or
    unreadable for a reason outside the file)."""
    return isinstance(error, sqlite3.DatabaseError) and not isinstance(
        error, sqlite3.OperationalError
    )


def damage_pointer(where: Path, error: BaseException) -> str | None:
    """The way back for a damaged history: the copy `history restore` would put back, or that
    there is none (None for a file that is not SQLite at all with no copies beside it: it
    is taken for another program's file)."""
    from evenside.history.backups import list_backups, restore_pointer

    if isinstance(error, NotAHistory) and not list_backups(where):
        return None
    return restore_pointer(where)
