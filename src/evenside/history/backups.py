"""Provides the history's daily copies: made, verified, kept a few at a time, listed.

A copy is `backups/history-YYYY-MM-DD.sqlite3` beside the history (the local
day it was made), a whole SQLite file in rollback mode (no -wal beside it). It
is made with SQLite's online backup, so it is consistent even while a player
writes a session, only from a history that passes `PRAGMA quick_check`, and is
itself checked before it takes its name: written to a temporary file, synced,
then renamed, so a copy is whole or absent. Only then are the oldest copies
beyond `KEEP` removed: a failed or refused copy never rotates a good one away.
The folder is 0700 and each copy 0600 (health data).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from evenside.history.timestamps import local_today
from evenside.locations import PRIVATE_FILE_MODE, ensure_private_dir

KEEP = 7
"""How many daily copies are kept at most: a week to notice damage in. A year of history
(three sessions a day) is a 6 MB copy, twenty years 119 MB (docs/benchmarks.md, "Backups")."""
KEEP_AT_LEAST = 3
"""However big the copies, this many are kept."""
BUDGET_BYTES = 500_000_000
"""Beyond `KEEP_AT_LEAST`, copies are kept only while together they stay under this: seven
copies of twenty years would take 834 MB, four take 476 MB."""
FOLDER = "backups"
_NAME = re.compile(r"history-(\d{4}-\d{2}-\d{2})\.sqlite3")
_TEMPORARY = ".history-copy-"
BUSY_TIMEOUT_S = 10.0


class BackupFailed(Exception):
    """No copy was made (the message says why in one line); nothing was lost or removed."""


class DamagedHistory(BackupFailed):
    """The history did not pass its check: no copy is made of a damaged file."""


@dataclass(frozen=True)
class Backup:
    """One daily copy."""

    path: Path
    day: date
    """The local day it was made."""
    size: int
    """Its size in bytes."""


def backups_folder(history: Path) -> Path:
    """Where the copies of the history at `history` live: a folder beside it."""
    return history.parent / FOLDER


def copy_path(history: Path, day: date) -> Path:
    """The copy of `day`."""
    return backups_folder(history) / f"history-{day.isoformat()}.sqlite3"


def list_backups(history: Path) -> list[Backup]:
    """The copies of the history, newest first (none when the folder does not exist)."""
    found: list[Backup] = []
    try:
        entries = list(os.scandir(backups_folder(history)))
    except OSError:
        return []
    for entry in entries:
        match = _NAME.fullmatch(entry.name)
        if match is None:
            continue
        try:
            day = date.fromisoformat(match.group(1))
            size = entry.stat(follow_symlinks=False).st_size
        except (ValueError, OSError):
            continue
        if entry.is_file(follow_symlinks=False):
            found.append(Backup(Path(entry.path), day, size))
    found.sort(key=lambda backup: backup.day, reverse=True)
    return found


def read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to the SQLite file at `path` (nothing in it is changed)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


def check_problem(conn: sqlite3.Connection, *, full: bool = False) -> str | None:
    """None when the database passes `quick_check` (`integrity_check` with `full`), else
    its first problem; a file that cannot be read at all raises sqlite3.DatabaseError."""
    pragma = "integrity_check" if full else "quick_check"
    rows = conn.execute(f"PRAGMA {pragma}(1)").fetchall()
    # SQLite's first line names the schema ("*** in database main ***"): one line without it.
    first = " ".join(str(rows[0][0]).replace("*** in database main ***", "").split())
    first = first or "no answer"
    if first == "ok":
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        return None if "schema_migrations" in tables else "not an evenside history"
    return first


def file_problem(path: Path, *, full: bool = True) -> str | None:
    """None when the SQLite file at `path` is a sound evenside history, else why not."""
    try:
        conn = read_only(path)
    except sqlite3.Error as error:
        return str(error)
    try:
        return check_problem(conn, full=full)
    except sqlite3.Error as error:
        return str(error)
    finally:
        conn.close()


def session_count(path: Path) -> int | None:
    """How many sessions the copy at `path` holds (None when it cannot be read)."""
    try:
        conn = read_only(path)
    except sqlite3.Error:
        return None
    try:
        return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        conn.close()


@contextlib.contextmanager
def copying_lock(history: Path, *, wait: bool) -> Iterator[bool]:
    """Hold the backups folder's lock (True), or, without `wait`, yield False when another
    process holds it (it is making today's copy, or putting one back)."""
    folder = ensure_private_dir(backups_folder(history))
    fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _fsync_path(path: Path, flags: int = os.O_RDONLY) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_verified_copy(source: sqlite3.Connection, target: Path) -> None:
    """Copy the database open on `source` to `target` (0600, rollback mode), check the copy
    in full, sync it, and rename it into place: `target` is whole or absent.

    Raises BackupFailed (the temporary file removed) when it cannot be written or checked.
    """
    temporary = target.with_name(f"{_TEMPORARY}{os.getpid()}.tmp")
    try:
        fd = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
        os.close(fd)
        copy = sqlite3.connect(str(temporary), isolation_level=None)
        try:
            # One step: the whole copy is read under one read transaction, a snapshot of the
            # history, while WAL lets a player go on writing its session meanwhile.
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            problem = check_problem(copy, full=True)
        finally:
            copy.close()
        if problem is not None:
            raise BackupFailed(f"the copy did not pass its check ({problem})")
        os.chmod(temporary, PRIVATE_FILE_MODE)
        _fsync_path(temporary, os.O_RDWR)
        os.replace(temporary, target)
        _fsync_path(target.parent)
    except (sqlite3.Error, OSError) as error:
        raise BackupFailed(f"cannot write a copy in {target.parent}: {_reason(error)}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}" + (f": {error.filename}" if error.filename else "")
    return str(error)


def make_copy(history: Path, day: date, *, keep: int = KEEP, budget: int = BUDGET_BYTES) -> Backup:
    """Copy the history at `history` as the copy of `day` (replacing one of that day), then
    keep only the newest copies (`rotate`). Raises DamagedHistory for a history that does not
    pass its check, BackupFailed when no copy could be written; nothing is removed then."""
    target = copy_path(history, day)
    try:
        source = read_only(history)
    except sqlite3.Error as error:
        raise BackupFailed(str(error)) from None
    try:
        try:
            problem = check_problem(source)
        except sqlite3.Error as error:
            problem = str(error)
        if problem is not None:
            raise DamagedHistory(f"the history is damaged ({problem}); no copy made of it")
        ensure_private_dir(target.parent)
        write_verified_copy(source, target)
    except OSError as error:
        raise BackupFailed(_reason(error)) from None
    finally:
        source.close()
    rotate(history, keep, budget)
    return Backup(target, day, target.stat().st_size)


def rotate(history: Path, keep: int = KEEP, budget: int = BUDGET_BYTES) -> list[Path]:
    """Remove the oldest copies beyond the newest `keep` (beyond `KEEP_AT_LEAST`, beyond what
    fits in `budget` bytes); return those removed."""
    copies = list_backups(history)
    kept = 0
    total = 0
    for copy in copies:
        if kept < KEEP_AT_LEAST or (kept < keep and total + copy.size <= budget):
            kept += 1
            total += copy.size
        else:
            break
    removed: list[Path] = []
    for old in copies[kept:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def daily_copy(history: Path, today: date | None = None, *, keep: int = KEEP) -> str | None:
    """Make today's copy of the history unless it exists (or the history does not); None
    when all is well, else one line saying why there is no copy. Never raises: a copy that
    cannot be made must not fail the command that wrote the history."""
    day = today if today is not None else local_today()
    try:
        if copy_path(history, day).exists() or not history.is_file():
            return None
        if history.stat().st_size == 0:
            return None
        with copying_lock(history, wait=False) as held:
            if not held or copy_path(history, day).exists():
                return None  # another evenside is making it
            make_copy(history, day, keep=keep)
    except BackupFailed as error:
        return f"no backup of the history made today: {error}"
    except (OSError, sqlite3.Error) as error:
        return f"no backup of the history made today: {_reason(error)}"
    return None


def restore_pointer(history: Path) -> str:
    """What a message about a damaged history ends with: the copy there is to go back to."""
    copies = list_backups(history)
    if not copies:
        return "there is no backup copy of it to put back"
    return f"`evenside history restore` puts back the copy of {copies[0].day}"
