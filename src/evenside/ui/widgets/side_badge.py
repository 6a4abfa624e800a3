"""Provides the side badge: a large LEFT or RIGHT that reads without colour too."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from evenside.routine.model import Side

SIDE_TEXT = {Side.LEFT: "◀ LEFT", Side.RIGHT: "RIGHT ▶"}
"""Arrow, word and position all say the side, so colour is a help, never the only clue."""


class SideBadge(Horizontal):
    """Shows the side being worked: LEFT on the left edge, RIGHT on the right edge."""

    DEFAULT_CSS = """
    SideBadge { height: auto; width: 1fr; }
    SideBadge.-right { align-horizontal: right; }
    SideBadge.-none { display: none; }
    SideBadge > #side-label { width: auto; padding: 1 4; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-none")
        self.side: Side | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="side-label")

    def show(self, side: Side | None) -> None:
        """Show `side`, or nothing for an exercise without a side."""
        if side is self.side:
            return
        self.side = side
        self.set_class(side is Side.LEFT, "-left")
        self.set_class(side is Side.RIGHT, "-right")
        self.set_class(side is None, "-none")
        self.query_one("#side-label", Static).update(SIDE_TEXT[side] if side else "")
