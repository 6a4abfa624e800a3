"""CuePlayer.muted_start on the real engine (fake clock): nothing is built until m; then the
tones on a thread of their own, and the words after them, which come in on the session's
loop and plan the rest of the session around them, as an unmuted start does.

The backend records what it is asked to play (and when, on the fake clock) instead of
playing it; the words are rendered by the real espeak-ng where a test needs them.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from evenside.audio.backends import SilentBackend
from evenside.audio.cue_parts import NO_SPEECH_PROGRAM
from evenside.audio.cue_player import NO_VOICE, CuePlayer
from evenside.audio.voice import Voice
from evenside.engine.clock import NS_PER_MS, FakeClock
from evenside.engine.cue_plan import NO_SPEECH
from evenside.engine.events import CueDue, CueKind
from evenside.engine.session import Session
from evenside.engine.timeline import Timeline, expand
from evenside.routine.model import ExerciseStep, Order, PerSide, Routine, Sides
from evenside.settings import Settings
from tests.support.recorded_sound import (
    GatedBackend,
    RecordingBackend,
    join_sound_threads,
    until,
)
from tests.support.tools import require_tool

HOLD_MS = 10_000
SWITCH_MS = 5_000


def _timeline(*, tempo: bool = False) -> Timeline:
    """Lunge left 10 s (0-10 s), a 5 s switch (10-15 s), Lunge right 10 s (15-25 s); with
    `tempo`, eight reps at 1.25 s instead of each hold."""
    step = ExerciseStep(
        exercise="Lunge",
        id="lunge",
        hold_ms=None if tempo else PerSide.same(HOLD_MS),
        reps=PerSide.same(8) if tempo else None,
        tempo_ms=1_250 if tempo else None,
        sides=Sides.BOTH,
        order=Order.LEFT_FIRST,
        switch_ms=SWITCH_MS,
    )
    return expand(Routine(name="r", prep_ms=0, steps=(step,)))


class Loop:
    """The session's loop as a test runs it: what the building thread posts waits here
    until the test runs it, as `SessionRunner.post` waits for the asyncio loop."""

    def __init__(self) -> None:
        self.calls: list[Callable[[], None]] = []

    def post(self, call: Callable[[], None]) -> None:
        self.calls.append(call)

    def run(self) -> None:
        while self.calls:
            self.calls.pop(0)()


class Muted:
    """A muted start wired to a session as the assembly wires it, on a fake clock."""

    def __init__(
        self,
        timeline: Timeline,
        settings: Settings | None = None,
        *,
        voice: Voice | bool | None = True,
        gated: bool = False,
    ) -> None:
        self.clock = FakeClock()
        self.started = self.clock()
        ms: Callable[[], int] = lambda: self.clock() // NS_PER_MS  # noqa: E731
        self.backend = GatedBackend(ms) if gated else RecordingBackend(ms)
        self.notices: list[str] = []
        self.loop = Loop()
        self.player = CuePlayer.muted_start(
            timeline,
            settings or Settings(),
            self.notices.append,
            post=self.loop.post,
            backends=[self.backend, SilentBackend()],
            voice=voice,
        )
        self.session = Session(timeline, self.clock)
        self.session.speech = self.player.speech
        self.player.on_speech = self.session.set_speech
        self.session.subscribe(self.player)
        self.session.start()

    def at(self, ms: int) -> None:
        """Move the session to `ms` after its start, 50 ms at a time."""
        while (self.clock() - self.started) // NS_PER_MS < ms and not self.session.finished:
            self.clock.advance_ms(50)
            self.session.update()

    def unmute_and_build(self) -> None:
        """m, then wait for the building thread (tones and words) to finish; what it
        posted still waits for `loop.run`."""
        assert self.player.toggle_mute() is False
        join_sound_threads()

    def play_out(self) -> None:
        self.at(10**9)


def _words(name: str) -> bool:
    """A sound with words: a tone joined to them ("switch: Right side..."), "done:
    Routine complete", or a rep's number ("voice: five")."""
    return ":" in name


def assert_no_sound_starts_under_words(backend: RecordingBackend) -> None:
    for at, sound in backend.heard:
        if _words(sound.name):
            ends = at + sound.duration_ms
            under = [s.name for t, s in backend.heard if at < t < ends]
            assert under == [], f"{under} started while {sound.name!r} played ({at}-{ends} ms)"


def _speech_program(tmp_path: Path, body: str) -> Voice:
    """A speech program wrapping `body` (a shell script's lines), named espeak-ng."""
    program = tmp_path / "espeak-wrapper"
    program.write_text(f"#!/bin/sh\necho run >> {tmp_path / 'runs'}\n{body}\n")
    program.chmod(0o755)
    return Voice("espeak-ng", str(program))


def _runs(tmp_path: Path) -> int:
    runs = tmp_path / "runs"
    return len(runs.read_text().splitlines()) if runs.exists() else 0


# The voice comes with the sound.


def test_m_brings_the_tones_then_the_words_and_the_rest_is_planned_around_them() -> None:
    require_tool("espeak-ng")
    switch_interval = sys.getswitchinterval()
    muted = Muted(_timeline())
    muted.at(500)
    muted.unmute_and_build()
    # The building thread offered the GIL more often while it ran, and only then.
    assert sys.getswitchinterval() == switch_interval
    # Until the words are in on the session's loop, the cues are tones.
    muted.at(7_000)
    assert muted.backend.played == ["countdown"]
    assert muted.session.speech == NO_SPEECH
    muted.loop.run()
    switch = muted.session.timeline.intervals[1]
    assert muted.player.bank.opening(switch) is not None
    assert muted.session.speech == muted.player.speech == muted.player.bank.speech
    assert muted.player.voice_name == "espeak-ng"
    muted.play_out()
    played = muted.backend.played
    # The left hold in progress keeps its beeps (its opening is not said again); the
    # switch opens with words and its first beep gives way to them; the end is spoken.
    assert played[:3] == ["countdown"] * 3
    assert played[3].startswith("switch: Right side.")
    switch_beeps = played[4 : played.index("go right")]
    assert switch_beeps in (["countdown"] * 2, ["countdown"])
    assert played[-1] == "done: Routine complete"
    assert_no_sound_starts_under_words(muted.backend)
    assert muted.backend.stops == 0  # no words cut
    assert muted.notices == []
    muted.player.close()


def test_words_arriving_in_a_tempo_set_count_the_reps_still_to_come_and_nothing_under_them() -> (
    None
):
    require_tool("espeak-ng")
    muted = Muted(_timeline(tempo=True))
    muted.at(100)
    muted.unmute_and_build()
    muted.at(3_000)  # reps 2 and 3 (at 1.25 and 2.5 s) tick
    muted.loop.run()
    muted.play_out()
    played = muted.backend.played
    assert played[:2] == ["tick", "tick"]
    # From rep 4 on, where the tempo leaves room, the number is said.
    counted = [name for name in played[2:7] if name.startswith("voice:")]
    assert counted, played
    assert_no_sound_starts_under_words(muted.backend)
    assert muted.backend.stops == 0
    muted.player.close()


def test_after_the_words_come_in_v_turns_them_off_and_on_as_an_unmuted_start_does() -> None:
    require_tool("espeak-ng")
    muted = Muted(_timeline())
    muted.at(500)
    muted.unmute_and_build()
    muted.loop.run()
    spoken = muted.player.bank.speech
    assert spoken.openings
    assert muted.player.toggle_voice() is False
    assert muted.session.speech == NO_SPEECH
    assert muted.player.toggle_voice() is True
    assert muted.session.speech == spoken
    muted.play_out()
    assert any(name.startswith("switch: Right side") for name in muted.backend.played)
    assert_no_sound_starts_under_words(muted.backend)
    assert muted.notices == []  # never NO_VOICE: a voice was rendered
    muted.player.close()


def test_v_pressed_before_the_words_are_in_is_kept_when_they_come() -> None:
    require_tool("espeak-ng")
    muted = Muted(_timeline())
    muted.at(500)
    assert muted.player.toggle_voice() is False  # still muted: nothing built yet
    assert muted.player.toggle_voice() is True
    assert muted.player.toggle_voice() is False
    muted.unmute_and_build()
    muted.loop.run()
    # In, but off as v left it: the plan keeps every beep, and no words are played.
    assert muted.session.speech == NO_SPEECH
    muted.at(12_000)
    assert not any(_words(name) for name in muted.backend.played)
    assert muted.player.toggle_voice() is True
    assert muted.session.speech == muted.player.bank.speech
    muted.play_out()
    assert muted.backend.played[-1] == "done: Routine complete"
    assert muted.notices == []
    muted.player.close()


# Without a voice: the tones, as before.


def test_with_the_voice_off_m_builds_tones_only_from_the_next_cue_and_v_says_why(
    tmp_path: Path,
) -> None:
    voice = _speech_program(tmp_path, "exit 1")
    muted = Muted(_timeline(), Settings(voice=False), voice=voice, gated=True)
    backend = muted.backend
    assert isinstance(backend, GatedBackend)
    muted.at(500)
    assert not muted.player.built and backend.checked == 0
    assert muted.player.speech == NO_SPEECH and muted.player.backend_name == "none"
    # m: the device check starts on a thread and m returns while it is still running.
    assert muted.player.toggle_mute() is False
    until(lambda: backend.checked == 1, "the device check to start")
    assert not muted.player.built
    muted.at(7_000)  # the first countdown (at 7 s) comes while it is building
    backend.gate.set()
    until(lambda: muted.player.built, "the cue player to be built")
    join_sound_threads()
    muted.loop.run()
    muted.play_out()
    # Every cue from the one due after the build, on its own event; tones only.
    assert backend.played == [
        "countdown", "countdown",
        "switch right", "countdown", "countdown", "countdown",
        "go right", "countdown", "countdown", "countdown",
        "done",
    ]  # fmt: skip
    assert muted.player.bank.clips == {} and muted.session.speech == NO_SPEECH
    assert _runs(tmp_path) == 0  # the speech program was never run
    assert muted.notices == []
    assert muted.player.toggle_voice() is False
    assert muted.player.toggle_voice() is False
    assert muted.notices == [NO_VOICE]
    muted.player.close()


def test_without_a_speech_program_m_gives_tones_and_says_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    muted = Muted(_timeline())
    muted.at(500)
    muted.unmute_and_build()
    assert muted.notices == []  # the notice waits for the session's loop
    muted.loop.run()
    assert muted.notices == [NO_SPEECH_PROGRAM]
    muted.play_out()
    assert "switch right" in muted.backend.played
    assert not any(_words(name) for name in muted.backend.played)
    assert muted.session.finished and muted.session.speech == NO_SPEECH
    # As an unmuted start without one: v turns the (never heard) voice off, then says why.
    assert muted.player.toggle_voice() is False
    assert muted.player.toggle_voice() is False
    assert muted.notices == [NO_SPEECH_PROGRAM, NO_VOICE]
    muted.player.close()


def test_a_speech_program_that_renders_nothing_leaves_the_tones_and_says_so_once(
    tmp_path: Path,
) -> None:
    # Exits 0 and writes nothing, as espeak-ng does when it cannot write its file.
    voice = _speech_program(tmp_path, "cat > /dev/null")
    muted = Muted(_timeline(), voice=voice)
    muted.at(500)
    muted.unmute_and_build()
    muted.loop.run()
    assert _runs(tmp_path) > 0
    assert len(muted.notices) == 1
    assert muted.notices[0].startswith("espeak-ng could not speak")
    assert muted.notices[0].endswith("tones only for those")
    muted.play_out()
    assert not any(_words(name) for name in muted.backend.played)
    assert muted.session.speech == NO_SPEECH and muted.player.bank.clips == {}
    assert muted.player.toggle_voice() is False
    assert muted.player.toggle_voice() is False
    assert muted.notices[1:] == [NO_VOICE]
    muted.player.close()


def test_a_voice_cache_that_cannot_be_written_leaves_the_tones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_tool("espeak-ng")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    muted = Muted(_timeline())
    muted.at(500)
    muted.unmute_and_build()
    muted.loop.run()
    assert len(muted.notices) == 1 and "could not speak" in muted.notices[0]
    muted.play_out()
    assert muted.session.finished
    assert "switch right" in muted.backend.played
    muted.player.close()


def test_a_build_that_fails_entirely_says_so_once_and_the_session_plays_on() -> None:
    class Broken(RecordingBackend):
        def usable(self) -> bool:
            raise OSError("no /dev/snd")

    timeline = _timeline()
    notices: list[str] = []
    loop = Loop()
    player = CuePlayer.muted_start(
        timeline, Settings(), notices.append, post=loop.post, backends=[Broken()]
    )
    clock = FakeClock()
    session = Session(timeline, clock)
    player.on_speech = session.set_speech
    session.subscribe(player)
    session.start()
    player.toggle_mute()
    join_sound_threads()
    assert notices == []  # the notice waits for the session's loop
    loop.run()
    assert notices == ["Sound could not start (no /dev/snd): continuing silently"]
    while not session.finished:
        clock.advance_ms(250)
        session.update()
    assert not player.built and session.speech == NO_SPEECH
    player.close()


# Muting again, closing.


def test_muting_again_silences_and_unmuting_again_neither_rebuilds_nor_renders(
    tmp_path: Path,
) -> None:
    require_tool("espeak-ng")
    espeak = shutil.which("espeak-ng")
    voice = _speech_program(tmp_path, f'exec {espeak} "$@"')
    muted = Muted(_timeline(), voice=voice, gated=True)
    backend = muted.backend
    assert isinstance(backend, GatedBackend)
    backend.gate.set()
    muted.at(500)
    muted.unmute_and_build()
    muted.loop.run()
    rendered = _runs(tmp_path)
    assert rendered > 0 and muted.player.bank.clips
    assert muted.player.toggle_mute() is True
    muted.at(12_000)  # the left hold's beeps and the switch's words: all silent
    assert muted.backend.played == []
    assert muted.player.toggle_mute() is False
    join_sound_threads()
    assert muted.loop.calls == []
    muted.play_out()
    assert backend.checked == 1 and _runs(tmp_path) == rendered
    assert muted.backend.played[-1] == "done: Routine complete"
    muted.player.close()


def test_closing_while_the_words_render_returns_at_once_and_renders_no_more(
    tmp_path: Path,
) -> None:
    # A speech program that waits for the test's gate, then writes nothing.
    gate = tmp_path / "gate"
    voice = _speech_program(
        tmp_path, f"while [ ! -e {gate} ]; do sleep 0.02; done\ncat > /dev/null"
    )
    muted = Muted(_timeline(), voice=voice)
    muted.at(500)
    assert muted.player.toggle_mute() is False
    until(lambda: _runs(tmp_path) > 0, "the words to start rendering")
    assert muted.player.built  # the tones are in; the words are rendering
    began = time.monotonic()
    muted.player.close()
    assert time.monotonic() - began < 1.0  # closing does not wait for the words
    assert muted.backend.stops == 1  # the device was released
    gate.touch()
    join_sound_threads()
    # The round under way was the last: nothing more was rendered after the close.
    assert _runs(tmp_path) == 1
    muted.loop.run()
    assert muted.notices == [] and muted.session.speech == NO_SPEECH


def test_closed_during_the_device_check_it_releases_what_it_built_and_renders_nothing(
    tmp_path: Path,
) -> None:
    voice = _speech_program(tmp_path, "cat > /dev/null")
    muted = Muted(_timeline(), voice=voice, gated=True)
    backend = muted.backend
    assert isinstance(backend, GatedBackend)
    assert muted.player.toggle_mute() is False
    until(lambda: backend.checked == 1, "the device check to start")
    muted.player.close()  # does not wait for the build
    backend.gate.set()
    join_sound_threads()
    assert not muted.player.built
    assert backend.stops == 1  # the output it built was closed at once
    assert _runs(tmp_path) == 0
    muted.player(CueDue(CueKind.SWITCH, muted.session.timeline.intervals[1], 0, 0))
    assert backend.played == []


def test_m_pressed_again_while_building_builds_once_and_stays_silent() -> None:
    muted = Muted(_timeline(), Settings(voice=False), gated=True)
    backend = muted.backend
    assert isinstance(backend, GatedBackend)
    assert muted.player.toggle_mute() is False
    assert muted.player.toggle_mute() is True
    assert muted.player.toggle_mute() is False
    assert muted.player.toggle_mute() is True  # muted again before the build is done
    backend.gate.set()
    until(lambda: muted.player.built, "the cue player to be built")
    join_sound_threads()
    muted.loop.run()
    muted.play_out()
    assert backend.checked == 1 and backend.played == []
    muted.player.close()
