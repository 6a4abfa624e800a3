"""Provides EvensideApp: the library, the player and the summary, wired to the session engine."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from evenside.engine.clock import Clock
from evenside.engine.session import Session
from evenside.engine.timeline import SideChooser
from evenside.playback.assembly import PlayedSession, SessionAssembly
from evenside.routine.model import Routine
from evenside.ui.adapters.history_access import HistoryAccess
from evenside.ui.screens.player_screen.screen import PlayerScreen

if TYPE_CHECKING:
    from textual.command import Provider

    from evenside.ui.adapters.pain_journal import PainJournal
    from evenside.ui.screens.library.entries import LibraryEntry
    from evenside.ui.screens.library.screen import LibraryScreen
    from evenside.ui.screens.summary.screen import SummaryScreen

# The library, the summary, the owed-side offer, sound and history are imported
# where they are first needed: `evenside play` draws its first frame without them.


def routine_commands() -> type[Provider]:
    """The palette's "Play <routine>" commands, imported when the palette first opens
    (they bring the library's entries, which the player's first frame does not need)."""
    from evenside.ui.screens.library.palette import RoutineCommands

    return RoutineCommands


LEAVING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""The signals that end the app as cleanly as ctrl+q (SIGHUP: the terminal went away)."""


class EvensideApp(App[None]):
    """The evenside TUI: opens the library, or plays one routine straight away."""

    # Absolute, so apps that subclass this one elsewhere (desk mode) find it too.
    CSS_PATH = Path(__file__).with_name("evenside.tcss")
    TITLE = "evenside"
    COMMANDS = App.COMMANDS | {routine_commands}

    def __init__(
        self,
        routine: Routine | None = None,
        *,
        assembly: SessionAssembly | None = None,
        clock: Clock | None = None,
        choose: SideChooser | None = None,
        entries: list[LibraryEntry] | None = None,
        history: Path | None = None,
    ) -> None:
        """`routine` plays at once and the app ends after its summary; without it the
        library opens. `assembly` puts every session together (None: no sound and no
        recording, as in most tests); `clock` and `history` override its clock and its
        database. `choose` picks the first side of `order: balance` exercises (None: a
        balance chooser made afresh from the history for every session).
        """
        super().__init__()
        self.first_routine = routine
        base = assembly if assembly is not None else SessionAssembly(sound=False, record=False)
        self.assembly = replace(
            base,
            clock=clock if clock is not None else base.clock,
            history=history if history is not None else base.history,
        )
        self.choose = choose
        self.history = HistoryAccess(self.assembly.history)
        self._entries = entries
        self.session: Session | None = None
        self.played: PlayedSession | None = None
        """The current session with what listens to it, once wired."""
        self.unsaved_reports: list[str] = []
        """What closed sessions could not write to the history (said after the app ends)."""
        self._starting = False
        self._launching = False
        """True while the routine given at launch is being opened (its first frame is the app's)."""

    @property
    def library_entries(self) -> list[LibraryEntry]:
        """The routines the library lists, found once and kept."""
        if self._entries is None:
            from evenside.ui.screens.library.entries import find_entries

            self._entries = find_entries()
        return self._entries

    def on_mount(self) -> None:
        if self.first_routine is not None:
            if not self._offer_checkin_first(self.first_routine):
                self._launch(self.first_routine)
        else:
            from evenside.ui.screens.library.screen import LibraryScreen

            self.push_screen(LibraryScreen(self.library_entries, history=self.history))

    def _launch(self, routine: Routine) -> None:
        self._launching = True
        self.start_session(routine)
        self._launching = False

    def _offer_checkin_first(self, routine: Routine) -> bool:
        """On the first start on the day after a session (as the library does), ask the
        morning check-in before `routine` plays; True when asked. Skippable with escape;
        never asked when this session is not recorded (--no-history)."""
        if not self.assembly.records:
            return False
        from evenside.history.timestamps import local_today
        from evenside.program.checkin_offer import save_answers, should_offer

        today = local_today()
        if not should_offer(self.assembly.history, today):
            return False
        from evenside.ui.screens.checkin.modal import Answers, CheckinModal

        def answered(answers: Answers | None) -> None:
            problem = save_answers(self.assembly.history, today, answers or {})
            if problem is not None:
                self.notify(problem, severity="error")
            self._launch(routine)

        self.push_screen(CheckinModal(), answered)
        return True

    def on_ready(self) -> None:
        # Ready comes with the first layout; the first paint follows on this refresh.
        self.call_after_refresh(settle_gc)

    def start_session(self, routine: Routine) -> None:
        """Offer the sides `routine` owes from earlier sessions, then play it.

        On yes the owed sides are prepended to the routine (one session, recorded
        under the routine's name); on no it plays as written.
        """
        if self._starting or (self.session is not None and not self.session.finished):
            self.notify("Stop the session in progress first (q).", severity="warning")
            return
        owed = self.history.owed(step.id for step in routine.exercises())
        if not owed:
            self.begin_session(routine)
            return
        from evenside.balance.owed import with_owed_first
        from evenside.ui.screens.owed.offer import OwedOffer

        self._starting = True

        def answered(add: bool | None) -> None:
            self._starting = False
            self.begin_session(with_owed_first(routine, owed) if add else routine)

        self.push_screen(OwedOffer(owed), answered)

    def begin_session(self, routine: Routine, *, ask_pain: bool = True) -> None:
        """Expand `routine` with a fresh side chooser, wire it, open the player.

        For the routine given at launch the player draws its first frame first,
        then wires the session (`_wire`) and starts it: loading sound and history
        does not hold the app's first frame back, and no event is missed.
        `ask_pain` False: no "Pain before?" (the owed sides, right after a session).
        """
        choose = self.choose if self.choose is not None else self.history.chooser()
        session = self.assembly.expand(routine, choose)
        self.session = session
        assembly = self.assembly
        # The owed sides follow a session of the same routine: its note was just shown.
        note_due = ask_pain and bool(routine.description)
        if self._launching and (assembly.sound or assembly.records or assembly.extra):
            # The app's first frame: draw it before loading sound and history.
            def prepare() -> PlayedSession:
                if note_due:
                    player.safety_note = self._first_time_note(routine)
                return self._wire(session, choose)

            player = PlayerScreen(session, prepare=prepare, ask_pain=ask_pain)
        else:
            # Asked before wiring: once the session starts, the history holds it.
            note = self._first_time_note(routine) if note_due else None
            player = PlayerScreen(
                session,
                played=self._wire(session, choose),
                ask_pain=ask_pain,
                safety_note=note,
            )
        self.push_screen(player)

    def _first_time_note(self, routine: Routine) -> str | None:
        """The routine's description (its safety notes) if the history has never played it."""
        if not routine.description or self.history.played_before(routine.name):
            return None
        return routine.description

    def _wire(self, session: Session, choose: SideChooser) -> PlayedSession:
        from evenside.history.db import HistoryUnavailable

        try:
            self.played = self.assembly.wire(session, choose)
        except HistoryUnavailable as error:
            # Play it all the same, unrecorded, and say so plainly: better than no session.
            self.notify(f"{error}. This session is not recorded.", severity="error", timeout=12)
            self.played = replace(self.assembly, record=False).wire(session, choose)
        return self.played

    def _journal(self) -> PainJournal | None:
        if self.played is None or self.played.recorder is None:
            return None
        from evenside.ui.adapters.pain_journal import PainJournal

        return PainJournal(self.played.recorder)

    def on_library_screen_play_requested(self, message: LibraryScreen.PlayRequested) -> None:
        self.start_session(message.routine)

    def on_player_screen_session_over(self, message: PlayerScreen.SessionOver) -> None:
        from evenside.balance.owed import owed_now
        from evenside.ui.screens.summary.screen import SummaryScreen

        routine = message.session.timeline.routine
        if self.played is not None:
            # The summary reads owed sides on a connection of its own: let the writer
            # finish this session's end first (off the timing path: the session is over).
            self.played.wait_for_history()
        owed = self.history.owed(step.id for step in routine.exercises())
        summary = SummaryScreen(
            message.session,
            journal=self._journal(),
            owed=owed,
            owed_routine=owed_now(owed, routine) if owed else None,
        )
        self.switch_screen(summary)
        problem = self.played.history_problem() if self.played is not None else None
        if problem is not None:
            # Said once when it began; said again here, where the person looks back.
            self.notify(f"History: {problem}; still trying.", severity="error", timeout=12)

    def on_summary_screen_play_owed(self, message: SummaryScreen.PlayOwed) -> None:
        # Close this session and its summary, then play the owed sides in their own session.
        self.close_session()
        self.pop_screen()
        # Pain was just rated after the session these sides follow: not asked again.
        self.begin_session(message.routine, ask_pain=False)

    def close_session(self) -> None:
        """Close the current session's runner, sound, history and trace (safe twice).

        A session still playing is stopped first, so however the app ends (ctrl+q,
        SIGTERM, a closed terminal) it is recorded "stopped" with the interval in
        progress kept as partial, never left open for the next start to guess at.
        """
        if self.session is not None and self.session.started and not self.session.finished:
            self.session.stop()
        if self.played is not None:
            self.played.close()
            report = self.played.unsaved_report()
            if report is not None:
                self.unsaved_reports.append(report)
            self.played = None
        self.session = None

    async def action_quit(self) -> None:
        """ctrl+q: stop the session in progress cleanly, then leave."""
        self.close_session()
        self.exit()

    def _on_signal(self, signum: int) -> None:
        # SIGTERM or SIGHUP (the terminal was closed): stop and record the session now,
        # then leave through Textual's own exit, which restores the terminal.
        self.close_session()
        self.exit(return_code=128 + signum)

    def on_load(self) -> None:
        if self.is_headless:
            return  # Pilot tests run inside pytest's loop: its signals stay its own.
        loop = asyncio.get_running_loop()
        for signum in LEAVING_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._on_signal, signum)

    def on_unmount(self) -> None:
        self.close_session()
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            for signum in LEAVING_SIGNALS:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.remove_signal_handler(signum)

    def on_summary_screen_closed(self, message: SummaryScreen.Closed) -> None:
        self.close_session()
        if self.first_routine is not None:
            self.exit()
        else:
            self.pop_screen()


def settle_gc() -> None:
    """Once the first frame is drawn, turn the garbage collector back on if the launcher
    held it off (`evenside.ui.launch`): collect once, and set what start-up built aside.

    Frozen objects are never walked again, so later collections stay small. When
    the collector was on all along (tests, other launchers), nothing changes.
    """
    if gc.isenabled():
        return
    gc.collect()
    gc.freeze()
    gc.enable()
