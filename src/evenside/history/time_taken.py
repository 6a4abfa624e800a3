"""Provides `time_taken_ms`: how long a session took, pauses excluded, as its summary said.

A session's summary shows the time since its start with the pauses taken out
(`SessionState.session_elapsed_ms`). History keeps the start, the end and the
time paused, so every place that shows a session (the history screen, the
exports) works the time out the same way from those three. A session recorded
before the paused time was kept (`paused_ms` NULL) shows start to end.
"""

from __future__ import annotations

from datetime import timedelta

from evenside.history.timestamps import from_iso

_MS = timedelta(milliseconds=1)


def time_taken_ms(started_at: str, ended_at: str | None, paused_ms: int | None) -> int | None:
    """End minus start minus the time paused, in ms (never below 0); None while open."""
    if ended_at is None:
        return None
    span = (from_iso(ended_at) - from_iso(started_at)) // _MS
    return max(0, span - (paused_ms or 0))
