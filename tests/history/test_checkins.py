"""Tests the morning check-in store on a real SQLite file (migration 7)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from evenside.history.checkins import (
    Checkin,
    CheckinError,
    checked_in_on,
    checkins_between,
    save_checkin,
)
from evenside.history.db import open_database
from evenside.history.migrations import LATEST_VERSION, current_version

MON = date(2024, 5, 20)


def test_a_checkin_is_stored_per_day_and_side_and_a_later_answer_replaces_it(
    tmp_path: Path,
) -> None:
    conn = open_database(tmp_path / "h.sqlite3")
    assert current_version(conn) == LATEST_VERSION >= 7
    save_checkin(conn, Checkin(MON, "left", 4, "2024-05-20T07:00:00.000Z"))
    save_checkin(conn, Checkin(MON, "right", 2, "2024-05-20T07:00:01.000Z"))
    save_checkin(conn, Checkin(MON, "left", 3, "2024-05-20T07:05:00.000Z"))
    save_checkin(conn, Checkin(date(2024, 5, 22), "right", 6, "2024-05-22T07:00:00.000Z"))
    assert checkins_between(conn, MON, MON) == [
        Checkin(MON, "left", 3, "2024-05-20T07:05:00.000Z"),
        Checkin(MON, "right", 2, "2024-05-20T07:00:01.000Z"),
    ]
    assert len(checkins_between(conn, MON, date(2024, 5, 22))) == 3
    assert checked_in_on(conn, MON)
    assert not checked_in_on(conn, date(2024, 5, 21))


@pytest.mark.parametrize(
    ("side", "pain"), [("both", 3), ("left", 11), ("right", -1), ("left", True)]
)
def test_a_checkin_outside_the_scale_or_sides_is_refused_and_nothing_is_written(
    tmp_path: Path, side: str, pain: int
) -> None:
    conn = open_database(tmp_path / "h.sqlite3")
    with pytest.raises(CheckinError):
        save_checkin(conn, Checkin(MON, side, pain, "2024-05-20T07:00:00.000Z"))
    assert checkins_between(conn, MON, MON) == []
