"""Provides the summary table's columns for a width: the numbers always, the names cut to fit.

Done, Skipped and Time are what a glance at the summary is for, so they stay
at every width from 40 columns up. Below `WIDE` the side is written short
("◀ L", "R ▶") and "Skipped" becomes "Skip"; the exercise's name takes what is
left, cut with "…".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from evenside.engine.session_summary import SummaryRow
from evenside.routine.model import Side
from evenside.ui.widgets.side_badge import SIDE_TEXT
from evenside.wording import clock_done

WIDE = 60
"""From this many columns the table is written in full."""
SHORT_SIDE = {Side.LEFT: "◀ L", Side.RIGHT: "R ▶"}
CELL_PADDING = 2
"""A DataTable cell's padding, both sides together."""
MIN_EXERCISE = 6


@dataclass(frozen=True)
class SummaryTable:
    """The headers and the cells of the summary table, with the exercise column's width."""

    headers: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]
    exercise_width: int


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def summary_table(rows: Sequence[SummaryRow], width: int) -> SummaryTable:
    """The table for `rows` in `width` cells (the table's own width, scrollbar left out)."""
    wide = width >= WIDE
    sides = SIDE_TEXT if wide else SHORT_SIDE
    headers = ("Exercise", "Side", "Done", "Skipped" if wide else "Skip", "Time")
    numbers = [
        (
            sides[row.side] if row.side else "-",
            f"{row.done}/{row.planned_sets}",
            str(row.skipped) if row.skipped else "-",
            clock_done(row.worked_ms),
        )
        for row in rows
    ]
    others = sum(
        max([len(headers[i + 1])] + [len(cells[i]) for cells in numbers]) + CELL_PADDING
        for i in range(4)
    )
    longest = max([len(headers[0])] + [len(row.exercise) for row in rows])
    exercise_width = max(MIN_EXERCISE, min(longest, width - others - CELL_PADDING))
    cells = tuple((_cut(row.exercise, exercise_width), *numbers[i]) for i, row in enumerate(rows))
    return SummaryTable(headers, cells, exercise_width)
