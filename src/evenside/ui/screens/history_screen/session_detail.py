"""Provides the session detail screen: every interval of one session, its pain and care note."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from evenside.history.aggregates import HistoryWindow
from evenside.history.records import IntervalRecord, RatingRecord, SessionRecord
from evenside.pain.care import CareNote
from evenside.terminal_text import safe_text
from evenside.wording import clock_done, clock_to_go


def planned_text(interval: IntervalRecord) -> str:
    """What the interval prescribed: '0:45' or '12 reps'."""
    if interval.kind == "reps" and interval.planned_reps is not None:
        return f"{interval.planned_reps} reps"
    return clock_to_go(interval.planned_ms or 0)


def done_text(interval: IntervalRecord) -> str:
    """What was done: '0:45' or '12 reps'."""
    if interval.kind == "reps":
        return f"{interval.done_reps or 0} reps"
    return clock_done(interval.actual_ms or 0)


def ratings_text(ratings: tuple[RatingRecord, ...]) -> str:
    """'Pain before: left 2, right 2 · after: left 2, right 5', or a note that none was given."""
    parts = []
    for moment in ("before", "after"):
        given = [r for r in ratings if r.moment == moment]
        if given:
            values = ", ".join(f"{r.side or 'overall'} {r.pain}" for r in given)
            parts.append(f"{moment}: {values}")
    return "Pain " + " · ".join(parts) if parts else "No pain rated."


class SessionDetailScreen(Screen[None]):
    """Every interval of one session; escape goes back to the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back"),
    ]

    def __init__(
        self, session: SessionRecord, window: HistoryWindow, care: CareNote | None = None
    ) -> None:
        super().__init__()
        self.session = session
        self.window = window
        self.care = care

    def compose(self) -> ComposeResult:
        session = self.session
        started = self.window.local(session.started_at)
        parts = [f"{started:%a %d %b %Y %H:%M}", session.status or "open"]
        taken = session.time_taken_ms
        if taken is not None:
            # Pauses excluded, as the session's summary said (and the session list says).
            parts.append(clock_done(taken))
        with Vertical(id="detail-body"):
            # The routine's and exercises' names are the user's: safe, and never markup.
            yield Static(Text(safe_text(session.routine), style="bold"), id="detail-title")
            yield Static(" · ".join(parts), id="detail-when")
            yield Static(ratings_text(session.ratings), id="detail-pain")
            if self.care is not None:
                yield Static(Content(safe_text(self.care.text)), id="detail-care")
            yield DataTable(id="detail-intervals", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "session"
        table: DataTable[str | Text] = self.query_one("#detail-intervals", DataTable)
        table.add_columns("#", "Exercise", "Side", "Set", "Prescribed", "Done", "Status", "At")
        for number, interval in enumerate(self.session.intervals, start=1):
            table.add_row(
                str(number),
                Text(safe_text(interval.exercise or "")),
                interval.side or "-",
                str(interval.set_number or "-"),
                planned_text(interval),
                done_text(interval),
                interval.status,
                f"{self.window.local(interval.started_at):%H:%M:%S}",
            )
        table.focus()

    def action_back(self) -> None:
        """Return to the session list."""
        self.dismiss(None)
