"""Tests `private_output`: an export file is replaced whole, privately, or not at all."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from evenside.history.export import private_output
from evenside.locations import ProtectedPath, history_path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def old(tmp_path: Path) -> Path:
    """Yesterday's backup, readable by all (made before the exports were private)."""
    path = tmp_path / "backup.json"
    path.write_text("yesterday's backup")
    os.chmod(path, 0o644)
    return path


def test_the_export_goes_to_a_private_file_beside_the_old_one_until_it_is_complete(
    old: Path,
) -> None:
    umask = os.umask(0)  # even a careless umask gives no one else a look
    try:
        with private_output(old) as out:
            (temporary,) = (p for p in old.parent.iterdir() if p != old)
            assert mode(temporary) == 0o600
            assert temporary.stat().st_size == 0  # private before the first byte
            out.write("today's backup")
            out.flush()
            assert old.read_text() == "yesterday's backup"
    finally:
        os.umask(umask)
    assert old.read_text() == "today's backup"
    assert mode(old) == 0o600
    assert list(old.parent.iterdir()) == [old]


class Corrupt(sqlite3.DatabaseError):
    """Stands for a corrupt page met half way through the history."""


@pytest.mark.parametrize(
    "failure",
    [OSError(errno.ENOSPC, "No space left on device"), Corrupt("malformed"), KeyboardInterrupt()],
    ids=["disk-full", "corrupt-page", "ctrl-c"],
)
def test_a_failed_export_leaves_the_old_file_and_nothing_else(
    old: Path, failure: BaseException
) -> None:
    with pytest.raises(type(failure)), private_output(old) as out:
        out.write("half of today's" * 10_000)
        raise failure
    assert old.read_text() == "yesterday's backup"
    assert mode(old) == 0o644
    assert list(old.parent.iterdir()) == [old]


def test_a_failure_to_sync_leaves_the_old_file(old: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError, match="No space"), private_output(old) as out:
        out.write("today's backup")
    assert old.read_text() == "yesterday's backup"
    assert list(old.parent.iterdir()) == [old]


def test_a_failed_first_export_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(OSError), private_output(tmp_path / "new.json") as out:
        out.write("{")
        raise OSError(errno.EFBIG, "File too large")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_the_history_and_its_companions_are_refused_before_anything_is_made(
    suffix: str,
) -> None:
    history = history_path()
    history.parent.mkdir(parents=True)
    history.write_bytes(b"SQLite format 3\x00")
    with (
        pytest.raises(ProtectedPath, match="the history database"),
        private_output(Path(f"{history}{suffix}")),
    ):
        pytest.fail("the body must not run")
    assert history.read_bytes() == b"SQLite format 3\x00"
    assert list(history.parent.iterdir()) == [history]


def test_a_link_keeps_pointing_at_the_new_export(old: Path, tmp_path: Path) -> None:
    link = tmp_path / "latest.json"
    link.symlink_to(old.name)
    with private_output(link) as out:
        out.write("today's backup")
    assert link.is_symlink() and old.read_text() == "today's backup"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.json", "latest.json"]
