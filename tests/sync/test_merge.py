"""Tests one sync between machines sharing a folder: real histories, real files, any order."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from evenside.desk.records import BreakOutcome
from evenside.history.db import open_database
from evenside.history.store import HistoryStore
from evenside.sync.folder import file_name
from evenside.sync.merge import SyncError, WriteFailed
from evenside.wording import clock_done
from tests.support.history_fixtures import DESK, TODAY, on
from tests.support.paused_play import PAUSE_MS, play_paused
from tests.support.sync_machines import Machine, folder_files

MONTH = TODAY.strftime("%Y-%m")


@pytest.fixture
def laptop(tmp_path: Path) -> Machine:
    return Machine.make(tmp_path, "laptop")


@pytest.fixture
def desk(tmp_path: Path) -> Machine:
    return Machine.make(tmp_path, "desk-pc")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "Sync" / "evenside"


@pytest.fixture(autouse=True)
def sync_parent(folder: Path) -> None:
    folder.parent.mkdir()


@pytest.mark.parametrize("order", ["laptop first", "desk first"])
def test_a_session_on_each_machine_is_on_both_after_sync_in_any_order(
    laptop: Machine, desk: Machine, folder: Path, order: str
) -> None:
    mine = laptop.play(day=1)
    theirs = desk.play(day=2, routine=DESK)
    first, second = (laptop, desk) if order == "laptop first" else (desk, laptop)
    assert first.sync(folder).summary() == []
    report = second.sync(folder)
    assert report.summary() == [f"1 session from {first.device.name}"]
    assert first.sync(folder).summary() == [f"1 session from {second.device.name}"]
    for machine in (laptop, desk):
        ids = {s["id"] for s in machine.snapshot()["sessions"]}  # type: ignore[attr-defined]
        assert ids == {mine, theirs}
    assert laptop.snapshot() == desk.snapshot()


def test_a_second_sync_changes_nothing(laptop: Machine, desk: Machine, folder: Path) -> None:
    laptop.play(day=1, pain=({"left": 4}, {"left": 2}))
    desk.play(day=2)
    desk.check_in(date(2024, 5, 2), "left", 3, "2024-05-02T07:00:00.000Z")
    for machine in (laptop, desk, laptop):
        machine.sync(folder)
    files = folder_files(folder)
    before = (laptop.snapshot(), desk.snapshot())
    for machine in (desk, laptop, desk):
        report = machine.sync(folder)
        assert report.summary() == [] and report.written == 0 and report.problems == []
    assert folder_files(folder) == files
    assert (laptop.snapshot(), desk.snapshot()) == before


def test_ratings_check_ins_and_desk_breaks_travel(
    laptop: Machine, desk: Machine, folder: Path
) -> None:
    session = desk.play(day=3, routine=DESK, pain=({"left": 5, "right": 2}, {}))
    desk.desk_break(on(3, 12), BreakOutcome.TAKEN, session)
    desk.desk_break(on(3, 14), BreakOutcome.SKIPPED, None)
    laptop.check_in(date(2024, 5, 4), "right", 6, "2024-05-04T06:30:00.000Z")
    desk.sync(folder)
    report = laptop.sync(folder)
    assert report.summary() == ["2 desk breaks, 1 session from desk-pc"]
    desk.sync(folder)
    assert laptop.snapshot() == desk.snapshot()
    snapshot = laptop.snapshot()
    assert len(snapshot["breaks"]) == 2  # type: ignore[arg-type]
    assert snapshot["checkins"] == [("2024-05-04", "right", 6, "2024-05-04T06:30:00.000Z")]


def test_ratings_given_after_a_session_already_synced_follow_it(
    laptop: Machine, desk: Machine, folder: Path
) -> None:
    session = laptop.play(day=5, pain=({"left": 4}, {}))
    laptop.sync(folder)
    desk.sync(folder)
    laptop.rate(session, "after", "left", 2)
    laptop.sync(folder)
    assert desk.sync(folder).summary() == ["1 session from laptop"]
    assert desk.snapshot() == laptop.snapshot()
    with desk.store() as store:
        assert {(r.moment, r.side, r.pain) for r in store.ratings(session)} == {
            ("before", "left", 4),
            ("after", "left", 2),
        }


def test_the_later_check_in_of_a_day_wins_on_both_machines(
    laptop: Machine, desk: Machine, folder: Path
) -> None:
    day = date(2024, 5, 6)
    desk.check_in(day, "left", 7, "2024-05-06T09:00:00.000Z")
    laptop.check_in(day, "left", 3, "2024-05-06T07:00:00.000Z")
    desk.sync(folder)
    laptop.sync(folder)
    desk.sync(folder)
    for machine in (laptop, desk):
        assert machine.snapshot()["checkins"] == [
            ("2024-05-06", "left", 7, "2024-05-06T09:00:00.000Z")
        ]


def test_the_folder_is_made_private_and_every_file_is_0600(laptop: Machine, folder: Path) -> None:
    laptop.play()
    laptop.sync(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = list(folder.iterdir())
    assert [f.name for f in files] == [file_name(laptop.device, MONTH)]
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)


def test_a_file_cut_short_is_read_up_to_its_last_whole_line_and_completed_next_time(
    laptop: Machine, desk: Machine, folder: Path
) -> None:
    first = desk.play(day=1)
    desk.sync(folder)
    second = desk.play(day=2)
    desk.sync(folder)
    path = folder / file_name(desk.device, MONTH)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) - 200])  # the sync tool has not brought the end yet
    report = laptop.sync(folder)
    assert report.problems == []
    assert report.unfinished == [path]
    assert {s["id"] for s in laptop.snapshot()["sessions"]} == {first}  # type: ignore[attr-defined]
    path.write_bytes(whole)
    assert laptop.sync(folder).summary() == ["1 session from desk-pc"]
    assert laptop.snapshot() == desk.snapshot()
    assert {s["id"] for s in laptop.snapshot()["sessions"]} == {first, second}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "copy_name",
    [
        "{stem}.sync-conflict-20240522-101010-ABCDEFG.jsonl",  # Syncthing
        "{stem} (conflicted copy 2024-05-22).jsonl",  # Dropbox, Nextcloud
        ".syncthing.{stem}.jsonl.tmp",  # Syncthing, still arriving
    ],
)
def test_conflict_copies_and_temporary_files_break_nothing(
    laptop: Machine, desk: Machine, folder: Path, copy_name: str
) -> None:
    desk.play(day=1)
    desk.sync(folder)
    path = folder / file_name(desk.device, MONTH)
    stem = path.name.removesuffix(".jsonl")
    copy = folder / copy_name.format(stem=stem)
    copy.write_bytes(path.read_bytes()[:-30])  # an older, half-written version of it
    desk.play(day=2)
    desk.sync(folder)
    report = laptop.sync(folder)
    assert report.problems == []
    assert report.summary() == ["2 sessions from desk-pc"]
    assert laptop.snapshot() == desk.snapshot()
    assert copy.exists()  # another machine's file: only ever read


def test_deleting_the_folder_loses_nothing_and_the_next_sync_fills_it_again(
    laptop: Machine, desk: Machine, folder: Path
) -> None:
    laptop.play(day=1)
    desk.play(day=2)
    for machine in (laptop, desk, laptop):
        machine.sync(folder)
    before = laptop.snapshot()
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    assert laptop.sync(folder).summary() == []
    assert laptop.snapshot() == before
    desk.sync(folder)
    assert desk.snapshot() == before
    assert laptop.sync(folder).written == 0


def test_a_damaged_line_is_named_and_the_rest_still_merged(
    laptop: Machine, desk: Machine, folder: Path
) -> None:
    desk.play(day=1)
    desk.sync(folder)
    path = folder / file_name(desk.device, MONTH)
    lines = path.read_bytes().split(b"\n")
    bad = (
        b'{"kind": "session", "at": "x", "data": {"id": "not a uuid", "routine": "r", '
        b'"started_at": "2024-05-01T08:00:00.000Z", "ended_at": null, "status": "stopped", '
        b'"ratings": [], "intervals": []}}'
    )
    lines.insert(1, bad)
    lines.insert(1, b"\x00\x01 garbage")
    path.write_bytes(b"\n".join(lines))
    report = laptop.sync(folder)
    assert report.summary() == ["1 session from desk-pc"]
    assert any(f"{path}:2: not a sync record" in p for p in report.problems)
    assert any("a session from desk-pc" in p and "UUID" in p for p in report.problems)


def test_a_folder_whose_parent_is_missing_is_not_created(laptop: Machine, tmp_path: Path) -> None:
    gone = tmp_path / "unmounted" / "evenside"
    with pytest.raises(SyncError, match="is the drive mounted"):
        laptop.sync(gone)
    assert not gone.parent.exists()


def test_a_folder_that_refuses_our_file_still_lets_the_others_in(
    laptop: Machine, desk: Machine, folder: Path
) -> None:
    theirs = desk.play(day=1)
    desk.sync(folder)
    mine = laptop.play(day=2)
    (folder / file_name(laptop.device, MONTH)).mkdir()  # our file's name is taken
    with pytest.raises(WriteFailed, match="cannot write") as failed:
        laptop.sync(folder)
    assert failed.value.report.summary() == ["1 session from desk-pc"]
    assert {s["id"] for s in laptop.snapshot()["sessions"]} == {mine, theirs}  # type: ignore[attr-defined]
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.slow
def test_a_locked_history_is_a_clear_error_and_nothing_changes(
    laptop: Machine, desk: Machine, folder: Path
) -> None:
    desk.play(day=1)
    desk.sync(folder)
    laptop.play(day=2)
    before = laptop.snapshot()
    holder = sqlite3.connect(laptop.history, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(SyncError, match="locked"):
            laptop.sync(folder)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert laptop.snapshot() == before
    assert laptop.sync(folder).summary() == ["1 session from desk-pc"]


def test_records_far_in_the_future_are_refused_not_invented(
    laptop: Machine, desk: Machine, folder: Path
) -> None:
    desk.check_in(date(2024, 5, 30), "left", 2, "2024-05-30T07:00:00.000Z")
    desk.sync(folder, now=TODAY + timedelta(days=8))
    report = laptop.sync(folder)
    assert laptop.snapshot()["checkins"] == []
    assert any("future" in p for p in report.problems)


def test_a_session_whose_player_died_travels_as_interrupted_and_an_open_one_waits(
    laptop: Machine, desk: Machine, folder: Path
) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    store = HistoryStore(open_database(laptop.history))  # the real clock: a live heartbeat
    crashed = store.begin_session("Psoas release", pid=gone.pid)
    playing = store.begin_session("Desk break")  # this process's: alive, still playing
    store.conn.close()
    real_now = datetime.now(UTC)
    laptop.sync(folder, now=real_now)
    assert desk.sync(folder, now=real_now).summary() == ["1 session from laptop"]
    (arrived,) = desk.snapshot()["sessions"]  # type: ignore[misc]
    assert (arrived["id"], arrived["status"]) == (crashed, "interrupted")
    assert playing != crashed


@pytest.mark.parametrize("where", ["the data folder", "a folder above it"])
def test_a_folder_holding_the_live_database_is_refused(laptop: Machine, where: str) -> None:
    laptop.play(day=1)
    folder = laptop.root if where == "the data folder" else laptop.root.parent
    before = sorted(p.name for p in folder.iterdir())
    with pytest.raises(SyncError, match="holds your live history"):
        laptop.sync(folder)
    assert sorted(p.name for p in folder.iterdir()) == before


def _forget_the_pause(machine: Machine, session_id: str) -> None:
    """Make `machine`'s copy of the session what an evenside before paused times holds."""
    with machine.store() as store:
        store.conn.execute("UPDATE sessions SET paused_ms = NULL WHERE id = ?", (session_id,))
        store.conn.commit()


def test_a_copy_without_the_pause_from_an_older_evenside_never_wipes_it(
    laptop: Machine, desk: Machine, folder: Path
) -> None:
    with laptop.store() as store:
        played = play_paused(store, on(21))
    laptop.sync(folder)
    desk.sync(folder)
    # The desk's copy, as an evenside that does not keep pauses holds it, gains a rating:
    # the newer version by every other measure, and it travels without the pause.
    _forget_the_pause(desk, played.session_id)
    desk.rate(played.session_id, "after", "left", 2)
    desk.sync(folder)
    assert laptop.sync(folder).summary() == ["1 session from desk-pc"]
    with laptop.store() as store:
        record = store.session(played.session_id)
    assert record is not None and record.paused_ms == PAUSE_MS
    assert [(r.moment, r.pain) for r in record.ratings] == [("after", 2)]
    assert record.time_taken_ms is not None and clock_done(record.time_taken_ms) == played.taken
    # The same copy again, no newer than the laptop's: the laptop's (with the pause) wins,
    # and from then on the two machines agree and a sync changes nothing.
    for machine in (laptop, desk, laptop, desk):
        machine.sync(folder)
    assert laptop.snapshot() == desk.snapshot()
    with desk.store() as store:
        assert store.session(played.session_id).paused_ms == PAUSE_MS  # type: ignore[union-attr]
    files = folder_files(folder)
    for machine in (laptop, desk):
        report = machine.sync(folder)
        assert report.summary() == [] and report.written == 0 and report.problems == []
    assert folder_files(folder) == files
