"""Provides the side badge: a large LEFT or RIGHT that reads without colour too.

Drawn straight as lines (Textual's line API): one widget where a container and
a label did the same, so the player has fewer nodes to style and lay out.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from evenside.routine.model import Side

SIDE_TEXT = {Side.LEFT: "◀ LEFT", Side.RIGHT: "RIGHT ▶"}
"""Arrow, word and position all say the side, so colour is a help, never the only clue."""

PAD = 4
"""Cells of colour either side of the word."""


class SideBadge(Widget):
    """Shows the side being worked: LEFT on the left edge, RIGHT on the right edge.

    Three lines tall (one in a short terminal, by CSS); the word sits on the middle line.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"side-badge--left", "side-badge--right"}

    DEFAULT_CSS = """
    SideBadge { height: 3; width: 1fr; }
    SideBadge.-none { display: none; }
    SideBadge > .side-badge--left { background: #1f5fbf; color: #ffffff; text-style: bold; }
    SideBadge > .side-badge--right { background: #d9730d; color: #000000; text-style: bold; }
    """

    def __init__(self, side: Side | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id, classes=self._classes_for(side))
        self.side = side

    @staticmethod
    def _classes_for(side: Side | None) -> str:
        return {Side.LEFT: "-left", Side.RIGHT: "-right", None: "-none"}[side]

    @property
    def label(self) -> str:
        """The words on the badge ('' when no side is shown)."""
        return SIDE_TEXT[self.side] if self.side is not None else ""

    def show(self, side: Side | None) -> None:
        """Show `side`, or nothing for an exercise without a side."""
        if side is self.side:
            return
        self.side = side
        self.set_classes(self._classes_for(side))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if self.side is None:
            return Strip.blank(width, base)
        label = SIDE_TEXT[self.side]
        box_width = min(width, len(label) + 2 * PAD)
        middle = (self.size.height - 1) // 2
        text = label.center(box_width) if y == middle else " " * box_width
        box = Segment(text[:box_width], self.get_component_rich_style(f"side-badge--{self.side}"))
        gap = Segment(" " * (width - box_width), base)
        segments = [box, gap] if self.side is Side.LEFT else [gap, box]
        return Strip(segments, width)
