"""Provides the summary screen: per exercise and side, what was done or skipped, and the time."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from evenside.engine.events import SessionStatus
from evenside.engine.session import Session
from evenside.ui.clock_text import clock_text
from evenside.ui.summary_rows import SummaryRow, summary_rows
from evenside.ui.widgets.side_badge import SIDE_TEXT

HEADLINE = {
    SessionStatus.COMPLETED: "Routine complete",
    SessionStatus.STOPPED: "Session stopped",
    SessionStatus.INTERRUPTED: "Session interrupted",
}


def _done_text(row: SummaryRow) -> str:
    # Sets cut short or never reached show as done < planned; skipped has its own column.
    return f"{row.done}/{row.planned_sets}"


class SummaryScreen(Screen[None]):
    """Shows how the session went; q or enter leaves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "leave", "Leave", key_display="q/⏎"),
        Binding("enter", "leave", "Leave", show=False),
    ]

    class Closed(Message):
        """The person is done with the summary."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.rows = summary_rows(session.timeline, session.results())

    def compose(self) -> ComposeResult:
        status = self.session.status or SessionStatus.COMPLETED
        routine = self.session.timeline.routine
        taken = clock_text(self.session.session_elapsed_ms(), round_up=False)
        with Vertical(id="summary-body"):
            yield Static(f"{HEADLINE[status]}: {routine.name}", id="summary-headline")
            yield Static(f"Time taken {taken}", id="summary-time")
            yield DataTable(id="summary-table", cursor_type="row", zebra_stripes=True)
            # Room for the owed sides ("do the right side now?") and the pain rating.
            yield Container(id="summary-extras")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Exercise", "Side", "Done", "Skipped", "Time")
        for row in self.rows:
            table.add_row(
                row.exercise,
                SIDE_TEXT[row.side] if row.side else "-",
                _done_text(row),
                str(row.skipped) if row.skipped else "-",
                clock_text(row.worked_ms, round_up=False),
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # The table has focus and takes enter for itself: enter still leaves.
        event.stop()
        self.action_leave()

    def action_leave(self) -> None:
        """Go back (to the library, or out of the program)."""
        self.post_message(self.Closed())
