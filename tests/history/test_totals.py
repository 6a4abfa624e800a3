"""Tests that a skipped interval's time is never work wherever history sums it (docs/balance.md)."""

from __future__ import annotations

from datetime import timedelta

from evenside.engine.clock import FakeClock
from evenside.engine.session import Session
from evenside.engine.timeline import Interval, IntervalKind
from evenside.history.aggregates import HistoryWindow, calendar_days
from evenside.history.side_work import side_work_since
from evenside.history.store import HistoryStore
from evenside.routine.model import Side
from tests.support.history_fixtures import DESK, TODAY, frozen_now, play
from tests.support.session_builders import Act


def skip_after(seconds: int, side: Side | None = None) -> Act:
    """Skip every work interval (on `side`, if given) `seconds` into it."""

    def act(session: Session, interval: Interval, clock: FakeClock) -> bool:
        if interval.kind is IntervalKind.WORK and side in (None, interval.side):
            clock.advance_ms(seconds * 1000)
            session.update()
            session.skip()
            return True
        return False

    return act


def test_skipped_seconds_are_in_no_total_and_on_no_calendar_day(store: HistoryStore) -> None:
    # The desk break's hamstring hold is 30 s a side: the right one skipped 20 s in.
    play(store, DESK, TODAY - timedelta(hours=2), skip_after(20, Side.RIGHT))
    work = {t.side: t.work for t in side_work_since(store.conn, "2024-05-22T00:00:00.000Z")}
    assert (work[Side.LEFT].seconds, work[Side.RIGHT].seconds) == (30.0, 0.0)
    assert (work[Side.RIGHT].prescribed_seconds, work[Side.RIGHT].credited_seconds) == (30.0, 0)
    (day,) = calendar_days(store.conn, HistoryWindow(frozen_now)).values()
    assert (day.worked_ms, day.sets) == (30_000, 1)


def test_a_day_on_which_everything_was_skipped_is_no_active_day(store: HistoryStore) -> None:
    play(store, DESK, TODAY - timedelta(hours=2), skip_after(20))
    assert calendar_days(store.conn, HistoryWindow(frozen_now)) == {}
