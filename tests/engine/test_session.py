"""Tests for the session state machine on a fake clock: every operation, with exact times."""

from __future__ import annotations

import pytest

from evenside.engine.clock import NS_PER_MS, FakeClock
from evenside.engine.events import (
    CueDue,
    IntervalEnded,
    IntervalStarted,
    IntervalStatus,
    SessionEnded,
    SessionStatus,
)
from evenside.engine.session import Session
from evenside.engine.timeline import IntervalKind, expand
from evenside.routine.model import Side, Sides
from tests.support.session_builders import boundaries, describe, hold, reps, rest, routine, started

# prep 0-5 s, lunge left 5-15 s, switch 15-20 s, lunge right 20-30 s.
LUNGE = routine(hold("Lunge", 10))


def test_start_begins_the_first_interval_at_zero() -> None:
    session, _, recorder = started(LUNGE)
    assert boundaries(recorder.take()) == [("start", 0, 0, 0)]
    assert session.current is not None
    assert session.current.kind is IntervalKind.PREP
    assert session.remaining_ms() == 5_000
    assert session.routine_remaining_ms() == 30_000
    assert session.upcoming() == session.timeline.intervals[1]
    assert not session.paused and not session.finished


def test_boundaries_land_on_their_deadlines_and_the_session_completes() -> None:
    session, clock, recorder = started(LUNGE)
    for _ in range(6):
        clock.advance(5)
        session.update()
    assert boundaries(recorder.take()) == [
        ("start", 0, 0, 0),
        ("end", 0, 5_000, 5_000, "done", 5_000),
        ("start", 1, 5_000, 5_000),
        ("end", 1, 15_000, 15_000, "done", 10_000),
        ("start", 2, 15_000, 15_000),
        ("end", 2, 20_000, 20_000, "done", 5_000),
        ("start", 3, 20_000, 20_000),
        ("end", 3, 30_000, 30_000, "done", 10_000),
        ("session_end", "completed", 30_000, 30_000),
    ]
    assert session.finished and session.status is SessionStatus.COMPLETED
    assert session.current is None
    assert session.next_deadline_ns() is None
    assert [r.status for r in session.results()] == [IntervalStatus.DONE] * 4


def test_a_late_update_does_not_push_later_deadlines() -> None:
    session, clock, recorder = started(LUNGE)
    recorder.take()
    clock.advance_ms(5_007)
    session.update()
    assert boundaries(recorder.take()) == [
        ("end", 0, 5_000, 5_007, "done", 5_000),
        ("start", 1, 5_000, 5_007),
    ]
    # The chain runs from the planned deadline, so the next end is 15 s, not 15.007 s.
    assert session.next_deadline_ns() is not None
    assert session.remaining_ms() == 9_993
    clock.advance_ms(9_993)
    session.update()
    assert ("end", 1, 15_000, 15_000, "done", 10_000) in boundaries(recorder.take())


def test_one_update_catches_up_over_several_intervals_in_order() -> None:
    session, clock, recorder = started(LUNGE)
    recorder.take()
    clock.advance(21)
    session.update()
    assert boundaries(recorder.take()) == [
        ("end", 0, 5_000, 21_000, "done", 5_000),
        ("start", 1, 5_000, 21_000),
        ("end", 1, 15_000, 21_000, "done", 10_000),
        ("start", 2, 15_000, 21_000),
        ("end", 2, 20_000, 21_000, "done", 5_000),
        ("start", 3, 20_000, 21_000),
    ]
    assert session.remaining_ms() == 9_000


def test_next_deadline_is_the_earliest_cue_or_boundary() -> None:
    session, clock, _ = started(LUNGE)
    start_ns = clock()
    # The prep's first countdown beep (at 2 s) comes before its end.
    assert session.next_deadline_ns() == start_ns + 2_000 * NS_PER_MS
    clock.advance(4.5)
    session.update()
    assert session.next_deadline_ns() == start_ns + 5_000 * NS_PER_MS


def test_pause_across_a_boundary_moves_every_later_deadline() -> None:
    session, clock, recorder = started(LUNGE)
    clock.advance(4)
    session.update()
    recorder.take()
    session.pause()
    clock.advance(60)
    session.update()
    assert session.next_deadline_ns() is None
    assert session.remaining_ms() == 1_000
    assert session.elapsed_ms() == 4_000
    assert session.session_elapsed_ms() == 4_000
    session.resume()
    assert boundaries(recorder.take()) == [
        ("pause", 0, 4_000, 4_000),
        ("resume", 0, 64_000, 64_000, 60_000),
    ]
    assert session.next_deadline_ns() == clock() + 1_000 * NS_PER_MS
    clock.advance(1)
    session.update()
    assert boundaries(recorder.take()) == [
        ("end", 0, 65_000, 65_000, "done", 5_000),
        ("start", 1, 65_000, 65_000),
    ]
    clock.advance(25)
    session.update()
    assert boundaries(recorder.take())[-1] == ("session_end", "completed", 90_000, 90_000)
    assert session.session_elapsed_ms() == 30_000


def test_toggle_pause_and_repeated_calls() -> None:
    session, clock, recorder = started(LUNGE)
    session.toggle_pause()
    session.pause()
    assert session.paused
    clock.advance(3)
    session.toggle_pause()
    session.resume()
    assert not session.paused
    assert boundaries(recorder.take()) == [
        ("start", 0, 0, 0),
        ("pause", 0, 0, 0),
        ("resume", 0, 3_000, 3_000, 3_000),
    ]
    assert session.remaining_ms() == 5_000


def test_skip_during_a_switch_starts_the_next_side_now() -> None:
    session, clock, recorder = started(LUNGE)
    clock.advance(16.5)
    session.update()
    assert session.current is not None and session.current.kind is IntervalKind.SWITCH
    recorder.take()
    session.skip()
    assert boundaries(recorder.take()) == [
        ("skip", 2, 16_500, 16_500),
        ("end", 2, 16_500, 16_500, "skipped", 1_500),
        ("start", 3, 16_500, 16_500),
    ]
    assert session.current is not None
    assert session.current.side is Side.RIGHT
    assert session.remaining_ms() == 10_000
    assert session.routine_remaining_ms() == 10_000
    clock.advance(10)
    session.update()
    assert session.status is SessionStatus.COMPLETED
    assert [r.status.value for r in session.results()] == ["done", "done", "skipped", "done"]


def test_skip_the_last_interval_completes_the_session() -> None:
    session, clock, recorder = started(LUNGE)
    clock.advance(22)
    session.update()
    recorder.take()
    session.skip()
    events = recorder.take()
    assert isinstance(events[-2], CueDue) and events[-2].cue.value == "done"
    assert describe(events[-1]) == ("session_end", "completed", 22_000, 22_000)


def test_back_at_the_start_of_an_interval_goes_to_the_previous_one() -> None:
    session, clock, recorder = started(LUNGE)
    clock.advance(16)
    session.update()
    recorder.take()
    session.back()
    assert boundaries(recorder.take()) == [
        ("end", 2, 16_000, 16_000, "partial", 1_000),
        ("start", 1, 16_000, 16_000),
    ]
    assert session.remaining_ms() == 10_000
    # Then, as normal, the chain goes on from the restarted interval.
    clock.advance(10)
    session.update()
    assert boundaries(recorder.take()) == [
        ("end", 1, 26_000, 26_000, "done", 10_000),
        ("start", 2, 26_000, 26_000),
    ]


def test_back_later_in_an_interval_restarts_it() -> None:
    session, clock, recorder = started(LUNGE)
    clock.advance(8)
    session.update()
    recorder.take()
    session.back()
    assert boundaries(recorder.take()) == [
        ("end", 1, 8_000, 8_000, "partial", 3_000),
        ("start", 1, 8_000, 8_000),
    ]
    assert session.remaining_ms() == 10_000
    assert session.elapsed_ms() == 0


def test_back_in_the_first_interval_restarts_it() -> None:
    session, clock, recorder = started(LUNGE)
    clock.advance(1)
    session.back()
    assert boundaries(recorder.take())[1:] == [
        ("end", 0, 1_000, 1_000, "partial", 1_000),
        ("start", 0, 1_000, 1_000),
    ]
    assert session.remaining_ms() == 5_000


def test_add_ten_seconds_then_pause() -> None:
    session, clock, recorder = started(LUNGE)
    clock.advance(7)
    session.update()
    session.adjust(10_000)
    assert session.remaining_ms() == 18_000
    assert session.duration_ms() == 20_000
    session.pause()
    clock.advance(30)
    assert session.remaining_ms() == 18_000
    session.resume()
    clock.advance(18)
    session.update()
    ends = [e for e in recorder.take() if isinstance(e, IntervalEnded)]
    assert [describe(e) for e in ends] == [
        ("end", 0, 5_000, 7_000, "done", 5_000),
        ("end", 1, 55_000, 55_000, "done", 20_000),
    ]
    assert session.routine_remaining_ms() == 15_000


def test_taking_time_never_leaves_less_than_one_second() -> None:
    session, clock, _ = started(LUNGE)
    clock.advance(8)
    session.update()
    session.adjust(-10_000)
    assert session.remaining_ms() == 1_000
    session.adjust(-10_000)
    assert session.remaining_ms() == 1_000


def test_adjust_while_paused_counts_from_the_frozen_time() -> None:
    session, clock, _ = started(LUNGE)
    clock.advance(12)
    session.update()
    session.pause()
    clock.advance(100)
    session.adjust(-10_000)
    assert session.remaining_ms() == 1_000
    session.resume()
    assert session.next_deadline_ns() == clock() + 1_000 * NS_PER_MS


def test_untimed_reps_wait_for_finish_set() -> None:
    session, clock, recorder = started(routine(reps("Bridge", 12), hold("Lunge", 10, Sides.NONE)))
    clock.advance(5)
    session.update()
    assert session.current is not None and session.current.reps == 12
    assert session.remaining_ms() is None
    assert session.duration_ms() is None
    assert session.next_deadline_ns() is None
    clock.advance(40)
    session.update()
    assert session.elapsed_ms() == 40_000
    session.adjust(10_000)  # no deadline to move
    recorder.take()
    session.finish_set()
    events = recorder.take()
    assert boundaries(events) == [
        ("end", 1, 45_000, 45_000, "done", 40_000),
        ("start", 2, 45_000, 45_000),
    ]
    ended = events[0]
    assert isinstance(ended, IntervalEnded) and ended.reps_done == 12
    # The lunge is another exercise: a transition to get into position comes first.
    assert session.current is not None and session.current.kind is IntervalKind.TRANSITION
    assert session.current.exercise == "Lunge"
    # On a timed interval, finish_set does nothing.
    session.finish_set()
    assert recorder.take() == []
    assert session.remaining_ms() == 5_000


def test_stop_marks_the_current_interval_partial() -> None:
    session, clock, recorder = started(LUNGE)
    clock.advance(9)
    session.update()
    recorder.take()
    session.stop()
    assert boundaries(recorder.take()) == [
        ("end", 1, 9_000, 9_000, "partial", 4_000),
        ("session_end", "stopped", 9_000, 9_000),
    ]
    assert session.finished and session.status is SessionStatus.STOPPED
    assert session.current is None
    # Once finished, nothing more happens.
    for operation in (session.skip, session.back, session.pause, session.stop, session.update):
        operation()
    assert recorder.take() == []


def test_stop_while_paused_excludes_the_pause_from_the_work() -> None:
    session, clock, recorder = started(LUNGE)
    clock.advance(8)
    session.pause()
    clock.advance(50)
    recorder.take()
    session.stop()
    assert boundaries(recorder.take()) == [
        ("end", 1, 58_000, 58_000, "partial", 3_000),
        ("session_end", "stopped", 58_000, 58_000),
    ]
    # The session's own time stops with it, without the pause.
    clock.advance(5)
    assert session.session_elapsed_ms() == 8_000


def test_stop_before_start_ends_at_once() -> None:
    clock = FakeClock()
    session = Session(expand(LUNGE), clock)
    events: list[object] = []
    session.subscribe(events.append)
    session.stop()
    assert [type(e) for e in events] == [SessionEnded]
    assert session.status is SessionStatus.STOPPED


def test_reps_done_for_a_timed_set_cut_short() -> None:
    session, clock, recorder = started(routine(reps("Bridge", 10, tempo=2), prep=0))
    clock.advance(7)
    session.stop()
    ended = [e for e in recorder.take() if isinstance(e, IntervalEnded)]
    assert ended[0].reps_done == 3


def test_skip_while_paused_stays_paused_and_defers_the_go() -> None:
    session, clock, recorder = started(LUNGE)
    clock.advance(2)
    session.pause()
    clock.advance(10)
    recorder.take()
    session.skip()
    assert session.paused
    assert [describe(e)[0] for e in recorder.take()] == ["skip", "end", "start"]
    assert session.remaining_ms() == 10_000
    clock.advance(5)
    session.resume()
    events = recorder.take()
    assert describe(events[1]) == ("cue", "go", 17_000, 17_000)
    assert session.remaining_ms() == 10_000


def test_session_elapsed_and_routine_remaining() -> None:
    session, clock, _ = started(LUNGE)
    clock.advance(6)
    session.update()
    session.pause()
    clock.advance(100)
    session.resume()
    clock.advance(2)
    session.update()
    assert session.session_elapsed_ms() == 8_000
    assert session.routine_remaining_ms() == 22_000
    assert session.elapsed_ms() == 3_000


def test_empty_timeline_completes_at_start() -> None:
    clock = FakeClock()
    session = Session(expand(routine(rest(10))), clock)
    events: list[object] = []
    session.subscribe(events.append)
    session.start()
    assert [type(e) for e in events] == [SessionEnded]
    assert session.status is SessionStatus.COMPLETED


def _thirty_minutes() -> Session:
    # prep 10 s + 6 x (120 s left, 10 s switch, 120 s right, 25 s rest) + 2 sets of
    # 12 timed reps of 2.5 s per side with 5 s switches + a 5 s transition into a 5 s hold:
    # exactly 30 minutes.
    steps = []
    for number in range(6):
        steps.append(hold(f"Hold {number}", 120, sides=Sides.BOTH, switch=10, sets=1))
        steps.append(rest(25))
    steps.append(reps("Bridge", 12, tempo=2.5, sides=Sides.BOTH, sets=2))
    steps.append(hold("Finish", 5, sides=Sides.NONE))
    r = routine(*steps, prep=10)
    timeline = expand(r)
    assert timeline.total_ms == 30 * 60 * 1000
    return Session(timeline, FakeClock())


@pytest.mark.parametrize("step_ms", [1_000, 370, 7_919])
def test_thirty_minute_routine_runs_to_the_end_with_exact_times(step_ms: int) -> None:
    session = _thirty_minutes()
    clock = session._clock
    assert isinstance(clock, FakeClock)
    events: list[object] = []
    session.subscribe(events.append)
    session.start()
    while not session.finished:
        clock.advance_ms(step_ms)
        session.update()
    starts = [e for e in events if isinstance(e, IntervalStarted)]
    assert [s.interval.index for s in starts] == list(range(len(session.timeline.intervals)))
    for event in starts:
        # Planned times are exactly the timeline's offsets; lateness is under one step.
        assert event.planned_ms == event.interval.start_ms
        assert 0 <= event.actual_ms - event.planned_ms < step_ms
    end = events[-1]
    assert isinstance(end, SessionEnded)
    assert (end.status, end.planned_ms) == (SessionStatus.COMPLETED, 30 * 60 * 1000)
    assert sum(r.worked_ms for r in session.results()) == 30 * 60 * 1000
    cues = [e for e in events if isinstance(e, CueDue)]
    assert all(0 <= c.actual_ms - c.planned_ms < step_ms for c in cues)
    assert len([c for c in cues if c.cue.value == "halfway"]) == 12


def test_current_rep_follows_the_clock_and_pauses() -> None:
    session, clock, _ = started(routine(reps("Bridge", 5, tempo=2, sides=Sides.NONE)))
    clock.advance(5)  # the prep
    session.update()
    assert session.current is not None and session.current.reps == 5
    assert session.current_rep() == 1
    clock.advance(4.5)
    session.update()
    assert session.current_rep() == 3
    session.pause()
    clock.advance(30)
    session.update()
    assert session.current_rep() == 3  # paused time is no rep
    session.resume()
    clock.advance(2)
    session.update()
    assert session.current_rep() == 4
