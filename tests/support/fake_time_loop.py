"""Provides an asyncio event loop whose time is a FakeClock: waiting moves the clock, never sleeps.

The loop reads `loop.time()` from the fake clock, and when it would block until
its next timer it moves the clock to that timer instead. So `call_at`,
`call_later` and `asyncio.sleep` fire at exactly their deadline, a stalled
machine changes nothing, and every wait is recorded in `wakes` so a test can
tell a timer set to the deadline from a poll. A loop that keeps turning without
time moving (a timer set again and again for "now") fails instead of hanging.
"""

from __future__ import annotations

import asyncio
import selectors
from collections.abc import Iterator
from contextlib import contextmanager

from evenside.engine.clock import NS_PER_S, FakeClock

SPIN_LIMIT = 10_000
"""Turns of the loop in a row without a wait before it counts as spinning."""


class _FakeTimeSelector(selectors.DefaultSelector):
    """A real selector (for the loop's own wake-up pipe) that waits in fake time."""

    def __init__(self, clock: FakeClock, wakes: list[int]) -> None:
        super().__init__()
        self._clock = clock
        self._wakes = wakes
        self._turns_without_wait = 0

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        if timeout is None:
            # Nothing scheduled and nothing ready: a real loop would hang here.
            raise RuntimeError("the loop would wait forever: no timer is set")
        if timeout > 0:
            self._clock.advance(timeout)
            self._wakes.append(self._clock())
            self._turns_without_wait = 0
        else:
            self._turns_without_wait += 1
            if self._turns_without_wait > SPIN_LIMIT:
                raise RuntimeError(f"the loop turned {SPIN_LIMIT} times while time stood still")
        return super().select(0)


class FakeTimeLoop(asyncio.SelectorEventLoop):
    """An event loop on `clock`: it jumps from timer to timer without sleeping."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        """The fake clock that is this loop's time."""
        self.wakes: list[int] = []
        """The clock readings at which the loop woke from a wait for a timer, in order."""
        super().__init__(_FakeTimeSelector(clock, self.wakes))

    def time(self) -> float:
        return self.clock() / NS_PER_S

    def wakes_after(self, start_ns: int) -> list[float]:
        """The wake-ups as seconds after the clock reading `start_ns`."""
        return [(wake - start_ns) / NS_PER_S for wake in self.wakes]


@contextmanager
def fake_time_loop(clock: FakeClock) -> Iterator[FakeTimeLoop]:
    """A fresh `FakeTimeLoop` on `clock`, closed afterwards."""
    loop = FakeTimeLoop(clock)
    try:
        yield loop
    finally:
        loop.close()
