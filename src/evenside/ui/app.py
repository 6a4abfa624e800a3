"""Provides EvensideApp: the library, the player and the summary, wired to the session engine."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import App

from evenside.engine.clock import Clock, monotonic_clock
from evenside.engine.session import Session
from evenside.engine.timeline import SideChooser, expand, left_on_tie
from evenside.routine.model import Routine
from evenside.ui.library_entries import LibraryEntry, find_entries
from evenside.ui.routine_palette import RoutineCommands
from evenside.ui.screens.library import LibraryScreen
from evenside.ui.screens.player import PlayerScreen
from evenside.ui.screens.summary import SummaryScreen

SessionHook = Callable[[Session], Callable[[], None] | None]
"""Called with every new session before it starts: sound, trace and history subscribe here.
It may return a closer, called once the session's summary is closed (or the app ends)."""


class EvensideApp(App[None]):
    """The evenside TUI: opens the library, or plays one routine straight away."""

    CSS_PATH = "evenside.tcss"
    TITLE = "evenside"
    COMMANDS = App.COMMANDS | {RoutineCommands}

    def __init__(
        self,
        routine: Routine | None = None,
        *,
        clock: Clock = monotonic_clock,
        session_hooks: Sequence[SessionHook] = (),
        choose: SideChooser = left_on_tie,
        entries: list[LibraryEntry] | None = None,
    ) -> None:
        """`routine` plays at once and the app ends after its summary; without it the
        library opens. `clock` drives every session (tests pass a FakeClock);
        `choose` picks the first side of `order: balance` exercises.
        """
        super().__init__()
        self.first_routine = routine
        self.clock = clock
        self.session_hooks = list(session_hooks)
        self.choose = choose
        self._entries = entries
        self.session: Session | None = None
        self._closers: list[Callable[[], None]] = []

    @property
    def library_entries(self) -> list[LibraryEntry]:
        """The routines the library lists, found once and kept."""
        if self._entries is None:
            self._entries = find_entries()
        return self._entries

    def on_mount(self) -> None:
        if self.first_routine is not None:
            self.start_session(self.first_routine)
        else:
            self.push_screen(LibraryScreen(self.library_entries))

    def start_session(self, routine: Routine) -> None:
        """Expand `routine`, let every hook subscribe, and open the player on it."""
        if self.session is not None and not self.session.finished:
            self.notify("Stop the session in progress first (q).", severity="warning")
            return
        session = Session(expand(routine, self.choose), self.clock)
        for hook in self.session_hooks:
            closer = hook(session)
            if closer is not None:
                self._closers.append(closer)
        self.session = session
        self.push_screen(PlayerScreen(session))

    def on_library_screen_play_requested(self, message: LibraryScreen.PlayRequested) -> None:
        self.start_session(message.routine)

    def on_player_screen_session_over(self, message: PlayerScreen.SessionOver) -> None:
        self.switch_screen(SummaryScreen(message.session))

    def _close_session(self) -> None:
        while self._closers:
            self._closers.pop()()
        self.session = None

    def on_unmount(self) -> None:
        self._close_session()

    def on_summary_screen_closed(self, message: SummaryScreen.Closed) -> None:
        self._close_session()
        if self.first_routine is not None:
            self.exit()
        else:
            self.pop_screen()
