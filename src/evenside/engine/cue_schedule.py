"""Provides the cue schedule of the interval in progress: the cue plan as clock deadlines.

`cue_plan` says which cues an interval has at which offsets from its start;
the session needs them as absolute clock readings, and, when it plans again
in the middle of an interval (after +/-10 s, or when the voice goes off or
on), only those still to come: a cue already heard is never heard twice.
"""

from __future__ import annotations

from evenside.engine.clock import NS_PER_MS
from evenside.engine.cue_plan import Speech, plan_cues
from evenside.engine.events import CueKind
from evenside.engine.timeline import Interval

PendingCues = list[tuple[int, CueKind]]
"""(clock deadline in ns, cue), earliest first."""


def schedule_cues(
    interval: Interval,
    start_ns: int,
    speech: Speech,
    *,
    duration_ms: int | None = None,
    after_ns: int | None = None,
    halfway_heard: bool = False,
) -> PendingCues:
    """The cues of `interval` started at clock reading `start_ns`, as deadlines.

    `duration_ms` overrides the planned length (see `plan_cues`). With
    `after_ns`, only the cues due strictly after that reading are kept, and
    with `halfway_heard` the halfway chime is left out (it was already heard).
    """
    return [
        (start_ns + offset * NS_PER_MS, cue)
        for offset, cue in plan_cues(interval, duration_ms, speech)
        if (after_ns is None or start_ns + offset * NS_PER_MS > after_ns)
        and not (cue is CueKind.HALFWAY and halfway_heard)
    ]
