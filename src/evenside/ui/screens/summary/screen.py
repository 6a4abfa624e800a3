"""Provides the summary screen: per exercise and side, what was done or skipped, and the time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from evenside.balance.owed import OwedSide
from evenside.engine.events import SessionStatus
from evenside.engine.session import Session
from evenside.routine.model import Routine, Side
from evenside.ui.adapters.pain_journal import PainJournal
from evenside.ui.screens.owed.plan import owed_line
from evenside.ui.screens.program.dose_line import dose_lines
from evenside.ui.screens.summary.rows import SummaryRow, summary_rows
from evenside.ui.widgets.pain_panel import PainPanel
from evenside.ui.widgets.side_badge import SIDE_TEXT
from evenside.wording import clock_done

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
        Binding("o", "play_owed", "Do owed sides now"),
        # The pain panel's keys; the panel says how to use them.
        Binding("l", "pain_side('left')", "Pain left", show=False),
        Binding("r", "pain_side('right')", "Pain right", show=False),
        *(Binding(str(d), f"pain_digit({d})", f"Pain {d}", show=False) for d in range(10)),
    ]

    class Closed(Message):
        """The person is done with the summary."""

    class PlayOwed(Message):
        """The person chose to do the owed sides now (`o`)."""

        def __init__(self, routine: Routine) -> None:
            super().__init__()
            self.routine = routine

    def __init__(
        self,
        session: Session,
        *,
        journal: PainJournal | None = None,
        owed: Sequence[OwedSide] = (),
        owed_routine: Routine | None = None,
    ) -> None:
        """`journal` stores the pain after; `owed` lists the sides left owed and
        `owed_routine` does them (o plays it)."""
        super().__init__()
        self.session = session
        self.journal = journal
        self.owed = list(owed)
        self.owed_routine = owed_routine
        self.rows = summary_rows(session.timeline, session.results())

    def compose(self) -> ComposeResult:
        status = self.session.status or SessionStatus.COMPLETED
        routine = self.session.timeline.routine
        taken = clock_done(self.session.session_elapsed_ms())
        with Vertical(id="summary-body"):
            yield Static(f"{HEADLINE[status]}: {routine.name}", id="summary-headline")
            yield Static(f"Time taken {taken}", id="summary-time")
            yield from dose_lines(routine)  # played at a program's stepped dose: says which
            yield DataTable(id="summary-table", cursor_type="row", zebra_stripes=True)
            with Container(id="summary-extras"):
                if self.owed:
                    lines = [owed_line(o) + "." for o in self.owed]
                    if self.owed_routine is not None:
                        them = "them" if len(self.owed) > 1 else "it"
                        lines.append(f"Press o to do {them} now.")
                    yield Static("\n".join(lines), id="summary-owed", markup=False)
                if self.journal is not None:
                    sided = any(r.side is not None for r in self.rows)
                    yield PainPanel("after", sided=sided, id="pain-after")
                    yield Static("", id="care-note", markup=False)
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
                clock_done(row.worked_ms),
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # The table has focus and takes enter for itself: enter still leaves.
        event.stop()
        self.action_leave()

    def action_leave(self) -> None:
        """Go back (to the library, or out of the program)."""
        self.post_message(self.Closed())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "play_owed":
            return self.owed_routine is not None
        if action in ("pain_side", "pain_digit"):
            return self.journal is not None
        return True

    def action_play_owed(self) -> None:
        """Play the owed sides now."""
        if self.owed_routine is not None:
            self.post_message(self.PlayOwed(self.owed_routine))

    def action_pain_side(self, side: str) -> None:
        """`l` or `r` on the pain panel."""
        self.query_one(PainPanel).press_side(Side(side))

    def action_pain_digit(self, digit: int) -> None:
        """A digit on the pain panel: stores the rating, then shows a care note if one is due."""
        rating = self.query_one(PainPanel).press_digit(digit)
        if rating is None or self.journal is None:
            return
        if not self.journal.add("after", rating):
            self.notify("The rating could not be saved.", severity="warning")
            return
        note = self.journal.care_note()
        care = self.query_one("#care-note", Static)
        care.update(note.text if note is not None else "")
        care.set_class(note is not None, "-shown")
