"""Provides helpers for the balance UI tests: real recorded sessions, the app wired as play does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from textual.pilot import Pilot

from evenside.engine.clock import FakeClock
from evenside.engine.session import Session
from evenside.engine.timeline import IntervalKind, expand
from evenside.history.db import open_database
from evenside.history.recorder import HistoryRecorder
from evenside.history.store import HistoryStore
from evenside.locations import history_path
from evenside.playback.assembly import SessionAssembly
from evenside.playback.options import PlayOptions
from evenside.routine.model import Routine, Side
from evenside.ui.app import EvensideApp
from evenside.ui.screens.player.screen import PlayerScreen


def an_hour_ago() -> datetime:
    """Inside this week's balance window, whatever the day."""
    return datetime.now(UTC) - timedelta(hours=1)


def record_play(
    routine: Routine,
    *,
    skip_side: Side | None = None,
    pain: tuple[dict[str | None, int], dict[str | None, int]] | None = None,
    when: Callable[[], datetime] = an_hour_ago,
) -> str:
    """Play `routine` to the end through the engine into the user's history (fake clock).

    Every work interval on `skip_side` is skipped; `pain` is (before, after) per side.
    Returns the history session id.
    """
    store = HistoryStore(open_database(history_path()))
    try:
        clock = FakeClock()
        session = Session(expand(routine), clock)
        recorder = HistoryRecorder.for_routine(store, routine, now=when)
        session.subscribe(recorder)
        session.start()
        while not session.finished:
            current = session.current
            assert current is not None
            if current.kind is IntervalKind.WORK and current.side is skip_side is not None:
                session.skip()
                continue
            remaining = session.remaining_ms()
            if remaining is None:
                session.finish_set()
            else:
                clock.advance_ms(remaining)
                session.update()
        assert recorder.session_id is not None
        for moment, sides in zip(("before", "after"), pain or ({}, {}), strict=True):
            for side, value in sides.items():
                store.add_rating(recorder.session_id, moment, side, value)
        return recorder.session_id
    finally:
        store.conn.close()


def wired_app(
    routine: Routine | None = None, *, options: PlayOptions | None = None
) -> tuple[EvensideApp, FakeClock, list[Callable[[], None]]]:
    """The app with the real session wiring (sound, history), muted, on a fake clock."""
    clock = FakeClock()
    assembly = SessionAssembly(options or PlayOptions(mute=True, no_voice=True), clock=clock)
    app = EvensideApp(routine, assembly=assembly)
    return app, clock, [app.close_session]


def player(pilot: Pilot[None]) -> PlayerScreen:
    """The player on top, or fail."""
    screen = pilot.app.screen
    assert isinstance(screen, PlayerScreen), screen
    return screen


async def advance(pilot: Pilot[None], clock: FakeClock, seconds: float) -> None:
    """Move the fake clock, let the runner catch up and the player redraw."""
    clock.advance(seconds)
    screen = player(pilot)
    assert screen.runner is not None
    screen.runner.poke()
    screen.refresh_display()
    await pilot.pause()


def ratings(session_id: str) -> dict[tuple[str, str | None], int]:
    """What the history holds for a session: (moment, side) -> pain."""
    store = HistoryStore(open_database(history_path()))
    try:
        return {(r.moment, r.side): r.pain for r in store.ratings(session_id)}
    finally:
        store.conn.close()
