"""Provides snapshot tests of each history pane: a fixed history played for real, date frozen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from evenside.history.aggregates import HistoryFilter
from evenside.ui.history_app import HistoryApp
from tests.support.history_fixtures import build_history, frozen_now

SIZE = (100, 34)
SMALL_SIZES = [(40, 15), (60, 16), (80, 24)]
PANE_KEYS = {"side-by-side": "1", "calendar": "2", "pain": "3", "sessions": "4"}

SnapCompare = Callable[..., bool]


def frozen_app(tmp_path: Path) -> HistoryApp:
    store = build_history(tmp_path / "history.sqlite3")
    return HistoryApp(store.conn, now=frozen_now, filters=HistoryFilter(days=30))


def test_side_by_side_pane(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snap_compare(frozen_app(tmp_path), terminal_size=SIZE)


def test_calendar_pane(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snap_compare(frozen_app(tmp_path), press=["2"], terminal_size=SIZE)


def test_pain_pane(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snap_compare(frozen_app(tmp_path), press=["3"], terminal_size=SIZE)


def test_sessions_pane(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snap_compare(frozen_app(tmp_path), press=["4"], terminal_size=SIZE)


def test_a_session_with_a_care_note(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = frozen_app(tmp_path)
    assert snap_compare(app, press=["4", "down", "down", "enter"], terminal_size=SIZE)


@pytest.mark.parametrize("pane", list(PANE_KEYS))
@pytest.mark.parametrize("size", SMALL_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_each_pane_at_a_small_size(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int], pane: str
) -> None:
    app = frozen_app(tmp_path)
    assert snap_compare(app, press=[PANE_KEYS[pane]], terminal_size=size)
