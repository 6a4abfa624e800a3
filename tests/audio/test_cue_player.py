"""CuePlayer on the real engine (fake clock): which sound plays for which event, and toggles.

The backend here records what it is asked to play instead of playing it; the
capture tests cover the same path into a real ALSA device.
"""

from __future__ import annotations

from pathlib import Path

from evenside.audio import synth
from evenside.audio.backends import SilentBackend
from evenside.audio.cue_bank import CueBank
from evenside.audio.cue_player import NO_VOICE, CuePlayer
from evenside.audio.sound_output import SoundOutput
from evenside.audio.voice import Voice
from evenside.audio.wav import Sound, silence, write_wav
from evenside.engine.clock import FakeClock
from evenside.engine.cue_plan import NO_SPEECH
from evenside.engine.events import (
    CueDue,
    CueKind,
    IntervalStarted,
    SessionEnded,
    SessionStatus,
)
from evenside.engine.session import Session
from evenside.engine.timeline import Timeline, expand
from evenside.routine.model import ExerciseStep, Order, PerSide, Routine, Sides
from evenside.settings import Settings
from tests.support.recorded_sound import RecordingBackend


def _timeline(tmp_path: Path) -> Timeline:
    sound = tmp_path / "step.wav"
    write_wav(sound, synth.render(CueKind.TICK))
    return expand(
        Routine(
            name="r",
            prep_ms=0,
            steps=(
                ExerciseStep(
                    exercise="Lunge",
                    id="lunge",
                    hold_ms=PerSide.same(4_000),
                    sides=Sides.BOTH,
                    order=Order.LEFT_FIRST,
                    switch_ms=2_000,
                    sound=sound,
                ),
            ),
        )
    )


def _player(
    timeline: Timeline, voice: bool = True
) -> tuple[CuePlayer, RecordingBackend, list[str]]:
    backend = RecordingBackend()
    notices: list[str] = []
    bank = CueBank.load(timeline)
    if voice:
        # Words stand in for rendered speech: a second of silence per phrase.
        bank.speak(timeline, lambda texts: ({t: silence(1000) for t in texts}, []), "test")
    output = SoundOutput([backend, SilentBackend()], notices.append)
    player = CuePlayer(bank, output, timeline=timeline, voice=voice, notice=notices.append)
    return player, backend, notices


def _wired(timeline: Timeline, player: CuePlayer) -> tuple[Session, FakeClock]:
    """A session whose plan follows the player's voice, as the assembly wires it."""
    clock = FakeClock()
    session = Session(timeline, clock)
    session.speech = player.speech
    player.on_speech = session.set_speech
    session.subscribe(player)
    session.start()
    return session, clock


def _play_out(session: Session, clock: FakeClock) -> None:
    while not session.finished:
        clock.advance_ms(250)
        session.update()


def _run(timeline: Timeline, player: CuePlayer) -> Session:
    session, clock = _wired(timeline, player)
    _play_out(session, clock)
    return session


def test_tones_only_follow_the_engine_cues(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    player, backend, notices = _player(timeline, voice=False)
    _run(timeline, player)
    # Go and switch carry the side's mark: without words, left and right still differ.
    assert backend.played == [
        "go left", "step.wav", "countdown", "countdown", "countdown",
        "switch right", "countdown",
        "go right", "countdown", "countdown", "countdown",
        "done",
    ]  # fmt: skip
    assert notices == []


def test_with_voice_words_fit_the_time_and_beeps_give_way(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    player, backend, _ = _player(timeline)
    _run(timeline, player)
    # Go with the words takes 1.7 s of the first 4 s hold: its first beep is dropped. The
    # 2 s switch has no room for a second of words: the right side is named at its go.
    assert backend.played == [
        "go: Left side. Lunge. Four seconds", "step.wav", "countdown", "countdown",
        "switch right", "countdown",
        "go: Right side. Lunge. Four seconds", "countdown", "countdown",
        "done: Routine complete",
    ]  # fmt: skip
    opening = player.bank.opening(timeline.intervals[0])
    assert opening is not None
    go_left = player.bank.tone(CueKind.GO, timeline.intervals[0].side)
    assert go_left is not None
    assert opening.duration_ms == go_left.duration_ms + 120 + 1000


def test_the_cue_first_order_also_plays_each_boundary_once(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    player, backend, _ = _player(timeline)
    first, switch = timeline.intervals[0], timeline.intervals[1]
    for interval, cue in ((first, CueKind.GO), (switch, CueKind.SWITCH)):
        player(CueDue(cue, interval, interval.start_ms, interval.start_ms))
        player(IntervalStarted(interval, interval.start_ms, interval.start_ms))
    # Back to the start of the switch: it is announced again.
    player(IntervalStarted(switch, 9_000, 9_000))
    player(CueDue(CueKind.SWITCH, switch, 9_000, 9_000))
    assert backend.played == [
        "go: Left side. Lunge. Four seconds",
        "switch right",
        "switch right",
    ]


def test_the_end_plays_once_and_a_stop_plays_nothing(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    last = timeline.intervals[-1]
    player, backend, _ = _player(timeline, voice=False)
    player(SessionEnded(SessionStatus.COMPLETED, 10_000, 10_000))
    player(CueDue(CueKind.DONE, last, 10_000, 10_000))
    assert backend.played == ["done"]

    stopped, backend, _ = _player(timeline, voice=False)
    stopped(SessionEnded(SessionStatus.STOPPED, 3_000, 3_000))
    assert backend.played == []
    assert backend.stops == 1


def test_mute_and_voice_toggle_at_runtime(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    player, backend, _ = _player(timeline)
    first = timeline.intervals[0]

    assert player.toggle_mute() is True
    assert backend.stops == 1
    player(CueDue(CueKind.COUNTDOWN, first, 1_000, 1_000))
    assert player.toggle_mute() is False
    assert player.toggle_voice() is False
    player(IntervalStarted(first, 0, 0))
    player(CueDue(CueKind.GO, first, 0, 0))
    assert player.toggle_voice() is True
    player(CueDue(CueKind.SWITCH, timeline.intervals[1], 4_000, 4_000))
    player(IntervalStarted(timeline.intervals[2], 6_000, 6_000))
    assert backend.played == ["go left", "switch right", "go: Right side. Lunge. Four seconds"]
    assert (player.muted, player.voice_on) == (False, True)


def test_pause_and_skip_cut_what_is_playing(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    player, backend, _ = _player(timeline)
    clock = FakeClock()
    session = Session(timeline, clock)
    session.subscribe(player)
    session.start()
    session.pause()
    session.resume()
    session.skip()
    assert backend.stops == 2


def test_a_device_lost_midway_falls_back_with_one_notice(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    player, backend, notices = _player(timeline, voice=False)
    first = timeline.intervals[0]
    player(CueDue(CueKind.GO, first, 0, 0))
    backend.fail = True
    for offset in (1_000, 2_000, 3_000):
        player(CueDue(CueKind.COUNTDOWN, first, offset, offset))
    assert backend.played == ["go left"]
    assert player.backend_name == "silent"
    assert notices == [
        "Sound device failed (simpleaudio: Error opening PCM device. -- CODE: -19): "
        "continuing silently"
    ]


def test_an_unexpected_error_never_reaches_the_engine(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    player, backend, notices = _player(timeline)
    player.bank.openings = None  # type: ignore[assignment]  # a corrupt bank
    player(IntervalStarted(timeline.intervals[0], 0, 0))
    player(CueDue(CueKind.GO, timeline.intervals[0], 0, 0))
    player(SessionEnded(SessionStatus.COMPLETED, 1, 1))
    assert backend.played == []
    assert len(notices) == 1
    assert notices[0].startswith("Sound stopped after an error (")
    assert notices[0].endswith("): continuing silently")


def test_for_timeline_with_nothing_to_play_on_says_so_once(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    notices: list[str] = []
    player = CuePlayer.for_timeline(
        timeline, Settings(voice=False), notices.append, backends=[SilentBackend()], voice=False
    )
    _run(timeline, player)
    assert player.backend_name == "silent"
    assert notices == ["No sound player found: continuing silently"]


class TimedBackend(RecordingBackend):
    """Remembers how long it was asked to wait, and the channels of what it played."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[float] = []
        self.channels: list[tuple[str, int, bool, bool]] = []

    def play(self, sound: Sound) -> None:
        super().play(sound)
        left = any(sound.samples[0 :: sound.channels]) if sound.channels == 2 else True
        right = any(sound.samples[1 :: sound.channels]) if sound.channels == 2 else True
        self.channels.append((sound.name, sound.channels, left, right))

    def wait(self, timeout_s: float) -> None:
        self.waits.append(timeout_s)


def test_closing_waits_for_the_last_words_three_seconds_at_most(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    backend = TimedBackend()
    bank = CueBank.load(timeline)
    bank.speak(timeline, lambda texts: ({t: silence(5_000) for t in texts}, []), "test")
    player = CuePlayer(bank, SoundOutput([backend, SilentBackend()]), timeline=timeline)
    player(SessionEnded(SessionStatus.COMPLETED, 10_000, 10_000))
    assert backend.played == ["done: Routine complete"]
    player.close()
    # The done tone and five seconds of words: closing waits, but never past 3 s.
    assert backend.waits and 2.9 <= backend.waits[0] <= 3.0


def test_closing_after_a_stop_does_not_wait(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    backend = TimedBackend()
    player = CuePlayer(CueBank.load(timeline), SoundOutput([backend, SilentBackend()]))
    player(CueDue(CueKind.GO, timeline.intervals[0], 0, 0))
    player(SessionEnded(SessionStatus.STOPPED, 100, 100))
    player.close()
    assert backend.waits == []


def test_panned_cues_come_from_the_side_they_are_about(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    backend = TimedBackend()
    player = CuePlayer(
        CueBank.load(timeline),
        SoundOutput([backend, SilentBackend()]),
        timeline=timeline,
        voice=False,
        pan=True,
    )
    _run(timeline, player)
    heard = {(name, left, right) for name, channels, left, right in backend.channels}
    assert all(channels == 2 for _, channels, _, _ in backend.channels)
    assert ("go left", True, False) in heard
    assert ("switch right", False, True) in heard
    assert ("go right", False, True) in heard
    assert ("done", True, True) in heard


def test_with_the_voice_off_nothing_is_rendered(tmp_path: Path) -> None:
    # A speech program that leaves a mark whenever it is run.
    marker = tmp_path / "ran"
    program = tmp_path / "fake-espeak"
    program.write_text(f"#!/bin/sh\ntouch {marker}\nexit 1\n")
    program.chmod(0o755)
    timeline = _timeline(tmp_path)
    for settings in (Settings(voice=False), Settings(mute=True)):
        player = CuePlayer.for_timeline(
            timeline,
            settings,
            backends=[SilentBackend()],
            voice=Voice("espeak-ng", str(program)),
        )
        assert player.bank.clips == {}
        assert player.speech == NO_SPEECH
    assert not marker.exists()
    CuePlayer.for_timeline(
        timeline, Settings(), backends=[SilentBackend()], voice=Voice("espeak-ng", str(program))
    )
    assert marker.exists()


def test_voice_off_mid_session_brings_back_the_beeps_the_words_had_taken(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    player, backend, _ = _player(timeline)
    session, clock = _wired(timeline, player)
    clock.advance_ms(500)
    session.update()
    assert player.toggle_voice() is False
    _play_out(session, clock)
    # Words took the left hold's first beep and the right's (test_with_voice_words...):
    # from the moment the voice is off, every beep is back and every go a tone.
    assert backend.played == [
        "go: Left side. Lunge. Four seconds", "step.wav", "countdown", "countdown", "countdown",
        "switch right", "countdown",
        "go right", "countdown", "countdown", "countdown",
        "done",
    ]  # fmt: skip


def test_voice_on_again_says_the_next_words_and_no_beep_starts_under_them(
    tmp_path: Path,
) -> None:
    timeline = _timeline(tmp_path)
    player, backend, _ = _player(timeline)
    session, clock = _wired(timeline, player)
    clock.advance_ms(500)
    session.update()
    player.toggle_voice()
    assert player.toggle_voice() is True
    _play_out(session, clock)
    # The left hold's words are not said again, so its three beeps stay; the right
    # side's go has its words again, and its first beep gives way to them.
    assert backend.played == [
        "go: Left side. Lunge. Four seconds", "step.wav", "countdown", "countdown", "countdown",
        "switch right", "countdown",
        "go: Right side. Lunge. Four seconds", "countdown", "countdown",
        "done: Routine complete",
    ]  # fmt: skip


def test_without_a_rendered_voice_v_says_why_once_and_stays_off(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path)
    player, _, notices = _player(timeline, voice=False)
    planned: list[object] = []
    player.on_speech = planned.append
    assert player.toggle_voice() is False
    assert player.toggle_voice() is False
    assert notices == [NO_VOICE]
    assert (player.voice_on, planned) == (False, [])
