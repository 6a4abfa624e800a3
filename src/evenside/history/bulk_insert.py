"""Provides `insert_rows`: many rows written by one INSERT statement instead of one each.

`executemany` runs its statement once per row, and each run has a cost of its
own beyond the row: SQLite resets the statement, and a CHECK with an `IN`
list (`intervals.status`) builds its lookup table again. Written a few hundred
rows to a statement, an import's 657,000 intervals took a third less time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import lru_cache

ROWS_PER_STATEMENT = 2048
"""Rows one statement writes at most (fewer when SQLite takes fewer values per statement).
Statements hold a power of two of rows, so that whatever the number of rows, a table is
written with at most a dozen different statements (SQLite compiles and keeps each one)."""


@lru_cache(maxsize=64)
def _statement(head: str, width: int, rows: int, tail: str) -> str:
    one = "(" + ", ".join("?" * width) + ")"
    return f"{head} VALUES {', '.join([one] * rows)} {tail}".rstrip()


def insert_rows(
    conn: sqlite3.Connection, head: str, width: int, values: Sequence[object], tail: str = ""
) -> None:
    """Run `head VALUES (...), (...) tail` over `values`, the rows' `width` values each one
    after the other; `tail` may be an upsert clause (it applies to each row in turn)."""
    # SQLite's limit on the values one statement takes (32,766 since 3.32, 999 before).
    fits = min(ROWS_PER_STATEMENT, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width)
    most = 1 << (max(1, fits).bit_length() - 1)
    rows, done = len(values) // width, 0
    while done < rows:
        count = most
        while count > rows - done:
            count //= 2
        chunk = values[done * width : (done + count) * width]
        conn.execute(_statement(head, width, count, tail), chunk)
        done += count
