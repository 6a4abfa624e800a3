"""Tests when today's copy of the history is made, in real child processes: after a played
session and after the commands that write; and that a copy that cannot be made (a full
disk, a folder in the way, a damaged history) is one line and never fails the command."""

from __future__ import annotations

import resource
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from evenside.history.backups import backups_folder, copy_path, list_backups, session_count
from evenside.history.timestamps import local_today
from evenside.locations import history_path, settings_path
from tests.support.damaged_history import bad_sector, checkins, held_sessions
from tests.support.evenside_process import EVENSIDE, run_evenside
from tests.support.history_fixtures import build_history
from tests.support.routine_files import write_routine

pytestmark = pytest.mark.slow

ONE = """\
name: Warm up
defaults: {prep: 0}
steps:
  - exercise: Breathe
    hold: 1s
"""


def todays_copy() -> Path:
    return copy_path(history_path(), local_today())


def test_a_played_session_is_in_todays_copy(tmp_path: Path) -> None:
    routine = write_routine(tmp_path, ONE, "one.yaml")
    done = run_evenside("play", routine, "--plain", "--mute")
    assert done.returncode == 0, done.stderr
    assert session_count(todays_copy()) == 1
    assert held_sessions(todays_copy()) == held_sessions(history_path())
    # Once a day: the next session leaves today's copy as it was.
    before = todays_copy().stat().st_ino
    run_evenside("play", routine, "--plain", "--mute", check=True)
    assert todays_copy().stat().st_ino == before


def test_no_history_no_copy(tmp_path: Path) -> None:
    routine = write_routine(tmp_path, ONE, "one.yaml")
    done = run_evenside("play", routine, "--plain", "--mute", "--no-history")
    assert done.returncode == 0, done.stderr
    assert not backups_folder(history_path()).exists()


@pytest.mark.parametrize(
    "command",
    [
        ("checkin", "--left", "3"),
        ("program", "use", "psoas-rehab"),
    ],
)
def test_a_writing_command_makes_todays_copy(command: tuple[str, ...]) -> None:
    build_history(history_path()).conn.close()
    done = run_evenside(*command)
    assert done.returncode == 0, done.stderr
    assert held_sessions(todays_copy()) == held_sessions(history_path())


def test_a_sync_makes_todays_copy(tmp_path: Path) -> None:
    build_history(history_path()).conn.close()
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(f'[sync]\nfolder = "{tmp_path / "synced"}"\n', encoding="utf-8")
    done = run_evenside("sync")
    assert done.returncode == 0, done.stderr
    assert todays_copy().is_file()


def test_an_import_makes_todays_copy(tmp_path: Path) -> None:
    build_history(history_path()).conn.close()
    export = tmp_path / "export.json"
    run_evenside("history", "--format", "json", "-o", export, check=True)
    history_path().unlink()
    done = run_evenside("history", "import", export)
    assert done.returncode == 0, done.stderr
    assert held_sessions(todays_copy()) == held_sessions(history_path())


def one_note(stderr: str) -> str:
    assert "Traceback" not in stderr
    (line,) = stderr.strip().splitlines()
    assert line.startswith("note: no backup of the history made today: ")
    return line


def limit_file_size(limit: int) -> Callable[[], None]:
    def limit_files() -> None:
        # Past the limit a write fails with EFBIG, as on a full disk (instead of the
        # default SIGXFSZ, which would kill the process outright).
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_files


def test_a_full_disk_while_copying_is_one_line_and_the_checkin_is_kept() -> None:
    for _ in range(3):
        build_history(history_path()).conn.close()
    assert history_path().stat().st_size > 200_000
    done = subprocess.run(
        [*EVENSIDE, "checkin", "--left", "3", "--right", "5"],
        capture_output=True,
        text=True,
        timeout=60,
        # Room for the check-in's few pages in the write-ahead log, not for a copy.
        preexec_fn=limit_file_size(100_000),
    )
    assert done.returncode == 0, done.stderr
    assert f"cannot write a copy in {backups_folder(history_path())}" in one_note(done.stderr)
    assert [(day, side, pain) for day, side, pain, _ in checkins(history_path())] == [
        (str(local_today()), "left", 3),
        (str(local_today()), "right", 5),
    ]
    assert not todays_copy().exists()
    assert [p.name for p in backups_folder(history_path()).iterdir()] == [".lock"]


def test_a_file_where_the_backups_folder_goes_is_one_line() -> None:
    build_history(history_path()).conn.close()
    backups_folder(history_path()).write_text("in the way")
    done = run_evenside("checkin", "--left", "3")
    assert done.returncode == 0, done.stderr
    one_note(done.stderr)
    assert backups_folder(history_path()).read_text() == "in the way"


def test_a_damaged_history_is_not_copied_and_yesterdays_copy_stays() -> None:
    build_history(history_path()).conn.close()
    yesterday = copy_path(history_path(), local_today().replace(year=2000))
    run_evenside("checkin", "--left", "1", check=True)
    todays_copy().rename(yesterday)
    kept = yesterday.read_bytes()
    bad_sector(history_path(), "intervals", 0)
    done = run_evenside("checkin", "--left", "3")
    assert done.returncode == 0, done.stderr
    assert "the history is damaged" in one_note(done.stderr)
    assert [c.path for c in list_backups(history_path())] == [yesterday]
    assert yesterday.read_bytes() == kept
