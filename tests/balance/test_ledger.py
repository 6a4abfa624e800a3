"""Tests the ledger of docs/balance.md on sessions really played into a SQLite file.

Skipped time is never work; an owed side paid from the summary (`o`), by adding
it to the next routine, or by doing that side later adds no new debt; owed and
neglected never name opposite sides; every side chosen says for which exercise.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from evenside.balance.chooser import balance_chooser
from evenside.balance.ledger import OneSided, walk
from evenside.balance.owed import owed_now, owed_sides, with_owed_first
from evenside.balance.tracker import ExerciseBalance, balance_report
from evenside.engine.clock import FakeClock
from evenside.engine.session import Session
from evenside.engine.timeline import Interval, IntervalKind
from evenside.history.side_work import side_work_since
from evenside.history.store import HistoryStore
from evenside.routine.model import ExerciseStep, Order, PerSide, Routine, Side, Sides
from tests.support.history_fixtures import play

DAY1 = datetime(2024, 5, 1, 7, 30, tzinfo=UTC)

LUNGE = ExerciseStep(
    exercise="Runner's lunge",
    id="lunge",
    hold_ms=PerSide.same(45_000),
    sides=Sides.BOTH,
    sets=PerSide.same(2),
    rest_ms=15_000,
)
CLAM = ExerciseStep(
    exercise="Clamshell",
    id="clam",
    reps=PerSide.same(12),
    sides=Sides.BOTH,
    tempo_ms=2_000,
    rest_ms=10_000,
)


def routine(*steps: ExerciseStep, name: str = "Hips") -> Routine:
    return Routine(name=name, steps=steps, prep_ms=5_000, content_hash="h")


def skip_right_after_10_s_then_stop(session: Session, interval: Interval, clock: FakeClock) -> bool:
    """The first left set done; the first right set skipped 10 s in; stopped in the rest."""
    if interval.kind is IntervalKind.WORK and interval.side is Side.RIGHT:
        clock.advance_ms(10_000)
        session.update()
        session.skip()
        return True
    if interval.kind is IntervalKind.REST:
        session.stop()
        return True
    return False


def lunge_now(store: HistoryStore, now: datetime) -> ExerciseBalance:
    found = balance_report(store.conn, now=lambda: now).exercise("lunge")
    assert found is not None
    return found


def test_a_skipped_intervals_seconds_are_never_work(store: HistoryStore) -> None:
    play(store, routine(LUNGE), DAY1, skip_right_after_10_s_then_stop)
    (right,) = [
        t.work
        for t in side_work_since(store.conn, "2024-05-01T00:00:00.000Z")
        if t.side is Side.RIGHT
    ]
    assert (right.seconds, right.sets, right.prescribed_seconds, right.ratio) == (0.0, 0, 45.0, 0)
    lunge = lunge_now(store, DAY1 + timedelta(hours=1))
    assert (lunge.right.seconds, lunge.right.ratio, lunge.neglected) == (0.0, 0.0, Side.RIGHT)


def test_the_owed_side_done_from_the_summary_leaves_both_even_and_nothing_owed(
    store: HistoryStore,
) -> None:
    hips = routine(LUNGE)
    play(store, hips, DAY1, skip_right_after_10_s_then_stop)
    owed = owed_sides(store.conn, now=lambda: DAY1 + timedelta(minutes=5))
    assert [(o.exercise_id, o.side) for o in owed] == [("lunge", Side.RIGHT)]
    owed_routine = owed_now(owed, hips)
    assert owed_routine is not None
    # The owed routine does the right side as prescribed: two sets, played to the end.
    play(store, owed_routine, DAY1 + timedelta(minutes=5))

    later = DAY1 + timedelta(hours=1)
    lunge = lunge_now(store, later)
    assert (lunge.left.sets, lunge.right.sets) == (1, 2)
    assert lunge.left.ratio == lunge.right.ratio == 1.0
    assert lunge.neglected is None
    # Paying adds no new debt: the left is not owed back.
    assert owed_sides(store.conn, now=lambda: later) == []
    assert balance_report(store.conn, now=lambda: later).owed == ()
    assert balance_chooser(store.conn, now=lambda: later).reason(LUNGE) == (
        "left first for Runner's lunge: both sides are even"
    )


def test_the_owed_side_added_first_to_the_next_routine_leaves_both_even(
    store: HistoryStore,
) -> None:
    hips = routine(LUNGE)
    play(store, hips, DAY1, skip_right_after_10_s_then_stop)
    owed = owed_sides(store.conn, now=lambda: DAY1 + timedelta(hours=2))
    play(store, with_owed_first(hips, owed), DAY1 + timedelta(hours=2))

    later = DAY1 + timedelta(hours=3)
    lunge = lunge_now(store, later)
    assert (lunge.left.sets, lunge.right.sets) == (3, 4)
    assert lunge.left.ratio == lunge.right.ratio == 1.0
    assert owed_sides(store.conn, now=lambda: later) == []


def test_both_sides_done_as_written_pay_the_debt_but_make_nothing_up(
    store: HistoryStore,
) -> None:
    hips = routine(LUNGE)
    play(store, hips, DAY1, skip_right_after_10_s_then_stop)
    play(store, hips, DAY1 + timedelta(hours=2))
    later = DAY1 + timedelta(hours=3)
    assert owed_sides(store.conn, now=lambda: later) == []
    lunge = lunge_now(store, later)
    # The right did 90 s of the 135 s it was asked (the skipped 45 s never made up).
    assert (lunge.left.ratio, round(lunge.right.ratio, 3)) == (1.0, 0.667)
    assert lunge.neglected is Side.RIGHT
    assert balance_chooser(store.conn, now=lambda: later).reason(LUNGE) == (
        "right first for Runner's lunge: right is behind this week"
    )


def test_paying_reps_makes_up_only_what_was_owed(store: HistoryStore) -> None:
    clams = routine(replace(CLAM, sets=PerSide.same(2)), name="Clams")
    play(store, clams, DAY1, skip_right_after_10_s_then_stop)
    owed = owed_sides(store.conn, now=lambda: DAY1 + timedelta(hours=1))
    owed_routine = owed_now(owed, clams)
    assert owed_routine is not None
    play(store, owed_routine, DAY1 + timedelta(hours=1))
    clam = balance_report(store.conn, now=lambda: DAY1 + timedelta(hours=2)).exercise("clam")
    assert clam is not None
    # 10 s at 2 s a rep were 5 reps, but a skipped set counts none.
    assert (clam.left.reps, clam.right.reps) == (12, 24)
    assert clam.left.ratio == clam.right.ratio == 1.0


def test_owed_and_neglected_never_name_opposite_sides(store: HistoryStore) -> None:
    # Day 1: both sides, the second right set skipped: the right is at 50%.
    def skip_second_right(session: Session, interval: Interval, clock: FakeClock) -> bool:
        if interval.side is Side.RIGHT and interval.set_number == 2:
            session.skip()
            return True
        return False

    play(store, routine(LUNGE), DAY1, skip_second_right)
    # Day 2: right first (it is behind), one right set, stopped at the switch: left "owed".
    right_first = routine(replace(LUNGE, order=Order.RIGHT_FIRST))

    def stop_at_switch(session: Session, interval: Interval, clock: FakeClock) -> bool:
        if interval.kind is IntervalKind.SWITCH:
            session.stop()
            return True
        return False

    play(store, right_first, DAY1 + timedelta(days=1), stop_at_switch)
    later = DAY1 + timedelta(days=1, hours=1)
    report = balance_report(store.conn, now=lambda: later)
    lunge = report.exercise("lunge")
    assert lunge is not None and lunge.neglected is Side.RIGHT
    # The right is behind over the week: the left is not owed while that lasts.
    assert report.owed == ()
    assert owed_sides(store.conn, now=lambda: later) == []
    chooser = balance_chooser(store.conn, now=lambda: later)
    assert chooser(LUNGE) is Side.RIGHT
    assert chooser.reason(LUNGE) == "right first for Runner's lunge: right is behind this week"


def test_every_side_chosen_names_its_exercise(store: HistoryStore) -> None:
    left_behind = ExerciseStep(
        exercise="Pigeon", id="pigeon", hold_ms=PerSide.same(30_000), sides=Sides.BOTH
    )

    def skip_one_side(session: Session, interval: Interval, clock: FakeClock) -> bool:
        wanted = Side.RIGHT if interval.exercise_id == "lunge" else Side.LEFT
        if (
            interval.kind is IntervalKind.WORK
            and interval.side is wanted
            and interval.set_number == 2
        ):
            session.skip()
            return True
        return False

    pigeon = replace(left_behind, sets=PerSide.same(2))
    play(store, routine(LUNGE, pigeon), DAY1, skip_one_side)
    chooser = balance_chooser(store.conn, now=lambda: DAY1 + timedelta(hours=1))
    assert chooser(LUNGE) is Side.RIGHT and chooser(pigeon) is Side.LEFT
    assert chooser.reasons == {
        "lunge": "right first for Runner's lunge: right is behind this week",
        "pigeon": "left first for Pigeon: left is behind this week",
    }


def one_sided(day: int, side: Side, settled_by: str | None = None) -> OneSided:
    return OneSided(f"s{day}", "Lunge", f"2024-05-0{day}T08:00:00.000Z", side, settled_by)


L, R = Side.LEFT, Side.RIGHT


@pytest.mark.parametrize(
    ("sessions", "owed", "payments"),
    [
        ([], None, []),
        # Left only: the right is owed from then on, the left done again or not.
        ([one_sided(1, L)], R, []),
        ([one_sided(1, L), one_sided(2, L)], R, []),
        # The right done later pays, and owes nothing back.
        ([one_sided(1, L), one_sided(2, L), one_sided(3, R)], None, [(R, ("s1", "s2"), "s3")]),
        # Paid, then a new debt.
        ([one_sided(1, L), one_sided(2, R), one_sided(3, R)], L, [(R, ("s1",), "s2")]),
        # A session that did both sides (b1) settles what was owed before it.
        ([one_sided(1, L, "b1")], None, [(R, ("s1",), "b1")]),
        ([one_sided(1, L, "b1"), one_sided(2, L)], R, [(R, ("s1",), "b1")]),
    ],
)
def test_the_ledger_walk(
    sessions: list[OneSided], owed: Side | None, payments: list[tuple[Side, tuple[str, ...], str]]
) -> None:
    ledger = walk("lunge", sessions)
    assert (ledger.owed.side if ledger.owed else None) is owed
    assert [(p.side, p.debt_sessions, p.paid_by) for p in ledger.payments] == payments


def test_a_debt_dates_from_the_first_session_that_left_it() -> None:
    ledger = walk("lunge", [one_sided(1, L), one_sided(2, L)])
    assert ledger.owed is not None
    assert (ledger.owed.side, ledger.owed.since) == (R, "2024-05-01T08:00:00.000Z")
