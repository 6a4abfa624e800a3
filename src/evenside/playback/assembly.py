"""Provides the wiring of a played routine: its session and everything that listens to it.

Listeners are called in the order they are attached, for every event, at the
moment it happens: put the time-critical ones (sound) first. Sound and history
attach through `ListenerFactory`s, each given the session and the options.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from evenside.engine.clock import Clock, monotonic_clock
from evenside.engine.events import Listener
from evenside.engine.session import Session
from evenside.engine.timeline import SideChooser, expand, left_on_tie
from evenside.playback.options import PlayOptions
from evenside.playback.trace import TraceWriter
from evenside.routine.model import Routine

ListenerFactory = Callable[[Session, PlayOptions], Listener | None]
"""Builds a listener for a session about to start (None: nothing to attach)."""

DEFAULT_FACTORIES: tuple[ListenerFactory, ...] = ()
"""Attached to every played session before anything else (the sound and history layers)."""


@dataclass
class PlayerSetup:
    """A session ready to start, with its listeners attached."""

    session: Session
    """The session to drive (with a `SessionRunner`)."""
    options: PlayOptions
    """How it is played."""
    listeners: list[Listener] = field(default_factory=list)
    """Every listener attached, in call order."""
    closers: list[Callable[[], None]] = field(default_factory=list)
    """Called by `close`, last attached first (files, sound devices)."""

    def attach(self, listener: Listener, close: Callable[[], None] | None = None) -> None:
        """Subscribe `listener`; `close` runs when the setup is closed."""
        self.session.subscribe(listener)
        self.listeners.append(listener)
        if close is not None:
            self.closers.append(close)

    def close(self) -> None:
        """Release what the listeners hold; safe to call twice."""
        while self.closers:
            self.closers.pop()()


def wire_session(
    session: Session,
    options: PlayOptions,
    *,
    listeners: Sequence[Listener] = (),
    factories: Sequence[ListenerFactory] | None = None,
) -> PlayerSetup:
    """Attach to `session`, in order: the factories' listeners, `listeners`, the trace.

    `factories` defaults to `DEFAULT_FACTORIES`. The TUI calls this from its
    session hook. Raises OSError when the trace file cannot be created.
    """
    # Opened first, so a bad trace path fails before any sound device is opened.
    writer = TraceWriter(options.trace) if options.trace is not None else None
    setup = PlayerSetup(session, options)
    for factory in DEFAULT_FACTORIES if factories is None else factories:
        listener = factory(session, options)
        if listener is not None:
            closer = getattr(listener, "close", None)
            setup.attach(listener, closer if callable(closer) else None)
    for listener in listeners:
        setup.attach(listener)
    if writer is not None:
        setup.attach(writer, writer.close)
    return setup


def build_player(
    routine: Routine,
    options: PlayOptions,
    *,
    listeners: Sequence[Listener] = (),
    factories: Sequence[ListenerFactory] | None = None,
    clock: Clock = monotonic_clock,
    choose: SideChooser = left_on_tie,
) -> PlayerSetup:
    """Expand `routine` into a new session and wire it (see `wire_session`)."""
    session = Session(expand(routine, choose), clock)
    return wire_session(session, options, listeners=listeners, factories=factories)
