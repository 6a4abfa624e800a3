"""Provides tests of the pain keys, the owed-side words and the library balance bar (no screen)."""

from __future__ import annotations

import pytest

from evenside.balance.owed import OwedSide
from evenside.balance.tracker import RoutineBalance
from evenside.pain.entry import PainEntry
from evenside.pain.rating import Rating
from evenside.routine.model import Side
from evenside.ui.screens.library.balance_bar import balance_bar, behind_words
from evenside.ui.screens.owed.plan import offer_question, owed_line


def press(entry: PainEntry, keys: str) -> list[Rating]:
    made = []
    for key in keys:
        if key in "lr":
            entry.press_side(Side.LEFT if key == "l" else Side.RIGHT)
        else:
            rating = entry.press_digit(int(key))
            if rating is not None:
                made.append(rating)
    return made


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ("l3", {Side.LEFT: 3}),
        ("l3r5", {Side.LEFT: 3, Side.RIGHT: 5}),
        ("r10", {Side.RIGHT: 10}),
        ("l1", {Side.LEFT: 1}),
        ("l12", {Side.LEFT: 2}),  # a new digit replaces: the last one counts
        ("r1l0", {Side.RIGHT: 1, Side.LEFT: 0}),  # ten only on the same side, at once
        ("5l5", {Side.LEFT: 5}),  # no side picked yet: the first 5 rates nothing
        ("l0", {Side.LEFT: 0}),
    ],
)
def test_keys_make_ratings_per_side(keys: str, expected: dict[Side, int]) -> None:
    entry = PainEntry(sided=True)
    press(entry, keys)
    assert entry.ratings == expected


def test_each_digit_stores_at_once_and_one_zero_makes_ten() -> None:
    entry = PainEntry(sided=True)
    assert press(entry, "r10") == [Rating(Side.RIGHT, 1), Rating(Side.RIGHT, 10)]
    assert entry.text() == "right 10"


def test_without_sides_a_digit_alone_rates_the_whole_body() -> None:
    entry = PainEntry(sided=False)
    assert press(entry, "4") == [Rating(None, 4)]
    assert press(entry, "l7") == [Rating(None, 7)]
    assert entry.ratings == {None: 7}
    assert entry.text() == "pain 7"
    assert entry.hint == "0-9 (1 0 for 10)"


def test_a_digit_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError):
        PainEntry(sided=True).press_digit(10)


OWED = OwedSide("supine-release", "Supine release", Side.RIGHT, "2024-05-20T08:00:00.000Z")


def test_owed_sides_are_named_plainly() -> None:
    assert owed_line(OWED) == "Right side of Supine release is owed"
    assert offer_question([OWED]) == "Add the owed right side of Supine release?"
    other = OwedSide("lunge", "Lunge", Side.LEFT, OWED.since)
    assert offer_question([OWED, other]) == (
        "Add the owed right side of Supine release and left side of Lunge?"
    )


def test_the_balance_bar_grows_from_the_middle_and_flags() -> None:
    assert str(balance_bar(None)) == ""
    assert str(balance_bar(RoutineBalance(1.0, 1.0, flagged=False))) == "████│████"
    assert str(balance_bar(RoutineBalance(0.5, 1.0, flagged=True))) == "░░██│████ ⚑"
    assert behind_words(RoutineBalance(0.5, 1.0, flagged=True)) == (
        "the left side is behind this week"
    )
    assert behind_words(RoutineBalance(0.5, 1.0, flagged=False)) == ""
