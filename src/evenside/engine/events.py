"""Provides the events a session emits; the UI, sound and history subscribe to them.

Times are integer milliseconds since the session started: `planned_ms` is when
the engine meant the thing to happen (deadlines chained from the start, moved
by pauses and by +/-10 s), `actual_ms` is when the clock said it happened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from evenside.engine.timeline import Interval


class IntervalStatus(StrEnum):
    """How an interval ended."""

    DONE = "done"
    SKIPPED = "skipped"
    PARTIAL = "partial"


class SessionStatus(StrEnum):
    """How a session ended."""

    COMPLETED = "completed"
    STOPPED = "stopped"
    INTERRUPTED = "interrupted"


class CueKind(StrEnum):
    """The sounds a session asks for (the audio layer decides how they sound)."""

    GO = "go"
    """Work starts."""
    SWITCH = "switch"
    """Change sides."""
    REST = "rest"
    """A rest starts."""
    DONE = "done"
    """The routine is complete."""
    COUNTDOWN = "countdown"
    """One of three short beeps over the last three seconds of an interval."""
    HALFWAY = "halfway"
    """Halfway through a hold of 30 s or more."""
    TICK = "tick"
    """One rep of timed reps."""
    STEP_SOUND = "step_sound"
    """The routine's own `sound:` file for this step."""


@dataclass(frozen=True)
class IntervalStarted:
    """An interval began."""

    interval: Interval
    planned_ms: int
    actual_ms: int


@dataclass(frozen=True)
class IntervalEnded:
    """An interval ended: done, skipped (n / skip) or partial (stopped or backed out of)."""

    interval: Interval
    planned_ms: int
    actual_ms: int
    status: IntervalStatus
    worked_ms: int
    """Time actually spent in it, pauses excluded."""
    reps_done: int | None
    """Reps counted as done (all for a finished set, none when skipped)."""


@dataclass(frozen=True)
class Paused:
    """The session was paused."""

    interval: Interval
    planned_ms: int
    actual_ms: int


@dataclass(frozen=True)
class Resumed:
    """The session was resumed; every later deadline moved by `paused_ms`."""

    interval: Interval
    planned_ms: int
    actual_ms: int
    paused_ms: int


@dataclass(frozen=True)
class Skipped:
    """The person skipped the rest of an interval."""

    interval: Interval
    planned_ms: int
    actual_ms: int


@dataclass(frozen=True)
class CueDue:
    """A sound is due now."""

    cue: CueKind
    interval: Interval
    planned_ms: int
    actual_ms: int


@dataclass(frozen=True)
class SessionEnded:
    """The session is over."""

    status: SessionStatus
    planned_ms: int
    actual_ms: int


SessionEvent = IntervalStarted | IntervalEnded | Paused | Resumed | Skipped | CueDue | SessionEnded

Listener = Callable[[SessionEvent], None]
"""A subscriber: called synchronously, in order, for every event."""


def reps_counted(interval: Interval, status: IntervalStatus, worked_ms: int) -> int | None:
    """Reps counted for an ended interval: all when done, none when skipped, whole tempo
    reps when a timed set was cut short (an untimed set cut short counts none)."""
    if interval.reps is None:
        return None
    if status is IntervalStatus.DONE:
        return interval.reps
    if status is IntervalStatus.PARTIAL and interval.tempo_ms:
        return min(interval.reps, worked_ms // interval.tempo_ms)
    return 0
