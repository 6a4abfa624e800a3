"""Tests for the cue schedule: the cue plan of an interval as clock deadlines."""

from __future__ import annotations

from evenside.engine.clock import NS_PER_MS
from evenside.engine.cue_plan import NO_SPEECH, plan_cues
from evenside.engine.cue_schedule import schedule_cues
from evenside.engine.events import CueKind
from evenside.engine.timeline import Interval, IntervalKind, expand
from evenside.routine.model import Sides
from tests.support.session_builders import hold, routine

START_NS = 7_000 * NS_PER_MS


def _long_hold() -> Interval:
    """The one work interval of a one-minute hold with no sides."""
    timeline = expand(routine(hold("Hang", 60, sides=Sides.NONE)))
    return next(i for i in timeline.intervals if i.kind is IntervalKind.WORK)


def test_every_cue_is_its_offset_from_the_start() -> None:
    interval = _long_hold()
    scheduled = schedule_cues(interval, START_NS, NO_SPEECH)
    assert scheduled == [
        (START_NS + offset * NS_PER_MS, cue) for offset, cue in plan_cues(interval)
    ]
    assert (START_NS + 30_000 * NS_PER_MS, CueKind.HALFWAY) in scheduled


def test_planning_again_keeps_only_what_is_still_to_come() -> None:
    interval = _long_hold()
    after = START_NS + 30_000 * NS_PER_MS
    later = schedule_cues(interval, START_NS, NO_SPEECH, after_ns=after)
    assert later and all(deadline > after for deadline, _ in later)
    assert [cue for _, cue in later] == [CueKind.COUNTDOWN] * 3


def test_a_halfway_chime_already_heard_is_not_planned_again() -> None:
    interval = _long_hold()
    scheduled = schedule_cues(interval, START_NS, NO_SPEECH, duration_ms=80_000, halfway_heard=True)
    assert CueKind.HALFWAY not in [cue for _, cue in scheduled]
    assert scheduled[-1] == (START_NS + 79_000 * NS_PER_MS, CueKind.COUNTDOWN)
