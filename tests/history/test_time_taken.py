"""Tests that a session's time taken, pauses excluded, is the summary's in every place history
shows or carries it: the store, `history --format json|csv`, an import on another computer, and
a sync to a second machine (the history screen's session list: tests/ui/.../test_session_list.py).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from evenside.commands.history_cmds import history
from evenside.history.db import open_database
from evenside.history.store import HistoryStore
from evenside.history.time_taken import time_taken_ms
from evenside.locations import history_path
from evenside.wording import clock_done
from tests.support.history_fixtures import TODAY, on
from tests.support.paused_play import PAUSE_MS, PausedPlay, play_paused
from tests.support.sync_machines import Machine


def run(*args: str) -> str:
    result = CliRunner().invoke(history, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def seconds_taken(started: str, ended: str, paused_seconds: float | None) -> str:
    """The time taken as a reader of an export works it out: end - start - paused."""
    paused = None if paused_seconds is None else round(paused_seconds * 1000)
    taken = time_taken_ms(started, ended, paused)
    assert taken is not None
    return clock_done(taken)


@pytest.fixture
def played() -> PausedPlay:
    """A session with a five-minute pause in the user's (test-private) history."""
    store = HistoryStore(open_database(history_path()), now=lambda: TODAY)
    try:
        return play_paused(store, on(21))
    finally:
        store.conn.close()


def test_the_store_keeps_the_pause_and_gives_the_summarys_time(played: PausedPlay) -> None:
    # The summary leaves the pause out; start to end (as history showed it) has it in.
    assert played.summary[0].endswith(f"time taken {played.taken}")
    assert played.taken == "4:11"
    assert played.span == "9:11"
    conn = open_database(history_path())
    record = HistoryStore(conn).session(played.session_id)
    conn.close()
    assert record is not None and record.paused_ms == PAUSE_MS
    assert record.time_taken_ms is not None and clock_done(record.time_taken_ms) == played.taken


def test_the_json_export_carries_the_pause(played: PausedPlay) -> None:
    (session,) = json.loads(run("--format", "json"))["sessions"]
    assert session["paused_seconds"] == PAUSE_MS / 1000
    taken = seconds_taken(session["started_at"], session["ended_at"], session["paused_seconds"])
    assert taken == played.taken


def test_the_csv_export_carries_the_pause_on_every_row(played: PausedPlay) -> None:
    rows = list(csv.DictReader(io.StringIO(run("--format", "csv"), newline="")))
    assert rows and {r["session_paused_seconds"] for r in rows} == {str(PAUSE_MS / 1000)}
    first = rows[0]
    taken = seconds_taken(
        first["session_started_at"],
        first["session_ended_at"],
        float(first["session_paused_seconds"]),
    )
    assert taken == played.taken


def test_an_import_on_another_computer_keeps_it_and_twice_changes_nothing(
    played: PausedPlay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = tmp_path / "backup.json"
    backup.write_text(run("--format", "json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "other-computer"))
    assert "imported 1 sessions" in run("import", str(backup))
    first = run("--format", "json")
    assert first == backup.read_text()
    assert "imported 0 sessions (0 intervals); 1 already" in run("import", str(backup))
    assert run("--format", "json") == first
    conn = open_database(history_path())
    record = HistoryStore(conn).session(played.session_id)
    conn.close()
    assert record is not None and record.time_taken_ms is not None
    assert clock_done(record.time_taken_ms) == played.taken


def test_an_export_without_the_pause_imports_as_start_to_end(
    played: PausedPlay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As an earlier evenside exported it: no paused_seconds at all.
    document: dict[str, Any] = json.loads(run("--format", "json"))
    del document["sessions"][0]["paused_seconds"]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(document))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "other-computer"))
    assert "imported 1 sessions" in run("import", str(older))
    conn = open_database(history_path())
    record = HistoryStore(conn).session(played.session_id)
    conn.close()
    assert record is not None and record.paused_ms is None
    assert record.time_taken_ms is not None and clock_done(record.time_taken_ms) == played.span
    # And exported again, it still has none (not a made-up 0).
    assert "paused_seconds" not in json.loads(run("--format", "json"))["sessions"][0]


def test_a_sync_carries_it_to_a_second_machine(tmp_path: Path) -> None:
    laptop, desk = Machine.make(tmp_path, "laptop"), Machine.make(tmp_path, "desk-pc")
    folder = tmp_path / "Sync" / "evenside"
    folder.parent.mkdir()
    with laptop.store() as store:
        played = play_paused(store, on(21))
    laptop.sync(folder)
    assert desk.sync(folder).summary() == ["1 session from laptop"]
    with desk.store() as store:
        record = store.session(played.session_id)
    assert record is not None and record.paused_ms == PAUSE_MS
    assert record.time_taken_ms is not None and clock_done(record.time_taken_ms) == played.taken
    assert desk.snapshot() == laptop.snapshot()
