"""Tests for the session runner: on a loop whose time is the fake clock, and once in real time.

On the fake-time loop (tests/support/fake_time_loop.py) a timer fires exactly
at its deadline and every wait is recorded, so these tests can say when the
runner woke, not just what it did: a poll or an early timer shows as extra
wake-ups. One test plays on the real loop and clock, to check the runner's
conversion between the session's clock and the loop's.
"""

from __future__ import annotations

import asyncio
import math

import pytest

from evenside.engine.clock import FakeClock, monotonic_clock
from evenside.engine.events import (
    CueDue,
    IntervalStarted,
    SessionEnded,
    SessionEvent,
    SessionStatus,
)
from evenside.engine.session import Session
from evenside.engine.timeline import expand
from evenside.playback.runner import SessionRunner
from evenside.routine.model import Sides
from tests.support.fake_time_loop import FakeTimeLoop, fake_time_loop
from tests.support.session_builders import hold, routine

# prep 0-0.2 s, left 0.2-1 s, switch 1-1.2 s, right 1.2-2 s.
SHORT = routine(hold("Lunge", 0.8, switch=0.2), prep=0.2)


async def _until_ended(session: Session, timeout: float = 10) -> SessionEnded:
    ended: asyncio.Future[SessionEnded] = asyncio.get_running_loop().create_future()

    def on_event(event: SessionEvent) -> None:
        if isinstance(event, SessionEnded) and not ended.done():
            ended.set_result(event)

    session.subscribe(on_event)
    return await asyncio.wait_for(ended, timeout)


async def _play_out(runner: SessionRunner) -> SessionEnded:
    """Start `runner` and wait for its session to end; then close the runner."""
    waiting = asyncio.ensure_future(_until_ended(runner.session))
    runner.start()
    end = await waiting
    runner.close()
    return end


def _play_out_in_fake_time(
    runner: SessionRunner, clock: FakeClock
) -> tuple[SessionEnded, FakeTimeLoop]:
    """`_play_out` on a loop whose time is `clock`; the session's end and the loop."""
    with fake_time_loop(clock) as loop:
        return loop.run_until_complete(_play_out(runner)), loop


@pytest.mark.slow
async def test_the_runner_plays_a_routine_to_the_end_never_early() -> None:
    session = Session(expand(SHORT), monotonic_clock)
    events: list[SessionEvent] = []
    session.subscribe(events.append)
    end = await _play_out(SessionRunner(session))
    assert end.status is SessionStatus.COMPLETED
    assert end.planned_ms == 2_000
    starts = [e for e in events if isinstance(e, IntervalStarted)]
    assert [(s.interval.index, s.planned_ms) for s in starts] == [
        (0, 0),
        (1, 200),
        (2, 1_000),
        (3, 1_200),
    ]
    timed = [e for e in events if isinstance(e, IntervalStarted | CueDue | SessionEnded)]
    # A timer set to the deadline never fires before it.
    assert all(e.actual_ms >= e.planned_ms for e in timed)


def test_on_fake_time_every_boundary_and_cue_fires_exactly_at_its_deadline() -> None:
    clock = FakeClock()
    session = Session(expand(SHORT), clock)
    events: list[SessionEvent] = []
    session.subscribe(events.append)
    start = clock()
    end, loop = _play_out_in_fake_time(SessionRunner(session), clock)
    assert end.status is SessionStatus.COMPLETED
    timed = [e for e in events if isinstance(e, IntervalStarted | CueDue | SessionEnded)]
    assert all(e.actual_ms == e.planned_ms for e in timed)
    # One wake-up per deadline, none in between.
    deadlines = sorted({e.planned_ms / 1_000 for e in timed if e.planned_ms > 0})
    assert loop.wakes_after(start) == deadlines


def test_on_second_follows_the_whole_seconds_of_the_time_left() -> None:
    clock = FakeClock()
    session = Session(expand(routine(hold("Plank", 2.5, sides=Sides.NONE), prep=0)), clock)
    seen: list[int | None] = []
    called_at: list[int] = []

    def on_second() -> None:
        remaining = session.remaining_ns()
        seen.append(None if remaining is None else math.ceil(remaining / 1e9))
        called_at.append(clock())

    start = clock()
    _, loop = _play_out_in_fake_time(SessionRunner(session, on_second=on_second), clock)
    # 2.5 s left at the start: the display moves at 2 s and 1 s left, then at the end.
    assert seen == [2, 1, None]
    # Exactly on those seconds, and the loop slept only until each of them: no poll.
    assert [(t - start) / 1e9 for t in called_at] == [0.5, 1.5, 2.5]
    assert loop.wakes_after(start) == [0.5, 1.5, 2.5]


def test_pause_stops_the_timer_and_resume_moves_the_end() -> None:
    clock = FakeClock()
    session = Session(expand(routine(hold("Plank", 0.6, sides=Sides.NONE), prep=0)), clock)
    runner = SessionRunner(session)
    start = clock()

    async def play() -> SessionEnded:
        waiting = asyncio.ensure_future(_until_ended(session))
        runner.start()
        await asyncio.sleep(0.2)
        session.pause()
        runner.poke()
        await asyncio.sleep(0.8)
        assert not session.finished
        left = session.remaining_ms()
        assert left is not None and left > 0
        session.resume()
        runner.poke()
        end = await waiting
        runner.close()
        return end

    with fake_time_loop(clock) as loop:
        end = loop.run_until_complete(play())
    assert end.status is SessionStatus.COMPLETED
    # The pause (at least 0.8 s) moved the planned end.
    assert end.planned_ms >= 1_400
    # Exactly by the pause: the loop woke for the test's two sleeps, then at the moved end,
    # and never at the old end (0.6 s) while paused.
    assert end.planned_ms == 1_400
    assert loop.wakes_after(start) == [0.2, 1.0, 1.4]


def test_close_cancels_the_timer() -> None:
    clock = FakeClock()
    session = Session(expand(routine(hold("Plank", 0.3, sides=Sides.NONE), prep=0)), clock)
    runner = SessionRunner(session)
    start = clock()

    async def play() -> None:
        runner.start()
        runner.close()
        await asyncio.sleep(0.5)
        assert not session.finished
        runner.poke()  # a closed runner stays closed
        await asyncio.sleep(0.1)
        assert not session.finished

    with fake_time_loop(clock) as loop:
        loop.run_until_complete(play())
    # Only the test's own sleeps woke the loop: no timer was left at the end (0.3 s).
    assert loop.wakes_after(start) == [0.5, 0.6]
