"""Provides `SessionState`: what a session holds (the interval in progress, its deadlines,
the pause) and the reads of it: time left, time done, what comes next.

`Session` (session.py) adds the chain of intervals and the operations on it;
this half only reads the clock and the state, and calls the listeners.
Deadlines are absolute clock readings in nanoseconds; while paused, "now" for
the interval is frozen at the moment the pause began.
"""

from __future__ import annotations

from collections.abc import Callable

from evenside.engine.clock import NS_PER_MS, Clock
from evenside.engine.cue_plan import NO_SPEECH, Speech
from evenside.engine.cue_schedule import PendingCues
from evenside.engine.events import IntervalEnded, Listener, SessionEvent, SessionStatus
from evenside.engine.timeline import Interval, Timeline


class SessionState:
    """A routine being played: current interval, time left, pause, and the reads of them."""

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
        self._pending: PendingCues = []
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
        start, so beeps and ticks are planned around the words (`cue_plan`); `set_speech`
        changes it mid-session."""
        # What the interval in progress was planned with (+/-10 s plans it again alike).
        self._interval_speech: Speech = NO_SPEECH

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
