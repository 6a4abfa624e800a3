"""Provides shared test fixtures: private data folders, the fixed history, a real terminal.

The tool gate is tests/support/tools.py; builders and readers are in tests/support/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from evenside.history.db import open_database
from evenside.history.store import HistoryStore
from tests.support.history_fixtures import build_history, frozen_now
from tests.support.tmux_terminal import TmuxTerminal, private_terminal


@pytest.fixture(autouse=True)
def private_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point every XDG folder at a fresh temporary home, so no test touches real data."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    yield home


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HistoryStore]:
    """The fixed history of tests/support/history_fixtures.py, built once per test module."""
    store = build_history(tmp_path_factory.mktemp("history") / "history.sqlite3")
    yield store
    store.conn.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    """An empty history in the test's folder, its wall clock frozen at the fixed history's now."""
    store = HistoryStore(open_database(tmp_path / "history.sqlite3"), now=frozen_now)
    yield store
    store.conn.close()


@pytest.fixture
def terminal(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[TmuxTerminal]:
    """A real terminal: tmux on a socket private to this test module and process, killed after."""
    module = request.module.__name__.rpartition(".")[2]
    with private_terminal(tmp_path, f"evenside-{module}", "evenside") as term:
        yield term
