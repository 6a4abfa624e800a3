"""Provides the `--trace FILE` listener: every event as one JSON object per line, flushed at once.

Each line holds `event`, `kind`, `exercise`, `side`, `set`, `planned` and
`actual` (seconds since the session started); cue lines add `cue`, and
interval and session ends add `status`. The file is created private (0600):
it says what a person did for their body and when.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TextIO

from evenside.engine.events import (
    CueDue,
    IntervalEnded,
    IntervalStarted,
    Paused,
    Resumed,
    SessionEnded,
    SessionEvent,
    Skipped,
)
from evenside.engine.timeline import Interval

FILE_MODE = 0o600

EVENT_NAMES: dict[type, str] = {
    IntervalStarted: "interval_start",
    IntervalEnded: "interval_end",
    Paused: "pause",
    Resumed: "resume",
    Skipped: "skip",
    CueDue: "cue",
    SessionEnded: "session_end",
}


def trace_record(event: SessionEvent) -> dict[str, object]:
    """The JSON object written for `event`."""
    interval: Interval | None = None if isinstance(event, SessionEnded) else event.interval
    record: dict[str, object] = {
        "event": EVENT_NAMES[type(event)],
        "kind": interval.kind.value if interval else None,
        "exercise": interval.exercise if interval else None,
        "side": interval.side.value if interval and interval.side else None,
        "set": interval.set_number if interval else None,
        "planned": event.planned_ms / 1000,
        "actual": event.actual_ms / 1000,
    }
    if isinstance(event, CueDue):
        record["cue"] = event.cue.value
    if isinstance(event, IntervalEnded | SessionEnded):
        record["status"] = event.status.value
    return record


def open_private(path: Path) -> TextIO:
    """Open `path` for writing, created (or truncated) with mode 0600."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    # An existing file keeps its old mode through O_CREAT; make it private too.
    os.fchmod(descriptor, FILE_MODE)
    return os.fdopen(descriptor, "w", encoding="utf-8")


class TraceWriter:
    """A session listener that appends one JSON line per event."""

    def __init__(self, path: Path) -> None:
        self.path = path
        """The trace file."""
        self._file: TextIO | None = open_private(path)

    def __call__(self, event: SessionEvent) -> None:
        if self._file is None:
            return
        self._file.write(json.dumps(trace_record(event)) + "\n")
        self._file.flush()
        if isinstance(event, SessionEnded):
            # Nothing follows the end; closing here frees callers from doing it.
            self.close()

    def close(self) -> None:
        """Close the file (later events are dropped)."""
        if self._file is not None:
            self._file.close()
            self._file = None
