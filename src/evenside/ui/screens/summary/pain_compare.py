"""Provides the summary's pain line: before → after for every side rated, side by side.

"Pain: left 3 → 5 · right 2 → 2", with "–" for a moment not rated (yet); short
enough for a 40-column terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from evenside.history.records import RatingRecord

NOT_RATED = "–"


def pain_compare_line(ratings: Iterable[RatingRecord], sides: Sequence[str | None]) -> str:
    """The line for `sides` (left first; [None] for the whole body), or '' when none is rated."""
    pain = {(r.moment, r.side): r.pain for r in ratings}
    if not pain:
        return ""
    parts = []
    for side in sides:
        before = pain.get(("before", side))
        after = pain.get(("after", side))
        pair = (
            f"{before if before is not None else NOT_RATED} → "
            f"{after if after is not None else NOT_RATED}"
        )
        parts.append(f"{side} {pair}" if side is not None else pair)
    return "Pain: " + " · ".join(parts)
