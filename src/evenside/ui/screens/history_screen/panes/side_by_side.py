"""Provides the side-by-side table: per exercise and week, left | right against the prescription."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text

from evenside.history.aggregates import ExerciseWeek
from evenside.history.side_work import SideWork
from evenside.routine.model import Side
from evenside.terminal_text import safe_text
from evenside.ui.screens.history_screen.panes.fitted_table import FittedTable, cut
from evenside.wording import clock_done

SIDE_STYLE = {Side.LEFT: "bold #6fa8ff", Side.RIGHT: "bold #f0993c"}
"""The behind side's cell is drawn in its side colour (blue left, orange right)."""
BEHIND_TEXT = {Side.LEFT: "◀ left", Side.RIGHT: "right ▶"}
"""Arrow, word and position say which side is behind, so colour is never the only clue."""
SIDE_LABEL = {Side.LEFT: "left ", Side.RIGHT: "right"}
"""The narrow layout's side names, one width, so the numbers line up."""


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


def behind_cell(week: ExerciseWeek) -> Text:
    """'right ▶' in the right's colour, or 'even'."""
    behind = week.weaker
    return Text(BEHIND_TEXT[behind], style=SIDE_STYLE[behind]) if behind else Text("even")


class SideBySideTable(FittedTable[ExerciseWeek]):
    """One row per exercise and week: left | right, each done over prescribed; the side
    behind is highlighted and named. Narrow, the left stacks above the right."""

    DEFAULT_CSS = """
    SideBySideTable { height: 1fr; }
    """

    WIDE: ClassVar[tuple[str, ...]] = ("Week", "Exercise", "Left", "Right", "Behind")
    NARROW: ClassVar[tuple[str, ...]] = ("Exercise", "Left / right")

    @property
    def weeks(self) -> list[ExerciseWeek]:
        """The weeks on show, newest first."""
        return self.items

    def wide_row(self, item: ExerciseWeek) -> tuple[list[Text], int]:
        behind = item.weaker
        cells = [Text(f"{item.week_label}\n{item.week:%d %b}"), cut(safe_text(item.exercise))]
        for side in (Side.LEFT, Side.RIGHT):
            work = item.side(side)
            cell = Text(done_text(work), style=SIDE_STYLE[side] if side is behind else "")
            cell.append("\n" + prescribed_text(work), style="dim")
            cells.append(cell)
        cells.append(behind_cell(item))
        return cells, 2

    def narrow_row(self, item: ExerciseWeek) -> tuple[list[Text], int]:
        behind = item.weaker
        first = cut(safe_text(item.exercise))
        first.append(f"\n{item.week_label}\n{item.week:%d %b}\n")
        first.append_text(behind_cell(item))
        sides = Text()
        for side in (Side.LEFT, Side.RIGHT):
            work = item.side(side)
            style = SIDE_STYLE[side] if side is behind else ""
            sides.append(f"{SIDE_LABEL[side]} {done_text(work)}\n", style=style)
            sides.append(f"      {prescribed_text(work)}", style="dim")
            if side is Side.LEFT:
                sides.append("\n")
        return [first, sides], 4

    def column_widths(
        self, rows: Sequence[Sequence[Text]], headings: Sequence[str]
    ) -> list[int | None]:
        # The exercise's name gives way, so the right side and "Behind" stay on screen.
        return self.cutting(rows, headings, flexible=0 if self.narrow else 1)
