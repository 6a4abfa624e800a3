"""Provides the library table's columns and which of them fit a width, by priority.

A narrow terminal (a phone over SSH, 40 columns) keeps the routine's name and
its left|right bar, then the time; the care mark, summary, tags and origin
follow as room allows. The table is laid out in one fixed order whatever fits.
"""

from __future__ import annotations

from dataclasses import dataclass

from evenside.ui.screens.library.balance_bar import CELLS

CELL_PADDING = 2
"""A DataTable cell's padding, one cell either side."""
MIN_NAME = 8
"""The narrowest the name column gets (cut with an ellipsis) before other columns go."""
MIN_SUMMARY = 20
"""A summary narrower than this says too little to keep."""
BAR_WIDTH = 2 * CELLS + 1 + 2
"""The left|right bar with its flag: "░███│████ ⚑"."""


@dataclass(frozen=True)
class Column:
    """One column of the library table."""

    key: str
    """Its key, the same whatever else is shown."""
    label: str
    """Its heading."""
    priority: int
    """0 first: the lower, the longer it stays as the terminal narrows."""


COLUMNS = (
    Column("name", "Routine", 0),
    Column("time", "Time", 2),
    Column("bar", "L │ R", 1),
    Column("care", "", 3),
    Column("tags", "Tags", 5),
    Column("from", "From", 6),
    Column("summary", "Summary", 4),
)
"""In the order they are drawn."""


def fitted_columns(width: int, natural: dict[str, int]) -> dict[str, int]:
    """The columns that fit in `width` cells, with each one's content width, in drawing order.

    `natural` is each column's widest content. The name and the bar always stay (the
    name is cut to fit, down to `MIN_NAME`); the others come by priority while they
    fit whole, except the summary, which takes its place at `MIN_SUMMARY` cells and
    then whatever room is left (cut to fit). A column with nothing in it (the care
    mark when no routine has one) is left out.
    """
    chosen: dict[str, int] = {}
    bar = max(natural.get("bar", 0), BAR_WIDTH)
    name_room = width - (bar + CELL_PADDING) - CELL_PADDING
    chosen["name"] = max(MIN_NAME, min(natural.get("name", MIN_NAME), name_room))
    chosen["bar"] = bar
    used = sum(chosen.values()) + CELL_PADDING * len(chosen)
    for column in sorted(COLUMNS, key=lambda c: c.priority):
        if column.key in chosen or not natural.get(column.key):
            continue
        need = max(natural[column.key], len(column.label))
        if column.key == "summary":
            # Held at its priority at its shortest useful width; widened at the end.
            need = min(need, MIN_SUMMARY)
        if need <= width - used - CELL_PADDING:
            chosen[column.key] = need
            used += need + CELL_PADDING
    if "summary" in chosen:
        chosen["summary"] += max(0, min(natural["summary"] - chosen["summary"], width - used))
    return {column.key: chosen[column.key] for column in COLUMNS if column.key in chosen}
