"""Tests the recorder's paused time: kept as the summary counts it, whichever way a session ends.

Sessions play through the engine on a fake clock, with the wall clock following it,
into a real SQLite history.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from evenside.engine.clock import FakeClock
from evenside.engine.session import Session
from evenside.engine.timeline import expand
from evenside.history.db import open_database
from evenside.history.recorder import HistoryRecorder
from evenside.history.store import HistoryStore
from evenside.history.writer import DirectWriter
from evenside.wording import clock_done
from tests.support.history_fixtures import PSOAS, TODAY, on
from tests.support.paused_play import INTO_HOLD_MS, PAUSE_MS, play_paused

PREP_MS = 5_000


class Played:
    """A session of the Psoas release on a fake clock, recorded into `store` by a recorder
    whose wall clock (and the store's) follows the fake clock from `when`."""

    def __init__(self, path: Path, when: datetime, pid: int | None = None) -> None:
        self.clock = FakeClock()
        began = self.clock.now_ns

        def wall() -> datetime:
            return when + timedelta(microseconds=(self.clock.now_ns - began) // 1_000)

        self.store = HistoryStore(open_database(path), now=wall)
        self.session = Session(expand(PSOAS), self.clock)
        self.recorder = HistoryRecorder(
            DirectWriter(self.store), PSOAS.name, PSOAS.content_hash, now=wall, pid=pid
        )
        self.session.subscribe(self.recorder)

    def into_the_first_lunge(self, ms: int) -> None:
        self.session.start()
        self.clock.advance_ms(PREP_MS + ms)
        self.session.update()

    def pause_for(self, ms: int, resume: bool = True) -> None:
        self.session.pause()
        self.clock.advance_ms(ms)
        if resume:
            self.session.resume()

    def taken(self) -> str:
        record = self.store.session(self.recorder.session_id or "")
        assert record is not None and record.time_taken_ms is not None
        return clock_done(record.time_taken_ms)


def dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return int(child.stdout)


def test_stopped_while_paused_the_pause_up_to_the_stop_is_no_time_taken(
    store: HistoryStore,
) -> None:
    played = play_paused(store, on(21), stop_while_paused=True)
    record = store.session(played.session_id)
    assert record is not None and record.status == "stopped"
    assert record.paused_ms == PAUSE_MS
    # Prep and the part of the lunge before the pause: what the summary said.
    assert played.taken == clock_done(PREP_MS + INTO_HOLD_MS) == "0:25"
    assert record.time_taken_ms is not None and clock_done(record.time_taken_ms) == played.taken


def test_closed_while_paused_the_open_pause_is_no_time_taken(tmp_path: Path) -> None:
    # The terminal closed (or ctrl-c) in the middle of a second pause: no summary, and
    # history says how long had been played when it closed.
    played = Played(tmp_path / "history.sqlite3", on(21))
    played.into_the_first_lunge(10_000)
    played.pause_for(60_000)
    played.clock.advance_ms(5_000)
    played.pause_for(PAUSE_MS, resume=False)
    played.recorder.close()
    record = played.store.session(played.recorder.session_id or "")
    assert record is not None and record.status == "interrupted"
    assert record.paused_ms == 60_000 + PAUSE_MS
    assert played.taken() == clock_done(played.session.session_elapsed_ms()) == "0:20"


def test_a_player_that_died_after_a_pause_shows_what_was_played_when_last_heard(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    played = Played(path, on(21), pid=dead_pid())
    played.into_the_first_lunge(48_000)  # the left lunge (45 s) ended, 3 s into the switch
    played.pause_for(PAUSE_MS)  # the resume, later than that end, says the pause so far
    known = played.session.session_elapsed_ms()
    played.clock.advance_ms(10_000)  # then the process is killed: nothing more is written
    played.store.conn.close()

    later = HistoryStore(open_database(path), now=lambda: TODAY)
    assert later.mark_interrupted() == 1
    record = later.session(played.recorder.session_id or "")
    later.conn.close()
    assert record is not None and record.status == "interrupted"
    assert record.paused_ms == PAUSE_MS
    assert record.time_taken_ms is not None
    # Not the end of the last interval less the pause (nothing at all): up to the resume.
    assert clock_done(record.time_taken_ms) == clock_done(known) == "0:53"


def test_a_player_that_died_before_any_pause_ended_keeps_start_to_last_interval(
    tmp_path: Path,
) -> None:
    # Nothing said about pauses (as an earlier evenside wrote): the end is the last
    # interval's, as it always was.
    path = tmp_path / "history.sqlite3"
    played = Played(path, on(21), pid=dead_pid())
    played.into_the_first_lunge(45_000)  # the first left lunge ends, is written
    played.pause_for(PAUSE_MS, resume=False)  # died while paused
    played.store.conn.close()

    later = HistoryStore(open_database(path), now=lambda: TODAY)
    later.mark_interrupted()
    record = later.session(played.recorder.session_id or "")
    later.conn.close()
    assert record is not None and record.paused_ms is None
    assert record.time_taken_ms is not None and clock_done(record.time_taken_ms) == "0:50"


def test_an_end_seen_late_is_no_longer_a_session_than_its_summary_said(tmp_path: Path) -> None:
    # The machine stalled over the last deadline (a suspended laptop): the session ended at
    # its deadline, seen most of a minute later. End - start - paused is still the summary's.
    played = Played(tmp_path / "history.sqlite3", on(21))
    played.into_the_first_lunge(20_000)
    played.pause_for(PAUSE_MS)
    played.clock.advance_ms(60 * 60_000)  # far past the end, in one go
    played.session.update()
    assert played.session.finished
    summary = clock_done(played.session.session_elapsed_ms())
    assert summary == "4:11"
    assert played.taken() == summary
