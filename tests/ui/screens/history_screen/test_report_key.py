"""Tests the history screen's report key: `p` writes the physio report here and says where."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from evenside.history.aggregates import HistoryFilter
from evenside.history.store import HistoryStore
from evenside.ui.history_app import HistoryApp
from tests.support.history_fixtures import frozen_now

SIZE = (100, 34)


async def test_p_writes_the_report_and_says_where(
    history: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = HistoryApp(history.conn, now=frozen_now, filters=HistoryFilter(days=30))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    report = tmp_path / "evenside-report-2024-05-22.html"
    assert messages == [f"Report for your physio written to {report}"]
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    page = report.read_text(encoding="utf-8")
    assert "22 May 2024" in page and "Runner&#x27;s lunge" in page


async def test_a_folder_that_refuses_it_is_said_and_nothing_is_left(
    history: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    if os.geteuid() == 0:
        folder = Path("/sys")  # root writes in any normal folder; not here
    before = sorted(os.listdir(folder))
    monkeypatch.chdir(folder)
    app = HistoryApp(history.conn, now=frozen_now, filters=HistoryFilter(days=30))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        notes = [(n.message, n.severity) for n in app._notifications]
        assert app.screen.is_current  # the screen stays, the history still open
    ((message, severity),) = notes
    assert severity == "error"
    assert message.startswith(f"cannot write {folder / 'evenside-report-2024-05-22.html'}")
    assert sorted(os.listdir(folder)) == before
