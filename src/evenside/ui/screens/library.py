"""Provides the library screen: every routine with its total time, tags and summary; enter plays."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from evenside.routine.model import Routine
from evenside.ui.library_entries import LibraryEntry, find_entries


class LibraryScreen(Screen[None]):
    """Lists the routines, bundled and the user's; `/` filters, enter plays."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    class PlayRequested(Message):
        """The person chose a routine to play."""

        def __init__(self, routine: Routine) -> None:
            super().__init__()
            self.routine = routine

    def __init__(self, entries: list[LibraryEntry] | None = None) -> None:
        super().__init__()
        self.entries = entries if entries is not None else find_entries()
        self.shown: list[LibraryEntry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter by name, tag or summary", id="library-filter")
        yield DataTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="library-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "evenside"
        self.sub_title = "routines"
        table = self.query_one(DataTable)
        table.add_columns("Routine", "Time", "Tags", "From", "Summary")
        self.show_entries("")
        table.focus()

    def show_entries(self, query: str) -> None:
        """Fill the table with the entries that match `query`."""
        self.shown = [entry for entry in self.entries if entry.matches(query)]
        table = self.query_one(DataTable)
        table.clear()
        for number, entry in enumerate(self.shown):
            table.add_row(
                entry.name,
                entry.time_text,
                ", ".join(entry.tags),
                "bundled" if entry.bundled else "yours",
                entry.note,
                key=str(number),
            )
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

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        entry = self.shown[event.cursor_row]
        if entry.routine is None:
            self.notify(entry.note, title="This routine has errors", severity="error")
            return
        self.post_message(self.PlayRequested(entry.routine))
