"""Provides the monotonic clocks the engine runs on: the real one and a fake for tests."""

from __future__ import annotations

import time
from typing import Protocol

NS_PER_MS = 1_000_000
NS_PER_S = 1_000_000_000


class Clock(Protocol):
    """A monotonic clock in integer nanoseconds (it never goes back, and stops in suspend)."""

    def __call__(self) -> int:
        """The current reading."""
        ...


def monotonic_clock() -> int:
    """The real clock: CLOCK_MONOTONIC, so a laptop suspend does not count as time."""
    return time.monotonic_ns()


class FakeClock:
    """A clock that moves only when told, so a 30-minute routine runs in milliseconds."""

    def __init__(self, start_ns: int = 1_000 * NS_PER_S) -> None:
        self.now_ns = start_ns

    def __call__(self) -> int:
        return self.now_ns

    def advance(self, seconds: float) -> None:
        """Move forward by `seconds` (rounded to the nanosecond)."""
        if seconds < 0:
            raise ValueError("a monotonic clock cannot go back")
        self.now_ns += round(seconds * NS_PER_S)

    def advance_ms(self, ms: int) -> None:
        """Move forward by a whole number of milliseconds, exactly."""
        if ms < 0:
            raise ValueError("a monotonic clock cannot go back")
        self.now_ns += ms * NS_PER_MS
