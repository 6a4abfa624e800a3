"""Provides the side-by-side table: per exercise and week, left | right against the prescription."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from evenside.history.aggregates import ExerciseWeek
from evenside.history.side_work import SideWork
from evenside.routine.model import Side
from evenside.wording import clock_done

SIDE_STYLE = {Side.LEFT: "bold #6fa8ff", Side.RIGHT: "bold #f0993c"}
"""The behind side's cell is drawn in its side colour (blue left, orange right)."""
BEHIND_TEXT = {Side.LEFT: "◀ left", Side.RIGHT: "right ▶"}
"""Arrow, word and position say which side is behind, so colour is never the only clue."""


def sets_text(count: int) -> str:
    """'1 set', '3 sets'."""
    return f"{count} set" if count == 1 else f"{count} sets"


def amount_text(seconds: float, reps: int) -> str:
    """Time held (m:ss), reps, or both for an exercise recorded as both kinds."""
    parts = []
    if seconds or not reps:
        parts.append(clock_done(round(seconds * 1000)))
    if reps:
        parts.append(f"{reps} reps")
    return " + ".join(parts)


def done_text(work: SideWork) -> str:
    """What one side did: '1:05 · 1 set'."""
    return f"{amount_text(work.seconds, work.reps)} · {sets_text(work.sets)}"


def prescribed_text(work: SideWork) -> str:
    """What was prescribed for that side: 'of 1:30 · 2'."""
    amount = amount_text(work.prescribed_seconds, work.prescribed_reps)
    return f"of {amount} · {work.prescribed_sets}"


class SideBySideTable(DataTable[Text]):
    """One row per exercise and week: left | right, each done over prescribed; the side
    behind is highlighted and named."""

    DEFAULT_CSS = """
    SideBySideTable { height: 1fr; }
    """

    COLUMNS = ("Week", "Exercise", "Left", "Right", "Behind")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.weeks: list[ExerciseWeek] = []

    def on_mount(self) -> None:
        self.add_columns(*self.COLUMNS)

    def show(self, weeks: list[ExerciseWeek]) -> None:
        """Fill the table with `weeks` (newest first)."""
        self.weeks = weeks
        self.clear()
        for number, week in enumerate(weeks):
            behind = week.weaker
            cells = [
                Text(f"{week.week_label}\n{week.week:%d %b}"),
                Text(week.exercise),
            ]
            for side in (Side.LEFT, Side.RIGHT):
                work = week.side(side)
                cell = Text(done_text(work), style=SIDE_STYLE[side] if side is behind else "")
                cell.append("\n" + prescribed_text(work), style="dim")
                cells.append(cell)
            cells.append(
                Text(BEHIND_TEXT[behind], style=SIDE_STYLE[behind]) if behind else Text("even")
            )
            self.add_row(*cells, height=2, key=str(number))
