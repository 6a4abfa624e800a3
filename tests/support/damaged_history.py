"""Provides real histories damaged as a disk damages them, and what a history holds, to compare.

`bad_sector` overwrites one whole page of a table (found through SQLite's dbstat
table: the leftmost leaf holds its first rows, the rightmost its last) as an
unreadable sector would; `truncated` cuts the file short as a half-finished copy
would; `zeroed` leaves a file of zeros of the same length.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from evenside.history.export import session_json
from evenside.history.store import HistoryStore


def settle(history: Path) -> None:
    """Move everything in the write-ahead log into the database file itself."""
    conn = sqlite3.connect(history)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def held_sessions(history: Path) -> dict[str, dict[str, Any]]:
    """Every session of the history, as the JSON export gives it, by id."""
    conn = sqlite3.connect(history)
    conn.row_factory = sqlite3.Row
    try:
        return {s.id: session_json(s) for s in HistoryStore(conn).iter_sessions()}
    finally:
        conn.close()


def checkins(history: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(history)
    try:
        return conn.execute("SELECT day, side, pain, recorded_at FROM checkins").fetchall()
    finally:
        conn.close()


def leaf_pages(history: Path, table: str) -> list[int]:
    """The table's leaf pages, from its first rows to its last."""
    settle(history)
    conn = sqlite3.connect(history)
    try:
        rows = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path",
            (table,),
        ).fetchall()
        return [row[0] for row in rows]
    finally:
        conn.close()


def page_size(history: Path) -> int:
    conn = sqlite3.connect(history)
    try:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()


def bad_sector(history: Path, table: str, which: int) -> None:
    """Overwrite the `which`-th leaf page of `table` (0 the first, -1 the last) with bytes no
    page holds, as a bad sector reads back."""
    page = leaf_pages(history, table)[which]
    size = page_size(history)
    with history.open("r+b") as file:
        file.seek((page - 1) * size)
        file.write(b"\xa5\x5a" * (size // 2))


def truncated(history: Path) -> None:
    """Cut the history to half its length, as a copy that stopped half way leaves it."""
    settle(history)
    size = history.stat().st_size
    with history.open("r+b") as file:
        file.truncate(size // 2)


def zeroed(history: Path) -> None:
    """Replace the history's bytes with zeros, as a filesystem that lost its blocks leaves it."""
    settle(history)
    size = history.stat().st_size
    with history.open("r+b") as file:
        file.write(bytes(size))
