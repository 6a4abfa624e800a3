"""Provides the library's left|right bar: each side's completion this week, from the middle out."""

from __future__ import annotations

from rich.text import Text

from evenside.balance.tracker import RoutineBalance

CELLS = 4
"""Cells per side: enough to see a gap, small enough for a table column."""
LEFT_STYLE = "#1f5fbf"
RIGHT_STYLE = "#d9730d"
FLAG = "⚑"


def _filled(ratio: float) -> int:
    return max(0, min(CELLS, round(ratio * CELLS)))


def balance_bar(balance: RoutineBalance | None) -> Text:
    """E.g. "░███│████ ⚑": left fills leftwards, right rightwards; the flag when out of balance.

    Empty when the routine's exercises have no history this week.
    """
    if balance is None:
        return Text("")
    left = _filled(balance.left)
    right = _filled(balance.right)
    bar = Text()
    bar.append("░" * (CELLS - left), style="dim")
    bar.append("█" * left, style=LEFT_STYLE)
    bar.append("│")
    bar.append("█" * right, style=RIGHT_STYLE)
    bar.append("░" * (CELLS - right), style="dim")
    if balance.flagged:
        bar.append(f" {FLAG}", style="bold yellow")
    return bar


def behind_words(balance: RoutineBalance | None) -> str:
    """ "the right side is behind this week" for a flagged routine, else ""."""
    if balance is None or not balance.flagged:
        return ""
    if balance.left == balance.right:
        return "a side of one of its exercises is behind this week"
    side = "left" if balance.left < balance.right else "right"
    return f"the {side} side is behind this week"
