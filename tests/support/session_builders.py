"""Provides small routine builders, an event recorder, and a driver that plays a session out.

`play_to_the_end` plays a session on a fake clock interval by interval (each
timed interval its full length, each untimed set finished at once), so a
test can record real sessions without waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from evenside.engine.clock import FakeClock
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
from evenside.engine.session import Session
from evenside.engine.timeline import Interval, IntervalKind, expand
from evenside.routine.model import (
    ExerciseStep,
    Order,
    PerSide,
    RestStep,
    Routine,
    Side,
    Sides,
    Step,
)


def hold(
    name: str,
    seconds: float,
    sides: Sides = Sides.BOTH,
    sets: int = 1,
    rest: float = 0,
    switch: float = 5,
    sound: Path | None = None,
) -> ExerciseStep:
    """A hold step, left side first."""
    return ExerciseStep(
        exercise=name,
        id=name.lower().replace(" ", "-"),
        hold_ms=PerSide.same(round(seconds * 1000)),
        sides=sides,
        order=Order.LEFT_FIRST,
        sets=PerSide.same(sets),
        rest_ms=round(rest * 1000),
        switch_ms=round(switch * 1000),
        sound=sound,
    )


def reps(
    name: str, count: int, tempo: float | None = None, sides: Sides = Sides.NONE, sets: int = 1
) -> ExerciseStep:
    """A reps step; timed when `tempo` (seconds per rep) is given."""
    return ExerciseStep(
        exercise=name,
        id=name.lower().replace(" ", "-"),
        reps=PerSide.same(count),
        tempo_ms=None if tempo is None else round(tempo * 1000),
        sides=sides,
        order=Order.LEFT_FIRST,
        sets=PerSide.same(sets),
    )


def rest(seconds: float) -> RestStep:
    """A rest step."""
    return RestStep(rest_ms=round(seconds * 1000))


def routine(*steps: Step, prep: float = 5) -> Routine:
    """A routine of `steps`."""
    return Routine(name="Test routine", steps=tuple(steps), prep_ms=round(prep * 1000))


class Recorder:
    """Keeps every event a session emits."""

    def __init__(self) -> None:
        self.events: list[SessionEvent] = []

    def __call__(self, event: SessionEvent) -> None:
        self.events.append(event)

    def take(self) -> list[SessionEvent]:
        """The events since the last take."""
        events, self.events = self.events, []
        return events


def describe(event: SessionEvent) -> tuple[object, ...]:
    """An event as a short comparable tuple: (name, index or cue, planned, actual, ...)."""
    if isinstance(event, IntervalStarted):
        return ("start", event.interval.index, event.planned_ms, event.actual_ms)
    if isinstance(event, IntervalEnded):
        return (
            "end",
            event.interval.index,
            event.planned_ms,
            event.actual_ms,
            event.status.value,
            event.worked_ms,
        )
    if isinstance(event, CueDue):
        return ("cue", event.cue.value, event.planned_ms, event.actual_ms)
    if isinstance(event, Paused):
        return ("pause", event.interval.index, event.planned_ms, event.actual_ms)
    if isinstance(event, Resumed):
        return ("resume", event.interval.index, event.planned_ms, event.actual_ms, event.paused_ms)
    if isinstance(event, Skipped):
        return ("skip", event.interval.index, event.planned_ms, event.actual_ms)
    if isinstance(event, SessionEnded):
        return ("session_end", event.status.value, event.planned_ms, event.actual_ms)
    raise AssertionError(f"unknown event {event!r}")


def started(r: Routine) -> tuple[Session, FakeClock, Recorder]:
    """A session on a fake clock, started, with a recorder subscribed."""
    clock = FakeClock()
    session = Session(expand(r), clock)
    recorder = Recorder()
    session.subscribe(recorder)
    session.start()
    return session, clock, recorder


def boundaries(events: list[SessionEvent]) -> list[tuple[object, ...]]:
    """Only the interval starts and ends, pauses, skips and the session end (no cues)."""
    return [describe(e) for e in events if not isinstance(e, CueDue)]


Act = Callable[[Session, Interval, FakeClock], bool]
"""Called as each interval starts; True when it acted on the session (stop, skip...)."""


def play_to_the_end(session: Session, clock: FakeClock, act: Act | None = None) -> None:
    """Start `session` (unless started) and play it out on `clock`, interval by interval.

    Each timed interval runs its full length and each untimed set is finished at
    once, unless `act`, shown each interval as it starts, acts on the session instead.
    """
    if not session.started:
        session.start()
    while not session.finished:
        current = session.current
        assert current is not None
        if act is not None and act(session, current, clock):
            continue
        remaining = session.remaining_ms()
        if remaining is None:
            session.finish_set()
        else:
            clock.advance_ms(remaining)
            session.update()


def skip_work_on(side: Side) -> Act:
    """Skip every work interval on `side` as it starts."""

    def act(session: Session, interval: Interval, clock: FakeClock) -> bool:
        if interval.kind is IntervalKind.WORK and interval.side is side:
            session.skip()
            return True
        return False

    return act
