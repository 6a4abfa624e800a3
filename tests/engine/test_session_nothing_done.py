"""Tests the one rule for a session that reaches its end with nothing done (docs/balance.md):
it ends stopped, never completed, and no done cue is due."""

from __future__ import annotations

import pytest

from evenside.engine.clock import FakeClock
from evenside.engine.events import (
    CueDue,
    CueKind,
    IntervalEnded,
    IntervalStatus,
    SessionEnded,
    SessionStatus,
)
from evenside.engine.session import Session
from evenside.engine.timeline import Interval, IntervalKind, expand
from evenside.routine.model import Step
from tests.support.session_builders import Recorder, hold, play_to_the_end, reps, rest, routine
from tests.support.session_builders import started as start


def skip_work(session: Session, interval: Interval, clock: FakeClock) -> bool:
    if interval.kind is IntervalKind.WORK:
        clock.advance_ms(3_000)  # time on it, then n: still no work
        session.update()
        session.skip()
        return True
    return False


def ending(recorder: Recorder) -> tuple[SessionStatus, bool]:
    """How the session ended, and whether the done cue was due."""
    events = recorder.take()
    end = events[-1]
    assert isinstance(end, SessionEnded)
    return end.status, any(isinstance(e, CueDue) and e.cue is CueKind.DONE for e in events)


@pytest.mark.parametrize(
    "steps",
    [
        (hold("Lunge", 30),),
        (hold("Lunge", 30, sets=2, rest=10), reps("Bridge", 12)),
        (reps("Clamshell", 10, tempo=2),),
    ],
)
def test_every_set_skipped_ends_stopped_without_the_done_cue(steps: tuple[Step, ...]) -> None:
    session, clock, recorder = start(routine(*steps))
    play_to_the_end(session, clock, skip_work)
    assert ending(recorder) == (SessionStatus.STOPPED, False)
    assert session.status is SessionStatus.STOPPED


def test_one_set_done_is_a_completed_routine() -> None:
    session, clock, recorder = start(routine(hold("Lunge", 30, sets=2, rest=10)))
    skipped: list[int] = []

    def skip_first(session: Session, interval: Interval, clock: FakeClock) -> bool:
        if interval.kind is IntervalKind.WORK and not skipped:
            skipped.append(interval.index)
            session.skip()
            return True
        return False

    play_to_the_end(session, clock, skip_first)
    assert ending(recorder) == (SessionStatus.COMPLETED, True)


def test_a_routine_without_work_still_completes() -> None:
    # Only rests: nothing was asked, so nothing is missing (it expands to no interval).
    session, clock, recorder = start(routine(rest(5)))
    play_to_the_end(session, clock)
    assert ending(recorder)[0] is SessionStatus.COMPLETED


def first_work(*steps: Step) -> Interval:
    return next(i for i in expand(routine(*steps)).intervals if i.kind is IntervalKind.WORK)


@pytest.mark.parametrize(
    ("status", "worked_ms", "work"),
    [
        (IntervalStatus.DONE, 30_000, True),
        (IntervalStatus.PARTIAL, 4_000, True),
        (IntervalStatus.PARTIAL, 0, False),
        (IntervalStatus.SKIPPED, 12_000, False),
    ],
)
def test_what_a_hold_counts_as_work(status: IntervalStatus, worked_ms: int, work: bool) -> None:
    ended = IntervalEnded(first_work(hold("Lunge", 30)), 0, 0, status, worked_ms, None)
    assert ended.counts_as_work is work


def test_reps_cut_short_count_as_work_only_with_reps_counted() -> None:
    bridge = first_work(reps("Bridge", 12))
    assert not IntervalEnded(bridge, 0, 0, IntervalStatus.PARTIAL, 5_000, 0).counts_as_work
    assert IntervalEnded(bridge, 0, 0, IntervalStatus.PARTIAL, 5_000, 2).counts_as_work
    assert IntervalEnded(bridge, 0, 0, IntervalStatus.DONE, 0, 12).counts_as_work
