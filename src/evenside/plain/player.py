"""Provides `--plain`: a routine played as one readable line per event, for a dumb terminal,
a screen reader or a log, on time, with the TUI's keys (`controls.py`) and ctrl-c stopping cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from typing import TextIO

from evenside.engine.events import (
    CueDue,
    CueKind,
    IntervalEnded,
    IntervalStarted,
    IntervalStatus,
    Paused,
    Resumed,
    SessionEnded,
    SessionEvent,
    SessionStatus,
)
from evenside.engine.session import Session
from evenside.engine.timeline import Interval, IntervalKind
from evenside.plain.controls import PlainControls, RatePain, keys_help
from evenside.plain.keys import (
    KeyDecoder,
    KeyReader,
    has_typist,
    single_keys,
    single_keys_again,
)
from evenside.playback.assembly import PlayedSession
from evenside.routine.model import Side
from evenside.terminal_text import safe_text
from evenside.wording import (
    KIND_WORDS,
    UNTIMED_HINT,
    clock_done,
    length_done,
    length_to_go,
    rep_count_words,
    reps_words,
    seconds_to_go,
    set_words,
    side_words,
    switch_words,
    transition_words,
)

EXIT_NO_INPUT = 1
SO_FAR_S = 15
"""How often an untimed set says how long it has taken."""
STALL_MS = 1_000
"""A pause dated this much before it was noticed was a gap in the process's run time."""
"""Stopped because stdin closed while an untimed set waited for Enter."""


def exercise_label(interval: Interval) -> str:
    """The exercise and its side: "Lunge, LEFT side" (capitals stand in for the side's colour)."""
    name = safe_text(interval.exercise or "exercise")
    return f"{name}, {side_words(interval.side, capitals=True)}" if interval.side else name


def _with_cue(text: str, cue: str | None) -> str:
    return f"{text}. {safe_text(cue)}" if cue else text


class PlainPrinter:
    """A session listener writing one line per event (cues that a start line says are left out)."""

    def __init__(
        self, session: Session, out: TextIO, on_closed: Callable[[], None] | None = None
    ) -> None:
        self.session = session
        """The session, for the time left when a countdown beep is due."""
        self.out = out
        """Where lines go; flushed per line."""
        self.on_closed = on_closed
        """Called once when `out` is gone (e.g. piped into `head`)."""
        self.closed = False
        """True once writing failed: nothing more is written."""

    def __call__(self, event: SessionEvent) -> None:
        text = self.describe(event)
        if text is not None:
            self._write(event.actual_ms, text)

    def say(self, text: str) -> None:
        """A line of the player's own (a key's effect), stamped with the session's time."""
        self._write(self.session.session_elapsed_ms(), text)

    def _write(self, at_ms: int, text: str) -> None:
        if self.closed:
            return
        try:
            self.out.write(f"{clock_done(at_ms):>7}  {text}\n")
            self.out.flush()
        except (BrokenPipeError, ValueError):
            # The reader went away (`| head`): stop writing, and stop the session cleanly.
            self.closed = True
            if self.on_closed is not None:
                self.on_closed()

    def describe(self, event: SessionEvent) -> str | None:
        """The line for `event`, or None when it adds nothing to the lines around it."""
        if isinstance(event, IntervalStarted):
            return self._started(event.interval)
        if isinstance(event, IntervalEnded):
            return self._ended(event)
        if isinstance(event, CueDue):
            return self._cue(event)
        if isinstance(event, Paused):
            gap_ms = stalled_ms(event)
            if gap_ms:
                return (
                    f"paused: evenside did not run for {length_done(gap_ms)} (stopped or "
                    "suspended), so that time is not counted. Press Enter to carry on."
                )
            return "paused"
        if isinstance(event, Resumed):
            return f"resumed after {length_done(event.paused_ms)}"
        if isinstance(event, SessionEnded):
            taken = clock_done(self.session.session_elapsed_ms())
            if event.status is SessionStatus.COMPLETED:
                return f"routine complete, {taken}"
            return f"stopped after {taken}"
        return None  # Skipped: the interval's end line says it.

    def _started(self, interval: Interval) -> str:
        length = length_to_go(interval.duration_ms or 0)
        kind = interval.kind
        if kind is IntervalKind.PREP:
            return f"{KIND_WORDS[kind]} ({length}): first {exercise_label(interval)}"
        if kind is IntervalKind.SWITCH:
            return f"{switch_words(interval.side, capitals=True)} ({length})"
        if kind is IntervalKind.TRANSITION:
            # "Get into position: Kneeling lunge, LEFT side (5 s)"
            side = f", {side_words(interval.side, capitals=True)}" if interval.side else ""
            return f"{safe_text(transition_words(interval))}{side} ({length})"
        if kind is IntervalKind.REST:
            text = f"{KIND_WORDS[kind]} {length}"
            following = self.session.timeline.next_work_after(interval.index)
            if following is not None and following.exercise:
                text += f", next: {safe_text(following.exercise)}"
            return _with_cue(text, interval.cue)
        label = ", ".join(p for p in (exercise_label(interval), set_words(interval)) if p)
        if interval.reps is None:
            return _with_cue(f"{label}: hold {length}", interval.cue)
        if interval.tempo_ms:
            each = length_to_go(interval.tempo_ms)
            what = f"{reps_words(interval.reps)}, one every {each} ({length})"
            return _with_cue(f"{label}: {what}", interval.cue)
        text = _with_cue(f"{label}: {reps_words(interval.reps)}", interval.cue)
        return f"{text}. {UNTIMED_HINT}"

    def _ended(self, event: IntervalEnded) -> str | None:
        interval = event.interval
        work = interval.kind is IntervalKind.WORK
        label = exercise_label(interval) if work else interval.kind.value
        if event.status is IntervalStatus.SKIPPED:
            return f"skipped: {label}"
        if event.status is IntervalStatus.PARTIAL:
            return f"cut short: {label} after {length_done(event.worked_ms)}"
        if not work:
            return None  # the next start line says a prep, switch or rest is over
        if interval.reps is not None and not interval.timed:
            # An untimed set: the reps and how long they took.
            reps = reps_words(event.reps_done or 0)
            return f"done: {label} ({reps} in {length_done(event.worked_ms)})"
        if interval.reps is not None:
            return f"done: {label} ({reps_words(event.reps_done or 0)})"
        return f"done: {label} ({length_done(event.worked_ms)})"

    def _cue(self, event: CueDue) -> str | None:
        if event.cue is CueKind.COUNTDOWN:
            return str(seconds_to_go(self.session.remaining_ms() or 0))
        if event.cue is CueKind.HALFWAY:
            return "halfway"
        rep = self.session.current_rep()
        if event.cue is CueKind.TICK and rep is not None and event.interval.reps:
            return rep_count_words(rep, event.interval.reps)
        return None


def stalled_ms(event: Paused) -> int:
    """How long the process did not run before this pause, when a gap caused it (0 when
    the person paused): the runner dates such a pause from when the gap began."""
    late = event.actual_ms - event.planned_ms
    return late if late > STALL_MS else 0


async def play_plain(played: PlayedSession, out: TextIO, stdin_fd: int | None = 0) -> int:
    """Play `played`'s session with plain lines on `out`, taking keys from `stdin_fd`.

    Returns 0 when completed or stopped, 128 + the signal's number when stopped
    by ctrl-c or SIGTERM, 1 when an untimed set waits and stdin has closed.
    """
    loop = asyncio.get_running_loop()
    session = played.session
    ended: asyncio.Future[SessionEnded] = loop.create_future()
    runner = played.runner
    exit_code = 0
    stdin_closed = stdin_fd is None

    def stop(code: int, message: str | None = None) -> None:
        nonlocal exit_code
        if session.finished:
            return
        exit_code = code
        if message:
            with contextlib.suppress(BrokenPipeError, ValueError):
                out.write(f"{message}\n")
                out.flush()
        session.stop()
        runner.poke()

    def output_closed() -> None:
        # Not from inside the session's own emit: stopping there would nest events.
        loop.call_soon(stop, 0)

    printer = PlainPrinter(session, out, output_closed)

    with single_keys(stdin_fd) as single:
        controls = PlainControls(
            session,
            runner,
            printer.say,
            lambda: stop(0),
            played.sound,
            single=single,
            rate=_pain_before(played),
        )

        def check_input() -> None:
            if stdin_closed and controls.waiting_for_enter():
                stop(EXIT_NO_INPUT, "stdin is closed, so nothing can finish this set: stopping")

        def on_key(key: str) -> None:
            controls.press(key)
            if session.finished and reader is not None:
                reader.stop()  # what follows in stdin is for the questions after the session

        def on_eof() -> None:
            nonlocal stdin_closed
            stdin_closed = True
            controls.cancel_question()
            carry_on()

        def carry_on() -> None:
            if stdin_closed and session.paused:
                # No one can press Enter: carry on at once (a gap stays a pause).
                session.resume()
                runner.poke()
            check_input()

        so_far: list[asyncio.TimerHandle] = []

        def say_so_far(interval: Interval) -> None:
            """Every SO_FAR_S of an untimed set: how long it has taken (it counts up)."""
            so_far.clear()
            if session.current is not interval:
                return
            if not session.paused:
                elapsed = clock_done(session.elapsed_ms())
                printer.say(f"{exercise_label(interval)}: {elapsed} so far")
            so_far.append(loop.call_later(SO_FAR_S, say_so_far, interval))

        def on_event(event: SessionEvent) -> None:
            if isinstance(event, IntervalStarted | SessionEnded):
                for handle in so_far:
                    handle.cancel()
                so_far.clear()
            if isinstance(event, SessionEnded) and not ended.done():
                ended.set_result(event)
            elif isinstance(event, IntervalStarted) and not event.interval.timed:
                # Not from inside the session's own emit: stopping there would nest events.
                loop.call_soon(check_input)
                so_far.append(loop.call_later(SO_FAR_S, say_so_far, event.interval))
            elif isinstance(event, Paused) and stalled_ms(event):
                loop.call_soon(carry_on)

        played.attach(printer)
        played.attach(on_event)
        # SIGHUP too: a closed terminal stops the session like ctrl-c, the partial kept.
        signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
        for signum in signals:
            loop.add_signal_handler(signum, stop, 128 + signum)
        if single and stdin_fd is not None:
            loop.add_signal_handler(signal.SIGCONT, single_keys_again, stdin_fd)
        reader = None
        if stdin_fd is not None:
            reader = KeyReader(loop, stdin_fd, KeyDecoder(on_key, single), on_eof)
        try:
            if has_typist(stdin_fd):
                printer.say(keys_help(single))
            runner.start()
            if reader is not None and not session.finished:
                reader.start()
            await ended
        finally:
            runner.close()
            if reader is not None:
                reader.stop()
            for signum in (*signals, signal.SIGCONT):
                loop.remove_signal_handler(signum)
    return exit_code


def _pain_before(played: PlayedSession) -> RatePain | None:
    """Stores a pain-before key press with the session (None when it is not recorded)."""
    recorder = played.recorder
    if recorder is None:
        return None

    def rate(side: Side, pain: int) -> bool:
        from evenside.pain.rating import Rating, save_rating

        return save_rating(recorder, "before", Rating(side, pain))

    return rate


def run_plain(played: PlayedSession, out: TextIO, stdin_fd: int | None = 0) -> int:
    """Play in plain mode on a fresh event loop; returns the exit code."""
    return asyncio.run(play_plain(played, out, stdin_fd))
