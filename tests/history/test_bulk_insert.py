"""Tests `insert_rows`: every row written, in order, whatever SQLite's limit on values a
statement, and an upsert clause applied to each row in turn."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from evenside.history.bulk_insert import ROWS_PER_STATEMENT, insert_rows


def table(tmp_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(tmp_path / "t.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, name TEXT, total INTEGER)")
    return conn


@pytest.mark.parametrize("limit", [3, 4, 7, 999, 32_766])
@pytest.mark.parametrize("count", [0, 1, 2, ROWS_PER_STATEMENT, ROWS_PER_STATEMENT * 2 + 1])
def test_every_row_is_written_in_order(tmp_path: Path, limit: int, count: int) -> None:
    conn = table(tmp_path)
    conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)
    rows = [(n, f"row {n}", n * 10) for n in range(count)]
    insert_rows(conn, "INSERT INTO t", 3, [value for row in rows for value in row])
    assert conn.execute("SELECT * FROM t ORDER BY rowid").fetchall() == rows


def test_an_upsert_applies_to_each_row_even_within_one_statement(tmp_path: Path) -> None:
    conn = table(tmp_path)
    conn.execute("INSERT INTO t VALUES (1, 'held', 5)")
    values = [1, "a", 1, 2, "b", 2, 1, "c", 3]
    tail = "ON CONFLICT DO UPDATE SET name = excluded.name, total = total + excluded.total"
    insert_rows(conn, "INSERT INTO t", 3, values, tail)
    assert conn.execute("SELECT * FROM t ORDER BY n").fetchall() == [(1, "c", 9), (2, "b", 2)]
