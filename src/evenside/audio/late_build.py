"""Provides `LateBuild`: what a session started muted builds when m first turns the sound on.

It builds on a thread of its own, so the session's loop never waits: first the tones
(the device check, every cue), which the player takes at once and plays from the next
cue; then, when a voice is wanted, the words, rendered into a bank of their own while
the tones play. The player hears of each step through `BuildHooks`: the tones on the
building thread, the words and every notice on the session's loop (`post`), where the
player swaps the bank in and plans the rest of the session with the words in one call.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evenside.audio import cue_parts
from evenside.audio.cue_parts import Notice
from evenside.engine.timeline import Timeline
from evenside.settings import Settings

if TYPE_CHECKING:
    # Types only: what plays is imported where it is built, when m is first pressed.
    from evenside.audio.backends import Backend
    from evenside.audio.cue_bank import CueBank
    from evenside.audio.sound_output import SoundOutput
    from evenside.audio.voice import Voice

Post = Callable[[Callable[[], None]], None]
"""Runs a call on the session's own loop, from any thread (`SessionRunner.post`)."""

MakeTones = Callable[[], "tuple[CueBank, SoundOutput]"]
"""The first step: the cue bank (tones only) and the sound output."""

AddVoice = Callable[["CueBank", "SoundOutput", Callable[[], bool]], "tuple[CueBank, str] | None"]
"""The second step: the tones' bank with the words added and the speech program's name
(None: nobody to speak, already said); it stops rendering once its third argument,
`cancelled`, says True."""

BUILD_SWITCH_INTERVAL_S = 0.0005
"""How often the building thread offers the GIL while it runs (Python's default is every
5 ms), so the session's loop is not kept waiting at a cue."""


@dataclass(frozen=True)
class BuildHooks:
    """How a `LateBuild` hands what it made to the player."""

    take_tones: Callable[[CueBank, SoundOutput], bool]
    """On the building thread: the player takes the tones and the output; False when it
    has closed (it released them, and nothing more is built)."""
    words_in: Callable[[CueBank, str], None]
    """On the loop: the bank with the words, and the speech program's name."""
    no_words: Callable[[str | None], None]
    """On the loop: no words will come (with why, when it is still to be said)."""
    tell: Callable[[str], None]
    """On the loop: a notice (a step sound that could not be loaded)."""
    closed: Callable[[], bool]
    """Whether the player has closed: rendering stops after the round under way."""


class LateBuild:
    """The tones and then the words of a muted start, built on a thread at the first m."""

    def __init__(self, tones: MakeTones, words: AddVoice | None, post: Post) -> None:
        self._tones = tones
        self._words = words
        self._post = post
        self._thread: threading.Thread | None = None

    @classmethod
    def for_timeline(
        cls,
        timeline: Timeline,
        settings: Settings,
        tell: Notice,
        post: Post,
        backends: list[Backend] | None = None,
        voice: Voice | bool | None = True,
    ) -> LateBuild:
        """The tones of `timeline` and, unless the voice is off in `settings`, its words
        as `CuePlayer.for_timeline` renders them (`voice` as there). `tell` takes notices
        from the building thread (the device's, a missing speech program)."""

        def add_voice(
            bank: CueBank, output: SoundOutput, cancelled: Callable[[], bool]
        ) -> tuple[CueBank, str] | None:
            speaker = cue_parts.choose_speaker(voice, tell)
            if speaker is None:
                return None
            spoken = cue_parts.with_voice(bank, timeline, settings, output, speaker, cancelled)
            return spoken, speaker.name

        return cls(
            lambda: cue_parts.tones_only(timeline, settings, tell, backends),
            add_voice if settings.voice else None,
            post,
        )

    @property
    def brings_words(self) -> bool:
        """True when the build renders words (the voice is wanted)."""
        return self._words is not None

    def start(self, hooks: BuildHooks) -> None:
        """Start building, once: later calls do nothing (m pressed again builds nothing)."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(
            target=self._run, args=(hooks,), name="evenside-sound", daemon=True
        )
        self._thread.start()

    def _run(self, hooks: BuildHooks) -> None:
        before = sys.getswitchinterval()
        # The sound modules load and the words are made ready sample by sample, in
        # Python: holding the GIL, this thread keeps the session's loop waiting for it up
        # to the switch interval (5 ms by default) at each cue. Handing it over ten times
        # as often, the loop's usual wait drops from about 6 ms to 2 (bench_unmute.py).
        sys.setswitchinterval(min(before, BUILD_SWITCH_INTERVAL_S))
        try:
            self._steps(hooks)
        finally:
            sys.setswitchinterval(before)

    def _steps(self, hooks: BuildHooks) -> None:
        try:
            bank, output = self._tones()
        except Exception as error:  # sound is never worth a crashed session
            message = f"Sound could not start ({error}): continuing silently"
            self._post(functools.partial(hooks.no_words, message))
            return
        if not hooks.take_tones(bank, output):
            return
        for problem in bank.problems:
            self._post(functools.partial(hooks.tell, problem))
        if self._words is None:
            return
        try:
            spoken = self._words(bank, output, hooks.closed)
        except Exception as error:  # the tones go on without words
            message = f"The voice could not be rendered ({error}): tones only"
            self._post(functools.partial(hooks.no_words, message))
            return
        if spoken is None:
            self._post(functools.partial(hooks.no_words, None))
        else:
            self._post(functools.partial(hooks.words_in, *spoken))
