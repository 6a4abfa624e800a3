"""Tests a gap in the process's run time taken as a pause: nothing due in the gap counts."""

from __future__ import annotations

from evenside.engine.clock import NS_PER_S, FakeClock
from evenside.engine.events import IntervalStatus, SessionStatus
from evenside.engine.session import Session
from tests.support.session_builders import Recorder, boundaries, hold, routine, started

# prep 0-5 s, lunge left 5-15 s, switch 15-20 s, lunge right 20-30 s.
LUNGE = routine(hold("Lunge", 10))


def stopped_for_20_s_at_8_s() -> tuple[Session, FakeClock, Recorder]:
    """LUNGE started, then stopped 8 s in for 20 s; the gap is taken as a pause from 8 s."""
    session, clock, recorder = started(LUNGE)
    clock.advance(8)
    session.update()
    began = clock()
    # Stopped for 20 s: the left side (due to end at 15 s) and the switch passed meanwhile.
    clock.advance(20)
    session.pause_since(began)
    return session, clock, recorder


def test_a_gap_freezes_the_interval_where_the_gap_began() -> None:
    session, _clock, recorder = stopped_for_20_s_at_8_s()
    assert session.paused
    assert session.remaining_ms() == 7_000
    assert session.current is not None and session.current.index == 1
    events = boundaries(recorder.take())
    assert events[-1] == ("pause", 1, 8_000, 28_000)
    assert ("end", 1, 15_000, 15_000, "done", 10_000) not in events


def test_what_was_due_before_the_gap_still_happens_on_its_deadline() -> None:
    session, clock, recorder = started(LUNGE)
    clock.advance(4)
    session.update()
    # The last wake-up was at 4 s; the gap is noticed at 30 s and began at 6 s.
    clock.advance(26)
    session.pause_since(clock() - 24 * NS_PER_S)
    assert boundaries(recorder.take())[1:] == [
        ("end", 0, 5_000, 30_000, "done", 5_000),
        ("start", 1, 5_000, 30_000),
        ("pause", 1, 6_000, 30_000),
    ]
    assert session.elapsed_ms() == 1_000


def test_after_the_gap_the_work_recorded_is_the_work_done() -> None:
    session, clock, _ = stopped_for_20_s_at_8_s()
    clock.advance(3)  # the person reads "paused" and comes back
    session.resume()
    # 7 s of the left side, the 5 s switch and the right side's 10 s are still to come.
    for _ in range(5):
        clock.advance(5)
        session.update()
    assert session.finished and session.status is SessionStatus.COMPLETED
    worked = [(r.interval.index, r.status, r.worked_ms) for r in session.results()]
    assert worked == [
        (0, IntervalStatus.DONE, 5_000),
        (1, IntervalStatus.DONE, 10_000),
        (2, IntervalStatus.DONE, 5_000),
        (3, IntervalStatus.DONE, 10_000),
    ]
    # The routine took 30 s of work; the 23 s of gap and wait are pauses, not work.
    assert session.session_elapsed_ms() == 30_000


def test_a_stop_after_a_gap_keeps_only_the_time_before_it() -> None:
    session, _clock, _ = stopped_for_20_s_at_8_s()
    session.stop()
    last = session.results()[-1]
    assert (last.interval.index, last.status, last.worked_ms) == (1, IntervalStatus.PARTIAL, 3_000)


def test_no_pause_on_a_finished_or_paused_session() -> None:
    session, clock, _ = started(routine(hold("Lunge", 1), prep=0))
    clock.advance(10)
    session.update()
    assert session.finished
    session.pause_since(clock())
    assert not session.paused
    session2, clock2, _ = started(LUNGE)
    session2.pause()
    before = session2.remaining_ms()
    clock2.advance(5)
    session2.pause_since(clock2() - NS_PER_S)
    assert session2.paused and session2.remaining_ms() == before
