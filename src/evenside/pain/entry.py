"""Provides `PainEntry`: the keys of a pain rating (l or r, then a digit) turned into ratings.

`l` or `r` picks a side, then a digit 0-9 rates it at once; a `0` right after
a `1` on the same side makes it 10. For a routine without sides a digit on its
own (or after `l` or `r`) rates the whole body (side None). No key ever waits
for another before something is stored, so a rating never holds anything up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from evenside.pain.rating import PainSide, Rating, Ratings
from evenside.routine.model import Side


@dataclass
class PainEntry:
    """Follows the rating keys pressed; `ratings` holds the latest value per side."""

    sided: bool
    """True when the routine works a side (so l and r mean left and right)."""
    ratings: Ratings = field(default_factory=dict)
    """The latest rating per side."""
    armed: bool = False
    """True once a side is picked (always, in effect, for a routine without sides)."""
    side: PainSide = None
    """The side the next digit rates."""
    ten_pending: bool = False
    """True right after a 1: a 0 now makes it 10."""

    def press_side(self, side: Side) -> None:
        """`l` or `r`: the next digit rates this side (the whole body without sides)."""
        self.armed = True
        self.side = side if self.sided else None
        self.ten_pending = False

    def press_digit(self, digit: int) -> Rating | None:
        """A digit: the rating it makes, or None when no side is picked yet."""
        if not 0 <= digit <= 9:
            raise ValueError(f"a digit is 0 to 9, not {digit}")
        if not self.armed and self.sided:
            return None
        pain = 10 if digit == 0 and self.ten_pending else digit
        # "1" then "0" is ten, replacing the 1 just stored; any other digit starts afresh.
        self.ten_pending = digit == 1
        self.ratings[self.side] = pain
        return Rating(self.side, pain)

    def text(self) -> str:
        """The ratings so far, e.g. "left 3 · right 5", or "" when none."""
        order: list[PainSide] = [Side.LEFT, Side.RIGHT, None]
        parts = []
        for side in order:
            if side in self.ratings:
                label = str(side) if side is not None else "pain"
                parts.append(f"{label} {self.ratings[side]}")
        return " · ".join(parts)

    @property
    def hint(self) -> str:
        """How to rate, in one short line."""
        if self.sided:
            return "l or r, then 0-9 (1 0 for 10)"
        return "0-9 (1 0 for 10)"
