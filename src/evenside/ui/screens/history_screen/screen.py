"""Provides the history screen: its panes, in one ordered list, and the filters they share."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from evenside.history.aggregates import (
    DAY_WINDOWS,
    HistoryFilter,
    HistoryWindow,
    exercise_names,
    local_now,
    routine_names,
)
from evenside.history.store import HistoryStore
from evenside.history.timestamps import WallClock
from evenside.pain.care import care_after_session
from evenside.terminal_text import safe_text
from evenside.ui.screens.history_screen.panes.calendar_pane import CalendarPane
from evenside.ui.screens.history_screen.panes.pain_pane import PainPane
from evenside.ui.screens.history_screen.panes.pane import (
    FilteredHistory,
    HistoryPane,
    days_text,
    is_narrow,
    keys_hint,
    pane_keys,
)
from evenside.ui.screens.history_screen.panes.program_pane import ProgramPane
from evenside.ui.screens.history_screen.panes.session_list import SessionList
from evenside.ui.screens.history_screen.panes.sessions_pane import SessionsPane
from evenside.ui.screens.history_screen.panes.side_by_side_pane import SideBySidePane

FILTER_BINDINGS: list[BindingType] = [
    Binding("d", "next_days", "Days"),
    Binding("r", "next_routine", "Routine"),
    Binding("e", "next_exercise", "Exercise"),
    Binding("p", "write_report", "Report for your physio", show=False),
    Binding("escape,q", "close", "Back"),
]
"""The screen's keys besides the panes' digits."""


def pane_bindings(panes: Sequence[HistoryPane]) -> list[BindingType]:
    """A digit for each pane, in order; not shown one by one (the key bar says '1-4')."""
    return [
        Binding(key, f"show_pane('{pane.id}')", pane.title, show=False)
        for key, pane in pane_keys(panes)
    ]


def pane_bar(panes: Sequence[HistoryPane], active: str, *, narrow: bool = False) -> Content:
    """The top line: the title, then each pane's key and name, the one on show
    highlighted; a click switches pane as its key does. Narrow, the title goes and
    the other panes show their key alone, so every pane stays on the line."""
    parts = [] if narrow else [Content.styled("evenside history", "bold")]
    for key, pane in pane_keys(panes):
        shown = pane.id == active
        style = "bold reverse" if shown else "dim"
        label = f"{key} {pane.title}" if shown or not narrow else key
        action = f"screen.show_pane('{pane.id}')"
        parts.append(Content.from_markup(f"[{style} @click={action}] {label} [/]"))
    return Content(" " if narrow else "  ").join(parts)


def key_bar(panes: Sequence[HistoryPane], bindings: list[BindingType]) -> Content:
    """The bottom line: the panes' keys, then the keys of the screen, as a Footer shows
    them (click to use). Static text, because a Footer rebuilds its keys whenever focus
    moves: it cost more than the first pane's table."""
    parts = [Content.from_markup(f"[bold $accent]{keys_hint(panes)}[/] Panes")]
    for binding in bindings:
        if isinstance(binding, Binding) and binding.show:
            key = binding.key.split(",")[0].replace("escape", "esc")
            action = f"screen.{binding.action}"
            parts.append(Content.from_markup(f"[@click={action}]{key}[/] {binding.description}"))
    return Content("   ").join(parts)


class HistoryScreen(Screen[None]):
    """What you did, side by side, and whether it helped. The digits switch panes; d, r
    and e change the filters; escape goes back."""

    CSS_PATH = "history.tcss"

    PANES: ClassVar[tuple[HistoryPane, ...]] = (
        SideBySidePane(),
        CalendarPane(),
        PainPane(),
        SessionsPane(),
        ProgramPane(),
    )
    """The panes in order: the first is shown first, and each one's key is its place here.
    Everything else about the panes (bar, keys, hint, switcher) is derived from this."""

    BINDINGS: ClassVar[list[BindingType]] = [*pane_bindings(PANES), *FILTER_BINDINGS]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Textual reads BINDINGS once, when the class is made: a screen given panes of
        # its own gets their digits then (and keeps the filters' keys and any of its own).
        own = cls.__dict__.get("BINDINGS", [])
        cls.BINDINGS = [*pane_bindings(cls.PANES), *FILTER_BINDINGS, *own]
        super().__init_subclass__(**kwargs)

    def __init__(
        self,
        conn: sqlite3.Connection | None = None,
        *,
        now: WallClock = local_now,
        filters: HistoryFilter | None = None,
    ) -> None:
        """`conn` is the history database (opened from the user's data folder when None,
        and then closed with the screen); `now` fixes "today" (tests freeze it)."""
        super().__init__()
        self._conn = conn
        self._owns_conn = conn is None
        self.window = HistoryWindow(now)
        self._now = now
        self.filters = filters or HistoryFilter()
        self._panes = {pane.id: pane for pane in self.PANES}
        self._loaded: set[str] = set()
        self._built: set[str] = {self.PANES[0].id}
        """The panes whose widgets are mounted (the first is composed with the screen)."""
        self._routines: list[str | None] | None = None
        self._exercises: dict[str | None, str] | None = None
        self.history_opened = False
        """True once the database is open and the first pane is being filled."""

    @property
    def conn(self) -> sqlite3.Connection:
        """The history database."""
        if self._conn is None:
            from evenside.history.db import open_database
            from evenside.locations import history_path

            self._conn = open_database(history_path())
            HistoryStore(self._conn).mark_interrupted()
        return self._conn

    def compose(self) -> ComposeResult:
        first, *others = self.PANES
        # A one-line pane bar and a ContentSwitcher rather than a Header and a
        # TabbedContent: their widgets cost more than the whole first pane.
        yield Static(pane_bar(self.PANES, first.id, narrow=self.narrow), id="history-bar")
        yield Static("", id="history-filters", markup=False)
        # Only the first pane is built now: the others are built when first shown, so
        # the first frame costs one table, not four panes and a chart.
        with ContentSwitcher(id="history-panes", initial=first.id):
            with Vertical(id=first.id, classes="history-pane"):
                yield from first.widgets()
            for pane in others:
                yield Vertical(id=pane.id, classes="history-pane")
        yield Static(key_bar(self.PANES, self.BINDINGS), id="history-keys")

    def on_mount(self) -> None:
        self.title = "evenside"
        self.sub_title = "history"
        # The numbers are read once the frame is on screen: the first frame is the pane
        # bar, the key bar and the empty table, never a wait on the database.
        self.call_after_refresh(self.open_history)

    async def open_history(self) -> None:
        """Open the database (a bad file is one notice, and the screen closes), then fill
        the first pane."""
        try:
            self.conn  # noqa: B018 - opens the database now, so a bad file is reported here
        except (sqlite3.Error, OSError, RuntimeError) as error:
            self.notify(f"Cannot open the history: {error}", severity="error")
            self.action_close()
            return
        self.history_opened = True
        self._show_filters()
        await self._load(self.active_pane)

    def on_unmount(self) -> None:
        if self._owns_conn and self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def narrow(self) -> bool:
        """True on a screen under 70 columns (the bars and tables take their narrow forms)."""
        return is_narrow(self.size.width or self.app.size.width)

    def _show_pane_bar(self) -> None:
        bar = pane_bar(self.PANES, self.active_pane, narrow=self.narrow)
        self.query_one("#history-bar", Static).update(bar)

    def on_resize(self, event: events.Resize) -> None:
        if self.is_mounted:
            self._show_pane_bar()
            if self.history_opened:
                self._show_filters()

    @property
    def active_pane(self) -> str:
        """The id of the pane on show."""
        return self.query_one(ContentSwitcher).current or self.PANES[0].id

    # Filters ---------------------------------------------------------------------------

    def _show_filters(self) -> None:
        routine = safe_text(self.filters.routine or "all routines")
        exercise = "all exercises"
        if self.filters.exercise_id is not None:
            exercise = safe_text(self._exercise_choices().get(self.filters.exercise_id, exercise))
        days = days_text(self.filters.days).capitalize()
        if self.narrow:
            # "30 days" rather than "The last 30 days": the line fits 40 columns.
            days = days.removeprefix("The last ")
        text = f"{days} · {routine} · {exercise}"
        self.query_one("#history-filters", Static).update(text)

    def _routine_choices(self) -> list[str | None]:
        if self._routines is None:
            self._routines = [None, *routine_names(self.conn)]
        return self._routines

    def _exercise_choices(self) -> dict[str | None, str]:
        if self._exercises is None:
            self._exercises = {None: "all exercises"}
            self._exercises.update(exercise_names(self.conn))
        return self._exercises

    async def set_filters(self, filters: HistoryFilter) -> None:
        """Show the history narrowed to `filters` (every pane is recomputed when next shown)."""
        self.filters = filters
        self._loaded.clear()
        self._show_filters()
        await self._load(self.active_pane)

    async def action_next_days(self) -> None:
        """Cycle the window: 7, 30, 90, 365 days."""
        windows = list(DAY_WINDOWS)
        index = windows.index(self.filters.days) if self.filters.days in windows else -1
        days = windows[(index + 1) % len(windows)]
        await self.set_filters(HistoryFilter(days, self.filters.routine, self.filters.exercise_id))

    async def action_next_routine(self) -> None:
        """Cycle the routine filter: all, then each routine by name."""
        choices = self._routine_choices()
        index = choices.index(self.filters.routine) if self.filters.routine in choices else 0
        routine = choices[(index + 1) % len(choices)]
        await self.set_filters(HistoryFilter(self.filters.days, routine, self.filters.exercise_id))

    async def action_next_exercise(self) -> None:
        """Cycle the exercise filter: all, then each exercise by name."""
        choices = list(self._exercise_choices())
        current = self.filters.exercise_id
        index = choices.index(current) if current in choices else 0
        exercise = choices[(index + 1) % len(choices)]
        await self.set_filters(HistoryFilter(self.filters.days, self.filters.routine, exercise))

    # Panes -----------------------------------------------------------------------------

    async def action_show_pane(self, pane: str) -> None:
        """Switch to the pane whose id is `pane` (built and filled the first time it is shown)."""
        if pane not in self._panes or pane == self.active_pane:
            return
        self.query_one(ContentSwitcher).current = pane
        self._show_pane_bar()
        await self._load(pane)

    async def _load(self, pane_id: str) -> None:
        """Build the pane if it is new, then compute and show its numbers, once per filter."""
        pane = self._panes[pane_id]
        container = self.query_one(f"#{pane.id}", Vertical)
        if pane.id not in self._built:
            self._built.add(pane.id)
            await container.mount_all(pane.widgets())
        if pane.id not in self._loaded:
            self._loaded.add(pane.id)
            pane.load(container, FilteredHistory(self.conn, self.window, self.filters))
        if pane.focus is not None:
            focused = container.query_one(pane.focus)
            # Brought into view at once, not by Textual's animated scroll: on a short
            # screen the pane scrolls to its table, and the same frame shows every time.
            focused.focus(scroll_visible=False)
            container.call_after_refresh(container.scroll_to_widget, focused, animate=False)

    def on_session_list_opened(self, message: SessionList.Opened) -> None:
        record = HistoryStore(self.conn).session(message.session_id)
        if record is None:
            return
        care = care_after_session(self.conn, message.session_id)
        # Loaded when first needed, like the pain chart: not part of the first frame.
        from evenside.ui.screens.history_screen.session_detail import SessionDetailScreen

        self.app.push_screen(SessionDetailScreen(record, self.window, care))

    def action_write_report(self) -> None:
        """Write the report for your physio (the last six weeks) here, and say where it went."""
        from evenside.report.output import ReportError, write_default_report

        try:
            path = write_default_report(self.conn, now=self._now())
        except ReportError as error:
            self.notify(str(error), severity="error")
        else:
            self.notify(f"Report for your physio written to {path}", timeout=10)

    def action_close(self) -> None:
        """Leave the history (back to the library, or out of `evenside history`)."""
        if self.app.screen_stack[0] is self:
            # The app's own screen (`evenside history`): closing it ends the program.
            self.app.exit()
        else:
            self.dismiss(None)
