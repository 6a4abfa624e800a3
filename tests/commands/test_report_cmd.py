"""Tests `evenside report` as a person runs it: a child process, the real clock, real files.

Faults (an unusable history, a folder that refuses the file, a full disk) are
one line on stderr and exit status 1, with no traceback and nothing
half-written: an old report is left as it was and no temporary file stays.
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
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from evenside.commands.report_cmd import DEFAULT_DAYS
from evenside.history.db import open_database
from evenside.history.store import HistoryStore
from evenside.locations import bundled_routines_dir, history_path
from evenside.report.period import DEFAULT_DAYS as PERIOD_DEFAULT_DAYS
from evenside.routine.loader import load_routine
from tests.support.evenside_process import EVENSIDE, run_evenside
from tests.support.history_fixtures import TODAY, build_history, play

pytestmark = pytest.mark.slow

FILE_SIZE_LIMIT = 32_768
"""Small enough to stop the report's file, big enough for SQLite's -shm file."""


def one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    (line,) = stderr.strip().splitlines()
    return line


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def history() -> Path:
    """The fixed history (May 2024) as the user's history."""
    build_history(history_path()).conn.close()
    return history_path()


def test_the_command_default_matches_the_period_default() -> None:
    assert DEFAULT_DAYS == PERIOD_DEFAULT_DAYS == 42


def test_the_default_report_lands_here_named_by_today(history: Path, tmp_path: Path) -> None:
    done = run_evenside("report", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (written,) = tmp_path.iterdir()
    assert written.name == f"evenside-report-{date.today().isoformat()}.html"
    assert str(written) in done.stdout
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    first = (date.today() - timedelta(days=41)).isoformat()
    assert first in done.stdout


def test_since_covers_the_history_and_names_its_sessions(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "for-the-physio.html"
    done = run_evenside("report", "--since", "2024-05-01", "-o", out)
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert "1 May 2024 to" in page
    # 05-01 to 05-08, 05-09, 05-19, 05-20 and 05-22: each with work recorded.
    assert "Psoas release (12 sessions)" in page
    # The bundled Desk break's red flags; no routine file is named Psoas release.
    assert "<b>Desk break</b>: Stop and see a doctor" in page
    assert "<b>Psoas release</b>" not in page


def test_red_flags_come_from_the_routine_files_played(tmp_path: Path) -> None:
    routine = load_routine(bundled_routines_dir() / "psoas-stretches.yaml")
    store = HistoryStore(open_database(history_path()))
    play(store, routine, datetime.now(UTC) - timedelta(hours=1))
    store.conn.close()
    out = tmp_path / "report.html"
    done = run_evenside("report", "--days", "7", "-o", out)
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert "Red flags the routines list" in page
    assert "<b>Psoas stretches</b>: Stop and see a doctor if you have fever" in page
    assert "Psoas stretches (1 session)" in page


def test_days_and_since_together_are_refused(history: Path, tmp_path: Path) -> None:
    done = run_evenside("report", "--days", "7", "--since", "2024-05-01", cwd=tmp_path)
    assert done.returncode == 2
    assert "not both" in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_date_in_the_future_is_refused(history: Path, tmp_path: Path) -> None:
    later = (date.today() + timedelta(days=3)).isoformat()
    done = run_evenside("report", "--since", later, cwd=tmp_path)
    assert done.returncode == 2
    assert "is after today" in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_unusable_history_is_one_line(tmp_path: Path) -> None:
    history = history_path()
    history.parent.mkdir(parents=True, exist_ok=True)
    history.write_bytes(b"not a database, some other program's file" * 100)
    before = digest(history)
    done = run_evenside("report", cwd=tmp_path)
    assert done.returncode == 1
    assert "cannot open the history" in one_error_line(done.stderr)
    assert digest(history) == before
    assert list(tmp_path.iterdir()) == []


def test_a_history_damaged_inside_is_one_line_and_no_file(history: Path, tmp_path: Path) -> None:
    # Overwrite the root page of the intervals table: the history opens, reading it fails.
    conn = sqlite3.connect(history)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'intervals'").fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with history.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * page_size)
    done = run_evenside("report", "--since", "2024-05-01", cwd=tmp_path)
    assert done.returncode == 1
    line = one_error_line(done.stderr)
    assert "cannot read the history" in line and "malformed" in line
    assert list(tmp_path.iterdir()) == []


def _unwritable_folder(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir(mode=0o500)
        return folder
    return Path("/sys")  # root may write anywhere in a normal folder; not here


def test_an_unwritable_folder_is_one_line(history: Path, tmp_path: Path) -> None:
    folder = _unwritable_folder(tmp_path)
    before = sorted(os.listdir(folder))
    done = run_evenside("report", "-o", folder / "report.html")
    assert done.returncode == 1
    line = one_error_line(done.stderr)
    assert f"cannot write {folder / 'report.html'}" in line and "(nothing written)" in line
    assert sorted(os.listdir(folder)) == before


def _file_size_limit() -> None:
    # Ignored, SIGXFSZ turns a write past the limit into an OSError (EFBIG), as a full disk
    # gives ENOSPC, instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))


def test_a_full_disk_leaves_the_old_report_and_no_temporary_file(
    history: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    out.write_text("last month's report")
    before = digest(out)
    # A year of days, so the page is well past the limit.
    failed = subprocess.run(
        [*EVENSIDE, "report", "--since", "2024-01-01", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_file_size_limit,
    )
    assert failed.returncode == 1
    line = one_error_line(failed.stderr)
    assert "File too large" in line and "left as it was" in line
    assert digest(out) == before
    assert os.listdir(tmp_path) == ["report.html"]


def test_the_fixed_history_is_in_the_past() -> None:
    assert TODAY.date() < date.today()  # --since 2024-... is a real period on any run


def test_the_command_never_loads_textual(history: Path, tmp_path: Path) -> None:
    code = (
        "import contextlib, io, json, sys\n"
        "from evenside.cli import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    cli.main(['report'], prog_name='evenside', standalone_mode=False)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.splitlines()[-1])
    assert "evenside.report.page" in loaded  # the report was really made
    assert not [name for name in loaded if name.split(".")[0] == "textual"]
