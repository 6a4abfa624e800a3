"""Tests `evenside history restore` as a person runs it, on real histories damaged as disks
damage them: a bad sector, a file cut short, a file of zeros.

Every test starts from a history whose copy was made by a real `evenside checkin`, and
14 sessions played after the copy. A restore must bring back the copy and every session
the damaged file still holds (and the sync folder's), nothing invented and nothing
doubled, and say plainly what may be lost.
"""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from evenside.history.backups import backups_folder, copy_path, list_backups
from evenside.history.timestamps import local_today
from evenside.locations import history_path, settings_path
from tests.support.damaged_history import (
    bad_sector,
    checkins,
    held_sessions,
    truncated,
    zeroed,
)
from tests.support.evenside_process import EVENSIDE, run_evenside, shell_line
from tests.support.history_fixtures import build_history
from tests.support.routine_files import write_routine
from tests.support.tmux_terminal import TmuxTerminal, run_with_status, wait_for_exit

pytestmark = pytest.mark.slow

PER_BUILD = 14
"""Sessions each `build_history` plays."""


LONG = """\
name: Long
defaults: {prep: 0}
steps:
  - exercise: Lunge
    hold: 10m
"""


def no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stdout + done.stderr


@pytest.fixture
def histories() -> tuple[dict[str, Any], dict[str, Any]]:
    """(the sessions in today's copy, every session held before the damage)."""
    for _ in range(2):
        build_history(history_path()).conn.close()
    done = run_evenside("checkin", "--left", "3", "--right", "4")
    assert done.returncode == 0, done.stderr
    copy = copy_path(history_path(), local_today())
    assert copy.is_file()
    in_copy = held_sessions(copy)
    build_history(history_path()).conn.close()  # sessions the copy does not hold
    everything = held_sessions(history_path())
    assert len(in_copy) == 2 * PER_BUILD and len(everything) == 3 * PER_BUILD
    return in_copy, everything


def test_the_copy_is_private_in_a_private_folder(histories: object) -> None:
    folder = backups_folder(history_path())
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (copy,) = list_backups(history_path())
    assert stat.S_IMODE(copy.path.stat().st_mode) == 0o600
    assert copy.path.name == f"history-{local_today()}.sqlite3"
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_bad_sector_makes_the_commands_point_to_the_copy(histories: object) -> None:
    bad_sector(history_path(), "intervals", 0)
    failed = run_evenside("history", "--format", "json")
    no_traceback(failed)
    assert failed.returncode == 1
    assert "malformed" in failed.stderr
    assert f"`evenside history restore` puts back the copy of {local_today()}" in failed.stderr


@pytest.mark.parametrize(
    "command", [("balance",), ("history", "--format", "csv"), ("checkin", "--left", "2")]
)
def test_a_file_of_zeros_makes_the_commands_point_to_the_copy(
    histories: object, command: tuple[str, ...]
) -> None:
    zeroed(history_path())
    failed = run_evenside(*command)
    no_traceback(failed)
    assert failed.returncode == 1
    assert f"puts back the copy of {local_today()}" in failed.stderr


def test_play_points_to_the_copy_too(histories: object, tmp_path: Path) -> None:
    zeroed(history_path())
    routine = write_routine(tmp_path, LONG, "long.yaml")
    failed = run_evenside("play", routine, "--plain", "--mute")
    no_traceback(failed)
    assert failed.returncode == 1
    assert f"`evenside history restore` puts back the copy of {local_today()}" in failed.stderr
    assert "--no-history plays without recording" in failed.stderr


def test_a_truncated_history_points_to_the_copy(histories: object) -> None:
    truncated(history_path())
    failed = run_evenside("history", "--format", "csv")
    no_traceback(failed)
    assert failed.returncode == 1
    assert f"puts back the copy of {local_today()}" in failed.stderr


def test_without_a_copy_the_message_says_there_is_none() -> None:
    build_history(history_path()).conn.close()
    bad_sector(history_path(), "intervals", 0)
    failed = run_evenside("history", "--format", "json")
    assert failed.returncode == 1
    assert "there is no backup copy of it to put back" in failed.stderr


def restore(*args: str) -> subprocess.CompletedProcess[str]:
    done = run_evenside("history", "restore", *args)
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    return done


def test_a_bad_sector_in_the_copied_part_loses_nothing(
    histories: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    _, everything = histories
    before_checkins = checkins(history_path())
    bad_sector(history_path(), "intervals", 0)
    done = restore()
    assert f"Put back the copy of {local_today()}: {2 * PER_BUILD} sessions." in done.stdout
    assert f"From the damaged file: {PER_BUILD} sessions put back." in done.stdout
    assert "Nothing was lost." in done.stdout
    assert held_sessions(history_path()) == everything
    assert checkins(history_path()) == before_checkins
    assert stat.S_IMODE(history_path().stat().st_mode) == 0o600
    # The damaged file is kept beside it, never deleted.
    (aside,) = history_path().parent.glob("history.sqlite3.damaged-*[0-9TZ]")
    assert aside.stat().st_size > 0
    # A second restore (over a sound history: --force) changes nothing.
    again = restore("--force")
    assert held_sessions(history_path()) == everything
    assert "Nothing was lost." in again.stdout


def test_the_damaged_files_kept_are_read_again_by_the_next_restore(
    histories: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    _, everything = histories
    bad_sector(history_path(), "intervals", 0)
    restore()
    # The restored history is lost too (deleted by mistake): the next restore still reads
    # the damaged file the first one kept, and brings back every session.
    history_path().unlink()
    done = restore()
    assert held_sessions(history_path()) == everything
    assert f"From the damaged file: {PER_BUILD} sessions put back." in done.stdout
    assert "there was no history file to read" in done.stdout


def test_a_full_disk_while_putting_the_copy_back_changes_nothing(
    histories: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    bad_sector(history_path(), "intervals", 0)
    before = history_path().read_bytes()
    files = sorted(p.name for p in history_path().parent.iterdir())
    failed = subprocess.run(
        [*EVENSIDE, "history", "restore"],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_file_size(len(before) // 2),
    )
    no_traceback(failed)
    assert failed.returncode == 1
    (line,) = failed.stderr.strip().splitlines()
    assert "cannot put the copy in place" in line and "(nothing changed)" in line
    assert history_path().read_bytes() == before
    # No damaged file moved aside, no temporary copy left (SQLite's -wal and -shm, and the
    # sync lock, may appear: reading the history makes them).
    sqlites_own = {"history.sqlite3-wal", "history.sqlite3-shm", "sync.lock"}
    after = sorted(p.name for p in history_path().parent.iterdir() if p.name not in sqlites_own)
    assert after == files


def limit_file_size(limit: int) -> Callable[[], None]:
    def limit_files() -> None:
        # Past the limit a write fails with EFBIG, as on a full disk, not with SIGXFSZ.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_files


def test_a_bad_sector_among_the_new_sessions_says_what_is_lost(
    histories: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    in_copy, everything = histories
    bad_sector(history_path(), "intervals", -1)
    done = restore()
    after = held_sessions(history_path())
    missing = set(everything) - set(after)
    # Nothing invented, nothing changed: every session is one that was held, as it was.
    assert all(after[i] == everything[i] for i in after)
    assert set(in_copy) <= set(after)
    assert missing and missing <= set(everything) - set(in_copy)
    assert f"May be lost: {len(missing)} sessions found in the damaged file" in done.stdout
    assert f"From the damaged file: {PER_BUILD - len(missing)} sessions put back." in done.stdout


def test_a_bad_sector_in_the_sessions_table_keeps_the_sessions_past_it(
    histories: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    in_copy, everything = histories
    bad_sector(history_path(), "sessions", 0)
    done = restore()
    after = held_sessions(history_path())
    assert all(after[i] == everything[i] for i in after)
    assert set(in_copy) <= set(after)
    # The page lost held the first sessions (in the copy): the new ones, read past it, are back.
    assert set(after) == set(everything), done.stdout


def test_a_truncated_file_keeps_what_it_still_holds(
    histories: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    in_copy, everything = histories
    truncated(history_path())
    done = restore()
    after = held_sessions(history_path())
    assert all(after[i] == everything[i] for i in after)
    assert set(in_copy) <= set(after)
    if set(after) != set(everything):
        assert "May be lost" in done.stdout


def test_a_file_of_zeros_gets_the_copy_and_the_sync_folders_sessions(
    histories: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    _, everything = histories
    folder = tmp_path / "synced"
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(f'[sync]\nfolder = "{folder}"\n', encoding="utf-8")
    synced = run_evenside("sync")
    assert synced.returncode == 0, synced.stderr
    zeroed(history_path())
    done = restore()
    assert "May be lost: nothing could be read from the damaged file" in done.stdout
    assert f"From the sync folder: {PER_BUILD} sessions put back." in done.stdout
    assert held_sessions(history_path()) == everything


def test_a_sync_folder_that_cannot_be_read_is_one_note_and_the_restore_stands(
    histories: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    in_copy, _ = histories
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    missing = tmp_path / "unmounted" / "synced"
    settings_path().write_text(f'[sync]\nfolder = "{missing}"\n', encoding="utf-8")
    zeroed(history_path())
    done = restore()
    (note,) = done.stderr.strip().splitlines()
    assert note.startswith("note: the sync folder was not read: ") and "mounted" in note
    assert held_sessions(history_path()) == in_copy


def test_a_file_of_zeros_without_a_sync_folder_gets_the_copy_only(
    histories: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    in_copy, _ = histories
    zeroed(history_path())
    done = restore()
    assert held_sessions(history_path()) == in_copy
    assert f"what it held after {local_today()}" in done.stdout


def test_a_sound_history_is_not_replaced_without_force(
    histories: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    before = history_path().read_bytes()
    refused = run_evenside("history", "restore", stdin=subprocess.DEVNULL)
    no_traceback(refused)
    assert refused.returncode == 1
    assert "is sound; `evenside history restore --force`" in refused.stderr
    assert history_path().read_bytes() == before
    assert not list(history_path().parent.glob("*.damaged-*"))


@pytest.mark.parametrize("answer", ["n", "y"])
def test_at_a_terminal_a_sound_history_is_replaced_only_after_a_yes(
    histories: tuple[dict[str, Any], dict[str, Any]],
    terminal: TmuxTerminal,
    tmp_path: Path,
    answer: str,
) -> None:
    _, everything = histories
    before = history_path().read_bytes()
    status = tmp_path / "status"
    terminal.start(run_with_status(shell_line("history", "restore"), status))
    terminal.wait_for(lambda s: "[y/N]" in s, "the question")
    terminal.keys(answer, "Enter")
    assert wait_for_exit(terminal, status) == 0
    aside = list(history_path().parent.glob("history.sqlite3.damaged-*[0-9TZ]"))
    if answer == "n":
        assert "Nothing changed." in terminal.text()
        assert history_path().read_bytes() == before
        assert not aside
    else:
        assert "Put back the copy of" in terminal.text()
        assert len(aside) == 1
    assert held_sessions(history_path()) == everything


def test_the_newest_good_copy_is_chosen_and_a_damaged_one_passed_over(
    histories: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    in_copy, _ = histories
    today = local_today()
    good = copy_path(history_path(), today)
    older = good.with_name("history-2000-01-01.sqlite3")
    os.replace(good, older)
    newer = good.with_name("history-2099-01-01.sqlite3")
    newer.write_bytes(bytes(8192))
    zeroed(history_path())
    done = restore()
    assert "the copy of 2099-01-01 is damaged" in done.stderr
    assert f"Put back the copy of 2000-01-01: {2 * PER_BUILD} sessions." in done.stdout
    assert held_sessions(history_path()) == in_copy
    listed = run_evenside("history", "restore", "--list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("2099-01-01") and "damaged" in lines[0]
    assert lines[1].startswith("2000-01-01") and lines[1].endswith(f"{2 * PER_BUILD} sessions")


def test_a_named_copy_is_put_back(histories: tuple[dict[str, Any], dict[str, Any]]) -> None:
    in_copy, _ = histories
    zeroed(history_path())
    restore(str(local_today()))
    assert held_sessions(history_path()) == in_copy
    unknown = run_evenside("history", "restore", "1999-01-01")
    assert unknown.returncode == 1 and "no copy '1999-01-01'" in unknown.stderr


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def test_a_restore_while_a_session_plays_changes_nothing(
    histories: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path
) -> None:
    routine = write_routine(tmp_path, LONG, "long.yaml")
    player = subprocess.Popen(
        [*EVENSIDE, "play", str(routine), "--plain", "--mute"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        began = 3 * PER_BUILD + 1
        wait_until(lambda: len(held_sessions(history_path())) == began, "the session to begin")
        before = held_sessions(history_path())
        refused = run_evenside("history", "restore", "--force")
        no_traceback(refused)
        assert refused.returncode == 1
        assert f"process {player.pid}" in refused.stderr
        assert held_sessions(history_path()) == before
        assert not list(history_path().parent.glob("*.damaged-*"))
    finally:
        player.terminate()
        player.wait(timeout=30)


def test_locate_names_the_backups_folder() -> None:
    done = run_evenside("locate", "backups")
    assert done.returncode == 0
    assert done.stdout.strip() == str(backups_folder(history_path()))


def test_restore_without_any_copy_says_so() -> None:
    failed = run_evenside("history", "restore")
    no_traceback(failed)
    assert failed.returncode == 1
    assert "no good copy" in failed.stderr and "no copy has been made yet" in failed.stderr


def test_help_shows_restore() -> None:
    done = run_evenside("history", "--help")
    assert "restore" in done.stdout
