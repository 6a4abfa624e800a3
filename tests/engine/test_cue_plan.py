"""Tests for the cue schedule: the pure plan of one interval, and cues fired by a session."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evenside.engine.clock import FakeClock
from evenside.engine.cue_plan import (
    END_MARGIN_MS,
    SPEECH_GAP_MS,
    Speech,
    choose_form,
    plan_cues,
    rep_counted,
    speech_end_ms,
)
from evenside.engine.events import CueDue, CueKind
from evenside.engine.session import Session
from evenside.engine.timeline import Interval, IntervalKind, expand
from evenside.routine.model import Sides
from tests.support.session_builders import (
    Recorder,
    describe,
    hold,
    reps,
    rest,
    routine,
    started,
)

GO, SWITCH, REST, DONE = CueKind.GO, CueKind.SWITCH, CueKind.REST, CueKind.DONE
BEEP, HALF, TICK, SOUND = CueKind.COUNTDOWN, CueKind.HALFWAY, CueKind.TICK, CueKind.STEP_SOUND

# prep 0-5; lunge left 5-35 (with its own sound); switch 35-40; lunge right 40-70;
# rest 70-80; five bridges at 2 s a rep 80-90.
MIXED = routine(
    hold("Lunge", 30, sound=Path("/sounds/lunge.wav")),
    rest(10),
    reps("Bridge", 5, tempo=2),
)

MIXED_CUES = [
    ("countdown", 2_000), ("countdown", 3_000), ("countdown", 4_000),
    ("go", 5_000), ("step_sound", 5_000), ("halfway", 20_000),
    ("countdown", 32_000), ("countdown", 33_000), ("countdown", 34_000),
    ("switch", 35_000), ("countdown", 37_000), ("countdown", 38_000), ("countdown", 39_000),
    ("go", 40_000), ("halfway", 55_000),
    ("countdown", 67_000), ("countdown", 68_000), ("countdown", 69_000),
    ("rest", 70_000), ("countdown", 77_000), ("countdown", 78_000), ("countdown", 79_000),
    ("go", 80_000), ("tick", 82_000), ("tick", 84_000), ("tick", 86_000),
    ("countdown", 87_000), ("tick", 88_000), ("countdown", 89_000),
    ("done", 90_000),
]  # fmt: skip


def _interval(kind: IntervalKind, duration_ms: int | None, **fields: object) -> Interval:
    return Interval(index=1, kind=kind, start_ms=0, duration_ms=duration_ms, **fields)  # type: ignore[arg-type]


def test_a_long_first_hold_has_go_its_sound_halfway_and_three_beeps() -> None:
    interval = _interval(IntervalKind.WORK, 60_000, first_of_step=True, sound=Path("/sounds/a.wav"))
    assert plan_cues(interval) == [
        (0, GO), (0, SOUND), (30_000, HALF), (57_000, BEEP), (58_000, BEEP), (59_000, BEEP),
    ]  # fmt: skip


@pytest.mark.parametrize(("duration_ms", "halfway"), [(29_999, False), (30_000, True)])
def test_halfway_only_on_holds_of_thirty_seconds_or_more(duration_ms: int, halfway: bool) -> None:
    cues = [cue for _, cue in plan_cues(_interval(IntervalKind.WORK, duration_ms))]
    assert (HALF in cues) is halfway


def test_the_step_sound_only_plays_on_the_first_work_interval_of_a_step() -> None:
    interval = _interval(IntervalKind.WORK, 10_000, sound=Path("/a.wav"), first_of_step=False)
    assert SOUND not in [cue for _, cue in plan_cues(interval)]


def test_timed_reps_tick_per_rep_and_the_countdown_gives_way_to_them() -> None:
    # The tick keeps the tempo to the last rep; a beep on a tick would break it.
    interval = _interval(IntervalKind.WORK, 15_000, reps=5, tempo_ms=3_000)
    assert plan_cues(interval) == [
        (0, GO), (3_000, TICK), (6_000, TICK), (9_000, TICK),
        (12_000, TICK), (13_000, BEEP), (14_000, BEEP),
    ]  # fmt: skip


def test_reps_get_no_halfway_chime() -> None:
    interval = _interval(IntervalKind.WORK, 60_000, reps=20, tempo_ms=3_000)
    assert HALF not in [cue for _, cue in plan_cues(interval)]


def test_an_untimed_set_only_gets_its_go() -> None:
    assert plan_cues(_interval(IntervalKind.WORK, None, reps=12)) == [(0, GO)]


@pytest.mark.parametrize(
    ("kind", "opening"),
    [
        (IntervalKind.SWITCH, [(0, SWITCH)]),
        (IntervalKind.REST, [(0, REST)]),
        (IntervalKind.PREP, []),
    ],
)
def test_switch_rest_and_prep(kind: IntervalKind, opening: list[tuple[int, CueKind]]) -> None:
    assert plan_cues(_interval(kind, 5_000)) == [
        *opening, (2_000, BEEP), (3_000, BEEP), (4_000, BEEP),
    ]  # fmt: skip


def test_short_intervals_keep_only_the_beeps_that_fit() -> None:
    assert plan_cues(_interval(IntervalKind.SWITCH, 2_000)) == [(0, SWITCH), (1_000, BEEP)]
    assert plan_cues(_interval(IntervalKind.SWITCH, 1_000)) == [(0, SWITCH)]


def test_a_longer_duration_moves_the_countdown_and_halfway() -> None:
    interval = _interval(IntervalKind.WORK, 30_000)
    assert plan_cues(interval, 40_000) == [
        (0, GO), (20_000, HALF), (37_000, BEEP), (38_000, BEEP), (39_000, BEEP),
    ]  # fmt: skip


def test_plan_offsets_never_reach_the_end() -> None:
    for interval in expand(MIXED).intervals:
        assert all(0 <= offset < (interval.duration_ms or 1) for offset, _ in plan_cues(interval))


def _cues(events: list[object]) -> list[tuple[str, int]]:
    return [(e.cue.value, e.planned_ms) for e in events if isinstance(e, CueDue)]


def test_a_session_fires_every_cue_at_its_deadline() -> None:
    session, clock, recorder = started(MIXED)
    while not session.finished:
        deadline = session.next_deadline_ns()
        assert deadline is not None
        clock.now_ns = deadline
        session.update()
    events = recorder.take()
    assert _cues(events) == MIXED_CUES
    assert all(describe(e)[2] == describe(e)[3] for e in events if isinstance(e, CueDue))
    # Cues come after the start of their interval and before its end.
    kinds = [describe(e)[0] for e in events]
    assert kinds[kinds.index("start", 1) + 1 : kinds.index("start", 1) + 3] == ["cue", "cue"]


def test_a_session_on_coarse_updates_still_fires_every_cue_once_in_order() -> None:
    session, clock, recorder = started(MIXED)
    while not session.finished:
        clock.advance(0.7)
        session.update()
    assert _cues(recorder.take()) == MIXED_CUES


def test_pause_shifts_the_pending_cues() -> None:
    session, clock, recorder = started(MIXED)
    clock.advance(10)
    session.update()
    session.pause()
    clock.advance(100)
    session.update()
    session.resume()
    clock.advance(100)
    session.update()
    cues = _cues(recorder.take())
    assert ("halfway", 120_000) in cues
    assert ("countdown", 132_000) in cues
    assert ("halfway", 20_000) not in cues


def test_skip_cancels_the_cues_of_the_skipped_interval() -> None:
    session, clock, recorder = started(MIXED)
    clock.advance(10)
    session.update()
    recorder.take()
    session.skip()
    clock.advance(10)
    session.update()
    # The left hold's halfway and countdown never sound; the switch starts at 10 s.
    assert _cues(recorder.take()) == [
        ("switch", 10_000), ("countdown", 12_000), ("countdown", 13_000), ("countdown", 14_000),
        ("go", 15_000),
    ]  # fmt: skip


def test_adding_time_moves_the_countdown_and_never_repeats_the_halfway() -> None:
    session, clock, recorder = started(MIXED)
    clock.advance(25)
    session.update()
    assert ("halfway", 20_000) in _cues(recorder.take())
    session.adjust(10_000)
    clock.advance(20)
    session.update()
    assert _cues(recorder.take()) == [
        ("countdown", 42_000), ("countdown", 43_000), ("countdown", 44_000), ("switch", 45_000),
    ]  # fmt: skip


def test_adding_time_before_halfway_moves_it() -> None:
    session, clock, recorder = started(MIXED)
    clock.advance(10)
    session.update()
    session.adjust(10_000)
    clock.advance(20)
    session.update()
    assert ("halfway", 25_000) in _cues(recorder.take())


def test_back_replays_the_cues_of_the_restarted_interval() -> None:
    session, clock, recorder = started(MIXED)
    clock.advance(25)
    session.update()
    recorder.take()
    session.back()
    clock.advance(15)
    session.update()
    assert _cues(recorder.take()) == [("go", 25_000), ("step_sound", 25_000), ("halfway", 40_000)]


def test_stop_fires_no_done_cue() -> None:
    session, clock, recorder = started(routine(hold("Lunge", 10, sides=Sides.NONE)))
    clock.advance(3)
    session.stop()
    assert "done" not in [cue for cue, _ in _cues(recorder.take())]


# Words fitted to time: the sound layer measures each spoken form when the routine loads.


def _spoken(interval: Interval, *lengths: int, counts: dict[int, int] | None = None) -> Speech:
    return Speech({interval.index: lengths}, counts or {})


def test_words_that_fit_before_the_last_beep_push_the_earlier_beeps_out() -> None:
    prep = _interval(IntervalKind.PREP, 5_000)
    # 2.5 s of words: the beeps at 2 s is inside them; 3 s and 4 s are clear of them.
    speech = _spoken(prep, 2_500, 1_200)
    assert choose_form(prep, speech.openings[1]) == 0
    assert plan_cues(prep, speech=speech) == [(3_000, BEEP), (4_000, BEEP)]


def test_a_phrase_too_long_for_its_interval_is_shortened_never_spoken_over_the_next_cue() -> None:
    rest = _interval(IntervalKind.REST, 4_000)
    # 4.24 s of words in a 4 s rest (today's "Rest four seconds. Next: clamshell, left side").
    assert choose_form(rest, (4_240, 2_700, 1_400)) == 1
    assert plan_cues(rest, speech=_spoken(rest, 4_240, 2_700, 1_400)) == [(0, REST), (3_000, BEEP)]
    # Nothing fits: nothing is said, and every beep keeps its place.
    assert choose_form(rest, (4_240, 3_900)) is None
    assert plan_cues(rest, speech=_spoken(rest, 4_240, 3_900)) == [
        (0, REST), (1_000, BEEP), (2_000, BEEP), (3_000, BEEP),
    ]  # fmt: skip


def test_only_when_no_form_keeps_the_last_beep_does_a_form_take_it() -> None:
    switch = _interval(IntervalKind.SWITCH, 2_000)
    # The last beep is at 1 s: 1.3 s of words only fit before the end, and take that beep.
    assert choose_form(switch, (1_300,)) == 0
    assert plan_cues(switch, speech=_spoken(switch, 1_300)) == [(0, SWITCH)]
    assert plan_cues(switch, speech=_spoken(switch, 1_300, 700)) == [(0, SWITCH), (1_000, BEEP)]


@pytest.mark.parametrize("offset", [0, 1])
def test_no_beep_tick_or_chime_starts_while_words_play(offset: int) -> None:
    for interval in expand(MIXED).intervals:
        lengths = (2_000 + offset * 1_500,)
        plan = plan_cues(interval, speech=_spoken(interval, *lengths))
        end = speech_end_ms(interval, lengths)
        assert all(at == 0 or at >= end + SPEECH_GAP_MS for at, _ in plan), (interval, plan)


def test_reps_are_counted_aloud_where_the_tempo_leaves_room() -> None:
    interval = _interval(IntervalKind.WORK, 15_000, reps=5, tempo_ms=3_000)
    roomy = Speech({}, {n: 500 for n in range(2, 6)})
    assert all(rep_counted(interval, rep, roomy) for rep in range(2, 6))
    tight = _interval(IntervalKind.WORK, 5_000, reps=5, tempo_ms=1_000)
    long_words = Speech({}, {n: 900 for n in range(2, 6)})
    assert not rep_counted(tight, 3, long_words)
    # A counted rep keeps its place; a beep that would start while "four" is said gives way.
    said = Speech({}, {4: 1_200})
    assert plan_cues(interval, speech=said) == [
        (0, GO), (3_000, TICK), (6_000, TICK), (9_000, TICK), (12_000, TICK), (13_000, BEEP),
        (14_000, BEEP),
    ]  # fmt: skip
    counted_four = Speech({}, {4: 1_200, 5: 1_300})
    # "five" at 12 s runs to 13.3 s (plus the gap): the 13 s beep is dropped.
    assert plan_cues(interval, speech=counted_four)[-2:] == [(12_000, TICK), (14_000, BEEP)]


def test_a_session_plans_around_the_words_it_is_given() -> None:
    clock = FakeClock()
    session = Session(expand(MIXED), clock)
    session.speech = Speech({0: (2_500,)})
    recorder = Recorder()
    session.subscribe(recorder)
    session.start()
    while not session.finished:
        deadline = session.next_deadline_ns()
        assert deadline is not None
        clock.now_ns = deadline
        session.update()
    cues = _cues(recorder.take())
    # The prep's 2.5 s of words drop its first countdown beep; the rest as planned.
    assert cues[:3] == [("countdown", 3_000), ("countdown", 4_000), ("go", 5_000)]


@given(
    kind=st.sampled_from([IntervalKind.PREP, IntervalKind.WORK, IntervalKind.REST]),
    length=st.integers(1_000, 40_000),
    tempo=st.sampled_from([None, 1_000, 1_500, 2_000, 3_000]),
    forms=st.lists(st.integers(200, 6_000), max_size=5),
    count_ms=st.integers(200, 2_000),
)
def test_words_always_fit_and_nothing_starts_over_them(
    kind: IntervalKind, length: int, tempo: int | None, forms: list[int], count_ms: int
) -> None:
    timed_reps = kind is IntervalKind.WORK and tempo is not None
    interval = _interval(
        kind,
        length,
        reps=length // tempo if timed_reps and tempo else None,
        tempo_ms=tempo if timed_reps else None,
    )
    speech = Speech({interval.index: tuple(forms)}, {n: count_ms for n in range(2, 50)})
    plan = plan_cues(interval, speech=speech)
    form = choose_form(interval, tuple(forms))
    quiet = []
    if form is not None:
        # Chosen words end before the interval does, with room before the next tone.
        assert forms[form] <= length - END_MARGIN_MS
        quiet.append((0, forms[form] + SPEECH_GAP_MS))
    for at, cue in plan:
        assert 0 <= at < length
        if cue is TICK and interval.tempo_ms:
            rep = at // interval.tempo_ms + 1
            if rep_counted(interval, rep, speech):
                quiet.append((at, at + count_ms + SPEECH_GAP_MS))
    for at, _ in plan:
        if at:
            assert not any(start < at < end for start, end in quiet if start != at), (at, quiet)
