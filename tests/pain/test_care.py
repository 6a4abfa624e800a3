"""Tests care notes on histories really played and recorded in SQLite, and on ratings alone."""

from __future__ import annotations

import pytest

from evenside.history.aggregates import HistoryFilter, HistoryWindow
from evenside.history.records import RatingRecord
from evenside.history.session_list import session_rows
from evenside.history.store import HistoryStore
from evenside.pain.care import (
    CareLevel,
    CareNote,
    RoutineCare,
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


def left_rated(before: int, after: int) -> list[RatingRecord]:
    """A left side rated `before` and `after` a session."""
    return [RatingRecord("before", "left", before), RatingRecord("after", "left", after)]


@pytest.mark.parametrize(
    ("before", "after", "level", "words"),
    [
        (3, 5, CareLevel.GENTLE, "feels sorer than before (3 → 5). Go gently: ease off"),
        (1, 4, CareLevel.GENTLE, "feels sorer than before (1 → 4). Go gently"),
        (2, 6, CareLevel.REST, "feels a lot sorer than before (2 → 6). Rest it for today"),
        (0, 5, CareLevel.REST, "a lot sorer than before (0 → 5). Rest it"),
        (5, 10, CareLevel.STOP, "much sorer than before (5 → 10). Stop for today"),
        (6, 8, CareLevel.STOP, "much sorer than before (6 → 8). Stop for today"),
        (1, 7, CareLevel.STOP, "much sorer than before (1 → 7). Stop for today"),
    ],
)
def test_the_care_note_scales_with_the_rise(
    before: int, after: int, level: CareLevel, words: str
) -> None:
    note = session_care_note(left_rated(before, after))
    assert note is not None and note.level is level
    assert words in note.text
    # Only the firmest note sends you to someone; none says what is wrong.
    assert ("physiotherapist or doctor" in note.text) is (level is CareLevel.STOP)
    assert "injur" not in note.text and "damage" not in note.text


def test_a_rise_of_two_and_a_rise_of_five_to_ten_get_different_notes() -> None:
    small = session_care_note(left_rated(3, 5))
    large = session_care_note(left_rated(5, 10))
    assert small is not None and large is not None
    assert small.text.split(". ", 1)[1] != large.text.split(". ", 1)[1]


def test_the_firmest_side_sets_the_level_of_a_two_sided_note() -> None:
    ratings = [
        RatingRecord("before", "left", 2),
        RatingRecord("before", "right", 3),
        RatingRecord("after", "left", 4),
        RatingRecord("after", "right", 9),
    ]
    note = session_care_note(ratings)
    assert note is not None and note.level is CareLevel.STOP
    assert note.text.startswith("Both sides feel much sorer than before (2 → 4 left, 3 → 9 right)")


def test_a_marked_routine_with_a_sharp_rise_says_see_someone_once() -> None:
    care = RoutineCare("Desk break", worse=4, rated=5)
    note = session_care_note(left_rated(4, 10), care)
    assert note is not None
    assert "left you sorer after 4 of your last 5 sessions." in note.text
    assert note.text.count("physiotherapist or doctor") == 1
