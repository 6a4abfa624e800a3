"""Provides six weeks of typical use, played through the real recorder on a fake clock.

The period is the 42 days ending on `TODAY` (2024-05-22, a Wednesday, UTC):
2024-04-11 to 2024-05-22. `PLAN` says what was played each day, so a test can
work the report's numbers out by hand from it:

- Psoas release every day but Sundays at 08:00, rated before and after on both
  sides; every third session skips the second right lunge; on 05-22 (today) it
  is stopped at the first switch (the left lunge only: the right is owed).
- Desk break on Wednesdays at 12:00, not rated.
- Nothing at all in the week of 2024-04-29 (a week without data).
- A morning check-in the day after each Psoas session.
- On 05-14 the right side is 3 points sorer after (a care note).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from evenside.history.checkins import Checkin, save_checkin
from evenside.history.db import open_database
from evenside.history.store import HistoryStore
from evenside.routine.model import Side
from tests.support.history_fixtures import DESK, PSOAS, TODAY, play, skip, stop_at_first_switch

FIRST = date(2024, 4, 11)
"""The first day of the 42-day period ending on TODAY."""
GAP_MONDAY = date(2024, 4, 29)
"""The week with no data at all."""
LEFT_ONLY = date(2024, 5, 22)
SORER = date(2024, 5, 14)


@dataclass(frozen=True)
class PlannedDay:
    """What was played on one day."""

    day: date
    psoas: str | None = None
    """'full', 'skip-right' (second right lunge skipped) or 'left-only', or None."""
    desk: bool = False
    before: dict[str, int] = field(default_factory=dict)
    after: dict[str, int] = field(default_factory=dict)
    morning: dict[str, int] = field(default_factory=dict)
    """The check-in given on the next day."""


def _plan() -> list[PlannedDay]:
    days = []
    n = 0
    day = FIRST
    while day <= TODAY.date():
        in_gap = GAP_MONDAY <= day < GAP_MONDAY + timedelta(days=7)
        if in_gap or day.weekday() == 6:
            days.append(PlannedDay(day))
            day += timedelta(days=1)
            continue
        kind = "skip-right" if n % 3 == 2 else "full"
        if day == LEFT_ONLY:
            kind = "left-only"
        left = 5 - n // 8  # pain easing over the weeks
        right = left - 1 + n % 2
        after_right = right + 3 if day == SORER else max(0, right - 1)
        morning = {"left": max(0, left - 1), "right": right}
        days.append(
            PlannedDay(
                day,
                psoas=kind,
                desk=day.weekday() == 2,
                before={"left": left, "right": right},
                after={"left": max(0, left - 1), "right": after_right},
                morning=morning if day < TODAY.date() else {},
            )
        )
        n += 1
        day += timedelta(days=1)
    return days


PLAN = _plan()


def at(day: date, hour: int) -> datetime:
    """A wall time on `day` (UTC)."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def build_six_weeks(path: Path) -> HistoryStore:
    """Write `PLAN` into a new history database at `path`, through the recorder."""
    store = HistoryStore(open_database(path), now=lambda: TODAY)
    for planned in PLAN:
        if planned.psoas is not None:
            act = {
                "full": None,
                "skip-right": skip("lunge", Side.RIGHT, 2),
                "left-only": stop_at_first_switch,
            }[planned.psoas]
            play(store, PSOAS, at(planned.day, 8), act, pain=(planned.before, planned.after))
        if planned.desk:
            play(store, DESK, at(planned.day, 12))
        if planned.morning:
            next_day = planned.day + timedelta(days=1)
            for side, pain in planned.morning.items():
                save_checkin(store.conn, Checkin(next_day, side, pain, f"{next_day}T07:00:00.000Z"))
    return store
