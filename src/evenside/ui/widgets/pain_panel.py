"""Provides the pain panel: one line that takes a 0-10 rating per side, never in the way."""

from __future__ import annotations

from textual.widgets import Static

from evenside.pain.entry import PainEntry
from evenside.pain.rating import Rating
from evenside.routine.model import Side


class PainPanel(Static):
    """Shows "Pain before? l or r, then 0-9" and the ratings given; the screen forwards keys."""

    DEFAULT_CSS = """
    PainPanel { height: auto; padding: 0 1; color: $text-muted; }
    PainPanel.-rated { color: $text; }
    """

    def __init__(self, moment: str, *, sided: bool, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.moment = moment
        """"before" or "after"."""
        self.entry = PainEntry(sided=sided)

    def on_mount(self) -> None:
        self._show()

    def press_side(self, side: Side) -> None:
        """`l` or `r` was pressed."""
        self.entry.press_side(side)
        self._show()

    def press_digit(self, digit: int) -> Rating | None:
        """A digit was pressed: the rating it makes, if a side was picked."""
        rating = self.entry.press_digit(digit)
        self._show()
        return rating

    def _show(self) -> None:
        given = self.entry.text()
        armed = ""
        if self.entry.armed and self.entry.sided and self.entry.side is not None:
            armed = f" [{self.entry.side}]"
        line = f"Pain {self.moment}? {self.entry.hint}{armed}"
        if given:
            line += f"  ·  {given}"
        self.set_class(bool(given), "-rated")
        self.update(line)
