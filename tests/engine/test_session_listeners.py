"""Provides tests that a failing listener never derails a session (a closed output: tests/plain)."""

from __future__ import annotations

from evenside.engine.events import IntervalEnded, SessionEnded, SessionEvent, SessionStatus
from tests.support.session_builders import hold, routine, started


def test_a_listener_that_raises_does_not_stop_the_session() -> None:
    session, clock, recorder = started(routine(hold("Lunge", 2), prep=1))
    failures: list[Exception] = []

    def broken(event: SessionEvent) -> None:
        raise OSError("disk full")

    session.subscribe(broken)
    session.on_listener_error = lambda event, error: failures.append(error)
    for _ in range(20):
        clock.advance(1)
        session.update()
    assert session.finished
    assert session.status is SessionStatus.COMPLETED
    ended = [e for e in recorder.events if isinstance(e, IntervalEnded)]
    # prep, left, switch, right: every boundary still reached the listeners after the broken one.
    assert len(ended) == 4
    assert any(isinstance(e, SessionEnded) for e in recorder.events)
    assert failures and all(str(f) == "disk full" for f in failures)
    assert len(session.listener_errors) == len(failures)
