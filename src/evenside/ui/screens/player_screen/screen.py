"""Provides the player screen: draws the session's state and forwards keys to it, nothing more."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Digits, Footer, ProgressBar, Static

from evenside.engine.events import SessionEnded, SessionEvent
from evenside.engine.session import Session
from evenside.engine.timeline import Interval, IntervalKind
from evenside.playback.assembly import PlayedSession
from evenside.playback.runner import SessionRunner
from evenside.routine.model import Side
from evenside.ui.screens.player_screen import interval_text
from evenside.ui.screens.player_screen.keys import PLAYER_KEYS
from evenside.ui.screens.player_screen.quick_text import QuickDigits, QuickLabel, RoutineBar
from evenside.ui.screens.player_screen.stop_dialog import StopDialog
from evenside.ui.widgets.pain_panel import PainPanel
from evenside.ui.widgets.side_badge import SideBadge
from evenside.wording import clock_to_go

if TYPE_CHECKING:
    # Types only: these pull in the sound and history layers, which load after the first frame.
    from evenside.audio.cue_player import CuePlayer
    from evenside.ui.adapters.pain_journal import PainJournal

W = TypeVar("W", bound=Widget)

ADJUST_MS = 10_000
"""What + and - add or take."""

PREPARE_BY_S = 1.0
"""The latest a session starts after its player is mounted, drawn or not."""


class PlayerScreen(Screen[None]):
    """Leads the person through a session: time left, exercise, side, set, cue, what is next."""

    BINDINGS: ClassVar[list[BindingType]] = PLAYER_KEYS

    class SessionOver(Message):
        """The session ended (finished or stopped); the app shows the summary."""

        def __init__(self, session: Session) -> None:
            super().__init__()
            self.session = session

    def __init__(
        self,
        session: Session,
        *,
        played: PlayedSession | None = None,
        prepare: Callable[[], PlayedSession] | None = None,
    ) -> None:
        """`played` is `session` wired: its runner drives it, its cue player takes m and
        v, its recorder stores the pain before, its reasons say why an exercise starts
        on the side it does.

        With `prepare` instead, the screen first draws the routine ready to go, then
        calls `prepare` (which wires the session) and starts it: the first frame does
        not wait for the sound and history layers to load. With neither, the session
        plays unwired, on a runner of its own.
        """
        super().__init__()
        self.session = session
        self.played = played
        self.sound: CuePlayer | None = None
        self.journal: PainJournal | None = None
        self.reasons: dict[str, str] = {}
        self._prepare = prepare
        self.runner: SessionRunner | None = None
        if played is not None:
            self._take(played)
        self._over_posted = False
        self._shown_timed = True
        self._shown: dict[str, str] = {}
        """The text each Static was last given, by id: only a change is drawn."""
        self._bar_steps = -1
        """The bar's filled half-cells last drawn."""
        self._shown_state: tuple[int | None, bool] | None = None
        """The interval (its index) and the pausing last drawn."""
        self._widgets: dict[str, Widget] = {}
        work = [i.index for i in session.timeline.intervals if i.kind is IntervalKind.WORK]
        # The pain panel stays up through prep and the first work interval.
        self._rating_until = work[0] if work else -1

    def compose(self) -> ComposeResult:
        with Vertical(id="player-body"):
            # Grouped so that a second's repaint (digits and time left, below) passes
            # over one container here instead of every widget in it.
            with Vertical(id="player-head"):
                with Horizontal(id="player-top"):
                    yield Static("", id="heading")
                    yield Static("", id="sound-state")
                    yield Static(self.session.timeline.routine.name, id="routine-name")
                with Horizontal(id="exercise-row"):
                    yield Static("", id="exercise")
                    yield Static("", id="set-line")
                yield SideBadge(id="side")
            yield QuickDigits("", id="time-left")
            yield Static("", id="paused-banner")
            yield Static("", id="cue")
            yield Static("", id="next")
            with Horizontal(id="routine-progress"):
                yield RoutineBar(
                    total=max(1, self.session.timeline.total_ms),
                    show_percentage=False,
                    show_eta=False,
                    id="routine-bar",
                )
                yield QuickLabel("", id="routine-left")
            with Container(id="player-extras"):
                yield Static("", id="balance-reason")
                if self.journal is not None:
                    yield self._pain_panel()
        # Compact and without the palette hint, so every key fits in 60 columns.
        yield Footer(compact=True, show_command_palette=False)

    def _pain_panel(self) -> PainPanel:
        sided = any(i.side is not None for i in self.session.timeline.intervals)
        return PainPanel("before", sided=sided, id="pain-before")

    def on_mount(self) -> None:
        if self._prepare is None:
            self._start()
        else:
            # Draw the routine as it will start; the listeners are attached and the
            # session started once that frame is on screen, or after a moment at the latest.
            self.refresh_display()
            self.app.call_later(self._paint_then_start)
            self.set_timer(PREPARE_BY_S, self._prepare_and_start)

    def _paint_then_start(self) -> None:
        # Runs on the app's queue, so after the app's start-up batch (whose frames are
        # never written out): paint the whole screen, and start once it is painted.
        self.refresh()
        self.call_after_refresh(self._prepare_and_start)

    def _prepare_and_start(self) -> None:
        if self._prepare is None or self.session.started:
            return
        played = self._prepare()
        self._prepare = None
        self._take(played)
        if self.journal is not None:
            self._widget("player-extras", Container).mount(self._pain_panel())
            self._shown_state = None
        self._start()

    def _take(self, played: PlayedSession) -> None:
        """Keep what the player acts on from the wired session."""
        self.played = played
        self.sound = played.sound
        self.reasons = dict(played.reasons)
        if played.recorder is not None:
            from evenside.ui.adapters.pain_journal import PainJournal

            self.journal = PainJournal(played.recorder)

    def _start(self) -> None:
        self.session.subscribe(self._on_event)
        runner = self.played.runner if self.played is not None else SessionRunner(self.session)
        runner.on_second = self.refresh_display
        self.runner = runner
        # The runner starts the session and redraws on each whole second and each new interval.
        self.runner.start()
        self._show_sound()
        self.refresh_display()

    def on_unmount(self) -> None:
        if self.runner is not None:
            self.runner.close()

    def _on_event(self, event: SessionEvent) -> None:
        # Called synchronously by the engine, on the event loop; the app shows the summary.
        if isinstance(event, SessionEnded) and not self._over_posted:
            self._over_posted = True
            self.post_message(self.SessionOver(self.session))

    def _put(self, widget_id: str, text: str, *, layout: bool = True) -> None:
        """Give the Static `widget_id` new text, only if it changed.

        Each update of a Static asks for a layout of the whole screen unless told
        otherwise (`layout=False`, for a widget whose size cannot change).
        """
        if self._shown.get(widget_id) == text:
            return
        self._shown[widget_id] = text
        self._widget(widget_id, Static).update(text, layout=layout)

    def _widget(self, widget_id: str, kind: type[W]) -> W:
        # Looked up once: a query a second is a noticeable part of a second's work.
        found = self._widgets.get(widget_id)
        if not isinstance(found, kind):
            found = self._widgets[widget_id] = self.query_one(f"#{widget_id}", kind)
        return found

    def refresh_display(self) -> None:
        """Draw the session's current state (once a second, and after every key).

        Only what changed is redrawn. Within an interval that is the digits, the
        routine's time left and now and then the bar, none of which changes size,
        so a second costs a repaint of those few cells, never a layout.
        """
        session = self.session
        interval = session.current
        if interval is None and not session.started:
            # Not started yet (listeners still being attached): the routine ready to go.
            interval = next(iter(session.timeline.intervals), None)
        state = (interval.index if interval is not None else None, session.paused)
        if state != self._shown_state:
            # Everything but the times depends only on the interval and on pausing.
            self._shown_state = state
            self._show_interval(interval)
        if interval is not None:
            self._show_times(interval)

    def _show_interval(self, interval: Interval | None) -> None:
        session = self.session
        self.set_class(session.paused, "-paused")
        if interval is None:
            return
        if interval.timed != self._shown_timed:
            self._shown_timed = interval.timed
            self.refresh_bindings()
        self.set_class(interval.kind is IntervalKind.REST, "-rest")
        # A transition is a get-ready between exercises: it looks like the prep.
        self.set_class(interval.kind in (IntervalKind.PREP, IntervalKind.TRANSITION), "-prep")
        self.set_class(interval.kind is IntervalKind.SWITCH, "-switch")
        self._put("heading", interval_text.heading(interval))
        self._put("exercise", interval_text.exercise_line(interval))
        self._put("set-line", interval_text.set_line(interval))
        self.query_one(SideBadge).show(
            interval.side if interval.kind is not IntervalKind.REST else None
        )
        banner = "⏸ PAUSED · space to resume" if session.paused else ""
        self._put("paused-banner", banner)
        self._put("cue", interval_text.cue_line(interval))
        self._put("next", interval_text.next_line(self._after(interval)))
        self._show_reason(interval)
        self._show_pain_panel()

    def _after(self, interval: Interval) -> Interval | None:
        if self.session.started:
            return self.session.upcoming()
        following = self.session.timeline.intervals[interval.index + 1 :]
        return following[0] if following else None

    def _show_times(self, interval: Interval) -> None:
        session = self.session
        remaining = session.remaining_ms() if session.started else interval.duration_ms
        if remaining is None:
            # An untimed set: show the reps to do; enter ends it.
            digits = f"{interval.reps}x" if interval.reps is not None else "--"
        else:
            digits = clock_to_go(remaining)
        time_left = self._widget("time-left", Digits)
        if time_left.value != digits:
            # Digits asks for a layout only when the width of its text changes.
            time_left.update(digits)
        total = session.timeline.total_ms
        left = session.routine_remaining_ms()
        bar = self._widget("routine-bar", ProgressBar)
        # The bar draws in half cells: redraw it only when it gains or loses one.
        half_cells = max(1, bar.size.width * 2)
        done = max(0, total - left)
        steps = done * half_cells // max(1, total)
        if steps != self._bar_steps:
            self._bar_steps = steps
            bar.update(progress=done)
        text = f"{clock_to_go(left)} left"
        label = self._widget("routine-left", Static)
        # A fixed width, so that each second is a repaint, not a layout: as wide as
        # the longest text so far (the first is the whole routine's), plus the padding.
        needed = len(text) + label.styles.padding.left
        if label.styles.width is None or needed > label.styles.width.value:
            label.styles.width = needed
        self._put("routine-left", text, layout=False)

    def _show_reason(self, interval: Interval) -> None:
        # Only while this exercise is under way (or being got ready for), not in rests.
        why = ""
        if interval.kind is not IntervalKind.REST and interval.exercise_id is not None:
            why = self.reasons.get(interval.exercise_id, "")
        self._put("balance-reason", why[:1].upper() + why[1:])
        reason = self._widget("balance-reason", Static)
        if reason.display != bool(why):
            reason.display = bool(why)

    @property
    def rating_open(self) -> bool:
        """True while the pain-before panel takes ratings (prep and the first work interval)."""
        current = self.session.current
        return (
            self.journal is not None and current is not None and current.index <= self._rating_until
        )

    def _show_pain_panel(self) -> None:
        for panel in self.query(PainPanel):
            if panel.display != self.rating_open:
                panel.display = self.rating_open
                self.refresh_bindings()

    def _show_sound(self) -> None:
        state = ""
        if self.sound is not None:
            if self.sound.muted:
                state = "sound off (m)"
            elif not self.sound.voice_on:
                state = "voice off (v)"
        self.query_one("#sound-state", Static).update(state)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "Set done" is offered only while an untimed set waits for it.
        if action in ("finish_set", "adjust"):
            # "Done" only while an untimed set waits for it; +/- only when there is a time.
            current = self.session.current
            untimed = current is not None and not current.timed
            return untimed if action == "finish_set" else not untimed
        if action in ("toggle_mute", "toggle_voice"):
            # Shown dimmed when the session has no sound to act on.
            return True if self.sound is not None else None
        if action in ("pain_side", "pain_digit"):
            return self.rating_open
        return True

    def _forward(self, operation: Callable[[], None]) -> None:
        # A key pressed in the instant before the start or after the end has nothing to act on.
        if self.session.finished or not self.session.started:
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

    def action_toggle_mute(self) -> None:
        """Sound off or on (m)."""
        if self.sound is not None:
            muted = self.sound.toggle_mute()
            self.notify("Sound off" if muted else "Sound on", timeout=2)
            self._show_sound()

    def action_toggle_voice(self) -> None:
        """Spoken steps off or on (v); the tones go on."""
        if self.sound is not None:
            voice = self.sound.toggle_voice()
            self.notify("Voice on" if voice else "Voice off: tones only", timeout=2)
            self._show_sound()

    def action_pain_side(self, side: str) -> None:
        """`l` or `r` on the pain panel."""
        self.query_one(PainPanel).press_side(Side(side))

    def action_pain_digit(self, digit: int) -> None:
        """A digit on the pain panel: stores the rating with the session."""
        rating = self.query_one(PainPanel).press_digit(digit)
        saved = rating is None or self.journal is None or self.journal.add("before", rating)
        if not saved:
            self.notify("The rating could not be saved.", severity="warning")
