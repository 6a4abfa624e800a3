"""Tests the runner taking a gap in the process's run time as a pause (fake time throughout).

The process "stops" by moving the fake clock while the loop is not running a
timer: to the runner it looks exactly like SIGSTOP or a stalled machine, a
wake-up that comes far later than it was due.
"""

from __future__ import annotations

import asyncio

from evenside.engine.clock import FakeClock
from evenside.engine.events import IntervalEnded, Paused, SessionEvent, SessionStatus
from evenside.engine.session import Session
from evenside.engine.timeline import IntervalKind, expand
from evenside.playback.runner import SessionRunner
from evenside.routine.model import Sides
from tests.support.fake_time_loop import fake_time_loop
from tests.support.session_builders import hold, routine

PLANK = routine(hold("Plank", 20, sides=Sides.NONE), prep=0)


def play_with_a_stop(stop_at_s: float, stopped_for_s: float) -> tuple[Session, list[SessionEvent]]:
    """Play PLANK; at `stop_at_s` the process stops for `stopped_for_s`; then the person
    reads "paused" for 2 s and carries on to the end."""
    clock = FakeClock()
    session = Session(expand(PLANK), clock)
    events: list[SessionEvent] = []
    session.subscribe(events.append)
    runner = SessionRunner(session)

    async def play() -> None:
        runner.start()
        await asyncio.sleep(stop_at_s)
        clock.advance(stopped_for_s)  # stopped: the loop does not run meanwhile
        await asyncio.sleep(0)  # continued: the overdue wake-up runs now
        await asyncio.sleep(0.01)
        assert session.paused, "a gap must pause the session"
        await asyncio.sleep(2)
        session.resume()
        runner.poke()
        while not session.finished:
            await asyncio.sleep(1)
        runner.close()

    with fake_time_loop(clock) as loop:
        loop.run_until_complete(play())
    return session, events


def test_a_stop_of_twelve_seconds_is_a_pause_not_work() -> None:
    session, events = play_with_a_stop(stop_at_s=3.0, stopped_for_s=12.0)
    assert session.status is SessionStatus.COMPLETED
    (paused,) = [e for e in events if isinstance(e, Paused)]
    # The pause began at the wake-up that was due (within a second of the stop)...
    assert 3_000 <= paused.planned_ms <= 4_000
    # ...and was noticed when the process ran again.
    assert paused.actual_ms >= 15_000
    (ended,) = [
        e for e in events if isinstance(e, IntervalEnded) and e.interval.kind is IntervalKind.WORK
    ]
    # Twenty seconds of plank, not twenty minus the twelve nobody saw.
    assert ended.worked_ms == 20_000
    # What the process did not see moved the end, it was not counted as done.
    assert ended.actual_ms >= 20_000 + 12_000


def test_a_short_stall_is_not_a_pause() -> None:
    clock = FakeClock()
    session = Session(expand(PLANK), clock)
    events: list[SessionEvent] = []
    session.subscribe(events.append)
    runner = SessionRunner(session)

    async def play() -> None:
        runner.start()
        await asyncio.sleep(3.0)
        clock.advance_ms(1_500)  # a busy machine, 1.5 s late: still the person's time
        while not session.finished:
            await asyncio.sleep(1)
        runner.close()

    with fake_time_loop(clock) as loop:
        loop.run_until_complete(play())
    assert session.status is SessionStatus.COMPLETED
    assert not [e for e in events if isinstance(e, Paused)]
    ended = [e for e in events if isinstance(e, IntervalEnded)]
    assert (ended[-1].worked_ms, ended[-1].actual_ms) == (20_000, 20_000)
