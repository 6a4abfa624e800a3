"""Tests the plain summary's lines: the headline, then one line per exercise and side."""

from __future__ import annotations

from evenside.engine.clock import FakeClock
from evenside.engine.session import Session
from evenside.engine.timeline import expand
from evenside.plain.summary import summary_lines
from evenside.routine.model import Side, Sides
from tests.support.session_builders import hold, play_to_the_end, reps, routine, skip_work_on


def test_a_session_with_a_side_skipped_as_lines() -> None:
    clock = FakeClock()
    steps = (hold("Lunge", 10, sets=2), reps("Squat", 5, tempo=2), reps("Bridge", 6))
    session = Session(expand(routine(*steps)), clock)
    play_to_the_end(session, clock, skip_work_on(Side.RIGHT))
    assert summary_lines(session) == [
        # 5 prep, 2 x 10 left, 2 x 5 switch, 2 x 5 transition, 10 of squats; skips take none.
        "Routine complete: Test routine, time taken 0:55",
        "  Lunge, left side: 2 of 2 sets done, 0:20",
        "  Lunge, right side: 0 of 2 sets done, 2 skipped, 0:00",
        "  Squat: 1 of 1 set done, 5 reps",
        "  Bridge: 1 of 1 set done, 6 reps",
    ]


def test_a_stopped_session_and_an_exercise_only_skipped_show_their_time() -> None:
    clock = FakeClock()
    steps = (reps("Squat", 5, tempo=2), hold("Hang", 10, sides=Sides.NONE, sets=2))
    session = Session(expand(routine(*steps)), clock)
    session.start()
    clock.advance(6)  # prep, then a second of the squats
    session.update()
    session.skip()
    session.stop()  # in the transition to the hang
    assert summary_lines(session) == [
        "Session stopped: Test routine, time taken 0:06",
        "  Squat: 0 of 1 set done, 1 skipped, 0:00",
        "  Hang: 0 of 2 sets done, 0:00",
    ]
