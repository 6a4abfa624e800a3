"""Provides the desk-mode screen: time to the next break, today's count, and the break prompt."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Digits, Footer, Static

from evenside.desk.nudge import Nudger, notify
from evenside.desk.prompt import (
    BreakPlan,
    count_text,
    due_time,
    notification_body,
    prompt_text,
    snoozed_text,
)
from evenside.desk.schedule import ReminderSchedule, ReminderState
from evenside.wording import clock_to_go

REDRAW_S = 1.0
"""The digits change once a second; the due moment itself gets its own timer."""


class RemindScreen(Screen[None]):
    """Waits for the next desk break, then asks: enter to start, s to snooze, x to skip."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start_break", "Start break", key_display="⏎"),
        Binding("enter", "break_now", "Break now", key_display="⏎"),
        Binding("s", "snooze", "Snooze 10 min"),
        Binding("x", "skip", "Skip"),
        Binding("q", "app.quit", "Quit"),
    ]

    class BreakRequested(Message):
        """The person chose to take the break now: the app plays the routine."""

        def __init__(self, plan: BreakPlan) -> None:
            super().__init__()
            self.plan = plan

    class BreakSkipped(Message):
        """The person skipped the due break: the app records it."""

        def __init__(self, plan: BreakPlan) -> None:
            super().__init__()
            self.plan = plan

    def __init__(
        self,
        schedule: ReminderSchedule,
        plan: Callable[[], BreakPlan],
        nudger: Nudger | None = None,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        """`now` is the local wall clock, asked only for the time a snooze ends."""
        super().__init__()
        self.schedule = schedule
        self.plan_for_now = plan
        self.nudger = nudger or Nudger()
        self.now = now
        self.plan: BreakPlan | None = None
        """The break on offer while one is due."""
        self._due_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="remind-body"):
            yield Static("Desk mode · next break in", id="remind-heading")
            yield Digits("", id="remind-wait")
            yield Static("", id="remind-count")
            yield Static("", id="remind-prompt")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(REDRAW_S, self.refresh_display)
        self._arm()
        # `is_mounted` only turns true after on_mount: draw directly the first time.
        self._draw()

    def _arm(self) -> None:
        """Schedule a timer for the exact moment the break falls due."""
        if self._due_timer is not None:
            self._due_timer.stop()
            self._due_timer = None
        if self.schedule.state is ReminderState.WAITING:
            delay = self.schedule.remaining_ms() / 1000
            self._due_timer = self.set_timer(delay, self.refresh_display)

    def refresh_display(self) -> None:
        """Redraw, and nudge once when a break has just fallen due."""
        if self.is_mounted:
            self._draw()

    def _draw(self) -> None:
        state = self.schedule.state
        if state is ReminderState.DUE and self.plan is None:
            self.plan = self.plan_for_now()
            # Textual owns stdout, so the bell goes through the app, not nudge.ring_bell.
            if self.nudger.bell:
                self.app.bell()
            if self.nudger.desktop:
                notify("Time for a break", notification_body(self.plan))
        self.set_class(state is ReminderState.DUE, "-due")
        self.query_one("#remind-heading", Static).update(
            "Time for a break" if state is ReminderState.DUE else "Desk mode · next break in"
        )
        self.query_one("#remind-wait", Digits).update(clock_to_go(self.schedule.remaining_ms()))
        self.query_one("#remind-count", Static).update(
            count_text(self.schedule.today()).capitalize()
        )
        if self.plan is not None:
            prompt = prompt_text(self.plan, self.schedule.snooze_ms // 60_000)
        elif self.schedule.snoozed:
            prompt = snoozed_text(due_time(self.now(), self.schedule.remaining_ms()))
        else:
            prompt = ""
        self.query_one("#remind-prompt", Static).update(prompt)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Enter, s and x answer a due break; while waiting, enter takes one now.
        if action in ("start_break", "snooze", "skip"):
            return self.schedule.state is ReminderState.DUE
        if action == "break_now":
            return self.schedule.state is ReminderState.WAITING
        return True

    def action_break_now(self) -> None:
        """Take the next break now, before it is due (no nudge: the person asked)."""
        if self.schedule.state is not ReminderState.WAITING:
            return
        self.schedule.take_now()
        self.plan = self.plan_for_now()
        self.action_start_break()

    def action_start_break(self) -> None:
        """Start the break routine (the app opens the player)."""
        if self.plan is None or not self.schedule.is_due:
            return
        self.schedule.begin_break()
        self.post_message(self.BreakRequested(self.plan))

    def action_snooze(self) -> None:
        """Put the break off 10 minutes."""
        if not self.schedule.is_due:
            return
        self.schedule.snooze()
        self._back_to_waiting()

    def action_skip(self) -> None:
        """Skip this break (recorded as skipped)."""
        if self.plan is None or not self.schedule.is_due:
            return
        plan = self.plan
        self.schedule.skip()
        self.post_message(self.BreakSkipped(plan))
        self._back_to_waiting()

    def break_ended(self, taken: bool) -> None:
        """The routine is over (the app calls this): count it, and wait a full interval again."""
        if self.schedule.state is ReminderState.IN_BREAK:
            self.schedule.end_break(taken=taken)
        self._back_to_waiting()

    def _back_to_waiting(self) -> None:
        self.plan = None
        self._arm()
        self.refresh_display()
