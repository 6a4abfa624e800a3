"""Provides the events a session emits; the UI, sound and history subscribe to them.

Times are integer milliseconds since the session started: `planned_ms` is when
the engine meant the thing to happen (deadlines chained from the start, moved
by pauses and by +/-10 s), `actual_ms` is when the clock said it happened.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from evenside.engine.timeline import Interval, IntervalKind


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

    @classmethod
    def at_end(cls, ended: Iterable[IntervalEnded], work_offered: bool) -> SessionStatus:
        """How a session that played to its end ended: completed, or stopped when it
        offered work and none was done (every set skipped). The one place this is decided:
        history, the summary, the done cue, plain lines and desk mode read the status."""
        done = any(e.counts_as_work for e in ended)
        return cls.COMPLETED if done or not work_offered else cls.STOPPED


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

    @property
    def counts_as_work(self) -> bool:
        """True for work done: a work interval finished, or cut short with time held (a
        hold) or reps counted (reps). A skipped one never is, however long it ran before
        `n`: the same rule the balance credits by (docs/balance.md)."""
        if self.interval.kind is not IntervalKind.WORK or self.status is IntervalStatus.SKIPPED:
            return False
        if self.status is IntervalStatus.DONE:
            return True
        return bool(self.reps_done) if self.interval.reps is not None else self.worked_ms > 0


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
    played_ms: int | None = None
    """Time since the start, pauses excluded: the summary's time taken (None: not given)."""


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
