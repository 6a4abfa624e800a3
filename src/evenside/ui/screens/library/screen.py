"""Provides the library screen: every routine with its time, tags and summary; enter shows one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from evenside.balance.tracker import BalanceReport, RoutineBalance
from evenside.routine.model import Routine
from evenside.terminal_text import safe_text
from evenside.ui.adapters.history_access import HistoryAccess, LibraryMarks
from evenside.ui.screens.library.balance_bar import FLAG, balance_bar, behind_words
from evenside.ui.screens.library.columns import COLUMNS, fitted_columns
from evenside.ui.screens.library.entries import LibraryEntry, find_entries
from evenside.ui.screens.library.today import TodaySection

CARE_MARK = "♡ care"
"""Beside a routine that keeps leaving a side sorer; selecting it says more."""


class LibraryScreen(Screen[None]):
    """Lists the routines, bundled and the user's, each with its left|right balance this
    week; `/` filters, enter shows the routine (and enter there plays it), h opens the
    history.

    The history's balance and care marks are read after the first frame: the list
    draws at once, and its bars fill in a moment later.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("h", "history", "History"),
        Binding("q", "app.quit", "Quit"),
    ]

    class PlayRequested(Message):
        """The person chose a routine to play."""

        def __init__(self, routine: Routine) -> None:
            super().__init__()
            self.routine = routine

    def __init__(
        self, entries: list[LibraryEntry] | None = None, *, history: HistoryAccess | None = None
    ) -> None:
        super().__init__()
        self.entries = entries if entries is not None else find_entries()
        self.history = history or HistoryAccess()
        self.marks = LibraryMarks(BalanceReport(days=7, exercises=()))
        self.marks_read = False
        """False until the history has been read (after the first frame)."""
        self.shown: list[LibraryEntry] = []
        self.columns: dict[str, int] = {}
        """The columns on show, with their widths (those that fit the screen)."""
        self._query = ""

    def compose(self) -> ComposeResult:
        # One widget a line: sections added to the library (a Today list) go between
        # the filter and the table.
        yield Header()
        yield TodaySection(self.history.path)
        yield Input(placeholder="Filter by name, tag or summary", id="library-filter")
        yield DataTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="library-empty", markup=False)
        yield Static("", id="library-note", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "evenside"
        self.sub_title = "routines"
        self.show_entries(self._query)
        today = self.query_one(TodaySection)
        (today if today.has_due else self.query_one(DataTable)).focus()
        # The history is read once the list is on screen: the first frame never waits
        # for the database (a big or locked history only delays the bars).
        self.call_after_refresh(self.refresh_marks)

    def on_screen_resume(self) -> None:
        # Back from a session or the history: the balance may have changed.
        if self.is_mounted and self.marks_read:
            self.refresh_marks()
            self.query_one(TodaySection).refresh_status()

    def on_resize(self, event: events.Resize) -> None:
        if self.is_mounted and self._fitted() != self.columns:
            self.show_entries(self._query)

    def refresh_marks(self) -> None:
        """Read the balance and care marks from the history again and redraw the table."""
        self.marks = self.history.library_marks()
        self.marks_read = True
        self.show_entries(self._query)

    def _balance(self, entry: LibraryEntry) -> RoutineBalance | None:
        if entry.routine is None:
            return None
        return self.marks.report.for_routine(step.id for step in entry.routine.exercises())

    def _cells(self, entry: LibraryEntry) -> dict[str, Text]:
        """The entry's cells by column key; the routine's own words made safe and plain
        (a str cell would be read as Textual markup)."""
        return {
            "name": Text(safe_text(entry.name), no_wrap=True, overflow="ellipsis"),
            "time": Text(entry.time_text),
            "bar": balance_bar(self._balance(entry)),
            "care": Text(CARE_MARK if entry.name in self.marks.care else ""),
            "tags": Text(safe_text(", ".join(entry.tags)), no_wrap=True, overflow="ellipsis"),
            "from": Text("bundled" if entry.bundled else "yours"),
            "summary": Text(safe_text(entry.note), no_wrap=True, overflow="ellipsis"),
        }

    def _fitted(self, rows: list[dict[str, Text]] | None = None) -> dict[str, int]:
        """The columns that fit the screen's width for `rows` (those shown when None)."""
        if rows is None:
            rows = [self._cells(entry) for entry in self.shown]
        natural = {
            column.key: max((row[column.key].cell_len for row in rows), default=0)
            for column in COLUMNS
        }
        # The table's own scrollbar takes two cells.
        return fitted_columns(max(1, self.size.width - 2), natural)

    def show_entries(self, query: str) -> None:
        """Fill the table with the entries that match `query`, in the columns that fit."""
        self._query = query
        self.shown = [entry for entry in self.entries if entry.matches(query)]
        rows = [self._cells(entry) for entry in self.shown]
        table = self.query_one(DataTable)
        row = table.cursor_row
        columns = self._fitted(rows)
        if columns != self.columns:
            self.columns = columns
            table.clear(columns=True)
            for column in COLUMNS:
                if column.key in columns:
                    table.add_column(column.label, width=columns[column.key], key=column.key)
        else:
            table.clear()
        for number, cells in enumerate(rows):
            table.add_row(*(cells[key] for key in columns), key=str(number))
        if self.shown:
            table.move_cursor(row=min(row, len(self.shown) - 1))
        empty = self.query_one("#library-empty", Static)
        if self.shown:
            empty.update("")
        elif self.entries:
            empty.update(f"No routine matches {query!r}. Escape clears the filter.")
        else:
            empty.update("No routines found. `evenside new NAME` writes one to start from.")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_entries(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    def action_filter(self) -> None:
        """Show and focus the filter box."""
        filter_box = self.query_one("#library-filter", Input)
        filter_box.add_class("-open")
        filter_box.focus()

    def action_clear_filter(self) -> None:
        """Empty and hide the filter box."""
        filter_box = self.query_one("#library-filter", Input)
        filter_box.value = ""
        filter_box.remove_class("-open")
        self.show_entries("")
        self.query_one(DataTable).focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_note(event.cursor_row)

    def _show_note(self, row: int) -> None:
        """Below the table: why the selected routine is flagged or marked."""
        lines = []
        if 0 <= row < len(self.shown):
            entry = self.shown[row]
            behind = behind_words(self._balance(entry))
            if behind:
                lines.append(f"{FLAG} In {safe_text(entry.name)}, {behind}.")
            care = self.marks.care.get(entry.name)
            if care is not None:
                lines.append(f"♡ {safe_text(care.text)}")
        note = self.query_one("#library-note", Static)
        note.update("\n".join(lines))
        note.display = bool(lines)

    def on_today_section_play_due(self, message: TodaySection.PlayDue) -> None:
        self.post_message(self.PlayRequested(message.routine))

    def action_history(self) -> None:
        """Open the history screen."""
        try:
            from evenside.ui.screens.history_screen.screen import HistoryScreen
        except ImportError:
            self.notify("The history screen is not available.", severity="warning")
            return
        self.app.push_screen(HistoryScreen())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        entry = self.shown[event.cursor_row]
        routine = entry.routine
        if routine is None:
            self.notify(
                safe_text(entry.note),
                title="This routine has errors",
                severity="error",
                markup=False,  # the error quotes the file: its brackets are text
            )
            return
        from evenside.ui.screens.library.detail import RoutineDetailScreen

        care = self.marks.care.get(entry.name)

        def chosen(play: bool | None) -> None:
            if play:
                self.post_message(self.PlayRequested(routine))

        detail = RoutineDetailScreen(entry, self._balance(entry), care.text if care else "")
        self.app.push_screen(detail, chosen)
