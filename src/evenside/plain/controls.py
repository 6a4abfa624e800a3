"""Provides the plain player's keys: the TUI's keys, acting on the session the same way.

space or p pauses and resumes, n skips, b goes back, + and - add or take 10 s,
Enter finishes an untimed set (or carries on after a pause), m and v turn sound
and voice off and on, and q asks "Stop this session? y/n" with the session
paused until the answer, as the TUI's stop question does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from evenside.engine.session import Session
from evenside.plain.keys import ENTER, SPACE
from evenside.playback.runner import SessionRunner
from evenside.wording import length_to_go

if TYPE_CHECKING:
    from evenside.audio.cue_player import CuePlayer

ADJUST_MS = 10_000
STOP_QUESTION = "Stop this session? y/n (what you did so far is kept)"


def keys_help(single: bool) -> str:
    """The keys, as the first line of a session says them."""
    then = "" if single else " (each followed by Enter)"
    return (
        f"Keys{then}: space or p pause/resume, n next, b back, + or - 10 s, "
        "m sound, v voice, q stop; Enter finishes an untimed set"
    )


class PlainControls:
    """Acts on one key at a time; every change is said in a line through `say`."""

    def __init__(
        self,
        session: Session,
        runner: SessionRunner,
        say: Callable[[str], None],
        stop: Callable[[], None],
        sound: CuePlayer | None = None,
        single: bool = False,
    ) -> None:
        self.session = session
        self.runner = runner
        self.say = say
        """Writes one line (stamped with the session's time)."""
        self.stop = stop
        """Stops the session (the player's own stop, so the exit code is kept)."""
        self.sound = sound
        """The cue player, for m and v (None: no sound layer)."""
        self.single = single
        """True when keys come one at a time (a terminal); False for lines."""
        self.asking_stop = False
        """True while "Stop this session?" waits for its answer."""
        self._paused_for_question = False

    def press(self, key: str) -> None:
        """Act on `key` ("n", "space", "enter", "+"...)."""
        session = self.session
        if session.finished:
            return
        if self.asking_stop:
            self._answer(key)
            return
        actions: dict[str, Callable[[], None]] = {
            SPACE: session.toggle_pause,
            "p": session.toggle_pause,
            "n": session.skip,
            "b": session.back,
            "+": lambda: self._adjust(ADJUST_MS),
            "=": lambda: self._adjust(ADJUST_MS),
            "-": lambda: self._adjust(-ADJUST_MS),
            ENTER: self._enter,
            "q": self._ask_stop,
            "m": self._toggle_mute,
            "v": self._toggle_voice,
        }
        action = actions.get(key)
        if action is None:
            self.say(keys_help(self.single))
            return
        action()
        self.runner.poke()

    def waiting_for_enter(self) -> bool:
        """True while an untimed set waits for Enter."""
        current = self.session.current
        return current is not None and not current.timed and not self.session.paused

    def _enter(self) -> None:
        if self.session.paused:
            self.session.resume()  # after a pause (or a gap): the person is back
        elif self.waiting_for_enter():
            self.session.finish_set()

    def _adjust(self, delta_ms: int) -> None:
        session = self.session
        if session.remaining_ms() is None:
            self.say("this set is untimed: Enter finishes it")
            return
        session.adjust(delta_ms)
        sign = "+" if delta_ms > 0 else "-"
        self.say(f"{sign}10 s: {length_to_go(session.remaining_ms() or 0)} left")

    def _ask_stop(self) -> None:
        # The session waits while the question does, as the TUI's does: no cue sounds.
        self._paused_for_question = not self.session.paused
        if self._paused_for_question:
            self.session.pause()
        self.asking_stop = True
        self.say(STOP_QUESTION)

    def _answer(self, key: str) -> None:
        self.asking_stop = False
        if key in ("y", "yes"):
            self.stop()
            return
        self.say("going on")
        if self._paused_for_question:
            self.session.resume()
            self.runner.poke()

    def cancel_question(self) -> None:
        """No one can answer any more (end of input): go on as if they said no."""
        if self.asking_stop:
            self._answer("n")

    def _toggle_mute(self) -> None:
        if self.sound is None:
            self.say("sound is off for this session")
            return
        self.say("sound off" if self.sound.toggle_mute() else "sound on")

    def _toggle_voice(self) -> None:
        if self.sound is None:
            self.say("sound is off for this session")
            return
        self.say("voice on" if self.sound.toggle_voice() else "voice off: tones only")
