"""Tests the session summary rows both front ends draw, on sessions played on a fake clock."""

from __future__ import annotations

from evenside.engine.clock import FakeClock
from evenside.engine.events import SessionStatus
from evenside.engine.session import Session
from evenside.engine.session_summary import HEADLINE, SummaryRow, summary_rows
from evenside.engine.timeline import expand
from evenside.routine.model import Side, Sides
from tests.support.session_builders import hold, reps, routine


def _rows(session: Session) -> dict[tuple[str, Side | None], SummaryRow]:
    return {(r.exercise, r.side): r for r in summary_rows(session.timeline, session.results())}


def test_each_exercise_and_side_in_the_order_the_routine_reaches_them() -> None:
    session = Session(expand(routine(hold("Lunge", 10, sets=2), reps("Squat", 5))), FakeClock())
    rows = summary_rows(session.timeline, session.results())
    assert [(r.exercise, r.side, r.planned_sets) for r in rows] == [
        ("Lunge", Side.LEFT, 2),
        ("Lunge", Side.RIGHT, 2),
        ("Squat", None, 1),
    ]
    assert all(r.done == r.skipped == r.partial == r.worked_ms == 0 for r in rows)
    assert all(r.not_reached == r.planned_sets and r.reps_done is None for r in rows)


def test_backed_out_of_and_done_again_is_one_set_done_with_its_time_once() -> None:
    clock = FakeClock()
    session = Session(expand(routine(hold("Hang", 10, sides=Sides.NONE))), clock)
    session.start()
    clock.advance(5 + 4)  # into the hold, past the back threshold
    session.update()
    session.back()  # the hold starts again
    clock.advance(10)
    session.update()
    row = _rows(session)[("Hang", None)]
    assert (row.done, row.partial, row.skipped, row.worked_ms) == (1, 0, 0, 10_000)


def test_a_skipped_set_counts_neither_its_time_nor_its_reps() -> None:
    clock = FakeClock()
    session = Session(expand(routine(reps("Squat", 5, tempo=2, sets=2))), clock)
    session.start()
    clock.advance(5 + 10)  # prep, then the first set in full
    session.update()
    clock.advance(3)
    session.update()
    session.skip()  # the second set, 3 s in
    row = _rows(session)[("Squat", None)]
    assert (row.done, row.skipped, row.worked_ms, row.reps_done) == (1, 1, 10_000, 5)


def test_an_exercise_only_skipped_has_no_reps_and_a_stop_leaves_the_rest_not_reached() -> None:
    clock = FakeClock()
    steps = (reps("Squat", 5, tempo=2), hold("Hang", 10, sides=Sides.NONE, sets=2))
    session = Session(expand(routine(*steps)), clock)
    session.start()
    clock.advance(5 + 1)
    session.update()
    session.skip()  # the squats, 1 s in
    clock.advance(5 + 4)  # the transition, then 4 s of the first hang
    session.update()
    session.stop()
    rows = _rows(session)
    squat, hang = rows[("Squat", None)], rows[("Hang", None)]
    assert (squat.skipped, squat.worked_ms, squat.reps_done) == (1, 0, None)
    assert (hang.partial, hang.worked_ms, hang.not_reached) == (1, 4_000, 1)
    assert HEADLINE[SessionStatus.STOPPED] == "Session stopped"
