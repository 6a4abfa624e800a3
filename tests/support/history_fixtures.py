"""Provides a fixed history made by really playing routines: engine, fake clock, recorder, SQLite.

`build_history` plays two routines on chosen days (some stopped, some with a
side skipped) and rates pain, so the history screen's numbers can be worked out
by hand. The days, with TODAY a Wednesday (2024-05-22, UTC):

- 05-01..05-08 Psoas release, completed; pain before L4 R3, after L3 R3
- 05-09 Psoas release stopped after the left lunge: the day does not count
- 05-10..05-17 nothing
- 05-18 Desk break, completed
- 05-19 Psoas release stopped 20 s into the second left lunge: the lunge was done
  on both sides, so the day counts
- 05-20 Psoas release completed, second right lunge skipped; pain before L2 R2,
  after L2 R5 (right 3 points worse: a care note)
- 05-21 Desk break completed, right hamstring skipped
- 05-22 Psoas release completed; pain before L3 R4, after L2 R3

`opened_history` opens any history file (the user's by default) and closes it afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from evenside.engine.clock import FakeClock
from evenside.engine.session import Session
from evenside.engine.timeline import Interval, IntervalKind, expand
from evenside.history.db import open_database
from evenside.history.recorder import HistoryRecorder
from evenside.history.store import HistoryStore
from evenside.locations import history_path
from evenside.routine.model import ExerciseStep, Order, PerSide, Routine, Side, Sides
from tests.support.session_builders import Act, play_to_the_end

TODAY = datetime(2024, 5, 22, 18, 0, tzinfo=UTC)
"""The frozen "now" of every history test (a Wednesday)."""

LUNGE = ExerciseStep(
    exercise="Runner's lunge",
    id="lunge",
    hold_ms=PerSide.same(45_000),
    sides=Sides.BOTH,
    order=Order.LEFT_FIRST,
    sets=PerSide.same(2),
    rest_ms=15_000,
)
BRIDGE = ExerciseStep(exercise="Glute bridge", id="bridge", reps=PerSide.same(12), tempo_ms=3_000)
HAMSTRING = ExerciseStep(
    exercise="Hamstring stretch",
    id="hamstring",
    hold_ms=PerSide.same(30_000),
    sides=Sides.BOTH,
    order=Order.LEFT_FIRST,
)
PSOAS = Routine(name="Psoas release", steps=(LUNGE, BRIDGE), prep_ms=5_000, content_hash="p")
DESK = Routine(name="Desk break", steps=(HAMSTRING,), prep_ms=5_000, content_hash="d")


def play(
    store: HistoryStore,
    routine: Routine,
    when: datetime,
    act: Act | None = None,
    pain: tuple[dict[str, int], dict[str, int]] | None = None,
) -> str:
    """Play `routine` through the engine at wall time `when`; rate `pain` (before, after).

    Returns the history session's id.
    """
    clock = FakeClock()
    session = Session(expand(routine), clock)
    recorder = HistoryRecorder.for_routine(store, routine, now=lambda: when)
    session.subscribe(recorder)
    play_to_the_end(session, clock, act)
    assert recorder.session_id is not None
    if pain is not None:
        for moment, sides in zip(("before", "after"), pain, strict=True):
            for side, value in sides.items():
                store.add_rating(recorder.session_id, moment, side or None, value)
    return recorder.session_id


def stop_at_first_switch(session: Session, interval: Interval, clock: FakeClock) -> bool:
    """Stop as the first side switch begins: only the first left lunge is done."""
    if interval.kind is IntervalKind.SWITCH:
        session.stop()
        return True
    return False


def stop_into_second_left(session: Session, interval: Interval, clock: FakeClock) -> bool:
    """Stop 20 s into the second set of the left lunge."""
    if interval.side is Side.LEFT and interval.set_number == 2 and interval.exercise_id == "lunge":
        clock.advance_ms(20_000)
        session.update()
        session.stop()
        return True
    return False


def skip(exercise_id: str, side: Side, set_number: int = 1) -> Act:
    """Skip one set of one side of an exercise as it starts."""

    def act(session: Session, interval: Interval, clock: FakeClock) -> bool:
        if (
            interval.exercise_id == exercise_id
            and interval.side is side
            and interval.set_number == set_number
            and session.elapsed_ms() == 0
        ):
            session.skip()
            return True
        return False

    return act


def on(day: int, hour: int = 8) -> datetime:
    """A wall time in May 2024 (UTC)."""
    return datetime(2024, 5, day, hour, 0, tzinfo=UTC)


def build_history(path: Path) -> HistoryStore:
    """Write the fixed history (see the module docstring) into a new database at `path`."""
    store = HistoryStore(open_database(path), now=lambda: TODAY)
    for day in range(1, 9):
        play(store, PSOAS, on(day), pain=({"left": 4, "right": 3}, {"left": 3, "right": 3}))
    play(store, PSOAS, on(9), stop_at_first_switch)
    play(store, DESK, on(18, 12))
    play(store, PSOAS, on(19), stop_into_second_left)
    play(
        store,
        PSOAS,
        on(20),
        skip("lunge", Side.RIGHT, 2),
        pain=({"left": 2, "right": 2}, {"left": 2, "right": 5}),
    )
    play(store, DESK, on(21, 12), skip("hamstring", Side.RIGHT))
    play(store, PSOAS, on(22), pain=({"left": 3, "right": 4}, {"left": 2, "right": 3}))
    return store


def frozen_now() -> datetime:
    """TODAY, as the history screen's injected clock."""
    return TODAY


def week_of(day: date) -> date:
    """The Monday starting `day`'s week."""
    return day - timedelta(days=day.weekday())


@contextmanager
def opened_history(path: Path | None = None) -> Iterator[HistoryStore]:
    """The history store at `path` (the user's history by default), closed afterwards."""
    store = HistoryStore(open_database(path or history_path()))
    try:
        yield store
    finally:
        store.conn.close()
