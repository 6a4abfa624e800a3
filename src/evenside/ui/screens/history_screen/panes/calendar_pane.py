"""Provides the calendar pane: about six months of days, their totals, desk breaks and streaks."""

from __future__ import annotations

from typing import ClassVar

from textual.containers import HorizontalScroll
from textual.widget import Widget
from textual.widgets import Static

from evenside.desk.records import breaks_by_day
from evenside.history.aggregates import calendar_days, calendar_first_day
from evenside.history.streaks import streaks
from evenside.ui.screens.history_screen.panes.calendar_grid import CalendarGrid, legend
from evenside.ui.screens.history_screen.panes.pane import FilteredHistory, HistoryPane, show_note

STREAK_RULE = "A day counts when a routine was completed or an exercise done on every side."


class TodayScroll(HorizontalScroll):
    """Scrolls the calendar sideways on a narrow screen, kept at its right end: today.

    Kept there whenever the grid or the screen changes size, since that is when
    the end moves (and a scroll asked for before the layout would find no room).
    """

    def to_today(self) -> None:
        """Show the grid's last weeks."""
        self.scroll_to(x=self.max_scroll_x, animate=False, immediate=True)

    def watch_virtual_size(self) -> None:
        self.call_after_refresh(self.to_today)

    def on_resize(self) -> None:
        self.call_after_refresh(self.to_today)


def plural(count: int, noun: str) -> str:
    """'1 day', '3 days'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class CalendarPane(HistoryPane):
    """The calendar grid, what it adds up to, and the streaks (over all the history)."""

    id: ClassVar[str] = "calendar"
    title: ClassVar[str] = "Calendar"

    def widgets(self) -> list[Widget]:
        return [
            # Scrolled sideways on a narrow screen, and shown at its right end: today.
            TodayScroll(CalendarGrid(id="calendar-grid"), id="calendar-scroll"),
            Static(legend(), id="calendar-legend", classes="history-note"),
            Static("", id="calendar-summary", classes="history-note"),
            Static("", id="calendar-streaks"),
            Static(STREAK_RULE, classes="history-note"),
        ]

    def load(self, container: Widget, history: FilteredHistory) -> None:
        conn, window = history.conn, history.window
        first = calendar_first_day(window)
        days = calendar_days(conn, window, history.filters)
        breaks = breaks_by_day(conn, first, window.today)
        container.query_one(CalendarGrid).show(days, first, window.today, breaks)
        uneven = sum(1 for d in days.values() if d.even is False)
        weeks = (window.today - first).days // 7 + 1
        summary = (
            f"{plural(len(days), 'active day')} in {weeks} weeks; "
            f"{plural(uneven, 'day')} with one side ahead."
        )
        if breaks:
            taken = sum(b.taken for b in breaks.values())
            skipped = sum(b.skipped for b in breaks.values())
            summary += f" Desk breaks: {taken} taken, {skipped} skipped."
        show_note(container.query_one("#calendar-summary", Static), summary)
        found = streaks(conn, window)
        text = f"Current streak: {plural(found.current, 'day')} · longest: "
        text += plural(found.longest, "day")
        if found.longest_ended is not None and found.longest:
            text += f" (to {found.longest_ended:%d %b %Y})"
        container.query_one("#calendar-streaks", Static).update(text)
