"""Tests the desk-mode screen with Pilot on a fake clock: wait, due, skip, snooze, play, back."""

from __future__ import annotations

from datetime import date, datetime

from textual.pilot import Pilot
from textual.widgets import Digits, Static

from evenside.desk.break_plan import BreakPlanner
from evenside.desk.nudge import Nudger
from evenside.desk.prompt import BreakPlan
from evenside.desk.schedule import ReminderSchedule, ReminderState
from evenside.engine.clock import FakeClock
from evenside.routine.model import Order, Side
from evenside.ui.remind_app import RemindApp
from evenside.ui.screens.player_screen.screen import PlayerScreen
from evenside.ui.screens.remind.screen import RemindScreen
from evenside.ui.screens.summary.screen import SummaryScreen
from tests.support.ui_routines import lunge_routine

EVERY_S = 60


class Calls:
    """What the app asked its callbacks to do."""

    def __init__(self) -> None:
        self.skipped: list[BreakPlan] = []
        self.ended: list[datetime] = []

    def skip(self, plan: BreakPlan) -> None:
        self.skipped.append(plan)

    def break_ended(self, began: datetime) -> bool:
        self.ended.append(began)
        return True


def make_app() -> tuple[RemindApp, FakeClock, Calls]:
    clock = FakeClock()
    schedule = ReminderSchedule(EVERY_S * 1000, goal=4, clock=clock, today=lambda: date(2024, 3, 9))
    calls = Calls()
    # The side chooser says right: the prompt and the player must agree on it.
    planner = BreakPlanner(lunge_routine(), "tiny-psoas", lambda: lambda step: Side.RIGHT)
    app = RemindApp(
        lunge_routine(),
        schedule,
        planner,
        on_skip=calls.skip,
        on_break_ended=calls.break_ended,
        nudger=Nudger(bell=False, desktop=False),
        clock=clock,
        now=lambda: datetime(2024, 3, 9, 10, 0).astimezone(),
    )
    return app, clock, calls


def remind(pilot: Pilot[None]) -> RemindScreen:
    screen = pilot.app.screen
    assert isinstance(screen, RemindScreen)
    return screen


def shown(pilot: Pilot[None], selector: str) -> str:
    return str(remind(pilot).query_one(selector, Static).content)


async def advance(pilot: Pilot[None], clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    remind(pilot).refresh_display()
    await pilot.pause()


async def test_waiting_shows_time_left_and_todays_count() -> None:
    app, clock, _ = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert remind(pilot).query_one("#remind-wait", Digits).value == "1:00"
        assert shown(pilot, "#remind-count") == "Today 0 of 4 breaks"
        assert shown(pilot, "#remind-prompt") == ""
        await advance(pilot, clock, 15)
        assert remind(pilot).query_one("#remind-wait", Digits).value == "0:45"
        # Not due: the answers do nothing (enter takes a break now: its own test below).
        await pilot.press("x", "s")
        assert app.remind_screen.schedule.state is ReminderState.WAITING
        assert isinstance(app.screen, RemindScreen)


async def test_due_break_names_the_side_and_x_skips_it() -> None:
    app, clock, calls = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, clock, EVERY_S)
        assert shown(pilot, "#remind-prompt").startswith(
            "Break: tiny-psoas, right side of Runner's lunge first"
        )
        assert remind(pilot).has_class("-due")
        await pilot.press("x")
        assert [p.first_side for p in calls.skipped] == [Side.RIGHT]
        assert shown(pilot, "#remind-count") == "Today 0 of 4 breaks, 1 skipped"
        assert remind(pilot).query_one("#remind-wait", Digits).value == "1:00"


async def test_snooze_waits_ten_minutes() -> None:
    app, clock, calls = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, clock, EVERY_S)
        await pilot.press("s")
        assert remind(pilot).query_one("#remind-wait", Digits).value == "10:00"
        assert calls.skipped == []


async def test_enter_plays_the_break_then_goes_back_to_waiting() -> None:
    app, clock, calls = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, clock, EVERY_S)
        await pilot.press("enter")
        player = pilot.app.screen
        assert isinstance(player, PlayerScreen)
        first_work = player.session.timeline.work()[0]
        assert (first_work.exercise_id, first_work.side) == ("runners-lunge", Side.RIGHT)
        assert lunge_routine().exercises()[0].order is Order.BALANCE
        clock.advance(5 * 60)  # a long break: the countdown holds meanwhile
        player.session.stop()
        await pilot.pause()
        assert isinstance(pilot.app.screen, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert len(calls.ended) == 1
        assert shown(pilot, "#remind-count") == "Today 1 of 4 breaks"
        # The next break is a whole interval from the end of this one.
        assert remind(pilot).query_one("#remind-wait", Digits).value == "1:00"
        assert app.remind_screen.schedule.state is ReminderState.WAITING


async def test_a_snooze_says_until_when() -> None:
    app, clock, _ = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, clock, EVERY_S)
        await pilot.press("s")
        assert shown(pilot, "#remind-prompt") == "Snoozed until 10:10"
        await advance(pilot, clock, 10 * 60)
        assert shown(pilot, "#remind-prompt").startswith("Break: ")


async def test_enter_while_waiting_takes_the_break_now() -> None:
    app, clock, calls = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, clock, 10)  # fifty seconds before it is due
        await pilot.press("enter")
        player = pilot.app.screen
        assert isinstance(player, PlayerScreen)
        assert player.session.timeline.work()[0].side is Side.RIGHT  # as the plan says
        player.session.stop()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert len(calls.ended) == 1
        assert shown(pilot, "#remind-count") == "Today 1 of 4 breaks"
        assert remind(pilot).query_one("#remind-wait", Digits).value == "1:00"
