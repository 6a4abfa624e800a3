"""Provides `FittedTable`: a history table laid out for the screen's width, wide or narrow.

Under `NARROW_BELOW` columns the history's tables stack what sits side by side
(left above right, the date above the time), so every value stays on screen
at 40 columns instead of scrolling off to the right. The table redraws itself
in the other layout when the screen crosses that width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual import events
from textual.widgets import DataTable

from evenside.ui.screens.history_screen.panes.pane import is_narrow

T = TypeVar("T")

SCROLLBAR = 2
"""Cells a table's vertical scrollbar takes."""
PANE_PADDING = 2
"""A history pane's padding, one cell either side."""
CELL_PADDING = 2
"""A cell's padding, one cell either side."""
MIN_CUT = 6
"""The narrowest a cut column gets."""


def cell_width(cell: Text) -> int:
    """The widest line of `cell`."""
    return max((line.cell_len for line in cell.split("\n")), default=0)


def cut(text: str, style: str = "") -> Text:
    """`text` on one line, cut with an ellipsis where its column ends."""
    return Text(text, style=style, no_wrap=True, overflow="ellipsis")


class FittedTable(DataTable[Text], Generic[T]):
    """A table of `T` rows with a wide and a narrow layout; `show` fills it in the one
    that fits. Subclasses say each layout's columns and draw a row in each."""

    WIDE: ClassVar[tuple[str, ...]] = ()
    """The wide layout's headings."""
    NARROW: ClassVar[tuple[str, ...]] = ()
    """The narrow layout's headings."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.items: list[T] = []
        self.narrow: bool | None = None
        """The layout on show (None before the first `show`)."""
        self.laid_out_for = 0
        """The screen width the columns were fitted to."""

    @property
    def screen_width(self) -> int:
        """The width of the screen the table is on."""
        return self.screen.size.width if self.is_attached else 0

    def on_mount(self) -> None:
        self.show(self.items)

    def on_resize(self, event: events.Resize) -> None:
        # Refitted at every new width: the columns cut to fit depend on it, wide or narrow.
        if self.screen_width != self.laid_out_for:
            self.show(self.items)

    def show(self, items: Sequence[T]) -> None:
        """Fill the table with `items`, in the layout that fits the screen now."""
        self.items = list(items)
        self.laid_out_for = self.screen_width
        self.narrow = narrow = is_narrow(self.screen_width)
        rows = [self.narrow_row(item) if narrow else self.wide_row(item) for item in self.items]
        headings = self.NARROW if narrow else self.WIDE
        widths = self.column_widths([cells for cells, _ in rows], headings)
        self.clear(columns=True)
        for heading, width in zip(headings, widths, strict=True):
            self.add_column(heading, width=width)
        for number, (item, (cells, height)) in enumerate(zip(self.items, rows, strict=True)):
            self.add_row(*cells, height=height, key=self.row_key(number, item))

    def column_widths(
        self, rows: Sequence[Sequence[Text]], headings: Sequence[str]
    ) -> list[int | None]:
        """Each column's width: None (as wide as its cells) unless a subclass cuts one."""
        return [None] * len(headings)

    def cutting(
        self, rows: Sequence[Sequence[Text]], headings: Sequence[str], flexible: int
    ) -> list[int | None]:
        """Widths that give column `flexible` only the room the others leave (its text is
        cut), so the last column is never pushed off the screen."""
        natural = [
            max([len(heading), *(cell_width(row[index]) for row in rows)])
            for index, heading in enumerate(headings)
        ]
        others = sum(width + CELL_PADDING for i, width in enumerate(natural) if i != flexible)
        room = self.screen_width - PANE_PADDING - SCROLLBAR - others - CELL_PADDING
        widths: list[int | None] = [None] * len(headings)
        widths[flexible] = max(MIN_CUT, min(natural[flexible], room))
        return widths

    def row_key(self, number: int, item: T) -> str:
        """The row's key (its place, unless the table needs another)."""
        return str(number)

    def wide_row(self, item: T) -> tuple[list[Text], int]:
        """The cells of `item` in the wide layout, and the row's height."""
        raise NotImplementedError

    def narrow_row(self, item: T) -> tuple[list[Text], int]:
        """The cells of `item` in the narrow layout, and the row's height."""
        raise NotImplementedError
