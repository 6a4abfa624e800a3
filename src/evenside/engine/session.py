"""Provides the session state machine: a timeline played against an injected monotonic clock.

Every deadline is absolute, in clock nanoseconds, and chained: an interval that
ends on time starts the next at its planned deadline, not at the moment the
clock was read, so lateness never accumulates. A pause moves every later
deadline by its length; skip, back and finish_set restart the chain at "now".
The engine knows nothing of who listens: it calls its listeners in order.
The state and its reads (time left, what comes next) are `SessionState`'s.
"""

from __future__ import annotations

from evenside.engine.clock import NS_PER_MS
from evenside.engine.cue_plan import Speech
from evenside.engine.cue_schedule import schedule_cues
from evenside.engine.events import (
    CueDue,
    CueKind,
    IntervalEnded,
    IntervalStarted,
    IntervalStatus,
    Paused,
    Resumed,
    SessionEnded,
    SessionStatus,
    Skipped,
    reps_counted,
)
from evenside.engine.session_state import SessionState

BACK_THRESHOLD_MS = 3_000
"""Back within this long of an interval's start goes to the previous interval (long enough
to read the screen and press b after an interval changed under you)."""
MIN_REMAINING_MS = 1_000
"""Taking time off never leaves less than this in the interval."""


class Session(SessionState):
    """A routine being played: current interval, time left, pause, and the operations on them."""

    # --------------------------------------------------------------- the chain
    def start(self) -> None:
        """Begin with the first interval (an empty timeline completes at once)."""
        if self._started:
            return
        self._started = True
        self._t0_ns = self._clock()
        self._begin(0, self._t0_ns)
        self.update()

    def update(self, until_ns: int | None = None) -> None:
        """Emit every cue and boundary due up to now (or up to the clock reading
        `until_ns`, when given and earlier), in deadline order."""
        if not self._started or self.finished or self.paused:
            return
        now = self._clock() if until_ns is None else min(until_ns, self._clock())
        while self.current is not None and not self.paused:
            end = self._end_ns
            if self._pending and self._pending[0][0] <= now:
                # Cues sit strictly inside an interval, so they always come before its end.
                deadline, cue = self._pending.pop(0)
                self._fire(cue, deadline)
            elif end is not None and end <= now:
                self._end(IntervalStatus.DONE, end)
                self._begin(self.current.index + 1, end)
            else:
                break

    def _fire(self, cue: CueKind, deadline_ns: int) -> None:
        assert self.current is not None
        if cue is CueKind.HALFWAY:
            self._halfway_fired = True
        self._emit(CueDue(cue, self.current, self._ms(deadline_ns), self._now_ms()))

    def _begin(self, index: int, start_ns: int) -> None:
        """Start interval `index` at clock reading `start_ns`; past the last, end (`at_end`)."""
        intervals = self.timeline.intervals
        if index >= len(intervals):
            self.current = None
            self._pending = []
            status = SessionStatus.at_end(self._results, bool(self.timeline.work()))
            if intervals and status is SessionStatus.COMPLETED:
                self._emit(CueDue(CueKind.DONE, intervals[-1], self._ms(start_ns), self._now_ms()))
            self._finish(status, start_ns)
            return
        interval = intervals[index]
        self.current = interval
        self._start_ns = start_ns
        self._halfway_fired = False
        duration = interval.duration_ms
        self._end_ns = None if duration is None else start_ns + duration * NS_PER_MS
        self._interval_speech = self.speech
        self._pending = schedule_cues(interval, start_ns, self.speech)
        self._emit(IntervalStarted(interval, self._ms(start_ns), self._now_ms()))

    def _end(self, status: IntervalStatus, at_ns: int) -> None:
        """End the current interval with `status`; `at_ns` is when it was meant to end."""
        interval = self.current
        assert interval is not None
        worked_ms = max(0, at_ns - self._start_ns) // NS_PER_MS
        event = IntervalEnded(
            interval,
            self._ms(at_ns),
            self._now_ms(),
            status,
            worked_ms,
            reps_counted(interval, status, worked_ms),
        )
        self._pending = []
        self._results.append(event)
        self._emit(event)

    def _finish(self, status: SessionStatus, at_ns: int) -> None:
        self.current = None
        self._end_ns = None
        self._pending = []
        self.finished = True
        self._finished_ns = at_ns
        self.status = status
        self.paused = False
        played_ms = self._ms(at_ns - self._paused_total_ns)
        self._emit(SessionEnded(status, self._ms(at_ns), self._now_ms(), played_ms))

    def _playing(self) -> bool:
        """Bring the session up to date; True when there is an interval to act on."""
        if not self._started or self.finished:
            return False
        self.update()
        self._settle_pause()
        return self.current is not None

    # ---------------------------------------------------------------- operations
    def pause(self) -> None:
        """Freeze the interval; nothing is due until `resume`."""
        if self.paused or not self._playing():
            return
        assert self.current is not None
        now = self._clock()
        self.paused = True
        self._anchor_ns = now
        self._pause_began_ns = now
        self._emit(Paused(self.current, self._ms(now), self._now_ms()))

    def pause_since(self, began_ns: int) -> None:
        """Pause as if `pause` had been called at the clock reading `began_ns` (in the past).

        For a gap in the process's own run time (SIGSTOP, a stalled machine): what
        was due before the gap happens, then the interval freezes where it was when
        the gap began, so nothing that fell due in the gap counts as done. The
        Paused event's planned time is `began_ns`, its actual time now.
        """
        if self.paused or not self._started or self.finished:
            return
        self.update(until_ns=began_ns)
        if self.current is None or self.paused:
            return
        began = max(began_ns, self._start_ns)
        self.paused = True
        self._anchor_ns = began
        self._pause_began_ns = began
        self._emit(Paused(self.current, self._ms(began), self._now_ms()))

    def resume(self) -> None:
        """Carry on; every later deadline has moved by the length of the pause."""
        if not self.paused or not self._playing():
            return
        assert self.current is not None
        now = self._anchor_ns
        self.paused = False
        paused_ms = (now - self._pause_began_ns) // NS_PER_MS
        self._emit(Resumed(self.current, self._ms(now), self._now_ms(), paused_ms))
        # Opening cues of an interval entered while paused are due now.
        self.update()

    def toggle_pause(self) -> None:
        """Pause when playing, resume when paused."""
        if self.paused:
            self.resume()
        else:
            self.pause()

    def skip(self) -> None:
        """End the current interval as skipped and start the next one now."""
        if not self._playing():
            return
        assert self.current is not None
        now = self._effective_now()
        self._emit(Skipped(self.current, self._ms(now), self._now_ms()))
        self._end(IntervalStatus.SKIPPED, now)
        self._begin(self.current.index + 1, now)
        self.update()

    def back(self) -> None:
        """Restart the current interval, or the previous one within `BACK_THRESHOLD_MS`."""
        if not self._playing():
            return
        assert self.current is not None
        index = self.current.index
        if self.elapsed_ms() < BACK_THRESHOLD_MS and index > 0:
            index -= 1
        now = self._effective_now()
        self._end(IntervalStatus.PARTIAL, now)
        self._begin(index, now)
        self.update()

    def adjust(self, delta_ms: int) -> None:
        """Add (or, negative, take) time from the current timed interval; at least 1 s stays."""
        if not self._playing() or self._end_ns is None:
            return
        assert self.current is not None
        now = self._effective_now()
        end = max(self._end_ns + delta_ms * NS_PER_MS, now + MIN_REMAINING_MS * NS_PER_MS)
        self._end_ns = end
        # Cues are planned again for the new length; those already heard stay heard.
        duration_ms = (end - self._start_ns) // NS_PER_MS
        self._pending = schedule_cues(
            self.current,
            self._start_ns,
            self._interval_speech,
            duration_ms=duration_ms,
            after_ns=self._heard_until(now),
            halfway_heard=self._halfway_fired,
        )
        self.update()

    def _heard_until(self, now: int) -> int:
        """The clock reading up to which the current interval's cues have come due: `now`,
        or just before the first cue still waiting when that one is not yet heard (an
        interval skipped into while paused opens at the resume, its first cue at `now`)."""
        if self._pending and self._pending[0][0] <= now:
            return self._pending[0][0] - 1
        return now

    def set_speech(self, speech: Speech) -> None:
        """Plan the rest of the session with `speech` (the voice went off or on): the cues
        of the interval in progress still to come, from now, and every later interval.

        With no words, the beeps and ticks that gave way to them come back; with words
        again, they give way to what is still to be said. The opening words of the
        interval in progress are not said again, so nothing gives way to them. Costs one
        `plan_cues` of one interval: safe on the timing path.
        """
        self.speech = speech
        if not self._playing():
            return  # not started (each interval is planned as it begins) or finished
        assert self.current is not None
        now = self._effective_now()
        self._interval_speech = speech.without_opening(self.current.index)
        self._pending = schedule_cues(
            self.current,
            self._start_ns,
            self._interval_speech,
            duration_ms=self.duration_ms(),
            after_ns=self._heard_until(now),
            halfway_heard=self._halfway_fired,
        )
        self.update()

    def finish_set(self) -> None:
        """End an untimed set of reps as done (it has no deadline of its own)."""
        if not self._playing() or self._end_ns is not None:
            return
        assert self.current is not None
        now = self._effective_now()
        self._end(IntervalStatus.DONE, now)
        self._begin(self.current.index + 1, now)
        self.update()

    def stop(self) -> None:
        """End the session now: the current interval is partial, the session stopped."""
        if self.finished:
            return
        if not self._started:
            self._started = True
            self._t0_ns = self._clock()
            self._finish(SessionStatus.STOPPED, self._t0_ns)
            return
        self.update()
        self._settle_pause()
        if self.finished:
            return
        now = self._effective_now()
        if self.current is not None:
            self._end(IntervalStatus.PARTIAL, now)
        self._finish(SessionStatus.STOPPED, now)
