"""Provides `CuePlayer`: a session listener that turns engine events into tones and speech.

The engine calls it synchronously for every event, at each cue's deadline;
each call costs one non-blocking `play()` at most, and it never raises.
At an interval boundary the tone and the spoken step are one sound (tone,
a short gap, then the words), played by whichever of `IntervalStarted` and
the boundary `CueDue` arrives first; the other is then silent. Which words
(or none) is the cue plan's choice, from the lengths the bank measured.

With `pan`, each cue is panned to the side it is about (a rest's, the next side's).
Closing waits for the last sound, three seconds at most, so "Routine complete" is
heard whichever front end closes. A session that starts muted builds nothing that
plays (`muted_start`) until m; then a `LateBuild` builds it on a thread of its own: the
tones first, which play from the next cue, then (when a voice is wanted) the words. The
bank with the words is swapped in on the session's loop, in the same call that plans the
rest of the session with them (`on_speech`), so no word is ever played that the plan has
not made room for.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evenside.audio import cue_parts
from evenside.audio.cue_parts import NO_VOICE, Notice, Panner
from evenside.audio.late_build import BuildHooks, LateBuild, Post
from evenside.engine.cue_plan import NO_SPEECH, OPENING_CUE, Speech, rep_counted
from evenside.engine.events import (
    CueDue,
    CueKind,
    IntervalStarted,
    Paused,
    Resumed,
    SessionEnded,
    SessionEvent,
    SessionStatus,
    Skipped,
)
from evenside.engine.timeline import Interval, IntervalKind, Timeline
from evenside.routine.model import Side
from evenside.settings import Settings

if TYPE_CHECKING:
    # Types only: what plays is imported where it is built (not at all while muted).
    from evenside.audio.backends import Backend
    from evenside.audio.cue_bank import CueBank
    from evenside.audio.sound_output import SoundOutput
    from evenside.audio.voice import Voice
    from evenside.audio.wav import Sound

_BOUNDARY_CUES = frozenset(cue for cue in OPENING_CUE.values() if cue is not None)

END_WAIT_S = 3.0
"""Closing waits at most this long for the last sound (the done cue and its words)."""


@dataclass(frozen=True)
class _Announced:
    """Which interval's boundary sound has played, and from which event."""

    index: int
    """The interval's position in the timeline."""
    by_cue: bool
    """True when the boundary CueDue played it, False when IntervalStarted did."""


class CuePlayer:
    """Plays a session's cues: call it with every engine event."""

    def __init__(
        self,
        bank: CueBank | None,
        output: SoundOutput | None,
        *,
        timeline: Timeline | None = None,
        mute: bool = False,
        voice: bool = True,
        voice_name: str | None = None,
        notice: Notice | None = None,
        pan: bool = False,
        late: LateBuild | None = None,
    ) -> None:
        """`bank` and `output` None: nothing is built until the sound is turned on, then
        `late` builds them (and the words, when it brings them) on a thread."""
        self._bank = bank
        self._output = output
        self._late = late
        self._voice_coming = late is not None and late.brings_words
        """True until the words `late` renders are in or have failed (loop only)."""
        self._closed = False
        self._lock = threading.Lock()
        self._timeline = timeline
        self._mute = mute
        self._voice = voice
        self.voice_name = voice_name
        """The speech program in use ("espeak-ng", "say"), or None."""
        self._notice = notice or (lambda message: None)
        self._told: set[str] = set()
        self._announced: _Announced | None = None
        self._finished = False
        self._broken = False
        self._panned = Panner() if pan else None
        self._sounding_until = 0.0
        self._started_ms = 0
        self._paused_ms = 0
        self._speech = bank.speech if bank is not None else NO_SPEECH
        self.on_speech: Callable[[Speech], None] | None = None
        """Called with the speech to plan with whenever the voice goes off or on, so the
        rest of the session is planned again around it (the assembly sets it)."""
        for problem in bank.problems if bank is not None else ():
            self._tell(problem)

    @classmethod
    def for_timeline(
        cls,
        timeline: Timeline,
        settings: Settings,
        notice: Notice | None = None,
        *,
        backends: list[Backend] | None = None,
        voice: Voice | bool | None = True,
    ) -> CuePlayer:
        """Choose a backend, load every cue and render every phrase for `timeline`.

        Takes a few hundred milliseconds the first time a routine is played
        (rendering and leveling its words) and about 15 ms afterwards, when its
        words come leveled from the cache: call it before the session starts, or
        in a worker. `voice=False` skips speech entirely; a `Voice` picks one.
        With the voice or all sound off in `settings`, nothing is rendered.
        Give the session `speech_lengths` before it starts.
        """
        tell = notice or (lambda message: None)
        bank, output, speaker = cue_parts.spoken(timeline, settings, tell, backends, voice)
        return cls(
            bank,
            output,
            timeline=timeline,
            mute=settings.mute,
            voice=settings.voice,
            voice_name=speaker.name if speaker else None,
            notice=tell,
            pan=settings.pan,
        )

    @classmethod
    def muted_start(
        cls,
        timeline: Timeline,
        settings: Settings,
        notice: Notice | None = None,
        *,
        post: Post | None = None,
        backends: list[Backend] | None = None,
        voice: Voice | bool | None = True,
    ) -> CuePlayer:
        """A player for a session that starts muted: nothing is loaded or rendered until
        the sound is first turned on. Then, on a thread, the tones are made ready (they
        play from the next cue), and the words are rendered as `for_timeline` renders
        them (`voice` as there; nothing with the voice off in `settings`) and come in on
        the session's loop, which plans the rest of the session around them. `post` runs
        a call on the session's loop from the thread that builds (default: at once, on
        that thread)."""
        tell = notice or (lambda message: None)
        on_loop: Post = post or (lambda call: call())

        def told_on_loop(message: str) -> None:
            # The device's notices may come from the building thread.
            on_loop(lambda: tell(message))

        late = LateBuild.for_timeline(timeline, settings, told_on_loop, on_loop, backends, voice)
        return cls(
            None,
            None,
            timeline=timeline,
            mute=True,
            voice=settings.voice,
            notice=tell,
            pan=settings.pan,
            late=late,
        )

    @property
    def bank(self) -> CueBank:
        """The cues and spoken clips (built: see `built`)."""
        if self._bank is None:
            raise RuntimeError("the cue bank is built when the sound is first turned on")
        return self._bank

    @property
    def output(self) -> SoundOutput:
        """Where sounds go (built: see `built`)."""
        if self._output is None:
            raise RuntimeError("the sound output is built when the sound is first turned on")
        return self._output

    @property
    def built(self) -> bool:
        """True once the cues and the sound device are ready (a muted start: after m)."""
        return self._output is not None

    @property
    def speech(self) -> Speech:
        """How long the spoken openings and counts play (the session's `speech`): none
        when nothing is spoken, so every beep and tick stays in the plan."""
        if self._bank is None or not self._voice or self._mute:
            return NO_SPEECH
        return self._bank.speech

    # Runtime toggles (the player's m and v keys).

    @property
    def muted(self) -> bool:
        """True when no sound at all is played."""
        return self._mute

    @property
    def voice_on(self) -> bool:
        """True when steps are spoken (if a voice was found)."""
        return self._voice

    @property
    def backend_name(self) -> str:
        """The backend in use now: "simpleaudio", "aplay", "bell", "silent"... ("none"
        before a muted start's sound is first turned on)."""
        return self._output.backend.name if self._output is not None else "none"

    def toggle_mute(self) -> bool:
        """Mute or unmute; returns True when now muted."""
        self._mute = not self._mute
        if self._mute:
            self._stop_all()
        elif self._output is None:
            self._start_building()
        return self._mute

    def _start_building(self) -> None:
        """Build the cues and the device on a thread: the ALSA check and the tones take
        tens of milliseconds, too long for the loop that keeps the session's time."""
        if self._late is None:
            return
        self._late.start(
            BuildHooks(
                take_tones=self._take_tones,
                words_in=self._voice_in,
                no_words=self._no_voice_coming,
                tell=self._tell,
                closed=lambda: self._closed,
            )
        )

    def _take_tones(self, bank: CueBank, output: SoundOutput) -> bool:
        """On the building thread: play from these from the next cue (unless closed)."""
        with self._lock:
            if self._closed:
                output.close()
                return False
            # The bank first: an event on the loop plays once the output is there.
            self._bank = bank
            self._output = output
        return True

    def _no_voice_coming(self, message: str | None = None) -> None:
        """On the loop: the words will not come (`message` says why, if not yet said)."""
        self._voice_coming = False
        if message is not None:
            self._tell(message)

    def _voice_in(self, bank: CueBank, voice_name: str) -> None:
        """On the loop: the bank with the words replaces the tones' bank, and the rest of
        the session is planned with them in the same call, so the cue plan and the words
        played never disagree. The interval in progress does not say its opening again."""
        self._voice_coming = False
        if self._closed:
            return
        for problem in bank.problems:
            self._tell(problem)
        if not bank.clips:
            return  # every phrase failed (said above): tones only, as before
        self._bank = bank
        self.voice_name = voice_name
        self._speech = bank.speech
        if self._voice and self.on_speech is not None:
            self.on_speech(self._speech)

    def toggle_voice(self) -> bool:
        """Turn speech off or on; returns True when now on.

        `on_speech` hears of it: without words the beeps and ticks that gave way to them
        come back, with words again they give way. When nothing was rendered (started
        with the voice off, without a speech program, or every phrase failed) it stays
        off and says why, once. A muted start's words still to come (m not pressed yet,
        or rendering) count as rendered: they come in on, or off, as v last left them.
        """
        rendered = self._bank is not None and bool(self._bank.clips)
        if not self._voice and not rendered and not self._voice_coming:
            self._tell(NO_VOICE)
            return False
        self._voice = not self._voice
        if not self._voice:
            self._stop_all()
        if self.on_speech is not None:
            self.on_speech(self._speech if self._voice else NO_SPEECH)
        return self._voice

    def close(self) -> None:
        """Let the last sound finish (three seconds at most), then silence anything still
        playing and release the device (when the player closes)."""
        with self._lock:
            # A build still running closes what it made itself.
            self._closed = True
            output = self._output
        if output is None:
            return
        remaining = self._sounding_until - time.monotonic()
        if remaining > 0:
            output.wait(min(END_WAIT_S, remaining + 0.25))
        output.close()

    # Events.

    def __call__(self, event: SessionEvent) -> None:
        """Handle one engine event; never raises, so sound can never stop a session."""
        if self._broken or self._output is None:
            # Not built (muted from the start, or the build still running): nothing to play.
            return
        try:
            self._handle(event)
        except Exception as error:  # sound is never worth a crashed session
            self._broken = True
            self._tell(f"Sound stopped after an error ({error}): continuing silently")

    def _handle(self, event: SessionEvent) -> None:
        if isinstance(event, IntervalStarted):
            self._started_ms, self._paused_ms = event.planned_ms, 0
            self._boundary(event.interval, by_cue=False)
        elif isinstance(event, Resumed):
            self._paused_ms += event.paused_ms
        elif isinstance(event, CueDue):
            if event.cue in _BOUNDARY_CUES:
                self._boundary(event.interval, by_cue=True, tone=event.cue)
            elif event.cue is CueKind.DONE:
                self._finish()
            elif event.cue is CueKind.STEP_SOUND:
                sound = (
                    self.bank.step_sounds.get(event.interval.sound)
                    if event.interval.sound
                    else None
                )
                self._play(sound, self._side(event.interval))
            elif event.cue is CueKind.TICK:
                self._rep(event)
            else:
                self._play(self.bank.tone(event.cue), self._side(event.interval))
        elif isinstance(event, SessionEnded):
            if event.status is SessionStatus.COMPLETED:
                self._finish()
            else:
                self._stop_all()
        elif isinstance(event, Paused | Skipped):
            # Words about an interval that is paused or gone are stale: cut them.
            self._stop_all()

    def _boundary(self, interval: Interval, *, by_cue: bool, tone: CueKind | None = None) -> None:
        previous = self._announced
        if previous is not None and previous.index == interval.index and previous.by_cue != by_cue:
            # The other event of this boundary already played tone and words.
            self._announced = None
            return
        tone = tone or OPENING_CUE[interval.kind]
        spoken = self.bank.opening(interval) if self._voice else None
        if spoken is not None:
            self._announced = _Announced(interval.index, by_cue)
            self._play(spoken, self._side(interval))
        elif by_cue:
            self._announced = _Announced(interval.index, by_cue)
            self._play(self.bank.tone(tone, interval.side) if tone else None, interval.side)

    def _rep(self, event: CueDue) -> None:
        """A rep's number spoken where the cue plan gives it room, else its tick."""
        interval = event.interval
        rep = interval.rep_at(event.planned_ms - self._started_ms - self._paused_ms)
        count = self.bank.counts.get(rep) if rep is not None and self._voice else None
        if count is not None and rep is not None and rep_counted(interval, rep, self._speech):
            self._play(count, self._side(interval))
        else:
            self._play(self.bank.tone(CueKind.TICK), self._side(interval))

    def _side(self, interval: Interval) -> Side | None:
        """The side a cue of `interval` is about: its own, or for a rest the next one's."""
        if interval.side is not None or self._timeline is None:
            return interval.side
        if interval.kind is IntervalKind.WORK:
            return None
        following = self._timeline.next_work_after(interval.index)
        return following.side if following is not None else None

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        spoken = self.bank.done if self._voice else None
        self._play(spoken or self.bank.tones.get(CueKind.DONE), None)

    def _play(self, sound: Sound | None, side: Side | None) -> None:
        if sound is None or self._mute:
            return
        if self._panned is not None:
            sound = self._panned(sound, side)
        self.output.play(sound)
        self._sounding_until = max(
            self._sounding_until, time.monotonic() + sound.duration_ms / 1000
        )

    def _stop_all(self) -> None:
        self._sounding_until = 0.0
        if self._output is not None:
            self._output.stop_all()

    def _tell(self, message: str) -> None:
        if message not in self._told:
            self._told.add(message)
            self._notice(message)
