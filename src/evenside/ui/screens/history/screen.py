"""Provides the history screen: side by side, calendar, pain and sessions, with filters."""

from __future__ import annotations

import sqlite3
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from evenside.desk.records import breaks_by_day
from evenside.history.aggregates import (
    DAY_WINDOWS,
    HistoryFilter,
    HistoryWindow,
    calendar_days,
    calendar_first_day,
    exercise_names,
    local_now,
    routine_names,
    side_by_side,
)
from evenside.history.session_list import session_rows
from evenside.history.store import HistoryStore
from evenside.history.streaks import streaks
from evenside.history.timestamps import WallClock
from evenside.pain.care import care_after_session, marked_routines
from evenside.pain.trends import pain_series, what_helps
from evenside.ui.screens.history.panes.calendar_grid import CalendarGrid
from evenside.ui.screens.history.panes.session_list import SessionList
from evenside.ui.screens.history.panes.side_by_side import SideBySideTable
from evenside.ui.screens.history.panes.what_helps import WhatHelpsTable

PANES = ("side-by-side", "calendar", "pain", "sessions")
LABELS = ("Side by side", "Calendar", "Pain", "Sessions")
STREAK_RULE = "A day counts when a routine was completed or an exercise done on every side."


def _days_text(days: int) -> str:
    return "today" if days == 1 else f"the last {days} days"


def pane_bar(active: str) -> Content:
    """The top line: the title, then each pane's key and name, the one on show
    highlighted; a click switches pane as its key does."""
    parts = [Content.styled("evenside history", "bold")]
    for number, (pane, label) in enumerate(zip(PANES, LABELS, strict=True), 1):
        style = "bold reverse" if pane == active else "dim"
        action = f"screen.show_pane('{pane}')"
        parts.append(Content.from_markup(f"[{style} @click={action}] {number} {label} [/]"))
    return Content("  ").join(parts)


def key_bar(bindings: list[BindingType]) -> Content:
    """The bottom line: the keys of the screen, as a Footer shows them (click to use).
    Static text, because a Footer rebuilds its keys whenever focus moves: it cost more
    than the first pane's table."""
    parts = [Content.from_markup("[bold $accent]1-4[/] Panes")]
    for binding in bindings:
        if isinstance(binding, Binding) and binding.show:
            key = binding.key.split(",")[0].replace("escape", "esc")
            action = f"screen.{binding.action}"
            parts.append(Content.from_markup(f"[@click={action}]{key}[/] {binding.description}"))
    return Content("   ").join(parts)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class HistoryScreen(Screen[None]):
    """What you did, side by side, and whether it helped. 1-4 switch panes; d, r and e
    change the filters; escape goes back."""

    CSS_PATH = "history.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "show_pane('side-by-side')", "Side by side", show=False),
        Binding("2", "show_pane('calendar')", "Calendar", show=False),
        Binding("3", "show_pane('pain')", "Pain", show=False),
        Binding("4", "show_pane('sessions')", "Sessions", show=False),
        Binding("d", "next_days", "Days"),
        Binding("r", "next_routine", "Routine"),
        Binding("e", "next_exercise", "Exercise"),
        Binding("escape,q", "close", "Back"),
    ]

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
        self.filters = filters or HistoryFilter()
        self._loaded: set[str] = set()
        self._built: set[str] = set()
        self._routines: list[str | None] | None = None
        self._exercises: dict[str | None, str] | None = None

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
        # A one-line pane bar and a ContentSwitcher rather than a Header and a
        # TabbedContent: their widgets cost more than the whole first pane.
        yield Static(pane_bar(PANES[0]), id="history-bar")
        yield Static("", id="history-filters")
        # Only the first pane is built now: the others are built when first shown, so
        # the first frame costs one table, not four panes and a chart.
        with ContentSwitcher(id="history-panes", initial=PANES[0]):
            with Vertical(id=PANES[0], classes="history-pane"):
                yield from self._pane_widgets(PANES[0])
            for pane in PANES[1:]:
                yield Vertical(id=pane, classes="history-pane")
        yield Static(key_bar(self.BINDINGS), id="history-keys")

    def _pane_widgets(self, pane: str) -> list[Widget]:
        """The widgets of `pane`, before their numbers are in."""
        if pane == "side-by-side":
            return [
                Static("", id="side-by-side-empty", classes="history-note"),
                SideBySideTable(id="side-by-side-table"),
            ]
        if pane == "calendar":
            return [
                CalendarGrid(id="calendar-grid"),
                Static("", id="calendar-summary", classes="history-note"),
                Static("", id="calendar-streaks"),
                Static(STREAK_RULE, classes="history-note"),
            ]
        if pane == "pain":
            # textual-plotext (and plotext) load only when the Pain pane is first shown:
            # importing them costs as much as drawing the first pane.
            from evenside.ui.screens.history.panes.pain_chart import PainChart

            return [
                PainChart(id="pain-chart"),
                Static("", id="pain-empty", classes="history-note"),
                Static(
                    "What helps: the average change in pain (below zero: less pain)",
                    id="what-helps-title",
                ),
                WhatHelpsTable(id="what-helps"),
            ]
        return [
            Static("", id="sessions-empty", classes="history-note"),
            SessionList(id="session-list"),
        ]

    async def on_mount(self) -> None:
        self.title = "evenside"
        self.sub_title = "history"
        try:
            self.conn  # noqa: B018 - opens the database now, so a bad file is reported here
        except (sqlite3.Error, OSError, RuntimeError) as error:
            self.notify(f"Cannot open the history: {error}", severity="error")
            self.action_close()
            return
        self._built.add(PANES[0])
        self._show_filters()
        await self._load(self.active_pane)

    def on_unmount(self) -> None:
        if self._owns_conn and self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def active_pane(self) -> str:
        """The id of the pane on show."""
        return self.query_one(ContentSwitcher).current or PANES[0]

    # Filters ---------------------------------------------------------------------------

    def _show_filters(self) -> None:
        routine = self.filters.routine or "all routines"
        exercise = "all exercises"
        if self.filters.exercise_id is not None:
            exercise = self._exercise_choices().get(self.filters.exercise_id, exercise)
        text = f"{_days_text(self.filters.days).capitalize()} · {routine} · {exercise}"
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
        """Switch to `pane` (built and filled the first time it is shown)."""
        if pane not in PANES or pane == self.active_pane:
            return
        self.query_one(ContentSwitcher).current = pane
        self.query_one("#history-bar", Static).update(pane_bar(pane))
        await self._load(pane)

    async def _load(self, pane: str) -> None:
        """Build `pane` if it is new, then compute and show its numbers, once per filter."""
        if pane not in self._built:
            self._built.add(pane)
            await self.query_one(f"#{pane}", Vertical).mount_all(self._pane_widgets(pane))
        if pane not in self._loaded:
            self._loaded.add(pane)
            getattr(self, f"_load_{pane.replace('-', '_')}")()
        focus = {"side-by-side": SideBySideTable, "sessions": SessionList, "pain": WhatHelpsTable}
        if pane in focus:
            self.query_one(focus[pane]).focus()

    def _note(self, widget_id: str, text: str) -> None:
        note = self.query_one(f"#{widget_id}", Static)
        note.update(text)
        note.display = bool(text)

    def _nothing(self) -> str:
        return f"Nothing recorded in {_days_text(self.filters.days)}."

    def _load_side_by_side(self) -> None:
        weeks = side_by_side(self.conn, self.window, self.filters)
        self.query_one(SideBySideTable).show(weeks)
        self._note("side-by-side-empty", "" if weeks else self._nothing())

    def _load_calendar(self) -> None:
        first = calendar_first_day(self.window)
        days = calendar_days(self.conn, self.window, self.filters)
        breaks = breaks_by_day(self.conn, first, self.window.today)
        self.query_one(CalendarGrid).show(days, first, self.window.today, breaks)
        uneven = sum(1 for d in days.values() if d.even is False)
        weeks = (self.window.today - first).days // 7 + 1
        summary = (
            f"{_plural(len(days), 'active day')} in {weeks} weeks; "
            f"{_plural(uneven, 'day')} with one side ahead."
        )
        if breaks:
            taken = sum(b.taken for b in breaks.values())
            skipped = sum(b.skipped for b in breaks.values())
            summary += f" Desk breaks: {taken} taken, {skipped} skipped."
        self._note("calendar-summary", summary)
        found = streaks(self.conn, self.window)
        text = f"Current streak: {_plural(found.current, 'day')} · longest: "
        text += _plural(found.longest, "day")
        if found.longest_ended is not None and found.longest:
            text += f" (to {found.longest_ended:%d %b %Y})"
        self.query_one("#calendar-streaks", Static).update(text)

    def _load_pain(self) -> None:
        from evenside.ui.screens.history.panes.pain_chart import PainChart

        first = self.window.first_day(self.filters.days)
        points = pain_series(self.conn, self.window, self.filters)
        self.query_one(PainChart).show(points, first, self.window.today)
        effects = what_helps(self.conn, self.window, self.filters)
        self.query_one(WhatHelpsTable).show(effects, marked_routines(self.conn))
        empty = f"No pain rated in {_days_text(self.filters.days)}." if not points else ""
        self._note("pain-empty", empty)

    def _load_sessions(self) -> None:
        rows = session_rows(self.conn, self.window, self.filters)
        self.query_one(SessionList).show(rows)
        self._note("sessions-empty", "" if rows else self._nothing())

    def on_session_list_opened(self, message: SessionList.Opened) -> None:
        record = HistoryStore(self.conn).session(message.session_id)
        if record is None:
            return
        care = care_after_session(self.conn, message.session_id)
        # Loaded when first needed, like the pain chart: not part of the first frame.
        from evenside.ui.screens.history.session_detail import SessionDetailScreen

        self.app.push_screen(SessionDetailScreen(record, self.window, care))

    def action_close(self) -> None:
        """Leave the history (back to the library, or out of `evenside history`)."""
        if self.app.screen_stack[0] is self:
            # The app's own screen (`evenside history`): closing it ends the program.
            self.app.exit()
        else:
            self.dismiss(None)
