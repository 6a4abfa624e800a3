"""Tests the one place a played session is put together: its parts, their order, closing."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest

from evenside.audio.backends import SilentBackend
from evenside.engine.clock import NS_PER_S, FakeClock
from evenside.engine.cue_plan import NO_SPEECH, Speech
from evenside.engine.events import IntervalStarted, Listener, SessionEvent
from evenside.engine.session import Session
from evenside.engine.timeline import left_on_tie
from evenside.playback.assembly import SessionAssembly, reasons_worth_saying
from evenside.playback.options import PlayOptions
from evenside.routine.model import Order, Routine, Side
from evenside.settings import Settings
from tests.support.history_fixtures import opened_history
from tests.support.session_builders import hold, play_to_the_end, routine, skip_work_on
from tests.support.tools import require_tool


def lunge_balanced() -> Routine:
    return routine(replace(hold("Lunge", 2, switch=1), order=Order.BALANCE), prep=0)


def test_a_bare_assembly_attaches_nothing_and_closes_cleanly() -> None:
    played = SessionAssembly(clock=FakeClock(), sound=False, record=False).build(
        routine(hold("Lunge", 1)), left_on_tie
    )
    assert (played.sound, played.recorder, played.trace) == (None, None, None)
    assert played.runner.session is played.session
    played.close()
    played.close()


def test_history_is_written_before_the_front_ends_listeners_hear_an_event(tmp_path: Path) -> None:
    clock = FakeClock()
    ids_seen: list[str | None] = []

    def front_end(session: Session) -> Listener:
        def hear(event: SessionEvent) -> None:
            if isinstance(event, IntervalStarted) and not ids_seen:
                ids_seen.append(recorder.session_id if recorder else None)

        return hear

    assembly = SessionAssembly(
        PlayOptions(trace=tmp_path / "trace.jsonl"),
        clock=clock,
        history=tmp_path / "history.db",
        sound=False,
        extra=[front_end],
    )
    played = assembly.build(routine(hold("Lunge", 1)), left_on_tie)
    recorder = played.recorder
    assert recorder is not None and played.trace is not None
    play_to_the_end(played.session, clock)
    # The recorder came first: the session had its history id when the front end heard of it.
    assert ids_seen and ids_seen[0] is not None
    played.close()
    # Closed with the session: the recorder's connection and the trace file.
    with pytest.raises(sqlite3.ProgrammingError):
        recorder.writer.store.conn.execute("select 1")
    lines = (tmp_path / "trace.jsonl").read_text().splitlines()
    assert lines[-1].startswith('{"event": "session_end"')


def test_the_side_behind_goes_first_and_says_why(tmp_path: Path) -> None:
    clock = FakeClock()
    assembly = SessionAssembly(clock=clock, history=tmp_path / "history.db", sound=False)
    first = assembly.build(lunge_balanced())
    assert [i.side for i in first.session.timeline.work()] == [Side.LEFT, Side.RIGHT]
    assert first.reasons == {}, "no history: nothing worth saying"
    play_to_the_end(first.session, clock, skip_work_on(Side.RIGHT))
    first.close()

    second = assembly.build(lunge_balanced())
    assert [i.side for i in second.session.timeline.work()] == [Side.RIGHT, Side.LEFT]
    assert list(second.reasons) == ["lunge"]
    assert second.reasons["lunge"].startswith("right first")
    second.close()
    # Only the session played is in the history: the second was built, never started.
    with opened_history(tmp_path / "history.db") as store:
        assert [s.status for s in store.sessions()] == ["completed"]


def test_a_trace_that_cannot_be_written_fails_before_sound_or_history_open(tmp_path: Path) -> None:
    history = tmp_path / "history.db"
    assembly = SessionAssembly(
        PlayOptions(trace=tmp_path / "no-such-folder" / "trace.jsonl"),
        Settings(),
        clock=FakeClock(),
        history=history,
    )
    with pytest.raises(OSError):
        assembly.build(routine(hold("Lunge", 1)), left_on_tie)
    assert not history.exists()


def test_only_a_side_behind_or_owed_is_worth_saying() -> None:
    class Chooser:
        reasons: ClassVar[dict[str, str]] = {
            "a": "left first: both sides are even",
            "b": "right first: right is behind this week",
            "c": "left first: left is owed from an earlier session",
        }

    assert reasons_worth_saying(Chooser()) == {  # type: ignore[arg-type]
        "b": "right first: right is behind this week",
        "c": "left first: left is owed from an earlier session",
    }
    assert reasons_worth_saying(left_on_tie) == {}


async def test_the_voice_going_off_or_on_plans_the_rest_of_the_session_again() -> None:
    clock = FakeClock()
    assembly = SessionAssembly(PlayOptions(mute=True, no_voice=True), clock=clock, record=False)
    played = assembly.build(routine(hold("Lunge", 10)), left_on_tie)
    try:
        assert played.sound is not None
        assert played.sound.on_speech == played.replan
        start = clock()
        played.runner.start()
        clock.advance(6)  # a second into the left hold (5 s to 15 s)
        played.runner.poke()
        # Three seconds of words will open the switch (15 s to 20 s): its beeps at 17 and
        # 18 s give way to them.
        played.replan(Speech({2: (3_000,)}))
        clock.advance(9.5)
        played.runner.poke()
        assert played.session.next_deadline_ns() == start + 19 * NS_PER_S
        played.replan(NO_SPEECH)
        assert played.session.next_deadline_ns() == start + 17 * NS_PER_S
    finally:
        played.close()


async def test_a_muted_session_builds_its_sound_only_when_it_is_turned_on() -> None:
    for options, settings in (
        (PlayOptions(mute=True, no_voice=True), Settings()),  # --mute --no-voice
        (PlayOptions(), Settings(mute=True, voice=False)),  # mute = true, voice = false
    ):
        assembly = SessionAssembly(
            options, settings, clock=FakeClock(), record=False, backends=[SilentBackend()]
        )
        played = assembly.build(routine(hold("Lunge", 10)), left_on_tie)
        try:
            assert played.sound is not None and played.sound.muted
            assert not played.sound.built and played.sound.backend_name == "none"
            played.runner.start()
            assert played.sound.toggle_mute() is False
            for thread in threading.enumerate():
                if thread.name == "evenside-sound":
                    thread.join(10)
            assert played.sound.built and played.sound.backend_name == "silent"
            await asyncio.sleep(0.05)  # anything posted to the loop has run
            assert played.session.speech == NO_SPEECH  # tones only: the plan is unchanged
        finally:
            played.close()


async def test_unmuting_a_muted_start_plans_the_rest_of_the_session_with_its_words() -> None:
    require_tool("espeak-ng")
    clock = FakeClock()
    assembly = SessionAssembly(
        PlayOptions(mute=True), Settings(), clock=clock, record=False, backends=[SilentBackend()]
    )
    # Prep 0-5 s, the left hold 5-15 s, the switch 15-20 s (beeps at 17, 18, 19 s), right.
    played = assembly.build(routine(hold("Lunge", 10)), left_on_tie)
    try:
        sound = played.sound
        assert sound is not None
        start = clock()
        played.runner.start()
        clock.advance(6)
        played.runner.poke()
        assert sound.toggle_mute() is False
        for thread in threading.enumerate():
            if thread.name == "evenside-sound":
                thread.join(10)
        # The words come in on the runner's loop, which plans the rest with them.
        for _ in range(100):
            if played.session.speech != NO_SPEECH:
                break
            await asyncio.sleep(0.01)
        assert played.session.speech == sound.speech == sound.bank.speech
        assert 2 in played.session.speech.openings  # the switch says "Right side..."
        clock.advance(9.5)
        played.runner.poke()
        assert played.session.next_deadline_ns() > start + 17 * NS_PER_S
    finally:
        played.close()
    # Closed, the session is no longer planned (a late replan would run off the loop).
    played.replan(NO_SPEECH)
    assert played.session.speech != NO_SPEECH


def test_a_session_with_sound_on_builds_it_before_it_starts() -> None:
    assembly = SessionAssembly(
        PlayOptions(no_voice=True), clock=FakeClock(), record=False, backends=[SilentBackend()]
    )
    played = assembly.build(routine(hold("Lunge", 10)), left_on_tie)
    try:
        assert played.sound is not None and played.sound.built
    finally:
        played.close()
