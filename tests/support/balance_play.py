"""Provides real recorded sessions for the balance UI tests: played through the engine into the
user's history on a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from evenside.routine.model import Routine, Side
from tests.support.history_fixtures import opened_history, play
from tests.support.session_builders import skip_work_on


def an_hour_ago() -> datetime:
    """Inside this week's balance window, whatever the day."""
    return datetime.now(UTC) - timedelta(hours=1)


def record_play(
    routine: Routine,
    *,
    skip_side: Side | None = None,
    pain: tuple[dict[str, int], dict[str, int]] | None = None,
    when: Callable[[], datetime] = an_hour_ago,
) -> str:
    """Play `routine` to the end through the engine into the user's history (fake clock).

    Every work interval on `skip_side` is skipped; `pain` is (before, after) per side.
    Returns the history session id.
    """
    act = None if skip_side is None else skip_work_on(skip_side)
    with opened_history() as store:
        return play(store, routine, when(), act, pain or ({}, {}))


def ratings(session_id: str) -> dict[tuple[str, str | None], int]:
    """What the history holds for a session: (moment, side) -> pain."""
    with opened_history() as store:
        return {(r.moment, r.side): r.pain for r in store.ratings(session_id)}
