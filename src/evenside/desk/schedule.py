"""Provides the desk-break schedule: when the next break is due, snoozes, skips and today's count.

Due times live on the injected monotonic clock, so a wall-clock jump (a time
zone change, NTP, the user setting the clock) never moves them; the wall clock
is only asked for the local date, to reset the daily count at local midnight.
A break is a single due/not-due state, never a queue: however long the machine
sat idle or suspended, at most one break is due, and the next one is counted
from the moment the last one ended.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from evenside.engine.clock import NS_PER_MS, Clock, monotonic_clock

SNOOZE_MS = 10 * 60 * 1000
DEFAULT_EVERY_MS = 55 * 60 * 1000
DEFAULT_GOAL = 8

LocalDate = Callable[[], date]
"""The wall clock, asked only for today's local date."""


class ReminderState(StrEnum):
    """Where the reminder is."""

    WAITING = "waiting"
    """Counting down to the next break."""
    DUE = "due"
    """A break is due and the person has not answered yet."""
    IN_BREAK = "in_break"
    """The break routine is playing; the countdown is held until it ends."""


@dataclass(frozen=True)
class DailyCount:
    """Breaks taken and skipped on one local day, against the goal."""

    day: date
    """The local date counted."""
    taken: int
    """Breaks taken (routine played)."""
    skipped: int
    """Breaks skipped with `x`."""
    goal: int
    """How many breaks the person aims for in a day."""

    @property
    def goal_met(self) -> bool:
        """True once the breaks taken reach the goal."""
        return self.taken >= self.goal


class ReminderSchedule:
    """A pure break schedule driven by an injected monotonic clock (ns) and a local-date source."""

    def __init__(
        self,
        every_ms: int,
        *,
        goal: int = DEFAULT_GOAL,
        clock: Clock = monotonic_clock,
        today: LocalDate = date.today,
        snooze_ms: int = SNOOZE_MS,
        taken_today: int = 0,
        skipped_today: int = 0,
    ) -> None:
        """Start waiting now; `taken_today`/`skipped_today` seed the count from the history."""
        if every_ms <= 0:
            raise ValueError("the break interval must be positive")
        if goal < 0:
            raise ValueError("the daily goal cannot be negative")
        self.every_ms = every_ms
        self.goal = goal
        self.snooze_ms = snooze_ms
        self._clock = clock
        self._today = today
        self._day = today()
        self._taken = taken_today
        self._skipped = skipped_today
        self._in_break = False
        self._snoozed = False
        self._due_at_ns = clock() + every_ms * NS_PER_MS

    # --- reading -------------------------------------------------------------

    @property
    def state(self) -> ReminderState:
        """Waiting, due, or in a break."""
        if self._in_break:
            return ReminderState.IN_BREAK
        if self._clock() >= self._due_at_ns:
            return ReminderState.DUE
        return ReminderState.WAITING

    @property
    def is_due(self) -> bool:
        """True when a break is due (one at most, however long it has been)."""
        return self.state is ReminderState.DUE

    @property
    def due_at_ns(self) -> int:
        """The monotonic clock reading at which the next break falls due."""
        return self._due_at_ns

    @property
    def snoozed(self) -> bool:
        """True while waiting out a snooze (the next break is the snoozed one)."""
        return self._snoozed and self.state is ReminderState.WAITING

    def remaining_ms(self) -> int:
        """Time to the next break; 0 once due or during a break."""
        if self._in_break:
            return 0
        return max(0, (self._due_at_ns - self._clock()) // NS_PER_MS)

    def overdue_ms(self) -> int:
        """How long the due break has waited (0 unless due)."""
        if self._in_break:
            return 0
        return max(0, (self._clock() - self._due_at_ns) // NS_PER_MS)

    def today(self) -> DailyCount:
        """Today's count; a new local day starts again from zero."""
        self._roll_day()
        return DailyCount(self._day, self._taken, self._skipped, self.goal)

    # --- answering a due break -------------------------------------------------

    def snooze(self) -> None:
        """Put the due break off by the snooze time (10 minutes) from now."""
        self._require(ReminderState.DUE, "snooze")
        self._due_at_ns = self._clock() + self.snooze_ms * NS_PER_MS
        self._snoozed = True

    def take_now(self) -> None:
        """The person wants the next break now, before it is due: it is due at once."""
        self._require(ReminderState.WAITING, "take a break now")
        self._due_at_ns = self._clock()

    def skip(self) -> None:
        """Skip the due break: it counts as skipped, and the next one is a full interval away."""
        self._require(ReminderState.DUE, "skip")
        self._roll_day()
        self._skipped += 1
        self._restart()

    def begin_break(self) -> None:
        """The person started the break routine; the countdown holds until `end_break`."""
        self._require(ReminderState.DUE, "begin a break")
        self._in_break = True

    def end_break(self, taken: bool = True) -> None:
        """The routine ended; count it when `taken`, and count the next break from now."""
        if not self._in_break:
            raise RuntimeError("no break is in progress")
        self._in_break = False
        # Count on the day the break ended: a break across midnight belongs to the new day.
        self._roll_day()
        if taken:
            self._taken += 1
        self._restart()

    # --- internals -------------------------------------------------------------

    def _restart(self) -> None:
        self._snoozed = False
        self._due_at_ns = self._clock() + self.every_ms * NS_PER_MS

    def _roll_day(self) -> None:
        day = self._today()
        if day != self._day:
            self._day = day
            self._taken = 0
            self._skipped = 0

    def _require(self, state: ReminderState, action: str) -> None:
        if self.state is not state:
            raise RuntimeError(f"cannot {action} while {self.state.value}")
