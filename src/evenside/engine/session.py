"""Provides the session state machine: a timeline played against an injected monotonic clock.

Every deadline is absolute, in clock nanoseconds, and chained: an interval that
ends on time starts the next at its planned deadline, not at the moment the
clock was read, so lateness never accumulates. A pause moves every later
deadline by its length; skip, back and finish_set restart the chain at "now".
The engine knows nothing of who listens: it calls its listeners in order.
"""

from __future__ import annotations

from collections.abc import Callable

from evenside.engine.clock import NS_PER_MS, Clock
from evenside.engine.cue_plan import NO_SPEECH, Speech, plan_cues
from evenside.engine.events import (
    CueDue,
    CueKind,
    IntervalEnded,
    IntervalStarted,
    IntervalStatus,
    Listener,
    Paused,
    Resumed,
    SessionEnded,
    SessionEvent,
    SessionStatus,
    Skipped,
    reps_counted,
)
from evenside.engine.timeline import Interval, Timeline

BACK_THRESHOLD_MS = 3_000
"""Back within this long of an interval's start goes to the previous interval (long enough
to read the screen and press b after an interval changed under you)."""
MIN_REMAINING_MS = 1_000
"""Taking time off never leaves less than this in the interval."""


class Session:
    """A routine being played: current interval, time left, pause, and the operations on them."""

    def __init__(self, timeline: Timeline, clock: Clock) -> None:
        self.timeline = timeline
        """The intervals played, in order."""
        self.current: Interval | None = None
        """The interval in progress; None before start and once finished."""
        self.paused = False
        """True while paused."""
        self.finished = False
        """True once the session ended (completed or stopped)."""
        self.status: SessionStatus | None = None
        """How it ended, once finished."""
        self._clock = clock
        self._listeners: list[Listener] = []
        self._results: list[IntervalEnded] = []
        self._started = False
        self._t0_ns = 0
        self._start_ns = 0
        self._end_ns: int | None = None
        self._pending: list[tuple[int, CueKind]] = []
        self._halfway_fired = False
        # While paused, `_anchor_ns` is the clock reading up to which the pause has
        # already been applied to the deadlines; `_pause_began_ns` is when it began.
        self._anchor_ns = 0
        self._pause_began_ns = 0
        self._paused_total_ns = 0
        self._finished_ns = 0
        self.listener_errors: list[tuple[SessionEvent, Exception]] = []
        """Every exception a listener raised, with the event it was handling."""
        self.on_listener_error: Callable[[SessionEvent, Exception], None] | None = None
        """Called with each listener failure (the player shows it once)."""
        self.speech: Speech = NO_SPEECH
        """How long the spoken openings and counts play, set by the sound layer before the
        start, so beeps and ticks are planned around the words (`cue_plan`)."""

    # ----------------------------------------------------------------- listeners
    def subscribe(self, listener: Listener) -> None:
        """Call `listener` for every later event, after the ones subscribed before it."""
        self._listeners.append(listener)

    def _emit(self, event: SessionEvent) -> None:
        for listener in self._listeners:
            try:
                listener(event)
            except Exception as error:
                # One failing listener (a full disk under the history, a closed pipe)
                # must not leave the session half-way through a boundary: the state is
                # already updated, so note the failure and carry on with the others.
                self.listener_errors.append((event, error))
                if self.on_listener_error is not None:
                    self.on_listener_error(event, error)

    # --------------------------------------------------------------------- time
    def _ms(self, clock_ns: int) -> int:
        """A clock reading as milliseconds since the session started."""
        return (clock_ns - self._t0_ns) // NS_PER_MS

    def _now_ms(self) -> int:
        # Read afresh for each event, so a slow listener shows up as lateness.
        return self._ms(self._clock())

    def _effective_now(self) -> int:
        """The clock reading the current interval lives at (frozen while paused)."""
        return self._anchor_ns if self.paused else self._clock()

    def _settle_pause(self) -> None:
        """Apply the pause so far to every deadline, so that "now" is the real clock again."""
        if not self.paused:
            return
        now = self._clock()
        shift = now - self._anchor_ns
        self._anchor_ns = now
        if shift:
            self._paused_total_ns += shift
            self._start_ns += shift
            if self._end_ns is not None:
                self._end_ns += shift
            self._pending = [(deadline + shift, cue) for deadline, cue in self._pending]

    # -------------------------------------------------------------------- state
    @property
    def clock(self) -> Clock:
        """The clock the session runs on (a runner converts its deadlines with it)."""
        return self._clock

    @property
    def started(self) -> bool:
        """True once `start` (or `stop`) was called."""
        return self._started

    def remaining_ms(self) -> int | None:
        """Time left in the current interval; None for an untimed set or when not playing."""
        if self.current is None or self._end_ns is None:
            return None
        return max(0, self._end_ns - self._effective_now()) // NS_PER_MS

    def remaining_ns(self) -> int | None:
        """Like `remaining_ms`, in nanoseconds (the runner finds whole seconds with it)."""
        if self.current is None or self._end_ns is None:
            return None
        return max(0, self._end_ns - self._effective_now())

    def elapsed_ms(self) -> int:
        """Time spent in the current interval, pauses excluded."""
        return self.elapsed_ns() // NS_PER_MS

    def elapsed_ns(self) -> int:
        """Like `elapsed_ms`, in nanoseconds."""
        if self.current is None:
            return 0
        return max(0, self._effective_now() - self._start_ns)

    def current_rep(self) -> int | None:
        """Which rep of a timed set is under way (1 to reps); None outside timed reps."""
        if self.current is None:
            return None
        return self.current.rep_at(self.elapsed_ms())

    def duration_ms(self) -> int | None:
        """The current interval's length as adjusted by +/-10 s; None when untimed."""
        if self.current is None or self._end_ns is None:
            return None
        return (self._end_ns - self._start_ns) // NS_PER_MS

    def routine_remaining_ms(self) -> int:
        """Timed time left in the whole routine (untimed sets count as zero)."""
        if self.current is None:
            return 0 if self._started else self.timeline.total_ms
        later = self.timeline.intervals[self.current.index + 1 :]
        return (self.remaining_ms() or 0) + sum(i.duration_ms or 0 for i in later)

    def session_elapsed_ms(self) -> int:
        """Time since start, pauses excluded."""
        if not self._started:
            return 0
        now = self._finished_ns if self.finished else self._effective_now()
        return self._ms(now - self._paused_total_ns)

    def upcoming(self) -> Interval | None:
        """The interval after the current one, if any."""
        if self.current is None:
            return None if self._started else next(iter(self.timeline.intervals), None)
        following = self.current.index + 1
        intervals = self.timeline.intervals
        return intervals[following] if following < len(intervals) else None

    def results(self) -> list[IntervalEnded]:
        """Every interval ended so far, in order (a summary reads this)."""
        return list(self._results)

    def next_deadline_ns(self) -> int | None:
        """The clock reading at which `update` next has work; None when there is none."""
        if self.paused or self.current is None:
            return None
        candidates = [deadline for deadline, _ in self._pending[:1]]
        if self._end_ns is not None:
            candidates.append(self._end_ns)
        return min(candidates) if candidates else None

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
        self._pending = [
            (start_ns + offset * NS_PER_MS, cue)
            for offset, cue in plan_cues(interval, speech=self.speech)
        ]
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
        self._emit(SessionEnded(status, self._ms(at_ns), self._now_ms()))

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
        self._pending = [
            (self._start_ns + offset * NS_PER_MS, cue)
            for offset, cue in plan_cues(self.current, duration_ms, self.speech)
            if self._start_ns + offset * NS_PER_MS > now
            and not (cue is CueKind.HALFWAY and self._halfway_fired)
        ]
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
