"""Provides `HistoryRecorder`: an engine listener that writes a session to the history store.

Only work intervals are stored: prep, switch and rest carry no work for
either side, so balance and export have nothing to learn from them. Each
interval of the timeline is one row: going back (`b`) and doing an interval
again replaces its row when the new outcome is at least as good (done beats
partial beats skipped), so a redone hold is neither counted twice nor left
looking half done. Wall times are the session's wall-clock start plus the
engine's own elapsed milliseconds, so a fake engine clock gives exact,
repeatable times. The session's time paused goes with each resume (the whole
so far) and with its end (end - start - paused is then exactly the summary's
time taken; left while paused, the pause counts up to then).

The recorder only turns events into writes (`history.writes`), on the event
loop, in microseconds; a writer applies them. In a played session that is a
`HistoryWriter` on a thread of its own, so a slow, locked or full database
never delays the next interval or its cue, and a finished interval is
committed within about a second of its end.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

from evenside.engine.events import (
    IntervalEnded,
    IntervalStarted,
    Paused,
    Resumed,
    SessionEnded,
    SessionEvent,
)
from evenside.engine.session import Session
from evenside.engine.timeline import IntervalKind
from evenside.history.db import HistoryUnavailable, open_history
from evenside.history.records import IntervalRecord
from evenside.history.store import HistoryStore, check_rating
from evenside.history.timestamps import WallClock, to_iso, utc_now
from evenside.history.writer import DirectWriter, HistoryWriter, Notice, merge_pending
from evenside.history.writes import AddRating, BeginSession, EndSession, Heartbeat, PutInterval
from evenside.locations import history_path
from evenside.routine.model import Routine

T = TypeVar("T")

_RANK = {"skipped": 0, "partial": 1, "done": 2}


class HistoryRecorder:
    """Call it with every session event; it opens, fills and closes one history session."""

    def __init__(
        self,
        writer: HistoryWriter | DirectWriter,
        routine_name: str,
        content_hash: str = "",
        *,
        now: WallClock = utc_now,
        pid: int | None = None,
    ) -> None:
        self.writer = writer
        """Applies the writes (on its own thread, or at once)."""
        self.routine_name = routine_name
        self.content_hash = content_hash
        self.now = now
        self.pid = pid or os.getpid()
        self.session_id: str | None = None
        """The history session's id, once the first event has arrived."""
        self.ended = False
        """True once SessionEnded has closed the session."""
        self._origin: datetime | None = None
        self._starts: dict[int, int] = {}
        self._written: dict[int, tuple[int, str]] = {}
        self._paused_ms = 0
        """The pauses ended so far, in all."""
        self._pause_began_ms: int | None = None
        """When the pause in progress began (session ms); None when not paused."""

    @classmethod
    def for_routine(
        cls, store: HistoryStore, routine: Routine, *, now: WallClock = utc_now
    ) -> HistoryRecorder:
        """A recorder for a play of `routine` that writes to `store` at once."""
        return cls(DirectWriter(store), routine.name, routine.content_hash, now=now)

    def close(self) -> None:
        """Finish up: a session opened but never ended is closed as interrupted, and the
        writer finishes (keeping for the next start whatever it could not write)."""
        if self.session_id is not None and not self.ended:
            ended_at = self.now()
            paused_ms = self._paused_ms
            if self._pause_began_ms is not None:
                # Closed while paused: the pause lasted until now, and is no time played.
                began = self._origin_plus(self._pause_began_ms)
                paused_ms += max(0, (ended_at - began) // timedelta(milliseconds=1))
            self.writer.submit(EndSession(self.session_id, "interrupted", ended_at, paused_ms))
            self.ended = True
        self.writer.close()

    def add_rating(self, when: str, side: str | None, pain: int) -> bool:
        """Keep a pain rating for this session; False if it has no session yet or the
        rating is not one history keeps (a storage failure is the writer's to report)."""
        if self.session_id is None:
            return False
        try:
            check_rating(when, side, pain)
        except ValueError:
            return False
        self.writer.submit(AddRating(self.session_id, when, side, pain))
        return True

    def read(self, run: Callable[[HistoryStore], T]) -> T | None:
        """`run(store)` once everything recorded so far is written; None if it cannot be."""
        return self.writer.read(run)

    def _wall(self, elapsed_ms: int) -> str:
        assert self._origin is not None
        return to_iso(self._origin + timedelta(milliseconds=elapsed_ms))

    def _open(self, elapsed_ms: int) -> str:
        if self.session_id is None:
            # The session started `elapsed_ms` before this first event.
            self._origin = self.now() - timedelta(milliseconds=elapsed_ms)
            self.session_id = str(uuid.uuid4())
            self.writer.submit(
                BeginSession(
                    self.session_id, self.routine_name, self.content_hash, self._origin, self.pid
                )
            )
        return self.session_id

    def __call__(self, event: SessionEvent) -> None:
        """Handle one engine event (the engine's `Listener` signature)."""
        if self.ended:
            return
        session_id = self._open(event.actual_ms)
        if isinstance(event, IntervalStarted):
            self._starts[event.interval.index] = event.actual_ms
        elif isinstance(event, IntervalEnded):
            if event.interval.kind is IntervalKind.WORK:
                self._write(session_id, event)
        elif isinstance(event, Paused):
            self._pause_began_ms = event.planned_ms
        elif isinstance(event, Resumed):
            self._paused_ms += event.paused_ms
            self._pause_began_ms = None
            # A long pause must not make a live session look abandoned; and should the
            # process die later, the time paused so far is known.
            self.writer.submit(Heartbeat(session_id, self._paused_ms))
        elif isinstance(event, SessionEnded):
            ended_at = self._origin_plus(event.actual_ms)
            self.writer.submit(
                EndSession(session_id, str(event.status), ended_at, self._paused_at_end(event))
            )
            self.ended = True

    def _write(self, session_id: str, event: IntervalEnded) -> None:
        index = event.interval.index
        record = self._record(event)
        earlier = self._written.get(index)
        if earlier is None:
            # Numbered here, in the order intervals end, so that a write kept and applied
            # later (or twice) lands on the same row.
            seq = len(self._written) + 1
            self.writer.submit(PutInterval(session_id, seq, record))
            self._written[index] = (seq, record.status)
        elif _RANK[record.status] >= _RANK[earlier[1]]:
            self.writer.submit(PutInterval(session_id, earlier[0], record))
            self._written[index] = (earlier[0], record.status)

    def _paused_at_end(self, event: SessionEnded) -> int:
        """The time between start and end that was not played, so that end - start - paused
        is exactly the summary's time taken: the pauses, and the few ms between the last
        deadline and the tick that saw it."""
        if event.played_ms is not None:
            return max(0, event.actual_ms - event.played_ms)
        paused = self._paused_ms
        if self._pause_began_ms is not None:  # stopped while paused
            paused += max(0, event.planned_ms - self._pause_began_ms)
        return paused

    def _origin_plus(self, elapsed_ms: int) -> datetime:
        assert self._origin is not None
        return self._origin + timedelta(milliseconds=elapsed_ms)

    def _record(self, event: IntervalEnded) -> IntervalRecord:
        interval = event.interval
        started = self._starts.get(interval.index, event.actual_ms - event.worked_ms)
        return IntervalRecord(
            exercise_id=interval.exercise_id or "",
            exercise=interval.exercise or "",
            side=str(interval.side) if interval.side is not None else None,
            set_number=interval.set_number,
            kind="reps" if interval.reps is not None else "hold",
            planned_ms=interval.duration_ms,
            actual_ms=event.worked_ms,
            planned_reps=interval.reps,
            done_reps=event.reps_done if interval.reps is not None else None,
            status=str(event.status),
            started_at=self._wall(started),
            ended_at=self._wall(event.actual_ms),
        )


def history_listener(
    session: Session, *, path: Path | None = None, notice: Notice | None = None
) -> HistoryRecorder:
    """The recorder of a played session: opens the history at `path` (default: the
    user's), applies the writes an earlier session could not save, closes sessions left
    open by dead processes, and hands the connection to a `HistoryWriter` thread.

    `notice` hears the writer's news (it may be called from the writer's thread).
    Raises `HistoryUnavailable` with a one-line reason when the history cannot be used.
    """
    import sqlite3

    where = path or history_path()
    conn = open_history(where)
    try:
        store = HistoryStore(conn)
        merge_pending(store, where)
        store.mark_interrupted()
    except (sqlite3.Error, OSError) as error:
        conn.close()
        raise HistoryUnavailable(f"cannot write the history at {where}: {error}") from None
    routine = session.timeline.routine
    writer = HistoryWriter(conn, where, notice or (lambda message: None))
    return HistoryRecorder(writer, routine.name, routine.content_hash)
