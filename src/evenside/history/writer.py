"""Provides the history writers: `HistoryWriter` applies a session's writes on a thread of its
own, so storage never sits on the timing path, and `DirectWriter` applies them at once.

`HistoryWriter` takes each write in order, applies it as soon as the thread is
free (a finished interval is committed well within a second of its end), and
when the database cannot take it (disk full, another process holding the lock
past the busy timeout, a read-only file) keeps it and everything after it, in
order, tells the person once, and tries again every second. When it is closed
it tries once more; whatever is still not written goes into a pending file
beside the database (`<history>.pending`, one JSON write per line, private,
replaced atomically), which `merge_pending` applies on the next start. Writes
are idempotent, so applying one twice is harmless. Nothing is dropped without
being named in `unsaved`.
"""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from evenside.history.export import private_output
from evenside.history.store import HistoryStore
from evenside.history.writes import (
    AddRating,
    BeginSession,
    EndSession,
    Heartbeat,
    PutInterval,
    Write,
    from_json,
    to_json,
)

T = TypeVar("T")

RETRY_S = 1.0
"""How soon a write the database refused is tried again."""
CLOSE_WAIT_S = 3.0
"""How long closing waits for the writes still queued before keeping them for next time."""
PENDING_SUFFIX = ".pending"

Notice = Callable[[str], None]
"""Tells the person something about their history (called from the writer's thread)."""

_RETRYABLE = (sqlite3.Error, OSError)
"""Failures of the storage (full, locked, read-only, I/O): worth keeping and retrying."""


def pending_path(history: Path) -> Path:
    """Where the writes that could not be saved wait for the next start."""
    return history.with_name(history.name + PENDING_SUFFIX)


def _reason(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return getattr(error, "strerror", None) or text


@dataclass
class _Read:
    """A read run on the writer's thread once every earlier write is applied."""

    run: Callable[[HistoryStore], object]
    done: threading.Event = field(default_factory=threading.Event)
    result: object = None
    error: BaseException | None = None


_STOP = object()
_WRITE_TYPES = (BeginSession, PutInterval, Heartbeat, EndSession, AddRating)


class DirectWriter:
    """Applies each write at once on the caller's thread (tests, imports, one-off tools)."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store
        self.unsaved: list[str] = []
        """Always empty: a failure raises instead."""
        self.kept_in: Path | None = None

    def submit(self, write: Write) -> None:
        """Apply `write` now (its failure propagates)."""
        write.apply(self.store)

    def read(self, run: Callable[[HistoryStore], T], timeout: float = 0) -> T:
        """`run(store)` now."""
        return run(self.store)

    def problem(self) -> str | None:
        """Never a problem kept for later: failures raise."""
        return None

    def close(self) -> None:
        """Nothing to finish."""


class HistoryWriter:
    """A session's history writes, applied in order on a thread that owns the connection."""

    def __init__(self, conn: sqlite3.Connection, history: Path, notice: Notice) -> None:
        """`conn` is handed over: from now on only the writer's thread uses it, and closes it."""
        self.store = HistoryStore(conn)
        self.pending = pending_path(history)
        self.notice = notice
        self.unsaved: list[str] = []
        """What could not be written in the end, as a person would name it (after `close`)."""
        self.kept_in: Path | None = None
        """The pending file the unsaved writes were kept in (None: nowhere, or none)."""
        self._queue: queue.SimpleQueue[Write | _Read | object] = queue.SimpleQueue()
        self._backlog: deque[Write] = deque()
        self._lock = threading.Lock()
        self._problem: str | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="evenside-history", daemon=True)
        self._thread.start()

    # The event loop's side: never blocks --------------------------------------------------

    def submit(self, write: Write) -> None:
        """Queue `write`; it is applied after every write submitted before it."""
        if not self._closed:
            self._queue.put(write)

    def problem(self) -> str | None:
        """Why writes are waiting, while the database refuses them; None when all is saved."""
        with self._lock:
            return self._problem

    # The caller may wait: at the summary, never during a session ---------------------------

    def read(self, run: Callable[[HistoryStore], T], timeout: float = CLOSE_WAIT_S) -> T | None:
        """`run(store)` on the writer's thread once every earlier write is applied.

        None when that takes longer than `timeout` (the database refuses writes) or
        the read itself fails.
        """
        if self._closed:
            return None
        request = _Read(run)
        self._queue.put(request)
        if not request.done.wait(timeout) or request.error is not None:
            return None
        return request.result  # type: ignore[return-value]

    def close(self, timeout: float = CLOSE_WAIT_S) -> None:
        """Finish the writes queued (waiting up to `timeout`), keep what is left for the next
        start, and name in `unsaved` whatever could not be kept either. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(_STOP)
        self._thread.join(timeout)
        with self._lock:
            left: list[Write] = list(self._backlog)
        if self._thread.is_alive():
            # Still inside a write the database holds up: keep everything not confirmed,
            # what is still queued too (a kept write applied twice is harmless).
            left += [w for w in self._take_queued() if isinstance(w, _WRITE_TYPES)]
        if left:
            self._keep(left)

    # The writer's thread -----------------------------------------------------------------

    def _take_queued(self) -> list[object]:
        """Everything queued right now, in order, without waiting."""
        taken: list[object] = []
        while True:
            try:
                taken.append(self._queue.get_nowait())
            except queue.Empty:
                return taken

    def _run(self) -> None:
        stopping = False
        while not stopping:
            try:
                # While writes wait for the database, wake every second to try again.
                first = self._queue.get(timeout=RETRY_S if self._backlog else None)
            except queue.Empty:
                first = None
            for item in [first, *self._take_queued()]:
                if item is None:
                    continue
                if item is _STOP:
                    stopping = True
                elif isinstance(item, _Read):
                    self._flush()
                    self._answer(item)
                else:
                    with self._lock:
                        self._backlog.append(item)  # type: ignore[arg-type]
            self._flush()
        with contextlib.suppress(sqlite3.Error):
            self.store.conn.close()

    def _answer(self, request: _Read) -> None:
        try:
            request.result = request.run(self.store)
        except Exception as error:
            request.error = error
        request.done.set()

    def _flush(self) -> None:
        """Apply the backlog in order; stop at the first write the database refuses."""
        while self._backlog:
            write = self._backlog[0]
            try:
                write.apply(self.store)
            except _RETRYABLE as error:
                self._refused(error)
                return
            except Exception as error:
                # Not the storage's fault (a bad value): it can never be written, so name
                # it as lost rather than block every write after it.
                with self._lock:
                    self._backlog.popleft()
                    self.unsaved.append(f"{write.describe()}: {_reason(error)}")
                self.notice(f"History: could not save {write.describe()}: {_reason(error)}")
                continue
            with self._lock:
                self._backlog.popleft()
                recovered = self._problem is not None and not self._backlog
                if recovered:
                    self._problem = None
            if recovered:
                self.notice("History: saved again; nothing was lost.")

    def _refused(self, error: BaseException) -> None:
        reason = _reason(error)
        with self._lock:
            first = self._problem is None
            waiting = sum(isinstance(w, PutInterval) for w in self._backlog)
            self._problem = f"{waiting} finished interval(s) not yet saved: {reason}"
        if first:
            self.notice(
                f"History: cannot save right now ({reason}); keeping what you do "
                "and trying again every second."
            )

    # Keeping what could not be written ---------------------------------------------------

    def _keep(self, writes: list[Write]) -> None:
        """Add `writes` to the pending file (atomically); name them in `unsaved` if even
        that fails."""
        try:
            earlier = self.pending.read_text(encoding="utf-8") if self.pending.exists() else ""
            text = earlier + "".join(to_json(w) + "\n" for w in writes)
            # Private and whole, or not at all: the same path an export takes.
            with private_output(self.pending) as out:
                out.write(text)
        except OSError:
            self.unsaved.extend(w.describe() for w in writes if isinstance(w, PutInterval))
            self.kept_in = None
            return
        self.kept_in = self.pending
        self.unsaved.extend(w.describe() for w in writes if isinstance(w, PutInterval))


def merge_pending(store: HistoryStore, history: Path) -> int:
    """Apply the writes kept from an earlier session, then forget them; how many.

    A write that still cannot be applied leaves the file as it is, for next time.
    A line that is not a kept write (a damaged file) is skipped.
    """
    path = pending_path(history)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return 0
    writes: list[Write] = []
    for line in lines:
        try:
            writes.append(from_json(line))
        except (ValueError, KeyError, TypeError):
            continue
    for write in writes:
        write.apply(store)
    path.unlink(missing_ok=True)
    return len(writes)
