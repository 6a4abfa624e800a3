"""Provides the summary screen: per exercise and side, what was done or skipped, and the time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from evenside.balance.owed import OwedSide
from evenside.engine.events import SessionStatus
from evenside.engine.session import Session
from evenside.engine.session_summary import HEADLINE, summary_rows
from evenside.pain.rating import rated_sides, stored_side
from evenside.routine.model import Routine, Side
from evenside.ui.adapters.pain_journal import PainJournal
from evenside.ui.screens.owed.plan import owed_line
from evenside.ui.screens.program.dose_line import dose_lines
from evenside.ui.screens.summary.columns import SummaryTable, summary_table
from evenside.ui.screens.summary.pain_compare import pain_compare_line
from evenside.ui.widgets.key_bar import KeyBar, KeyHint
from evenside.ui.widgets.keys_help import KeysHelp
from evenside.ui.widgets.pain_panel import PainPanel
from evenside.wording import clock_done

SHORT_BELOW_20 = [(0, "-short"), (20, "-tall")]
"""Below 20 lines the summary drops its blank lines and keeps the table shorter."""


class SummaryScreen(Screen[None]):
    """Shows how the session went; q or enter leaves."""

    DEFAULT_CSS = """
    #summary-body { height: 1fr; padding: 0 1; }
    #summary-headline { text-style: bold; height: auto; }
    #summary-time { color: $text-muted; height: auto; }
    #summary-table { height: auto; max-height: 12; }
    #summary-extras { height: auto; }
    #summary-owed { height: auto; margin: 1 0 0 0; color: $warning; }
    #pain-compare { height: auto; padding: 0 1; margin: 1 0 0 0; text-style: bold; }
    #care-note { height: auto; display: none; padding: 0 1; }
    #care-note.-shown { display: block; border-left: wide $warning; }
    SummaryScreen.-short #summary-owed { margin: 0; }
    SummaryScreen.-short #pain-compare { margin: 0; }
    SummaryScreen.-short #summary-table { max-height: 6; }
    """

    VERTICAL_BREAKPOINTS = SHORT_BELOW_20

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "leave", "Leave", key_display="q/⏎"),
        Binding("enter", "leave", "Leave", show=False),
        Binding("o", "play_owed", "Do owed sides now"),
        Binding("question_mark", "keys_help", "Keys"),
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
        self._table_layout: SummaryTable | None = None

    def compose(self) -> ComposeResult:
        status = self.session.status or SessionStatus.COMPLETED
        routine = self.session.timeline.routine
        taken = clock_done(self.session.session_elapsed_ms())
        # Scrolls when a small terminal cannot hold it all; a care note scrolls into view.
        with VerticalScroll(id="summary-body", can_focus=False):
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
                    yield Static("", id="pain-compare", markup=False)
                    yield PainPanel("after", sided=self._sided, id="pain-after")
                    yield Static("", id="care-note", markup=False)
        yield KeyBar(self._key_hints(), width=self.app.size.width)

    @property
    def _sided(self) -> bool:
        return any(r.side is not None for r in self.rows)

    def _show_pain_compare(self) -> None:
        if self.journal is None:
            return
        sides = [stored_side(side) for side in rated_sides(self.session.timeline)]
        line = pain_compare_line(self.journal.ratings(), sides)
        compare = self.query_one("#pain-compare", Static)
        compare.update(line)
        compare.display = bool(line)

    def on_mount(self) -> None:
        self._show_pain_compare()
        self._fill_table()

    def on_resize(self) -> None:
        self._fill_table()

    def _fill_table(self) -> None:
        table = self.query_one(DataTable)
        # The body's padding and room for a scrollbar, so the numbers are never cut off.
        width = self.size.width - 2 - table.styles.scrollbar_size_vertical
        layout = summary_table(self.rows, width)
        if layout == self._table_layout:
            return
        self._table_layout = layout
        table.clear(columns=True)
        # Text, not str: a str is read as Rich markup, which loads Rich's emoji table
        # (0.1 MiB of every session) and would take a "[" in an exercise's name for a tag.
        for index, header in enumerate(layout.headers):
            table.add_column(_plain(header), width=layout.exercise_width if index == 0 else None)
        for cells in layout.cells:
            table.add_row(*(_plain(cell) for cell in cells))

    def _key_hints(self) -> list[KeyHint]:
        hints = [KeyHint("q/⏎", "Leave", "screen.leave")]
        if self.owed_routine is not None:
            hints.append(KeyHint("o", "Do owed sides now", "screen.play_owed"))
        hints.append(KeyHint("?", "Keys", "screen.keys_help"))
        return hints

    def action_keys_help(self) -> None:
        """`?`: every key of the summary."""
        rows = [("q or enter", "leave")]
        if self.owed_routine is not None:
            rows.append(("o", "do the owed sides now"))
        if self.journal is not None:
            rows.append(("l or r, 0-9", "pain after, left or right (1 then 0 for 10)"))
        rows.append(("?", "this list"))
        self.app.push_screen(KeysHelp(rows, title="Summary keys"))

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
        self._show_pain_compare()
        note = self.journal.care_note()
        care = self.query_one("#care-note", Static)
        care.update(note.text if note is not None else "")
        care.set_class(note is not None, "-shown")
        if note is not None:
            # The note is the last thing on the summary: bring it into view once laid out.
            body = self.query_one("#summary-body", VerticalScroll)
            self.call_after_refresh(body.scroll_end, animate=False)


def _plain(text: str) -> Text:
    """`text` as one line of a table cell, as the DataTable makes a str without markup."""
    return Text(text, no_wrap=True, end="")
