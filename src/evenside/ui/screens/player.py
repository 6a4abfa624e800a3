"""Provides the player screen: draws the session's state and forwards keys to it, nothing more."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, Footer, ProgressBar, Static

from evenside.engine.events import SessionEnded, SessionEvent
from evenside.engine.session import Session
from evenside.engine.timeline import IntervalKind
from evenside.player.runner import SessionRunner
from evenside.ui import interval_text
from evenside.ui.clock_text import clock_text
from evenside.ui.screens.stop_dialog import StopDialog
from evenside.ui.widgets.side_badge import SideBadge

ADJUST_MS = 10_000
"""What + and - add or take."""


class PlayerScreen(Screen[None]):
    """Leads the person through a session: time left, exercise, side, set, cue, what is next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_pause", "Pause"),
        Binding("n,right", "skip", "Skip", key_display="n/→"),
        Binding("b,left", "back", "Back", key_display="b/←"),
        Binding("plus,equals_sign", "adjust(1)", "10s", key_display="+"),
        Binding("minus", "adjust(-1)", "10s", key_display="-"),
        Binding("enter", "finish_set", "Set done", key_display="⏎"),
        Binding("q", "ask_stop", "Stop"),
    ]

    class SessionOver(Message):
        """The session ended (finished or stopped); the app shows the summary."""

        def __init__(self, session: Session) -> None:
            super().__init__()
            self.session = session

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.runner: SessionRunner | None = None
        self._over_posted = False
        self._shown_timed = True

    def compose(self) -> ComposeResult:
        with Vertical(id="player-body"):
            with Horizontal(id="player-top"):
                yield Static("", id="heading")
                yield Static(self.session.timeline.routine.name, id="routine-name")
            with Horizontal(id="exercise-row"):
                yield Static("", id="exercise")
                yield Static("", id="set-line")
            yield SideBadge(id="side")
            yield Digits("", id="time-left")
            yield Static("", id="paused-banner")
            yield Static("", id="cue")
            yield Static("", id="next")
            with Horizontal(id="routine-progress"):
                yield ProgressBar(
                    total=max(1, self.session.timeline.total_ms),
                    show_percentage=False,
                    show_eta=False,
                    id="routine-bar",
                )
                yield Static("", id="routine-left")
            # Room for panels that other parts add later (the pain rating during prep).
            yield Container(id="player-extras")
        # Compact and without the palette hint, so every key fits in 60 columns.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.session.subscribe(self._on_event)
        self.runner = SessionRunner(self.session, on_second=self.refresh_display)
        # The runner starts the session and redraws on each whole second and each new interval.
        self.runner.start()
        self.refresh_display()

    def on_unmount(self) -> None:
        if self.runner is not None:
            self.runner.close()

    def _on_event(self, event: SessionEvent) -> None:
        # Called synchronously by the engine, on the event loop; the app shows the summary.
        if isinstance(event, SessionEnded) and not self._over_posted:
            self._over_posted = True
            self.post_message(self.SessionOver(self.session))

    def refresh_display(self) -> None:
        """Draw the session's current state (once a second, and after every key)."""
        session = self.session
        interval = session.current
        self.set_class(session.paused, "-paused")
        if interval is None:
            return
        if interval.timed != self._shown_timed:
            self._shown_timed = interval.timed
            self.refresh_bindings()
        self.set_class(interval.kind is IntervalKind.REST, "-rest")
        self.set_class(interval.kind is IntervalKind.PREP, "-prep")
        self.set_class(interval.kind is IntervalKind.SWITCH, "-switch")
        self.query_one("#heading", Static).update(interval_text.heading(interval))
        self.query_one("#exercise", Static).update(interval_text.exercise_line(interval))
        self.query_one("#set-line", Static).update(interval_text.set_line(interval))
        self.query_one(SideBadge).show(
            interval.side if interval.kind is not IntervalKind.REST else None
        )
        remaining = session.remaining_ms()
        if remaining is None:
            # An untimed set: show the reps to do; enter ends it.
            digits = f"{interval.reps}x" if interval.reps is not None else "--"
        else:
            digits = clock_text(remaining)
        self.query_one("#time-left", Digits).update(digits)
        banner = "⏸ PAUSED · space to resume" if session.paused else ""
        self.query_one("#paused-banner", Static).update(banner)
        self.query_one("#cue", Static).update(interval_text.cue_line(interval))
        self.query_one("#next", Static).update(interval_text.next_line(session.upcoming()))
        total = session.timeline.total_ms
        left = session.routine_remaining_ms()
        self.query_one("#routine-bar", ProgressBar).update(progress=max(0, total - left))
        self.query_one("#routine-left", Static).update(f"{clock_text(left)} left")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "Set done" is offered only while an untimed set waits for it.
        if action == "finish_set":
            current = self.session.current
            return current is not None and not current.timed
        return True

    def _forward(self, operation: Callable[[], None]) -> None:
        # A key pressed in the instant after the end has nothing left to act on.
        if self.session.finished:
            return
        operation()
        if self.runner is not None:
            self.runner.poke()
        self.refresh_display()

    def action_toggle_pause(self) -> None:
        """Pause or resume."""
        self._forward(self.session.toggle_pause)

    def action_skip(self) -> None:
        """Skip to the next interval."""
        self._forward(self.session.skip)

    def action_back(self) -> None:
        """Back to the start of this interval, or the previous one."""
        self._forward(self.session.back)

    def action_adjust(self, tens: int) -> None:
        """Add or take ten seconds."""
        self._forward(lambda: self.session.adjust(tens * ADJUST_MS))

    def action_finish_set(self) -> None:
        """End an untimed set of reps."""
        interval = self.session.current
        if interval is not None and not interval.timed:
            self._forward(self.session.finish_set)

    def action_ask_stop(self) -> None:
        """Ask "Stop this session?" and stop on yes."""

        def answered(stop: bool | None) -> None:
            if stop:
                self._forward(self.session.stop)

        self.app.push_screen(StopDialog(), answered)
