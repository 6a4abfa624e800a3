"""Provides the library screen: every routine with its total time, tags and summary; enter plays."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from evenside.balance.tracker import BalanceReport, RoutineBalance
from evenside.routine.model import Routine
from evenside.ui.adapters.history_access import HistoryAccess, LibraryMarks
from evenside.ui.screens.library.balance_bar import FLAG, balance_bar, behind_words
from evenside.ui.screens.library.entries import LibraryEntry, find_entries
from evenside.ui.screens.library.today import TodaySection

CARE_MARK = "♡ care"
"""Beside a routine that keeps leaving a side sorer; selecting it says more."""


class LibraryScreen(Screen[None]):
    """Lists the routines, bundled and the user's, each with its left|right balance this
    week; `/` filters, enter plays, h opens the history."""

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
        self.shown: list[LibraryEntry] = []
        self._query = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield TodaySection(self.history.path)
        yield Input(placeholder="Filter by name, tag or summary", id="library-filter")
        yield DataTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="library-empty")
        yield Static("", id="library-note", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "evenside"
        self.sub_title = "routines"
        table = self.query_one(DataTable)
        table.add_columns("Routine", "Time", "L │ R", "", "Tags", "From", "Summary")
        self.refresh_marks()
        (self.query_one(TodaySection) if self.query_one(TodaySection).has_due else table).focus()

    def on_screen_resume(self) -> None:
        # Back from a session or the history: the balance may have changed.
        if self.is_mounted:
            self.refresh_marks()

    def refresh_marks(self) -> None:
        """Read the balance and care marks from the history again and redraw the table."""
        self.marks = self.history.library_marks()
        self.show_entries(self._query)
        self.query_one(TodaySection).refresh_status()

    def _balance(self, entry: LibraryEntry) -> RoutineBalance | None:
        if entry.routine is None:
            return None
        return self.marks.report.for_routine(step.id for step in entry.routine.exercises())

    def show_entries(self, query: str) -> None:
        """Fill the table with the entries that match `query`."""
        self._query = query
        self.shown = [entry for entry in self.entries if entry.matches(query)]
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for number, entry in enumerate(self.shown):
            table.add_row(
                entry.name,
                entry.time_text,
                balance_bar(self._balance(entry)),
                CARE_MARK if entry.name in self.marks.care else "",
                ", ".join(entry.tags),
                "bundled" if entry.bundled else "yours",
                entry.note,
                key=str(number),
            )
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
                lines.append(f"{FLAG} In {entry.name}, {behind}.")
            care = self.marks.care.get(entry.name)
            if care is not None:
                lines.append(f"♡ {care.text}")
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
        if entry.routine is None:
            self.notify(entry.note, title="This routine has errors", severity="error")
            return
        self.post_message(self.PlayRequested(entry.routine))
