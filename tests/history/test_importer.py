"""Tests `evenside history --format csv|json` and `evenside history import`."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from evenside.commands.history_cmds import history
from evenside.history.db import open_database
from evenside.history.records import IntervalRecord
from evenside.history.store import HistoryStore
from evenside.locations import history_path
from tests.support.evenside_process import run_evenside

T0 = datetime(2024, 5, 1, 7, 30, tzinfo=UTC)
EVIL = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"]


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def fill(store: HistoryStore) -> list[str]:
    """Three sessions: a normal one, one with formula-like names, and one with reps."""
    ids = []
    for day, (routine, exercise) in enumerate(
        [("Psoas release", "Supine release"), (EVIL[1], EVIL[0]), ("Bridges", EVIL[3])]
    ):
        start = T0 + timedelta(days=day)
        session_id = store.begin_session(routine, "hash", start)
        for n, side in enumerate(("left", "right")):
            reps = day == 2
            store.record_interval(
                session_id,
                IntervalRecord(
                    exercise_id=EVIL[2] if day == 1 else exercise.lower().replace(" ", "-"),
                    exercise=exercise,
                    side=side,
                    set_number=1,
                    kind="reps" if reps else "hold",
                    planned_ms=None if reps else 45_500,
                    actual_ms=12_000 if reps else 45_500,
                    planned_reps=12 if reps else None,
                    done_reps=(12 if n == 0 else 0) if reps else None,
                    status="done" if n == 0 else "skipped",
                    started_at=_iso(start + timedelta(seconds=50 * n)),
                    ended_at=_iso(start + timedelta(seconds=50 * n + 45)),
                ),
            )
        store.add_rating(session_id, "before", "left", 6)
        store.add_rating(session_id, "after", None, 3)
        store.end_session(session_id, "completed", start + timedelta(minutes=5))
        ids.append(session_id)
    return ids


@pytest.fixture
def filled() -> list[str]:
    conn = open_database(history_path())
    ids = fill(HistoryStore(conn))
    conn.close()
    return ids


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(history, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def export_json() -> dict[str, Any]:
    code, out, err = run("--format", "json")
    assert code == 0, err
    document: dict[str, Any] = json.loads(out)
    return document


def test_csv_is_one_row_per_interval_and_defuses_formulas(filled: list[str]) -> None:
    code, out, _ = run("--format", "csv")
    assert code == 0
    every = list(csv.DictReader(io.StringIO(out)))
    rows = [row for row in every if row["kind"] != "pain"]
    assert len(rows) == 6
    assert len(every) - len(rows) == 2 * len(filled)  # each session's two pain ratings
    assert rows[0]["exercise"] == "Supine release"
    assert rows[0]["planned_seconds"] == "45.5"
    assert rows[1]["status"] == "skipped"
    evil_row = rows[2]
    assert evil_row["routine"] == "'" + EVIL[1]
    assert evil_row["exercise"] == "'" + EVIL[0]
    assert evil_row["exercise_id"] == "'" + EVIL[2]
    assert rows[4]["exercise"] == "'" + EVIL[3]
    assert rows[4]["planned_reps"] == "12" and rows[4]["planned_seconds"] == ""
    # No cell anywhere begins a formula.
    for row in every:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())


def test_json_has_exactly_the_documented_shape(filled: list[str]) -> None:
    document = export_json()
    assert set(document) == {"format", "version", "sessions"}
    assert document["format"] == "evenside-history" and document["version"] == 1
    assert [s["id"] for s in document["sessions"]] == filled
    session = document["sessions"][0]
    assert set(session) == {
        "id",
        "routine",
        "started_at",
        "ended_at",
        "status",
        "ratings",
        "intervals",
    }
    assert session["status"] == "completed"
    assert session["started_at"] == "2024-05-01T07:30:00.000Z"
    assert session["ratings"] == [
        {"when": "before", "side": "left", "pain": 6},
        {"when": "after", "side": None, "pain": 3},
    ]
    assert session["intervals"][0] == {
        "exercise_id": "supine-release",
        "exercise": "Supine release",
        "side": "left",
        "set": 1,
        "kind": "hold",
        "planned_seconds": 45.5,
        "actual_seconds": 45.5,
        "planned_reps": None,
        "done_reps": None,
        "status": "done",
        "started_at": "2024-05-01T07:30:00.000Z",
        "ended_at": "2024-05-01T07:30:45.000Z",
    }
    # JSON keeps the text as it is: defusing is for spreadsheets only.
    assert document["sessions"][1]["routine"] == EVIL[1]


def test_export_file_written_by_the_real_command_is_private(
    filled: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "backup.json"
    target.write_text("old")
    os.chmod(target, 0o644)
    proc = subprocess.run(
        [sys.executable, "-m", "evenside", "history", "--format", "json", "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [s["id"] for s in json.loads(target.read_text())["sessions"]] == filled


def _move_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / name))


def test_import_into_another_computer_twice_changes_nothing(
    filled: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = export_json()
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(original))

    _move_home(monkeypatch, tmp_path, "other-computer")
    conn = open_database(history_path())
    HistoryStore(conn).begin_session("Local only", started_at=T0 - timedelta(days=1))
    conn.close()

    code, out, err = run("import", str(backup))
    assert code == 0, err
    assert "imported 3 sessions (6 intervals); 0 already" in out
    first = export_json()
    assert first["sessions"][1:] == original["sessions"]

    code, out, err = run("import", str(backup))
    assert code == 0, err
    assert "imported 0 sessions (0 intervals); 3 already" in out
    assert export_json() == first


def _broken(document: dict[str, Any]) -> dict[str, Any]:
    broken = json.loads(json.dumps(document))
    broken["sessions"][1]["intervals"][1]["side"] = "middle"
    broken["sessions"][2]["ratings"][0]["pain"] = 12
    return broken


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("not json at all", "not JSON"),
        ('{"format": "something-else", "version": 1, "sessions": []}', "'format' must be"),
        ('{"format": "evenside-history", "version": 1, "sessions": [{"id": 3}]}', "session 1"),
    ],
)
def test_unreadable_files_get_one_clear_line(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    code, out, err = run("import", str(path))
    assert code == 1
    assert expected in err
    assert "Traceback" not in err + out


def test_malformed_import_changes_nothing_and_names_the_records(
    filled: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = export_json()
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(_broken(original)))
    _move_home(monkeypatch, tmp_path, "fresh")
    before = export_json()

    code, _, err = run("import", str(path))
    assert code == 1
    assert f"session 2 (id {filled[1]}), interval 2: 'side' must be one of" in err
    assert "'middle'" in err
    assert f"session 3 (id {filled[2]}), rating 1: 'pain' must be a whole number" in err
    assert "nothing imported" in err
    assert export_json() == before


TOTALS = ("balance_months", "balance_days", "session_sides")


@pytest.mark.parametrize("table", ["sessions", "intervals", "ratings", *TOTALS])
def test_a_failure_while_writing_rolls_back_the_whole_import(
    filled: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str
) -> None:
    original = export_json()
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(original))
    _move_home(monkeypatch, tmp_path, "fresh")
    before = export_json()

    import evenside.history.importer as importer

    monkeypatch.setattr(importer, "BATCH_SESSIONS", 1)
    conn = open_database(history_path())
    # SQLite itself fails at this table's first write of the second session, the first
    # session's batch written.
    conn.execute(
        f"CREATE TEMP TRIGGER fail BEFORE INSERT ON main.{table} "
        "WHEN (SELECT count(*) FROM main.sessions) > 1 "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    with pytest.raises(sqlite3.DatabaseError, match="disk full"):
        importer.import_history(HistoryStore(conn), path)
    tables = ("sessions", "intervals", "ratings", *TOTALS)
    assert [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables] == [0] * 6
    triggers = {
        row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    assert {"balance_months_add", "balance_days_add", "session_sides_add"} <= triggers
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # put back after
    conn.close()
    assert export_json() == before


def test_a_history_locked_past_the_busy_timeout_is_one_line_and_imports_nothing(
    filled: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(export_json()))
    _move_home(monkeypatch, tmp_path, "fresh")
    before = export_json()
    conn = open_database(history_path())
    conn.execute("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(history_path(), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, holding on past the busy timeout
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            import evenside.history.importer as importer

            importer.import_history(HistoryStore(conn), path)
        settings = [
            conn.execute(f"PRAGMA {name}").fetchone()[0] for name in ("foreign_keys", "cache_size")
        ]
        conn.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert settings == [1, -2000]  # the import's own settings put back
    assert export_json() == before


@pytest.mark.slow
def test_the_import_command_says_a_locked_history_and_that_nothing_came_in(
    filled: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(export_json()))
    _move_home(monkeypatch, tmp_path, "fresh")
    before = export_json()
    holder = sqlite3.connect(history_path(), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        done = run_evenside("history", "import", path, timeout=120)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # The history opens (it is up to date: no lock needed); the import's write waits
    # out the busy timeout, then says so and that nothing came in.
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "error: cannot write the history: database is locked",
        f"{path}: nothing imported",
    ]
    assert export_json() == before


def test_sqlite_taking_few_values_a_statement_imports_the_same(
    filled: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = export_json()
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(original))
    _move_home(monkeypatch, tmp_path, "fresh")
    conn = open_database(history_path())
    # An SQLite that takes few values a statement (999 before 3.32): two intervals a
    # statement here, so the rows are split across statements, a part-filled one last.
    conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 30)
    import evenside.history.importer as importer

    assert importer.import_history(HistoryStore(conn), path).added_sessions == 3
    conn.close()
    assert export_json() == original


def test_import_accepts_any_zoned_time_and_stores_it_in_utc(tmp_path: Path) -> None:
    session_id = "6f1c0e52-4a8e-4c1e-9a59-1f4f8a0b7c11"
    document = {
        "format": "evenside-history",
        "version": 1,
        "sessions": [
            {
                "id": session_id.upper(),
                "routine": "From a phone",
                "started_at": "2024-05-01T09:30:00+02:00",
                "ended_at": None,
                "status": None,
                "ratings": [],
                "intervals": [
                    {
                        "exercise_id": "lunge",
                        "exercise": "Lunge",
                        "side": "right",
                        "set": None,
                        "kind": "hold",
                        "planned_seconds": 30,
                        "actual_seconds": 12.25,
                        "planned_reps": None,
                        "done_reps": None,
                        "status": "partial",
                        "started_at": "2024-05-01T07:30:05Z",
                        "ended_at": "2024-05-01T07:30:17.250+00:00",
                    }
                ],
            }
        ],
    }
    path = tmp_path / "phone.json"
    path.write_text(json.dumps(document))
    code, _, err = run("import", str(path))
    assert code == 0, err
    (session,) = export_json()["sessions"]
    assert session["id"] == session_id
    assert session["started_at"] == "2024-05-01T07:30:00.000Z"
    # A session exported while still open can only have been interrupted since.
    assert session["status"] == "interrupted"
    (interval,) = session["intervals"]
    assert interval["ended_at"] == "2024-05-01T07:30:17.250Z"
    assert interval["actual_seconds"] == 12.25


def test_history_without_format_opens_the_screen_or_says_why_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib

    def missing(name: str) -> object:
        raise ModuleNotFoundError(name)

    from evenside.commands import tui_launch

    # At a terminal (the test runner has none: that case says so and exits 1).
    monkeypatch.setattr(tui_launch, "no_terminal_reason", lambda: None)
    monkeypatch.setattr(importlib, "import_module", missing)
    code, _, err = run()
    assert code == 2
    assert "--format csv" in err


@pytest.mark.parametrize("args", [["balance", "--format", "json"], ["history", "--format", "csv"]])
def test_history_and_balance_commands_never_import_textual(args: list[str]) -> None:
    probe = (
        "import sys\n"
        "from evenside.cli import cli\n"
        f"cli({args!r}, standalone_mode=False)\n"
        "print('TEXTUAL', any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "TEXTUAL False" in proc.stdout


@pytest.mark.parametrize(
    ("paused", "shown"),
    [(-5, "-5"), ("300", "'300'"), (True, "True"), (float("nan"), "nan"), ([60], "[60]")],
)
def test_a_bad_paused_time_is_refused_naming_the_session_and_nothing_is_imported(
    filled: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    paused: object,
    shown: str,
) -> None:
    document = export_json()
    document["sessions"][0]["paused_seconds"] = 60  # a good one beside it
    document["sessions"][1]["paused_seconds"] = paused
    path = tmp_path / "bad-pause.json"
    path.write_text(json.dumps(document))
    _move_home(monkeypatch, tmp_path, "fresh")
    before = export_json()

    code, out, err = run("import", str(path))
    assert code == 1
    assert (
        f"session 2 (id {filled[1]}): 'paused_seconds' must be a number of seconds "
        f"(0 or more), not {shown}"
    ) in err
    assert "nothing imported" in err
    assert not re.search(r":\d+:\d+:", err)  # a record is named, not a line and column
    assert "Traceback" not in err + out
    assert export_json() == before


def test_the_real_command_refuses_a_negative_pause_in_one_clear_line(
    filled: list[str], tmp_path: Path
) -> None:
    document = export_json()
    document["sessions"][2]["paused_seconds"] = -0.5
    path = tmp_path / "negative.json"
    path.write_text(json.dumps(document))
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "fresh")}
    result = run_evenside("history", "import", str(path), env=env)
    assert result.returncode == 1
    assert f"session 3 (id {filled[2]}): 'paused_seconds' must be a number" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    after = run_evenside("history", "--format", "json", env=env, check=True)
    assert json.loads(after.stdout)["sessions"] == []
