"""Provides `HistoryRecorder`: an engine listener that writes a session to the history store.

Only work intervals are stored: prep, switch and rest carry no work for
either side, so balance and export have nothing to learn from them. Each
interval of the timeline is one row: going back (`b`) and doing an interval
again replaces its row when the new outcome is at least as good (done beats
partial beats skipped), so a redone hold is neither counted twice nor left
looking half done. Every ending is written at once, so a crash keeps it. Wall
times are the session's wall-clock start plus the engine's own elapsed
milliseconds, so a fake engine clock gives exact, repeatable times.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

from evenside.engine.events import (
    IntervalEnded,
    IntervalStarted,
    Resumed,
    SessionEnded,
    SessionEvent,
)
from evenside.engine.session import Session
from evenside.engine.timeline import IntervalKind
from evenside.history.db import open_database
from evenside.history.records import IntervalRecord
from evenside.history.store import HistoryStore
from evenside.history.timestamps import WallClock, to_iso, utc_now
from evenside.locations import history_path
from evenside.routine.model import Routine

_RANK = {"skipped": 0, "partial": 1, "done": 2}


class HistoryRecorder:
    """Call it with every session event; it opens, fills and closes one history session."""

    def __init__(
        self,
        store: HistoryStore,
        routine_name: str,
        content_hash: str = "",
        *,
        now: WallClock = utc_now,
        pid: int | None = None,
        owns_connection: bool = False,
    ) -> None:
        """`owns_connection`: `close()` also closes the store's connection."""
        self.store = store
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
        self._owns_connection = owns_connection

    @classmethod
    def for_routine(
        cls, store: HistoryStore, routine: Routine, *, now: WallClock = utc_now
    ) -> HistoryRecorder:
        """A recorder for a play of `routine` (its name and content hash)."""
        return cls(store, routine.name, routine.content_hash, now=now)

    def close(self) -> None:
        """Finish up: a session opened but never ended is closed as interrupted.

        Closes the database connection too when `history_listener` opened it.
        """
        if self.session_id is not None and not self.ended:
            self.store.end_session(self.session_id, "interrupted")
            self.ended = True
        if self._owns_connection:
            self.store.conn.close()
            self._owns_connection = False

    def _wall(self, elapsed_ms: int) -> str:
        assert self._origin is not None
        return to_iso(self._origin + timedelta(milliseconds=elapsed_ms))

    def _open(self, elapsed_ms: int) -> str:
        if self.session_id is None:
            # The session started `elapsed_ms` before this first event.
            self._origin = self.now() - timedelta(milliseconds=elapsed_ms)
            self.session_id = self.store.begin_session(
                self.routine_name, self.content_hash, started_at=self._origin, pid=self.pid
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
        elif isinstance(event, Resumed):
            # A long pause must not make a live session look abandoned.
            self.store.heartbeat(session_id)
        elif isinstance(event, SessionEnded):
            self.store.end_session(
                session_id, str(event.status), ended_at=self._origin_plus(event.actual_ms)
            )
            self.ended = True

    def _write(self, session_id: str, event: IntervalEnded) -> None:
        index = event.interval.index
        record = self._record(event)
        earlier = self._written.get(index)
        if earlier is None:
            self._written[index] = (self.store.record_interval(session_id, record), record.status)
        elif _RANK[record.status] >= _RANK[earlier[1]]:
            self.store.replace_interval(session_id, earlier[0], record)
            self._written[index] = (earlier[0], record.status)

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
    session: Session, options: object = None, *, path: Path | None = None
) -> HistoryRecorder:
    """A `ListenerFactory` for the player: records `session` into the user's history.

    Opens the database at `path` (default: the user's history), closes sessions
    left open by dead processes, and returns a recorder whose `close()` closes
    the connection. `options` is accepted for the factory signature and unused.
    """
    store = HistoryStore(open_database(path or history_path()))
    store.mark_interrupted()
    routine = session.timeline.routine
    return HistoryRecorder(store, routine.name, routine.content_hash, owns_connection=True)
