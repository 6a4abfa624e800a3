"""Tests the plain morning check-in: offered the first start on a day after a session, stored
per side, skippable, never asked twice a day, never in the way of a script or a bad history."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta

from evenside.history.checkins import checkins_between
from evenside.locations import history_path
from evenside.plain.checkin import offer_checkin
from tests.support.history_fixtures import PSOAS, TODAY, on, opened_history, play

DAY = TODAY.date()  # the fixed history's "today": its last session was played on it


def reader(*lines: str) -> Callable[[], str | None]:
    given = list(lines)
    return lambda: given.pop(0) if given else None


def history_with_a_session_on(day: int) -> None:
    with opened_history() as store:
        play(store, PSOAS, on(day))


def stored(day: date) -> list[tuple[str, int]]:
    with opened_history() as store:
        return [(c.side, c.pain) for c in checkins_between(store.conn, day, day)]


def test_offered_the_morning_after_a_session_and_stored_per_side() -> None:
    history_with_a_session_on(21)
    out = io.StringIO()
    offer_checkin(out, reader("3", "1"), interactive=True, today=DAY)
    assert out.getvalue() == (
        "How are your left and right this morning? 0-10 (Enter skips)\n  left:   right: "
    )
    assert stored(DAY) == [("left", 3), ("right", 1)]
    history_with_a_session_on(22)
    again = io.StringIO()
    offer_checkin(again, reader("5", "5"), interactive=True, today=DAY + timedelta(days=1))
    assert stored(DAY + timedelta(days=1)) == [("left", 5), ("right", 5)]


def test_skipped_is_nothing_stored_and_not_asked_again_that_day() -> None:
    history_with_a_session_on(21)
    out = io.StringIO()
    offer_checkin(out, reader("", ""), interactive=True, today=DAY)
    assert "left" in out.getvalue() and stored(DAY) == []
    later = io.StringIO()
    offer_checkin(later, reader("4", "4"), interactive=True, today=DAY)
    assert later.getvalue() == "" and stored(DAY) == []


def test_one_side_and_a_wrong_answer() -> None:
    history_with_a_session_on(21)
    out = io.StringIO()
    offer_checkin(out, reader("twelve", "6"), interactive=True, today=DAY)  # end of input: done
    assert "a number from 0 to 10" in out.getvalue()
    assert stored(DAY) == [("left", 6)]


def test_not_offered_without_an_earlier_session_to_a_script_or_after_checking_in() -> None:
    out = io.StringIO()
    offer_checkin(out, reader("1", "1"), interactive=True, today=DAY)  # no history at all
    assert not history_path().exists() and out.getvalue() == ""
    history_with_a_session_on(22)  # only today's session
    offer_checkin(out, reader("1", "1"), interactive=True, today=DAY)
    assert out.getvalue() == ""
    history_with_a_session_on(20)  # two days before: not the morning after
    offer_checkin(out, reader("1", "1"), interactive=True, today=DAY)
    assert out.getvalue() == ""
    history_with_a_session_on(21)
    offer_checkin(out, reader("1", "1"), interactive=False, today=DAY)
    assert out.getvalue() == "" and stored(DAY) == []


def test_a_history_that_cannot_be_opened_is_no_offer() -> None:
    history_path().parent.mkdir(parents=True, exist_ok=True)
    history_path().write_text("someone else's file")
    out = io.StringIO()
    offer_checkin(out, reader("1", "1"), interactive=True, today=DAY)
    assert out.getvalue() == "" and history_path().read_text() == "someone else's file"
