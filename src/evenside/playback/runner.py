"""Provides the session runner: one asyncio timer set to the session's exact next deadline.

No polling: the loop sleeps until the next cue or boundary (or the next whole
second of the time left, for the display), so a long hold costs almost no CPU
and a cue is never held back until a redraw. It runs inside any asyncio loop,
Textual's included.

While a session plays, the runner also wakes at least once a second. A wake-up
more than two seconds late means the process itself did not run (ctrl-z,
SIGSTOP, a stalled machine): that gap becomes a pause that began when the late
wake-up was due, so nothing that fell due while nobody was watching is counted
as done. The session then waits, paused, for the person.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from evenside.engine.clock import NS_PER_S
from evenside.engine.session import Session
from evenside.engine.timeline import Interval

HEARTBEAT_NS = NS_PER_S
"""The longest the runner sleeps while a session plays, so a gap is noticed when it ends."""
GAP_NS = 2 * NS_PER_S
"""A wake-up this late means the process did not run: a pause, never work done."""


class SessionRunner:
    """Drives a `Session` on the running asyncio loop."""

    def __init__(self, session: Session, on_second: Callable[[], None] | None = None) -> None:
        self.session = session
        """The session driven."""
        self.on_second = on_second
        """Called on each whole second of the time left, and when the interval changes."""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._handle: asyncio.TimerHandle | None = None
        self._second_ns: int | None = None
        self._due_ns: int | None = None
        self._closed = False

    def start(self) -> None:
        """Start the session (unless started already) and set the first timer."""
        self._loop = asyncio.get_running_loop()
        self._closed = False
        if not self.session.started:
            self.session.start()
        self._schedule()

    def poke(self) -> None:
        """Bring the session up to date and set the timer again (call after any operation)."""
        if self._loop is None or self._closed:
            return
        self.session.update()
        self._schedule()

    def post(self, call: Callable[[], None]) -> None:
        """Run `call` on the runner's loop, from any thread (a background writer's news);
        at once when the runner is not running on a loop."""
        loop = self._loop
        if loop is None or self._closed or loop.is_closed():
            call()
            return
        try:
            loop.call_soon_threadsafe(call)
        except RuntimeError:
            call()  # the loop closed in between

    def close(self) -> None:
        """Cancel the timer; the session is left as it is."""
        self._closed = True
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _next_second_ns(self, now: int) -> int | None:
        """The clock reading of the next whole second of the interval's time left.

        For an untimed set (no time left to count down) it is the next whole
        second of the time spent, so a count-up display moves too.
        """
        session = self.session
        if session.paused or session.current is None:
            return None
        remaining = session.remaining_ns()
        if remaining is not None:
            if remaining <= 0:
                return None
            step = remaining % NS_PER_S or NS_PER_S
        else:
            step = NS_PER_S - session.elapsed_ns() % NS_PER_S
        return now + step

    def _schedule(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        loop = self._loop
        if loop is None or self._closed or self.session.finished:
            return
        session = self.session
        now = session.clock()
        deadline = session.next_deadline_ns()
        self._second_ns = self._next_second_ns(now) if self.on_second else None
        playing = session.current is not None and not session.paused
        heartbeat = now + HEARTBEAT_NS if playing else None
        targets = [t for t in (deadline, self._second_ns, heartbeat) if t is not None]
        if not targets:
            self._due_ns = None
            return
        self._due_ns = min(targets)
        # The session clock and the loop's clock are both monotonic; convert by offset.
        delay_s = max(0, self._due_ns - now) / NS_PER_S
        self._handle = loop.call_at(loop.time() + delay_s, self._wake)

    def _wake(self) -> None:
        self._handle = None
        session = self.session
        before: Interval | None = session.current
        due = self._due_ns
        try:
            if due is not None and session.clock() - due > GAP_NS:
                session.pause_since(due)
            session.update()
            if self.on_second is not None:
                second_due = self._second_ns is not None and session.clock() >= self._second_ns
                changed = session.current is not before or session.paused
                if second_due or changed or session.finished:
                    self.on_second()
        finally:
            # A failing listener or display must not stop the clock.
            self._schedule()
