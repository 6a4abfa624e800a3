"""Tests the automatic sync: at start, after a session ends (in a child process), a failure said
once, and a sync that hangs never holding the front end for longer than its bound."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from evenside.engine.clock import FakeClock
from evenside.engine.session import Session
from evenside.engine.timeline import expand
from evenside.history.recorder import HistoryRecorder
from evenside.locations import history_path
from evenside.settings import Settings
from evenside.sync.auto import AutoSync, start_auto_sync
from evenside.sync.device import Device
from tests.support.history_fixtures import DESK
from tests.support.session_builders import play_to_the_end
from tests.support.sync_machines import Machine


@pytest.fixture
def laptop() -> Machine:
    """This machine: the user's own history (the automatic sync is `evenside sync` run as
    a child process, which finds it where every command does)."""
    return Machine(history_path().parent, Device("f" * 16, "laptop"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "Sync"


@pytest.fixture
def autos() -> Iterator[list[AutoSync]]:
    made: list[AutoSync] = []
    yield made
    for auto in made:
        auto.finish(wait_s=15)


def _ids_in(folder: Path) -> str:
    return "".join(p.read_text() for p in folder.glob("evenside-*.jsonl"))


def _wait_for(check: object, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(check) and check():
            return True
        time.sleep(0.05)
    return False


def test_no_folder_set_means_no_automatic_sync(laptop: Machine) -> None:
    assert start_auto_sync(Settings()) is None


def test_it_syncs_at_start_and_after_each_session_off_the_players_path(
    laptop: Machine, folder: Path, autos: list[AutoSync]
) -> None:
    before = laptop.play(day=1)
    auto = start_auto_sync(Settings(sync_folder=str(folder)), settle_s=0.1)
    assert auto is not None
    autos.append(auto)
    assert _wait_for(lambda: before in _ids_in(folder))  # the start sync
    clock = FakeClock()
    session = Session(expand(DESK), clock)
    with laptop.store() as store:
        now = datetime.now(UTC) - timedelta(hours=1)
        recorder = HistoryRecorder.for_routine(store, DESK, now=lambda: now)
        session.subscribe(recorder)
        session.subscribe(auto.after_session(session))
        play_to_the_end(session, clock)
        played = recorder.session_id
    assert played is not None
    assert _wait_for(lambda: played in _ids_in(folder))  # before finish: after the session
    assert auto.finish() is None


def test_a_failing_sync_is_said_once_and_only_when_the_front_end_asks(
    laptop: Machine, tmp_path: Path, autos: list[AutoSync]
) -> None:
    unmounted = tmp_path / "media" / "usb" / "Sync"
    auto = start_auto_sync(Settings(sync_folder=str(unmounted)))
    assert auto is not None
    autos.append(auto)
    message = auto.finish()
    assert message is not None
    assert message.startswith("automatic sync: ") and "is the drive mounted" in message
    assert auto.finish() is None  # said once
    assert not unmounted.parent.exists()


@pytest.mark.slow
def test_a_sync_held_up_by_a_locked_history_never_holds_the_front_end_past_its_bound(
    laptop: Machine, tmp_path: Path, folder: Path, autos: list[AutoSync]
) -> None:
    desk = Machine.make(tmp_path, "desk-pc")
    desk.play(day=2)
    desk.sync(folder)  # something to merge, so the sync needs the write lock
    laptop.play(day=1)
    holder = sqlite3.connect(laptop.history, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        auto = start_auto_sync(Settings(sync_folder=str(folder)))
        assert auto is not None
        autos.append(auto)
        began = time.monotonic()
        message = auto.finish(wait_s=0.5)
        assert time.monotonic() - began < 3
        assert message is not None and "still running" in message
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # Released: the sync carries on and brings the other machine's session in.
    assert _wait_for(lambda: len(laptop.snapshot()["sessions"]) == 2)  # type: ignore[arg-type]
