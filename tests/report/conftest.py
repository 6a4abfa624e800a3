"""Provides the six weeks of typical use, built once per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from evenside.history.store import HistoryStore
from tests.support.report_history import build_six_weeks


@pytest.fixture(scope="module")
def six_weeks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HistoryStore]:
    """The history of tests/support/report_history.py (read only: tests must not write)."""
    store = build_six_weeks(tmp_path_factory.mktemp("six-weeks") / "history.sqlite3")
    yield store
    store.conn.close()
