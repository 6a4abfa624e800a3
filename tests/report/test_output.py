"""Tests the report file: written 0600 and whole, never over the history, one line when it fails."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from evenside.history.store import HistoryStore
from evenside.locations import history_path
from evenside.report.output import ReportError, default_name, write_report
from evenside.report.period import ReportPeriod
from tests.support.history_fixtures import TODAY, build_history

PERIOD = ReportPeriod.last_days(TODAY.date(), 42)


def test_the_default_name_carries_the_date() -> None:
    assert default_name(TODAY.date()) == "evenside-report-2024-05-22.html"


def test_the_report_is_private_even_under_a_careless_umask(
    six_weeks: HistoryStore, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    umask = os.umask(0)
    try:
        assert write_report(six_weeks.conn, out, PERIOD, now=TODAY) == out
    finally:
        os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.listdir(tmp_path) == ["report.html"]


def test_an_old_report_is_replaced_whole(six_weeks: HistoryStore, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("last month's report")
    os.chmod(out, 0o644)
    inode = out.stat().st_ino
    write_report(six_weeks.conn, out, PERIOD, now=TODAY)
    # Renamed over, not rewritten in place: a reader never sees half a report.
    assert out.stat().st_ino != inode
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "</html>" in out.read_text(encoding="utf-8")
    assert os.listdir(tmp_path) == ["report.html"]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_the_history_itself_is_refused(suffix: str) -> None:
    history = history_path()
    store = build_history(history)
    guarded = Path(f"{history}{suffix}")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = history.read_bytes(), sorted(os.listdir(history.parent))
    with pytest.raises(ReportError, match="will not write the report there"):
        write_report(store.conn, guarded, PERIOD, now=TODAY)
    # (The -shm file is SQLite's shared memory: reading the history touches it.)
    assert (history.read_bytes(), sorted(os.listdir(history.parent))) == before
    store.conn.close()


def test_a_missing_folder_is_one_line_and_nothing_written(
    six_weeks: HistoryStore, tmp_path: Path
) -> None:
    out = tmp_path / "no such folder" / "report.html"
    with pytest.raises(ReportError) as raised:
        write_report(six_weeks.conn, out, PERIOD, now=TODAY)
    assert "\n" not in str(raised.value)
    assert "No such file or directory" in str(raised.value)
    assert "(nothing written)" in str(raised.value)
    assert os.listdir(tmp_path) == []


def test_an_unreadable_history_is_one_line(tmp_path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(tmp_path / "not-a-history.sqlite3")
    out = tmp_path / "report.html"
    with pytest.raises(ReportError, match="cannot read the history"):
        write_report(conn, out, PERIOD, now=TODAY)
    conn.close()
    assert not out.exists()
