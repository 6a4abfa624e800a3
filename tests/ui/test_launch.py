"""Provides Pilot tests of how the launch routine starts: drawn first, then wired, on time."""

from __future__ import annotations

import gc

from textual.widgets import Digits

from evenside.engine.clock import FakeClock
from evenside.engine.events import IntervalStarted, SessionEvent
from evenside.engine.session import Session
from evenside.engine.timeline import IntervalKind
from evenside.playback.assembly import SessionAssembly
from evenside.ui.app import EvensideApp, settle_gc
from evenside.ui.screens.player_screen.quick_text import (
    ExerciseLine,
    FittedLabel,
    QuickDigits,
    RoutineProgress,
)
from evenside.ui.screens.player_screen.screen import PlayerScreen
from tests.support.ui_routines import lunge_routine


async def test_the_launch_routine_is_drawn_then_wired_and_no_event_is_missed() -> None:
    clock = FakeClock()
    seen_at_wiring: list[tuple[bool, str]] = []
    heard: list[SessionEvent] = []

    def hook(session: Session) -> None:
        screen = app.screen
        assert isinstance(screen, PlayerScreen)
        # By the time the hook runs, the player already shows the routine, not started.
        digits = screen.query_one("#time-left", Digits).value
        seen_at_wiring.append((session.started, digits))
        session.subscribe(heard.append)

    assembly = SessionAssembly(sound=False, record=False, extra=[hook])
    app = EvensideApp(lunge_routine(), clock=clock, assembly=assembly)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayerScreen)
        assert seen_at_wiring == [(False, "0:05")]
        assert screen.session.started
        first = heard[0]
        assert isinstance(first, IntervalStarted) and first.interval.kind is IntervalKind.PREP
        assert first.planned_ms == first.actual_ms == 0
        assert screen.query_one(ExerciseLine).left == "Runner's lunge"


async def test_a_session_started_from_the_library_is_wired_before_its_player_opens() -> None:
    started_at_wiring: list[bool] = []

    def hook(session: Session) -> None:
        started_at_wiring.append(session.started)

    assembly = SessionAssembly(sound=False, record=False, extra=[hook])
    app = EvensideApp(clock=FakeClock(), assembly=assembly, entries=[])
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_session(lunge_routine())
        await pilot.pause()
        assert started_at_wiring == [False]
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.session.started


async def test_the_quick_widgets_draw_what_they_hold() -> None:
    app = EvensideApp(lunge_routine(), clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlayerScreen)
        digits = screen.query_one(QuickDigits)
        following = screen.query_one("#next", FittedLabel)
        progress = screen.query_one(RoutineProgress)
        await pilot.pause()
        top, middle, bottom = (digits.render_line(y).text for y in range(3))
        # "0:05" in the 3x3 font, centred in the widget's width.
        assert len(top) == digits.content_size.width
        assert top.strip() and middle.strip() and bottom.strip()
        assert following.render_line(0).text.rstrip() == "Next: Runner's lunge · LEFT · set 1 of 2"
        bar = progress.render_line(0).text
        assert len(bar) == progress.size.width
        # Nothing done yet: the whole bar still to go, the routine's time at the right.
        assert bar.endswith("━  4:00 left") and set(bar[: -len("  4:00 left")]) == {"━"}


def test_settle_gc_turns_a_held_off_collector_back_on_and_leaves_a_running_one_alone() -> None:
    assert gc.isenabled()
    settle_gc()
    assert gc.isenabled()
    gc.disable()
    try:
        settle_gc()
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
