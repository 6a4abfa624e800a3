"""Provides tests of a pain rating's vocabulary: the sides a routine rates, and storing a rating."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from evenside.engine.clock import FakeClock
from evenside.engine.session import Session
from evenside.engine.timeline import expand
from evenside.history.db import open_database
from evenside.history.recorder import HistoryRecorder
from evenside.history.records import RatingRecord
from evenside.history.store import HistoryStore
from evenside.pain.rating import PainSide, Rating, rated_sides, save_rating
from evenside.routine.model import ExerciseStep, PerSide, Routine, Side, Sides

T0 = datetime(2024, 5, 1, 7, 30, tzinfo=UTC)


def routine(*sides: Sides) -> Routine:
    steps = tuple(
        ExerciseStep(exercise=f"Hold {n}", id=f"hold-{n}", hold_ms=PerSide.same(5_000), sides=s)
        for n, s in enumerate(sides)
    )
    return Routine(name="Rated", steps=steps)


@pytest.mark.parametrize(
    ("sides", "rated"),
    [
        ((Sides.BOTH,), [Side.LEFT, Side.RIGHT]),
        ((Sides.RIGHT,), [Side.RIGHT]),
        ((Sides.RIGHT, Sides.LEFT), [Side.LEFT, Side.RIGHT]),
        ((Sides.NONE,), [None]),
    ],
)
def test_the_sides_rated_are_the_sides_worked_left_first(
    sides: tuple[Sides, ...], rated: list[PainSide]
) -> None:
    assert rated_sides(expand(routine(*sides))) == rated


@pytest.fixture
def store() -> HistoryStore:
    return HistoryStore(open_database(":memory:"), now=lambda: T0)


def recording(store: HistoryStore) -> HistoryRecorder:
    """A recorder whose session has started (so it has its history id)."""
    plan = routine(Sides.BOTH)
    recorder = HistoryRecorder.for_routine(store, plan, now=lambda: T0)
    session = Session(expand(plan), FakeClock())
    session.subscribe(recorder)
    session.start()
    return recorder


def test_a_saved_rating_is_what_history_holds(store: HistoryStore) -> None:
    recorder = recording(store)
    assert recorder.session_id is not None
    assert save_rating(recorder, "before", Rating(Side.LEFT, 3))
    assert save_rating(recorder, "after", Rating(None, 10))
    assert store.ratings(recorder.session_id) == (
        RatingRecord("before", "left", 3),
        RatingRecord("after", None, 10),
    )


def test_a_rating_history_refuses_is_not_kept_and_not_raised(store: HistoryStore) -> None:
    recorder = recording(store)
    assert recorder.session_id is not None
    assert not save_rating(recorder, "before", Rating(Side.LEFT, 11))
    assert not save_rating(recorder, "during", Rating(Side.LEFT, 2))
    assert store.ratings(recorder.session_id) == ()
    # A history that cannot take a good rating right now keeps it and tries again:
    # tests/history/test_writer.py.


def test_no_rating_before_the_session_has_its_history_id(store: HistoryStore) -> None:
    recorder = HistoryRecorder.for_routine(store, routine(Sides.BOTH))
    assert not save_rating(recorder, "before", Rating(Side.LEFT, 3))
