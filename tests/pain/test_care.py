"""Tests care notes on histories really played and recorded in SQLite, and on ratings alone."""

from __future__ import annotations

import pytest

from evenside.history.aggregates import HistoryFilter, HistoryWindow
from evenside.history.records import RatingRecord
from evenside.history.session_list import session_rows
from evenside.history.store import HistoryStore
from evenside.pain.care import (
    CareNote,
    care_after_session,
    marked_routines,
    routine_care,
    session_care_note,
)
from tests.support.history_fixtures import DESK, frozen_now, on, play

WINDOW = HistoryWindow(frozen_now)
MONTH = HistoryFilter(days=30)


def test_care_note_after_a_worse_after_session(history: HistoryStore) -> None:
    rows = session_rows(history.conn, WINDOW, MONTH)
    notes = {row.started.day: care_after_session(history.conn, row.id) for row in rows}
    assert {day for day, note in notes.items() if note is not None} == {20}
    note = notes[20]
    assert isinstance(note, CareNote)
    assert note.sides == ("right",)
    assert "right side" in note.text and "2 → 5" in note.text and "ease off" in note.text
    assert "professional" not in note.text and "doctor" not in note.text
    assert routine_care(history.conn, "Psoas release").marked is False


def test_one_point_worse_brings_no_note() -> None:
    ratings = [RatingRecord("before", "left", 3), RatingRecord("after", "left", 4)]
    assert session_care_note(ratings) is None
    both = [
        RatingRecord("before", "left", 1),
        RatingRecord("before", "right", 1),
        RatingRecord("after", "left", 3),
        RatingRecord("after", "right", 4),
    ]
    note = session_care_note(both)
    assert note is not None and note.sides == ("left", "right")
    assert note.text.startswith("Both sides feel sorer")


@pytest.mark.parametrize(("worse", "marked"), [(2, False), (3, True)])
def test_routine_marked_after_three_of_the_last_five(
    store: HistoryStore, worse: int, marked: bool
) -> None:
    # Six rated sessions; the oldest is worse too but falls outside the last five.
    plan = [True] + [True] * worse + [False] * (5 - worse)
    ids = []
    for day, sorer in enumerate(plan, start=10):
        after = {"left": 6 if sorer else 2}
        ids.append(play(store, DESK, on(day), pain=({"left": 2}, after)))
    care = routine_care(store.conn, "Desk break")
    assert (care.worse, care.rated, care.marked) == (worse, 5, marked)
    assert ("Desk break" in marked_routines(store.conn)) is marked
    last_sorer = ids[worse]
    note = care_after_session(store.conn, last_sorer)
    assert note is not None
    assert ("physiotherapist or doctor" in note.text) is marked
    if marked:
        assert f"{worse} of your last 5" in care.text
