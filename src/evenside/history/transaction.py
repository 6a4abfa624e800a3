"""Provides `transaction`: one explicit, immediate SQLite transaction around a block.

Connections are opened with `isolation_level=None` (no implicit transactions),
so each write is one `BEGIN IMMEDIATE ... COMMIT`: taking the write lock up
front means two processes wait on the busy timeout instead of failing with
"database is locked" when both try to upgrade a read lock at once. It sits in
a module of its own because both the connection (`db`) and the schema
(`migrations`) need it, and `db` applies the migrations.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the block in one immediate transaction: committed on success, rolled back on error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
