"""LateBuild on its own: the order of its two steps, what it posts to the loop, and faults.

The steps are real (the tones of a real timeline on a recording backend); the words step
is given here where a test needs it to do something a speech program cannot be made to
do on demand (raise). The player's side is in test_cue_player_muted_start.py.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from evenside.audio import cue_parts
from evenside.audio.backends import SilentBackend
from evenside.audio.late_build import BUILD_SWITCH_INTERVAL_S, BuildHooks, LateBuild
from evenside.engine.timeline import Timeline, expand, left_on_tie
from evenside.settings import Settings
from tests.support.recorded_sound import RecordingBackend, join_sound_threads
from tests.support.session_builders import hold, routine

if TYPE_CHECKING:
    from evenside.audio.cue_bank import CueBank
    from evenside.audio.sound_output import SoundOutput


class Heard:
    """What the build handed over, in order, and the calls it posted to the loop."""

    def __init__(self, *, closed: bool = False) -> None:
        self.steps: list[str] = []
        self.posted: list[Callable[[], None]] = []
        self.outputs: list[SoundOutput] = []
        self.is_closed = closed

    def hooks(self) -> BuildHooks:
        return BuildHooks(
            take_tones=self.take_tones,
            words_in=lambda bank, name: self.steps.append(f"words by {name}"),
            no_words=lambda message: self.steps.append(f"no words: {message}"),
            tell=lambda message: self.steps.append(f"told: {message}"),
            closed=lambda: self.is_closed,
        )

    def take_tones(self, bank: CueBank, output: SoundOutput) -> bool:
        self.steps.append("tones")
        self.outputs.append(output)
        if self.is_closed:
            output.close()
        return not self.is_closed

    def run_loop(self) -> None:
        while self.posted:
            self.posted.pop(0)()


def _timeline() -> Timeline:
    return expand(routine(hold("Lunge", 10)), left_on_tie)


def _tones(timeline: Timeline) -> Callable[[], tuple[CueBank, SoundOutput]]:
    backends = [RecordingBackend(), SilentBackend()]
    return lambda: cue_parts.tones_only(timeline, Settings(mute=True), print, backends)


def test_the_tones_come_on_the_building_thread_and_the_words_on_the_loop() -> None:
    timeline = _timeline()
    interval_while_building: list[float] = []

    def words(
        bank: CueBank, output: SoundOutput, cancelled: Callable[[], bool]
    ) -> tuple[CueBank, str]:
        interval_while_building.append(sys.getswitchinterval())
        return bank, "espeak-ng"

    heard = Heard()
    before = sys.getswitchinterval()
    build = LateBuild(_tones(timeline), words, heard.posted.append)
    assert build.brings_words
    build.start(heard.hooks())
    build.start(heard.hooks())  # m again: nothing more is built
    join_sound_threads()
    assert heard.steps == ["tones"]  # the words wait for the loop
    heard.run_loop()
    assert heard.steps == ["tones", "words by espeak-ng"]
    # The GIL was offered more often while building, and only then.
    assert interval_while_building == [BUILD_SWITCH_INTERVAL_S]
    assert sys.getswitchinterval() == before
    heard.outputs[0].close()


def test_a_words_step_that_raises_says_so_on_the_loop_and_leaves_the_tones() -> None:
    def words(
        bank: CueBank, output: SoundOutput, cancelled: Callable[[], bool]
    ) -> tuple[CueBank, str]:
        raise MemoryError("out of memory")

    heard = Heard()
    LateBuild(_tones(_timeline()), words, heard.posted.append).start(heard.hooks())
    join_sound_threads()
    heard.run_loop()
    assert heard.steps == [
        "tones",
        "no words: The voice could not be rendered (out of memory): tones only",
    ]
    heard.outputs[0].close()


def test_closed_before_the_tones_came_nothing_more_is_built() -> None:
    rendered: list[str] = []

    def words(
        bank: CueBank, output: SoundOutput, cancelled: Callable[[], bool]
    ) -> tuple[CueBank, str]:
        rendered.append("words")
        return bank, "espeak-ng"

    heard = Heard(closed=True)
    LateBuild(_tones(_timeline()), words, heard.posted.append).start(heard.hooks())
    join_sound_threads()
    heard.run_loop()
    assert heard.steps == ["tones"] and rendered == []


def test_without_a_voice_wanted_no_words_step_runs() -> None:
    heard = Heard()
    build = LateBuild.for_timeline(
        _timeline(), Settings(mute=True, voice=False), print, heard.posted.append
    )
    assert not build.brings_words
    build.start(heard.hooks())
    join_sound_threads()
    heard.run_loop()
    assert heard.steps == ["tones"]
    heard.outputs[0].close()
