"""Tests `evenside history -o FILE` and `evenside history import` as a person runs them.

Each fault is met in a real child process: the export refuses the history
itself, and a failed export (a corrupt page, a full disk) leaves yesterday's
backup as it was and no temporary file beside it; a malformed import names
the session and interval, writes nothing and never shows a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from evenside.locations import history_path
from tests.support.evenside_process import EVENSIDE, run_evenside
from tests.support.history_fixtures import build_history

pytestmark = pytest.mark.slow

NEW_ID = "6f1c0e52-4a8e-4c1e-9a59-1f4f8a0b7c11"
# SQLite maps a 32 KiB -shm file beside a WAL database: a smaller file-size limit stops
# evenside before it reaches the export.
FILE_SIZE_LIMIT = 32_768


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    """Yesterday's good backup of a history of 65 sessions: its JSON and its CSV are both
    bigger than FILE_SIZE_LIMIT."""
    for _ in range(5):
        build_history(history_path()).conn.close()
    path = tmp_path / "backups" / "history.json"
    path.parent.mkdir()
    done = run_evenside("history", "--format", "json", "-o", path)
    assert done.returncode == 0, done.stderr
    csv_size = len(run_evenside("history", "--format", "csv").stdout)
    assert min(path.stat().st_size, csv_size) > FILE_SIZE_LIMIT + 8_192
    return path


def one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    (line,) = stderr.strip().splitlines()
    return line


# -o refuses the history itself -----------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_onto_the_history_or_its_companions_is_refused(
    backup: Path, suffix: str, fmt: str
) -> None:
    history = history_path()
    guarded = Path(f"{history}{suffix}")
    before = digest(guarded), digest(history)
    refused = run_evenside("history", "--format", fmt, "-o", guarded)
    assert refused.returncode == 1
    line = one_error_line(refused.stderr)
    assert "will not write the export there" in line and "the history database" in line
    assert (digest(guarded), digest(history)) == before
    assert sorted(p.name for p in history.parent.iterdir()) == [history.name]


def test_export_through_a_link_or_a_relative_path_to_the_history_is_refused(
    backup: Path, tmp_path: Path
) -> None:
    history = history_path()
    before = digest(history)
    link = tmp_path / "innocent.json"
    link.symlink_to(history)
    for target, cwd in ((link, tmp_path), (Path("..") / "evenside" / history.name, history.parent)):
        refused = run_evenside("history", "--format", "json", "-o", target, cwd=cwd)
        assert refused.returncode == 1
        assert "the history database" in one_error_line(refused.stderr)
    assert digest(history) == before
    assert run_evenside("history", "--format", "json").returncode == 0


# A failed export leaves the old file ------------------------------------------------------


def corrupt_intervals(history: Path) -> None:
    """Overwrite the root page of the intervals table: the history opens, the export fails."""
    conn = sqlite3.connect(history)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'intervals'").fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with history.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * page_size)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_corrupt_page_leaves_the_old_export_and_no_temporary_file(backup: Path, fmt: str) -> None:
    before = digest(backup)
    corrupt_intervals(history_path())
    failed = run_evenside("history", "--format", fmt, "-o", backup)
    assert digest(backup) == before
    assert os.listdir(backup.parent) == [backup.name]
    assert failed.returncode == 1
    line = one_error_line(failed.stderr)
    assert "malformed" in line and str(backup) in line and "left as it was" in line


def test_a_corrupt_page_on_stdout_is_one_line_too(backup: Path) -> None:
    corrupt_intervals(history_path())
    failed = run_evenside("history", "--format", "json")
    assert failed.returncode == 1
    assert "malformed" in one_error_line(failed.stderr)


def _file_size_limit() -> None:
    # Ignored, SIGXFSZ turns a write past the limit into an OSError (EFBIG), as a full disk
    # gives ENOSPC, instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))


def run_with_file_size_limit(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*EVENSIDE, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_file_size_limit,
    )


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_full_disk_leaves_the_old_export_and_no_temporary_file(backup: Path, fmt: str) -> None:
    before = digest(backup)
    failed = run_with_file_size_limit("history", "--format", fmt, "-o", backup)
    assert digest(backup) == before
    assert os.listdir(backup.parent) == [backup.name]
    assert failed.returncode == 1
    line = one_error_line(failed.stderr)
    assert "File too large" in line and "left as it was" in line


def test_a_successful_export_replaces_the_file_whole_and_private(backup: Path) -> None:
    backup.write_text("yesterday")
    os.chmod(backup, 0o644)
    done = run_evenside("history", "--format", "csv", "-o", backup)
    assert done.returncode == 0, done.stderr
    assert backup.read_bytes().startswith(b"session_id,routine,")
    assert backup.read_bytes().endswith(b"\r\n")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert os.listdir(backup.parent) == [backup.name]


def test_an_export_through_a_link_replaces_the_file_it_names(backup: Path, tmp_path: Path) -> None:
    link = tmp_path / "latest.json"
    link.symlink_to(backup)
    backup.write_text("yesterday")
    done = run_evenside("history", "--format", "json", "-o", link)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert json.loads(backup.read_text())["format"] == "evenside-history"


def test_an_export_into_a_pipe_goes_through_it(backup: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    done = run_evenside("history", "--format", "json", "-o", fifo)
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(received[0])["sessions"]


def test_an_export_to_dev_stdout_goes_down_the_pipe(backup: Path) -> None:
    done = run_evenside("history", "--format", "json", "-o", "/dev/stdout")
    assert done.returncode == 0, done.stderr
    assert done.stdout.encode() == backup.read_bytes()


def test_an_export_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    failed = run_evenside("history", "--format", "json", "-o", tmp_path / "nowhere" / "x.json")
    assert failed.returncode == 1
    assert "No such file or directory" in one_error_line(failed.stderr)


# A malformed import names the record and writes nothing -----------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _interval_value(key: str, value: object) -> Mutation:
    def mutate(session: dict[str, Any]) -> None:
        session["intervals"][1][key] = value

    return mutate


def _session_value(key: str, value: object) -> Mutation:
    def mutate(session: dict[str, Any]) -> None:
        session[key] = value

    return mutate


def _rating_value(key: str, value: object) -> Mutation:
    def mutate(session: dict[str, Any]) -> None:
        session["ratings"][0][key] = value

    return mutate


BIG = "BIG-NUMBER"
SURROGATE = "LONE-SURROGATE"
TOMORROW_AND_MORE = (datetime.now(UTC) + timedelta(days=2)).isoformat()

MALFORMED: dict[str, tuple[Mutation, str, str]] = {
    "5001-digit seconds": (
        _interval_value("planned_seconds", BIG),
        "interval 2: 'planned_seconds' must be a number of seconds",
        "a 5001-digit number",
    ),
    "5001-digit pain": (
        _rating_value("pain", BIG),
        "rating 1: 'pain' must be a whole number from 0 to 10",
        "a 5001-digit number",
    ),
    "year 1 east of UTC": (
        _interval_value("started_at", "0001-01-01T00:00:00+14:00"),
        "interval 2: 'started_at' must be from 1970 on",
        "0001-01-01T00:00:00+14:00",
    ),
    "year 9999 west of UTC": (
        _interval_value("ended_at", "9999-12-31T23:59:59-14:00"),
        "interval 2: 'ended_at' must not be more than a day in the future",
        "9999-12-31T23:59:59-14:00",
    ),
    "lone surrogate in a name": (
        _interval_value("exercise", SURROGATE),
        "interval 2: 'exercise' must be text without lone surrogates",
        "\\udc80",
    ),
    "lone surrogate in the routine": (
        _session_value("routine", SURROGATE),
        "): 'routine' must be text without lone surrogates",
        "\\udc80",
    ),
    "year 999 in the stored form": (
        _interval_value("started_at", "0999-05-01T07:30:00.000Z"),
        "interval 2: 'started_at' must be from 1970 on",
        "0999-05-01",
    ),
    "year 999 with an offset": (
        _session_value("started_at", "0999-05-01T09:30:00+02:00"),
        "): 'started_at' must be from 1970 on",
        "0999-05-01",
    ),
    "before 1970": (
        _interval_value("ended_at", "1969-12-31T23:59:59.999Z"),
        "interval 2: 'ended_at' must be from 1970 on",
        "1969-12-31",
    ),
    "the day after tomorrow": (
        _session_value("started_at", TOMORROW_AND_MORE),
        "): 'started_at' must not be more than a day in the future",
        TOMORROW_AND_MORE[:10],
    ),
}


def _malformed_file(backup: Path, mutate: Mutation) -> Path:
    document = json.loads(backup.read_text())
    session = document["sessions"][0]
    session["id"] = NEW_ID  # not yet held, so it would be imported
    mutate(session)
    text = json.dumps(document, ensure_ascii=False)
    # JSON spells these; Python cannot hold them as values to dump.
    text = text.replace(f'"{BIG}"', "9" * 5001).replace(SURROGATE, "\\udc80")
    path = backup.parent / "malformed.json"
    path.write_text(text)
    return path


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_value_is_named_and_nothing_is_written(backup: Path, case: str) -> None:
    mutate, where, shown = MALFORMED[case]
    path = _malformed_file(backup, mutate)
    history = history_path()
    before = digest(history)
    failed = run_evenside("history", "import", path)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    problem, summary = failed.stderr.strip().splitlines()
    assert problem.startswith(f"error: session 1 (id {NEW_ID})")
    assert where in problem and shown in problem
    assert summary == f"{path}: nothing imported"
    assert digest(history) == before


def test_a_lone_surrogate_in_an_id_is_named_without_a_traceback(backup: Path) -> None:
    path = _malformed_file(backup, _session_value("id", SURROGATE))
    failed = run_evenside("history", "import", path)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert "session 1 (id \\udc80): 'id' must be a UUID" in failed.stderr


def test_an_export_with_a_session_of_1970_restores(backup: Path, tmp_path: Path) -> None:
    """The earliest time accepted, written by the store and exported, imports again."""
    path = _malformed_file(backup, _session_value("started_at", "1970-01-01T00:00:00.000Z"))
    done = run_evenside("history", "import", path)
    assert done.returncode == 0, done.stderr
    again = tmp_path / "again.json"
    assert run_evenside("history", "--format", "json", "-o", again).returncode == 0
    assert '"started_at": "1970-01-01T00:00:00.000Z"' in again.read_text()
    assert "imported 0 sessions" in run_evenside("history", "import", again).stdout


def test_a_full_disk_during_an_import_is_one_line_and_writes_nothing(
    backup: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "another-computer"))
    assert run_evenside("history", "--format", "json").returncode == 0  # an empty history
    empty = run_evenside("history", "--format", "json").stdout
    failed = run_with_file_size_limit("history", "import", backup)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    problem, summary = failed.stderr.strip().splitlines()
    assert problem.startswith("error: cannot write the history: ")
    assert summary == f"{backup}: nothing imported"
    assert run_evenside("history", "--format", "json").stdout == empty
