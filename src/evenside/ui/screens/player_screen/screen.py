"""Provides the player screen: draws the session's state and forwards keys to it, nothing more."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Vertical
from textual.events import ScreenResume
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Digits, Static

from evenside.engine.events import SessionEnded, SessionEvent
from evenside.engine.session import Session
from evenside.engine.timeline import Interval, IntervalKind
from evenside.playback.assembly import PlayedSession
from evenside.playback.runner import SessionRunner
from evenside.routine.model import Side
from evenside.ui.screens.player_screen import interval_text
from evenside.ui.screens.player_screen.keys import KEYS_HELP, PLAYER_KEYS, key_hints
from evenside.ui.screens.player_screen.quick_text import (
    ExerciseLine,
    FittedLabel,
    HeadingLine,
    QuickDigits,
    RoutineProgress,
)
from evenside.ui.screens.player_screen.safety_note import first_session_note
from evenside.ui.screens.player_screen.stop_dialog import StopDialog
from evenside.ui.widgets.key_bar import KeyBar, KeyHint
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


HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-roomy")]
"""Below 60 columns the player is compact (a phone over SSH)."""
VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
"""Below 20 lines: a one-line side badge and no empty lines."""


def size_classes(size: Size) -> str:
    """The breakpoint classes Textual gives the screen at `size` (see `Screen._on_resize`),
    worked out beforehand so that the screen is made with them, not restyled on mount."""
    names = []
    for value, breakpoints in (
        (size.width, HORIZONTAL_BREAKPOINTS),
        (size.height, VERTICAL_BREAKPOINTS),
    ):
        names.append(max(b for b in breakpoints if value >= b[0])[1])
    return " ".join(names)


class PlayerScreen(Screen[None]):
    """Leads the person through a session: time left, exercise, side, set, cue, what is next."""

    BINDINGS: ClassVar[list[BindingType]] = PLAYER_KEYS
    HORIZONTAL_BREAKPOINTS = HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS

    # The player's own styles, here rather than in the app's stylesheet: they are parsed
    # with the player, and the library's first frame does not carry them.
    DEFAULT_CSS = """
    #player-body { height: 1fr; padding: 0 1; align-vertical: middle; }
    #player-head { height: auto; }
    #time-left { width: 1fr; height: 3; text-align: center; text-style: bold; }
    #time-left.-paused { color: $text-disabled; }
    #time-left.-rest { color: $success; }
    #time-left.-prep { color: $accent; }
    #time-left.-transition { color: $accent; }
    #paused-banner { height: 1; text-align: center; }
    #paused-banner.-paused { background: $warning; color: $background; text-style: bold; }
    #cue { height: auto; max-height: 2; }
    #next { width: 1fr; color: $text-muted; }
    #player-extras { height: auto; }
    #balance-reason { height: auto; color: $accent; text-style: italic; }
    #safety-note {
        height: auto;
        max-height: 10;
        padding: 0 1;
        border-left: wide $warning;
        overflow-y: auto;
    }
    PlayerScreen.-short SideBadge { height: 1; }
    PlayerScreen.-short #paused-banner { display: none; }
    PlayerScreen.-short #paused-banner.-paused { display: block; }
    PlayerScreen.-short #safety-note { max-height: 3; }
    """

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
        ask_pain: bool = True,
        safety_note: str | None = None,
    ) -> None:
        """`played` is `session` wired: its runner drives it, its cue player takes m and
        v, its recorder stores the pain before, its reasons say why an exercise starts
        on the side it does.

        With `prepare` instead, the screen first draws the routine ready to go, then
        calls `prepare` (which wires the session) and starts it: the first frame does
        not wait for the sound and history layers to load. With neither, the session
        plays unwired, on a runner of its own. `ask_pain` False leaves out the pain-before
        panel (the owed sides played straight after a session already rated).
        `safety_note` (the routine's description, on its first session) is shown through
        the get-ready countdown; with `prepare`, that may set it before the start.
        """
        super().__init__(classes=size_classes(self.app.size))
        self.session = session
        self.played = played
        self.sound: CuePlayer | None = None
        self.journal: PainJournal | None = None
        self.reasons: dict[str, str] = {}
        self._prepare = prepare
        self.safety_note = safety_note
        self.runner: SessionRunner | None = None
        if played is not None:
            self._take(played)
        self._over_posted = False
        self._resumed = False
        self._shown: dict[str, str] = {}
        """The text each Static was last given, by id: only a change is drawn."""
        self._shown_state: tuple[int | None, bool] | None = None
        """The interval (its index) and the pausing last drawn."""
        self._widgets: dict[str, Widget] = {}
        work = [i.index for i in session.timeline.intervals if i.kind is IntervalKind.WORK]
        # The pain panel stays up through prep and the first work interval.
        self._rating_until = work[0] if work and ask_pain else -1

    def compose(self) -> ComposeResult:
        # Every widget is made in the state the first frame shows (texts, sides and
        # classes), so mounting styles each node once and nothing is restyled after.
        first = self._first_interval()
        kind = interval_text.heading(first) if first is not None else ""
        with Vertical(id="player-body"):
            # Grouped so that a second's repaint (digits and time left, below) passes
            # over one container here instead of every widget in it.
            with Vertical(id="player-head"):
                yield HeadingLine(kind, "", self.session.timeline.routine.name, id="heading")
                yield ExerciseLine(
                    interval_text.exercise_line(first) if first is not None else "",
                    interval_text.set_line(first) if first is not None else "",
                    id="exercise",
                )
                yield SideBadge(self._badge_side(first), id="side")
            yield QuickDigits(
                self._digits(first) if first is not None else "",
                id="time-left",
                classes=self._kind_classes(first),
            )
            yield self._static("paused-banner", "")
            yield self._static("cue", interval_text.cue_line(first) if first is not None else "")
            upcoming = self._after(first) if first is not None else None
            yield FittedLabel(lambda width: interval_text.next_line(upcoming, width), id="next")
            yield RoutineProgress(self.session.timeline.total_ms, id="routine-progress")
            with Container(id="player-extras"):
                if self.safety_note:
                    yield self._safety_note()
                why = self._reason(first) if first is not None else ""
                reason = self._static("balance-reason", why)
                reason.display = bool(why)
                yield reason
                if self._asks_pain:
                    yield self._pain_panel()
        yield KeyBar(self._key_hints(), width=self.app.size.width, id="keys")

    def _static(self, widget_id: str, text: str) -> Static:
        """A Static showing `text`, noted as shown (`_put` draws only a change)."""
        self._shown[widget_id] = text
        return Static(text, id=widget_id, markup=False)

    def _first_interval(self) -> Interval | None:
        if self.session.current is not None:
            return self.session.current
        return next(iter(self.session.timeline.intervals), None)

    @staticmethod
    def _badge_side(interval: Interval | None) -> Side | None:
        if interval is None or interval.kind is IntervalKind.REST:
            return None
        return interval.side

    @staticmethod
    def _kind_classes(interval: Interval | None) -> str:
        """The class of the interval's kind, set on the digits only (their colour)."""
        return f"-{interval.kind.value}" if interval is not None else ""

    @property
    def _asks_pain(self) -> bool:
        return self.journal is not None and self._rating_until >= 0

    def _safety_note(self) -> Static:
        return Static(first_session_note(self.safety_note or ""), id="safety-note", markup=False)

    def _pain_panel(self) -> PainPanel:
        sided = any(i.side is not None for i in self.session.timeline.intervals)
        return PainPanel("before", sided=sided, id="pain-before")

    def _on_screen_resume(self, event: ScreenResume) -> None:
        # Textual restyles a pushed screen when it first shows, though every node was
        # styled as it mounted (in its first frame's state): skip that first, whole-screen
        # pass; later resumes (after the stop question, the key list) restyle as usual.
        if not self._resumed:
            self._resumed = True
            # Textual calls each class's handler in turn: this one does the base's work
            # without the restyle, and stops the base's own.
            event.prevent_default()
            super()._on_screen_resume(ScreenResume(refresh_styles=False))

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
        extras = self._widget("player-extras", Container)
        if self.safety_note:
            extras.mount(self._safety_note(), before=0)
        if self._asks_pain:
            extras.mount(self._pain_panel())
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
            interval = self._first_interval()
        state = (interval.index if interval is not None else None, session.paused)
        if state != self._shown_state:
            # Everything but the times depends only on the interval and on pausing.
            self._shown_state = state
            self._show_interval(interval)
        if interval is not None:
            self._show_times(interval)

    def _show_interval(self, interval: Interval | None) -> None:
        session = self.session
        # Classes on the few widgets they colour, never on the screen: a class on the
        # screen restyles every node in it.
        self._widget("time-left", Digits).set_class(session.paused, "-paused")
        banner = self._widget("paused-banner", Static)
        banner.set_class(session.paused, "-paused")
        self._put("paused-banner", "⏸ PAUSED · space to resume" if session.paused else "")
        if interval is None:
            return
        # One batch: the digits are restyled once, whatever the kind before.
        self._widget("time-left", Digits).update_classes(
            {f"-{kind.value}": interval.kind is kind for kind in IntervalKind}
        )
        self._widget("heading", HeadingLine).show(interval_text.heading(interval))
        self._widget("exercise", ExerciseLine).show(
            interval_text.exercise_line(interval), (self._set_text(interval),)
        )
        self._widget("side", SideBadge).show(self._badge_side(interval))
        self._put("cue", interval_text.cue_line(interval))
        upcoming = self._after(interval)
        self._widget("next", FittedLabel).set_fit(
            lambda width: interval_text.next_line(upcoming, width)
        )
        self._show_reason(interval)
        self._show_pain_panel()
        for note in self.query("#safety-note"):
            # Through the get-ready countdown (or the first interval of a routine without one).
            note.display = interval.index == 0
        self._show_keys()

    def _key_hints(self) -> list[KeyHint]:
        current = self._first_interval() if not self.session.started else self.session.current
        untimed = current is not None and not current.timed
        return key_hints(paused=self.session.paused, untimed=untimed, sound=self.sound is not None)

    def _show_keys(self) -> None:
        self._widget("keys", KeyBar).show_keys(self._key_hints())

    def _after(self, interval: Interval) -> Interval | None:
        if self.session.started:
            return self.session.upcoming()
        following = self.session.timeline.intervals[interval.index + 1 :]
        return following[0] if following else None

    def _digits(self, interval: Interval) -> str:
        session = self.session
        remaining = session.remaining_ms() if session.started else interval.duration_ms
        if remaining is None:
            # An untimed set: show the reps to do; enter ends it.
            return f"{interval.reps}x" if interval.reps is not None else "--"
        return clock_to_go(remaining)

    def _set_text(self, interval: Interval) -> str:
        elapsed = self.session.elapsed_ms() if self.session.started else None
        return interval_text.set_line(interval, elapsed)

    def _show_times(self, interval: Interval) -> None:
        session = self.session
        if interval.kind is IntervalKind.WORK and interval.reps is not None:
            # The rep under way of a tempo set, or the time an untimed set has taken.
            line = self._widget("exercise", ExerciseLine)
            line.show(line.left, (self._set_text(interval),))
        digits = self._digits(interval)
        time_left = self._widget("time-left", Digits)
        if time_left.value != digits:
            # Digits asks for a layout only when the width of its text changes.
            time_left.update(digits)
        left = session.routine_remaining_ms()
        done = max(0, session.timeline.total_ms - left)
        self._widget("routine-progress", RoutineProgress).show(done, f"{clock_to_go(left)} left")

    def _reason(self, interval: Interval) -> str:
        # Only while this exercise is under way (or being got ready for), not in rests.
        why = ""
        if interval.kind is not IntervalKind.REST and interval.exercise_id is not None:
            why = self.reasons.get(interval.exercise_id, "")
        return why[:1].upper() + why[1:]

    def _show_reason(self, interval: Interval) -> None:
        why = self._reason(interval)
        self._put("balance-reason", why)
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

    def _show_sound(self) -> None:
        state = ""
        if self.sound is not None:
            if self.sound.muted:
                state = "sound off (m)"
            elif not self.sound.voice_on:
                state = "voice off (v)"
        self._widget("heading", HeadingLine).show(
            self._widget("heading", HeadingLine).left,
            (state, self.session.timeline.routine.name),
        )
        self._show_keys()

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
        """Pause, ask "Stop this session?", stop on yes and resume on no.

        No cue sounds and no time passes while the question is asked; a session
        the person had paused themselves stays paused after a no.
        """
        paused_here = self.session.started and not self.session.paused
        if paused_here:
            self._forward(self.session.pause)

        def answered(stop: bool | None) -> None:
            if stop:
                self._forward(self.session.stop)
            elif paused_here and self.session.paused:
                self._forward(self.session.resume)

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

    def action_keys_help(self) -> None:
        """`?`: every key of the player, with what it does."""
        from evenside.ui.widgets.keys_help import KeysHelp

        self.app.push_screen(KeysHelp(KEYS_HELP, title="Player keys"))

    def action_pain_side(self, side: str) -> None:
        """`l` or `r` on the pain panel."""
        self.query_one(PainPanel).press_side(Side(side))

    def action_pain_digit(self, digit: int) -> None:
        """A digit on the pain panel: stores the rating with the session."""
        rating = self.query_one(PainPanel).press_digit(digit)
        saved = rating is None or self.journal is None or self.journal.add("before", rating)
        if not saved:
            self.notify("The rating could not be saved.", severity="warning")
