"""Provides the player screen: draws the session's state and forwards keys to it, nothing more."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.binding import BindingType
from textual.containers import Container
from textual.events import ScreenResume
from textual.message import Message

from evenside.engine.events import SessionEnded, SessionEvent
from evenside.engine.session import Session
from evenside.playback.runner import SessionRunner
from evenside.routine.model import Side
from evenside.ui.screens.player_screen.breakpoints import (
    HORIZONTAL_BREAKPOINTS,
    VERTICAL_BREAKPOINTS,
)
from evenside.ui.screens.player_screen.display import PlayerDisplay
from evenside.ui.screens.player_screen.keys import KEYS_HELP, PLAYER_KEYS
from evenside.ui.screens.player_screen.stop_dialog import StopDialog
from evenside.ui.widgets.pain_panel import PainPanel

ADJUST_MS = 10_000
"""What + and - add or take."""

PREPARE_BY_S = 1.0
"""The latest a session starts after its player is mounted, drawn or not."""


class PlayerScreen(PlayerDisplay):
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
