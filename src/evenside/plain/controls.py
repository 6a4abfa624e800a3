"""Provides the plain player's keys: the TUI's keys, acting on the session the same way.

space or p pauses and resumes, n skips, b goes back, + and - add or take 10 s,
Enter finishes an untimed set (or carries on after a pause), m and v turn sound
and voice off and on, l or r then a number rates the pain before on that side
(during the get-ready countdown and the first interval, as in the TUI), and q
asks "Stop this session? y/n" with the session paused until the answer, as the
TUI's stop question does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from evenside.engine.session import Session
from evenside.plain.keys import ENTER, SPACE
from evenside.playback.runner import SessionRunner
from evenside.routine.model import Side
from evenside.wording import length_to_go

if TYPE_CHECKING:
    from evenside.audio.cue_player import CuePlayer

ADJUST_MS = 10_000
RatePain = Callable[[Side, int], bool]
"""Stores the pain before on a side (0-10); False when it could not be kept."""
PAIN_SIDES = {"l": Side.LEFT, "r": Side.RIGHT}
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
        rate: RatePain | None = None,
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
        self.rate = rate
        """Stores a pain rating (None: not recorded, so not asked)."""
        self.asking_stop = False
        """True while "Stop this session?" waits for its answer."""
        self.rating_side: Side | None = None
        """The side whose pain the next number rates (after l or r)."""
        self._paused_for_question = False
        self._one = False

    def press(self, key: str) -> None:
        """Act on `key` ("n", "space", "enter", "+"...)."""
        session = self.session
        if session.finished:
            return
        if self.asking_stop:
            self._answer(key)
            return
        if self.rating_side is not None and self._pain_number(key):
            return
        if len(key) > 1 and key[0] in PAIN_SIDES and key[1:].isdigit():
            self._pain_side(key[0])  # a typed line: "l5"
            if self.rating_side is not None:
                self._pain_number(key[1:])
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
            "l": lambda: self._pain_side("l"),
            "r": lambda: self._pain_side("r"),
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

    def _pain_side(self, key: str) -> None:
        session = self.session
        work = session.timeline.work()
        sided = any(interval.side is not None for interval in work)
        current = session.current
        if self.rate is None or not sided:
            self.say("pain is asked at the end of this session")
            return
        if current is None or current.index > work[0].index:
            self.say("pain before is rated in the get-ready countdown and the first interval")
            return
        self.rating_side = PAIN_SIDES[key]
        self._one = False
        self.say(f"pain before, {self.rating_side} side: a number from 0 to 10")

    def _pain_number(self, key: str) -> bool:
        """A number after l or r: True when `key` was taken as (part of) the rating.

        Single keys at a terminal: "1" waits for a "0" (10); any other key after it
        stores 1 and then acts as itself.
        """
        side = self.rating_side
        assert side is not None and self.rate is not None
        if self._one:
            self._one = False
            if key == "0":
                self._store(side, 10)
                return True
            self._store(side, 1)
            return key.isdigit() or key == ENTER  # Enter after "1" confirms it
        if not key.isdigit() or int(key) > 10:
            self.rating_side = None
            self.say("no rating: a number from 0 to 10 after l or r")
            return key.isdigit()
        if self.single and key == "1":
            self._one = True
            return True
        self._store(side, int(key))
        return True

    def _store(self, side: Side, pain: int) -> None:
        self.rating_side = None
        assert self.rate is not None
        kept = self.rate(side, pain)
        self.say(f"pain before, {side} side: {pain}" if kept else "the rating could not be kept")

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
