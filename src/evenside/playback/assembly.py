"""Provides the one place a played session is put together, for every front end.

The TUI, the plain player, desk mode and the owed-sides session all ask a
`SessionAssembly` for their session: the routine expanded with the side
chooser (the side that is behind goes first), the runner, the cue player,
the history recorder and the trace, returned as the named fields of a
`PlayedSession`, whose `close` releases them all. Nothing looks a listener up
by its type afterwards.

Listeners are called in the order they are attached, for every event, at the
moment it happens: sound first (it is the time-critical one), then history,
then any front-end listeners, then the trace (so it records what the others
did). Sound and history are imported when the first session is wired, not
with this module: the player draws its first frame without them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from evenside.engine.clock import Clock, monotonic_clock
from evenside.engine.cue_plan import Speech
from evenside.engine.events import Listener
from evenside.engine.session import Session
from evenside.engine.timeline import SideChooser, expand
from evenside.playback.options import PlayOptions
from evenside.playback.runner import SessionRunner
from evenside.playback.trace import TraceWriter
from evenside.routine.model import Routine

if TYPE_CHECKING:
    # Types only: sound and history load with the first session, after the first frame.
    from evenside.audio.backends import Backend
    from evenside.audio.cue_player import CuePlayer
    from evenside.history.recorder import HistoryRecorder
    from evenside.settings import Settings

Notice = Callable[[str], None]
"""Shows a one-time message (a printed line in --plain, a toast in the TUI)."""

ExtraListener = Callable[[Session], Listener | None]
"""Builds one more listener for a session about to start (None: nothing to attach)."""


def _ignore(message: str) -> None:
    """The notice of an assembly that has nowhere to show one."""


@dataclass
class PlayedSession:
    """A session ready to play, with what listens to it as named fields."""

    session: Session
    """The session (start it through `runner`)."""
    runner: SessionRunner
    """Drives the session on the running asyncio loop."""
    options: PlayOptions
    """How it is played."""
    sound: CuePlayer | None = None
    """The cue player (None: no sound layer, as in most tests)."""
    recorder: HistoryRecorder | None = None
    """Writes the session to the history (None: not recorded)."""
    trace: TraceWriter | None = None
    """The `--trace` file's writer."""
    reasons: dict[str, str] = field(default_factory=dict)
    """Why an exercise (by id) starts on the side it does, where that is worth saying:
    the side is behind or owed."""
    _closers: list[Callable[[], None]] = field(default_factory=list, repr=False)
    _closing: bool = field(default=False, repr=False)

    def attach(self, listener: Listener, close: Callable[[], None] | None = None) -> None:
        """Subscribe a front end's `listener`; `close` runs when the session is closed."""
        self.session.subscribe(listener)
        if close is not None:
            self._closers.append(close)

    def close(self) -> None:
        """Stop the runner and release what the listeners hold, last attached first.

        Closing the recorder finishes its writes; see `unsaved` afterwards. Safe to call
        twice.
        """
        self._closing = True
        self.runner.close()
        while self._closers:
            self._closers.pop()()

    def replan(self, speech: Speech) -> None:
        """Plan the rest of the session with `speech` (the voice went off or on, or a muted
        start's words came in) and set the runner's timer to the next cue, which may now
        come sooner. Once closing, nothing: a closed runner runs a posted call on the
        thread that posts it, and the session is no longer driven."""
        if self._closing:
            return
        self.session.set_speech(speech)
        self.runner.poke()

    def wait_for_history(self) -> None:
        """Wait (a few seconds at most) until everything recorded so far is written, so a
        read on another connection (owed sides on the summary) sees this session."""
        if self.recorder is not None:
            self.recorder.read(lambda store: None)

    def history_problem(self) -> str | None:
        """Why finished intervals are waiting to be saved, while the history refuses them."""
        return self.recorder.writer.problem() if self.recorder is not None else None

    @property
    def unsaved(self) -> list[str]:
        """After `close`: what could not be written to the history (kept for the next start
        when `kept_in` names a file, else lost, and named here)."""
        return list(self.recorder.writer.unsaved) if self.recorder is not None else []

    @property
    def kept_in(self) -> Path | None:
        """After `close`: the file the unsaved writes wait in for the next start."""
        return self.recorder.writer.kept_in if self.recorder is not None else None

    def unsaved_report(self) -> str | None:
        """After `close`: one paragraph on what could not be saved, or None when all was."""
        unsaved = self.unsaved
        if not unsaved:
            return None
        what = "; ".join(unsaved)
        if self.kept_in is not None:
            return (
                f"{len(unsaved)} finished interval(s) could not be written to the history "
                f"({what}). They are kept in {self.kept_in} and will be added the next "
                "time evenside plays a routine."
            )
        return f"{len(unsaved)} finished interval(s) could not be saved anywhere: {what}."


def reasons_worth_saying(choose: SideChooser) -> dict[str, str]:
    """The chooser's reasons, by exercise id, where a side goes first because it is behind
    or owed (a plain alternation is not worth a word)."""
    reasons: dict[str, str] = getattr(choose, "reasons", {})
    return {key: why for key, why in reasons.items() if "behind" in why or "owed" in why}


@dataclass(frozen=True)
class SessionAssembly:
    """How a front end's sessions are put together: one per command, many sessions each."""

    options: PlayOptions = field(default_factory=PlayOptions)
    """The command line's flags (mute, no voice, trace)."""
    settings: Settings | None = None
    """The settings file's values (None: read the user's file when sound first needs it)."""
    clock: Clock = monotonic_clock
    """The monotonic clock every session runs on (tests pass a FakeClock)."""
    history: Path | None = None
    """The history database (None: the user's)."""
    sound: bool = True
    """Attach a cue player."""
    record: bool = True
    """Attach a history recorder."""
    notice: Notice = _ignore
    """Where the sound layer's one-time notices go."""
    backends: list[Backend] | None = None
    """The sound backends to choose from (None: every one this machine may have)."""
    extra: Sequence[ExtraListener] = ()
    """More listeners, after sound and history and before the trace."""

    @property
    def records(self) -> bool:
        """Whether sessions are recorded: the assembly records and `--no-history` was not given."""
        return self.record and self.options.record

    def chooser(self) -> SideChooser:
        """The balance chooser from the history as it is now (one per session)."""
        from evenside.balance.chooser import load_balance_chooser

        return load_balance_chooser(self.history)

    def expand(self, routine: Routine, choose: SideChooser) -> Session:
        """`routine` as a session not yet wired: the TUI draws it before `wire`.

        A routine of the running program plays at the doses its steps were taken to."""
        from evenside.program.active import dosed_routine

        return Session(expand(dosed_routine(routine, self.history), choose), self.clock)

    def wire(self, session: Session, choose: SideChooser) -> PlayedSession:
        """Attach sound, history, the extra listeners and the trace to `session`.

        Raises OSError when the trace file cannot be created (before any sound
        device is opened), and `HistoryUnavailable` when the history cannot be used.
        """
        # Opened first, so a bad trace path fails before any sound device is opened.
        trace = TraceWriter(self.options.trace) if self.options.trace is not None else None
        played = PlayedSession(
            session, SessionRunner(session), self.options, reasons=reasons_worth_saying(choose)
        )
        try:
            if self.sound:
                played.sound = self._cue_player(session, played.runner)
                session.speech = played.sound.speech
                played.sound.on_speech = played.replan
                played.attach(played.sound, played.sound.close)
            if self.records:
                from evenside.history.recorder import history_listener

                notice = self.notice
                runner = played.runner

                def tell(message: str) -> None:
                    # From the writer's thread: shown on the front end's own loop.
                    runner.post(lambda: notice(message))

                played.recorder = history_listener(session, path=self.history, notice=tell)
                played.attach(played.recorder, played.recorder.close)
            for build in self.extra:
                listener = build(session)
                if listener is not None:
                    played.attach(listener)
        except BaseException:
            played.close()
            if trace is not None:
                trace.close()
            raise
        if trace is not None:
            played.trace = trace
            played.attach(trace, trace.close)
        return played

    def build(
        self,
        routine: Routine,
        choose: SideChooser | None = None,
        *,
        listeners: Sequence[Listener] = (),
    ) -> PlayedSession:
        """Expand `routine` (with the balance chooser unless `choose` is given) and wire it.

        `listeners` are attached after the rest, before the trace: a front end's own.
        """
        chosen = choose if choose is not None else self.chooser()
        assembly = self
        if listeners:
            assembly = replace(self, extra=(*self.extra, *(_given(x) for x in listeners)))
        return assembly.wire(assembly.expand(routine, chosen), chosen)

    def check_history(self) -> None:
        """Raise `HistoryUnavailable` (one line: why) when sessions could not be recorded;
        a front end asks before its screen opens. Nothing is written to a file that is not
        evenside's history."""
        if not self.records:
            return
        from evenside.history.db import open_history
        from evenside.locations import history_path

        open_history(self.history or history_path()).close()

    def _cue_player(self, session: Session, runner: SessionRunner) -> CuePlayer:
        from evenside.audio.cue_player import CuePlayer
        from evenside.settings import load_settings

        settings = self.settings if self.settings is not None else load_settings()
        chosen = settings.with_flags(
            mute=self.options.mute, no_voice=self.options.no_voice, pan=self.options.pan
        )
        if chosen.mute:
            # Nothing that plays is loaded until m: a muted session's memory stays small.
            return CuePlayer.muted_start(
                session.timeline, chosen, self.notice, post=runner.post, backends=self.backends
            )
        return CuePlayer.for_timeline(session.timeline, chosen, self.notice, backends=self.backends)


def _given(listener: Listener) -> ExtraListener:
    """An extra listener that is always `listener`."""
    return lambda session: listener
