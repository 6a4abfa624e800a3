"""Provides the drawing half of the player screen: what it shows, made in the first frame's
state, and redrawn from the session's state only where that changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Digits, Static

from evenside.engine.session import Session
from evenside.engine.timeline import Interval, IntervalKind
from evenside.playback.assembly import PlayedSession
from evenside.playback.runner import SessionRunner
from evenside.routine.model import Side
from evenside.ui.screens.player_screen import interval_text
from evenside.ui.screens.player_screen.breakpoints import size_classes
from evenside.ui.screens.player_screen.keys import key_hints
from evenside.ui.screens.player_screen.quick_text import (
    ExerciseLine,
    FittedLabel,
    HeadingLine,
    QuickDigits,
    RoutineProgress,
)
from evenside.ui.screens.player_screen.safety_note import first_session_note
from evenside.ui.widgets.key_bar import KeyBar, KeyHint
from evenside.ui.widgets.pain_panel import PainPanel
from evenside.ui.widgets.side_badge import SideBadge
from evenside.wording import clock_to_go

if TYPE_CHECKING:
    # Types only: these pull in the sound and history layers, which load after the first frame.
    from evenside.audio.cue_player import CuePlayer
    from evenside.ui.adapters.pain_journal import PainJournal

W = TypeVar("W", bound=Widget)


class PlayerDisplay(Screen[None]):
    """The player's widgets and how the session's state is drawn on them; `PlayerScreen`
    adds the keys and the session's start and end."""

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

    def _take(self, played: PlayedSession) -> None:
        """Keep what the player acts on from the wired session."""
        self.played = played
        self.sound = played.sound
        self.reasons = dict(played.reasons)
        if played.recorder is not None:
            from evenside.ui.adapters.pain_journal import PainJournal

            self.journal = PainJournal(played.recorder)

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
