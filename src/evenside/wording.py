"""Provides how durations read on screen: "0:45", "12:30", "1:02:03"."""

from __future__ import annotations

MS_PER_S = 1000


def whole_seconds_left(ms: int) -> int:
    """Seconds to show for `ms` left: rounded up, so a countdown reaches 0 only at its end."""
    return max(0, -(-ms // MS_PER_S))


def clock_text(ms: int, *, round_up: bool = True) -> str:
    """`ms` as m:ss, or h:mm:ss from an hour up.

    Time left rounds up (a 45 s hold shows 0:45 until a whole second has gone);
    time taken rounds down (`round_up=False`).
    """
    seconds = whole_seconds_left(ms) if round_up else max(0, ms // MS_PER_S)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
