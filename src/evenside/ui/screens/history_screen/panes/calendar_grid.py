"""Provides the calendar grid: about six months of days, shaded by work, marked when uneven."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from evenside.desk.records import BreakDay
from evenside.history.aggregates import CALENDAR_WEEKS, DayActivity

LEVEL_STYLES = ("#3a3a3a", "#0e6b2d", "#1f8f3f", "#2fb350", "#4ce06a")
"""Colour by level: nothing, then under 5, 15, 30 minutes, then half an hour or more."""
UNEVEN_STYLE = "#f0b429"
EVEN_GLYPH = "■"
UNEVEN_GLYPH = "▲"
"""A day with one side ahead has its own shape, so it reads without colour."""
EMPTY_GLYPH = "·"
SKIPPED_GLYPH = "×"
SKIPPED_STYLE = "#c05a5a"
"""A day whose only desk break was skipped: nothing done, but not forgotten."""
ROW_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def legend() -> Text:
    """What the shades and marks mean (below the grid, wrapped to the screen)."""
    text = Text("less ", style="dim")
    for style in LEVEL_STYLES:
        text.append(EVEN_GLYPH + " ", style=style)
    text.append("more   ", style="dim")
    text.append(UNEVEN_GLYPH, style=UNEVEN_STYLE)
    text.append(" one side ahead   ", style="dim")
    text.append(SKIPPED_GLYPH, style=SKIPPED_STYLE)
    text.append(" desk break skipped", style="dim")
    return text


class CalendarGrid(Widget):
    """Weeks as columns, Monday to Sunday as rows, like a contribution calendar."""

    DEFAULT_CSS = """
    CalendarGrid { height: auto; width: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.days: dict[date, DayActivity] = {}
        self.breaks: dict[date, BreakDay] = {}
        self.first_day = date.today()
        self.today = date.today()

    def show(
        self,
        days: dict[date, DayActivity],
        first_day: date,
        today: date,
        breaks: dict[date, BreakDay] | None = None,
    ) -> None:
        """Draw `days` (and the desk `breaks`) from the Monday `first_day` up to `today`."""
        self.days = days
        self.breaks = breaks or {}
        self.first_day = first_day
        self.today = today
        self.refresh(layout=True)

    @property
    def weeks(self) -> int:
        """How many week columns are drawn."""
        return max(1, (self.today - self.first_day).days // 7 + 1)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return 4 + 2 * max(self.weeks, CALENDAR_WEEKS)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + 7

    def _cell(self, day: date) -> Text:
        if day > self.today:
            return Text("  ")
        activity = self.days.get(day)
        if activity is None or activity.level == 0:
            skipped = self.breaks.get(day)
            if skipped is not None and skipped.skipped and not skipped.taken:
                return Text(SKIPPED_GLYPH + " ", style=SKIPPED_STYLE)
            return Text(EMPTY_GLYPH + " ", style=LEVEL_STYLES[0])
        if activity.even is False:
            return Text(UNEVEN_GLYPH + " ", style=UNEVEN_STYLE)
        return Text(EVEN_GLYPH + " ", style=LEVEL_STYLES[activity.level])

    def _month_row(self) -> Text:
        row = Text("    ")
        label_end = 0
        for week in range(self.weeks):
            monday = self.first_day + timedelta(weeks=week)
            # The first column is labelled only when its month still has weeks to come.
            starts_month = monday.day <= 7 or (week == 0 and monday.day <= 21)
            column = 4 + 2 * week
            if starts_month and column >= label_end:
                row.append(" " * (column - len(row.plain)))
                row.append(f"{monday:%b}", style="bold")
                label_end = column + 4
        return row

    def render(self) -> Text:
        lines = [self._month_row()]
        for weekday, label in enumerate(ROW_LABELS):
            line = Text(f"{label:<4}", style="dim")
            for week in range(self.weeks):
                line.append_text(self._cell(self.first_day + timedelta(weeks=week, days=weekday)))
            lines.append(line)
        return Text("\n").join(lines)
