"""Provides the player's breakpoints and the size classes they give a screen of a size."""

from __future__ import annotations

from textual.geometry import Size

HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-roomy")]
"""Below 60 columns the player is compact (a phone over SSH)."""
VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
"""Below 20 lines: a one-line side badge and no empty lines."""


def size_classes(size: Size) -> str:
    """The breakpoint classes Textual gives the screen at `size` (see `Screen._on_resize`),
    worked out beforehand so that the screen is made with them, not restyled on mount."""
    names = []
    for value, breakpoints in (
        (size.width, HORIZONTAL_BREAKPOINTS),
        (size.height, VERTICAL_BREAKPOINTS),
    ):
        names.append(max(b for b in breakpoints if value >= b[0])[1])
    return " ".join(names)
