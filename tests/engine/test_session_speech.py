"""Tests planning the rest of a session again when the voice goes off or on (the v key).

A fake clock; each test plays past the toggle and reads which cues came due when.
"""

from __future__ import annotations

from evenside.engine.clock import FakeClock
from evenside.engine.cue_plan import NO_SPEECH, Speech
from evenside.engine.events import CueDue, CueKind, SessionEvent
from evenside.engine.session import Session
from evenside.engine.timeline import expand
from evenside.routine.model import Sides
from tests.support.session_builders import Recorder, hold, routine

# prep 0-5 s, left 5-15 s, switch 15-20 s, right 20-30 s. The left hold opens with 8 s of
# words (they drop its beeps at 12 and 13 s, keeping 14 s) and the switch with 3 s (they
# drop its beeps at 17 and 18 s, keeping 19 s).
LUNGE = routine(hold("Lunge", 10))
SPOKEN = Speech({1: (8_000,), 2: (3_000,)})


def _beeps(events: list[SessionEvent]) -> list[int]:
    """When each countdown beep was due, in session milliseconds."""
    return [e.planned_ms for e in events if isinstance(e, CueDue) and e.cue is CueKind.COUNTDOWN]


def _play(until_ms: int, session: Session, clock: FakeClock) -> None:
    clock.advance_ms(until_ms - session.session_elapsed_ms())
    session.update()


def _spoken_session() -> tuple[Session, FakeClock, Recorder]:
    clock = FakeClock()
    session = Session(expand(LUNGE), clock)
    session.speech = SPOKEN
    recorder = Recorder()
    session.subscribe(recorder)
    session.start()
    return session, clock, recorder


def test_with_words_the_beeps_under_them_are_not_planned() -> None:
    session, clock, recorder = _spoken_session()
    _play(30_000, session, clock)
    assert _beeps(recorder.take()) == [2_000, 3_000, 4_000, 14_000, 19_000, 27_000, 28_000, 29_000]


def test_voice_off_mid_hold_brings_back_the_beeps_still_to_come() -> None:
    session, clock, recorder = _spoken_session()
    _play(6_000, session, clock)
    session.set_speech(NO_SPEECH)
    _play(30_000, session, clock)
    assert _beeps(recorder.take()) == [
        2_000, 3_000, 4_000, 12_000, 13_000, 14_000, 17_000, 18_000, 19_000, 27_000, 28_000, 29_000,
    ]  # fmt: skip
    assert session.speech is NO_SPEECH


def test_voice_on_again_plans_the_words_of_what_follows_and_no_beep_under_them() -> None:
    session, clock, recorder = _spoken_session()
    _play(6_000, session, clock)
    session.set_speech(NO_SPEECH)
    _play(6_500, session, clock)
    session.set_speech(SPOKEN)
    _play(30_000, session, clock)
    # The left hold's own words are not said again, so its beeps stay; the switch's are.
    assert _beeps(recorder.take()) == [
        2_000,
        3_000,
        4_000,
        12_000,
        13_000,
        14_000,
        19_000,
        27_000,
        28_000,
        29_000,
    ]


def test_a_cue_already_heard_is_not_heard_again_and_the_halfway_chime_once() -> None:
    clock = FakeClock()
    session = Session(expand(routine(hold("Hang", 40, sides=Sides.NONE))), clock)
    session.speech = Speech({1: (3_000,)})
    recorder = Recorder()
    session.subscribe(recorder)
    session.start()
    _play(5_000 + 25_000, session, clock)  # past halfway (20 s into the hold)
    session.set_speech(NO_SPEECH)
    session.set_speech(Speech({1: (3_000,)}))
    _play(45_000, session, clock)
    cues = [(e.cue, e.planned_ms) for e in recorder.take() if isinstance(e, CueDue)]
    assert [ms for cue, ms in cues if cue is CueKind.HALFWAY] == [25_000]
    assert [ms for cue, ms in cues if cue is CueKind.COUNTDOWN] == [
        2_000,
        3_000,
        4_000,
        42_000,
        43_000,
        44_000,
    ]


def test_voice_off_while_paused_keeps_the_beeps_where_the_pause_moved_them() -> None:
    session, clock, recorder = _spoken_session()
    _play(6_000, session, clock)
    session.pause()
    clock.advance_ms(10_000)
    session.set_speech(NO_SPEECH)
    clock.advance_ms(5_000)
    session.resume()
    clock.advance_ms(10_000)
    session.update()
    # The left hold's beeps, 15 s of pause later: 12 + 15, 13 + 15, 14 + 15.
    assert _beeps(recorder.take())[3:] == [27_000, 28_000, 29_000]


def test_before_the_start_the_whole_session_is_planned_with_the_new_speech() -> None:
    clock = FakeClock()
    session = Session(expand(LUNGE), clock)
    session.speech = SPOKEN
    session.set_speech(NO_SPEECH)
    recorder = Recorder()
    session.subscribe(recorder)
    session.start()
    _play(30_000, session, clock)
    assert _beeps(recorder.take()) == [
        2_000, 3_000, 4_000, 12_000, 13_000, 14_000, 17_000, 18_000, 19_000, 27_000, 28_000, 29_000,
    ]  # fmt: skip


def test_five_seconds_less_after_the_voice_came_back_keeps_the_words_unsaid() -> None:
    session, clock, recorder = _spoken_session()
    _play(6_000, session, clock)
    session.set_speech(NO_SPEECH)
    session.set_speech(SPOKEN)
    # The left hold now ends at 10 s, its beeps at 7, 8 and 9 s: all under its 8 s of words,
    # had they been said. They were not (the voice came back after its start): all stay.
    session.adjust(-5_000)
    _play(10_000, session, clock)
    assert _beeps(recorder.take()) == [2_000, 3_000, 4_000, 7_000, 8_000, 9_000]


def _opening_cues(events: list[SessionEvent]) -> list[tuple[CueKind, int]]:
    return [
        (e.cue, e.planned_ms)
        for e in events
        if isinstance(e, CueDue) and e.cue not in (CueKind.COUNTDOWN, CueKind.HALFWAY)
    ]


def test_a_replan_while_paused_keeps_the_opening_cue_of_an_interval_skipped_into() -> None:
    # Paused in the left hold, n skips into the switch: its opening cue is due at the
    # resume. Turning the voice off (or the words arriving) in between must not lose it.
    session, clock, recorder = _spoken_session()
    _play(11_000, session, clock)
    session.pause()
    session.skip()
    session.set_speech(NO_SPEECH)
    clock.advance_ms(4_000)
    session.resume()
    _play(11_000 + 5_000, session, clock)
    cues = _opening_cues(recorder.take())
    # The switch began at the skip (11 s); its cue comes with the resume, 4 s of pause later.
    assert (CueKind.SWITCH, 15_000) in cues, cues


def test_time_added_while_paused_keeps_the_opening_cue_of_an_interval_skipped_into() -> None:
    session, clock, recorder = _spoken_session()
    _play(11_000, session, clock)
    session.pause()
    session.skip()
    session.adjust(10_000)
    clock.advance_ms(4_000)
    session.resume()
    _play(11_000 + 5_000, session, clock)
    assert (CueKind.SWITCH, 15_000) in _opening_cues(recorder.take())
