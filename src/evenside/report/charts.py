"""Provides the report's charts as inline SVG text: pain per side over time, and the week strip.

Made here in Python, so the page needs no script and fetches nothing. Left
and right differ in shape and line as well as colour (left: filled circles on
a solid line; right: open squares on a dashed line; the whole body: open
diamonds on a dotted line), so a black-and-white print keeps them apart.
Every point carries its value as a tooltip, for a reader without the print.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from evenside.history.aggregates import DayActivity
from evenside.report.period import ReportPeriod

WIDTH = 226
HEIGHT = 150
_LEFT, _RIGHT, _TOP, _BOTTOM = 22, 6, 8, 18
GAP_DAYS = 7
"""Points further apart than this are not joined: the gap between them shows."""


@dataclass(frozen=True)
class SeriesStyle:
    """How one side is drawn."""

    label: str
    """The words in the legend and the tooltips."""
    colour: str
    """A colour that stays dark in greyscale."""
    dash: str
    """The line's dash pattern ('' for solid)."""
    marker: str
    """'circle', 'square' or 'diamond'."""
    filled: bool
    """Filled with the colour, or white inside."""


SIDE_STYLES: dict[str | None, SeriesStyle] = {
    "left": SeriesStyle("left", "#1d4e89", "", "circle", True),
    "right": SeriesStyle("right", "#a33b14", "5 3", "square", False),
    None: SeriesStyle("whole body", "#333333", "1.5 2.5", "diamond", False),
}

SIDE_NUDGE: dict[str | None, float] = {"left": -1.6, "right": 1.6}
"""Horizontal offsets of the sides' markers, in chart units."""

LEVEL_FILLS = ("#ffffff", "#d4d4d4", "#9a9a9a", "#555555", "#111111")
"""A day's shading by `DayActivity.level`: none, under 5, 15, 30 minutes, and more."""


def marker(style: SeriesStyle, x: float, y: float, size: float = 3.2) -> str:
    """One point's shape, drawn at (x, y)."""
    fill = style.colour if style.filled else "#ffffff"
    paint = f'fill="{fill}" stroke="{style.colour}" stroke-width="1.4"'
    if style.marker == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" {paint}/>'
    if style.marker == "square":
        side = size * 1.8
        return (
            f'<rect x="{x - side / 2:.1f}" y="{y - side / 2:.1f}" width="{side:.1f}" '
            f'height="{side:.1f}" {paint}/>'
        )
    points = f"{x:.1f},{y - size * 1.3:.1f} {x + size * 1.3:.1f},{y:.1f} "
    points += f"{x:.1f},{y + size * 1.3:.1f} {x - size * 1.3:.1f},{y:.1f}"
    return f'<polygon points="{points}" {paint}/>'


def pain_value(pain: float) -> str:
    """A pain value as shown: whole when whole, else one decimal."""
    return f"{pain:.0f}" if pain == round(pain) else f"{pain:.1f}"


def short_date(day: date) -> str:
    """'11 Apr': the day and month, enough on a six-week axis."""
    return f"{day.day} {day.strftime('%b')}"


def pain_chart(
    title: str, period: ReportPeriod, series: Mapping[str | None, Sequence[tuple[date, float]]]
) -> str:
    """A small chart of pain 0-10 over the period, one line per side."""
    plot_w = WIDTH - _LEFT - _RIGHT
    plot_h = HEIGHT - _TOP - _BOTTOM
    span = max(1, period.days - 1)

    def x(day: date) -> float:
        return _LEFT + (day - period.first).days / span * plot_w

    def y(pain: float) -> float:
        return _TOP + (10 - pain) / 10 * plot_h

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(title)}">'
    ]
    for level in range(0, 11, 2):
        shade = "#999999" if level in (0, 10) else "#dddddd"
        parts.append(
            f'<line x1="{_LEFT}" x2="{WIDTH - _RIGHT}" y1="{y(level):.1f}" y2="{y(level):.1f}" '
            f'stroke="{shade}" stroke-width="0.6"/>'
        )
    for level in (0, 5, 10):
        parts.append(
            f'<text x="{_LEFT - 4}" y="{y(level) + 3:.1f}" text-anchor="end" '
            f'class="axis">{level}</text>'
        )
    for monday in period.mondays()[1:]:
        parts.append(
            f'<line x1="{x(monday):.1f}" x2="{x(monday):.1f}" y1="{_TOP}" '
            f'y2="{HEIGHT - _BOTTOM}" stroke="#eeeeee" stroke-width="0.6"/>'
        )
    for anchor, day in (("start", period.first), ("end", period.last)):
        parts.append(
            f'<text x="{x(day):.1f}" y="{HEIGHT - 5}" text-anchor="{anchor}" '
            f'class="axis">{short_date(day)}</text>'
        )
    drawn = False
    for side, points in series.items():
        if not points:
            continue
        drawn = True
        style = SIDE_STYLES[side]
        # Left a little left and right a little right, so equal values show both markers.
        nudge = SIDE_NUDGE.get(side, 0.0)
        coords = [(x(d) + nudge, y(p)) for d, p in points]
        parts.extend(_line(style, coords, [d for d, _ in points]))
        for (day, pain), (cx, cy) in zip(points, coords, strict=True):
            tip = f"{style.label}, {title.lower()}, {day.isoformat()}: {pain_value(pain)}"
            parts.append(f"<g><title>{escape(tip)}</title>{marker(style, cx, cy)}</g>")
    if not drawn:
        parts.append(
            f'<text x="{_LEFT + plot_w / 2:.1f}" y="{_TOP + plot_h / 2:.1f}" '
            f'text-anchor="middle" class="none">no ratings recorded</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _line(style: SeriesStyle, coords: list[tuple[float, float]], days: list[date]) -> list[str]:
    """The series' line, broken where two ratings are more than `GAP_DAYS` apart."""
    runs: list[list[tuple[float, float]]] = [[coords[0]]]
    for n in range(1, len(coords)):
        if days[n] - days[n - 1] > timedelta(days=GAP_DAYS):
            runs.append([])
        runs[-1].append(coords[n])
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return [
        f'<polyline points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in run)}" fill="none" '
        f'stroke="{style.colour}" stroke-width="1.3"{dash}/>'
        for run in runs
        if len(run) > 1
    ]


def legend(sides: Sequence[str | None]) -> str:
    """The markers of `sides` with their names, as one small SVG."""
    width = 92 * len(sides)
    parts = [
        f'<svg class="legend" viewBox="0 0 {width} 14" width="{width}" height="14" '
        'role="img" aria-label="legend">'
    ]
    for n, side in enumerate(sides):
        style = SIDE_STYLES[side]
        left = n * 92
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        parts.append(
            f'<line x1="{left + 2}" x2="{left + 24}" y1="7" y2="7" stroke="{style.colour}" '
            f'stroke-width="1.3"{dash}/>'
        )
        parts.append(marker(style, left + 13, 7))
        parts.append(f'<text x="{left + 30}" y="11" class="key">{escape(style.label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


CELL = 13


def week_strip(monday: date, period: ReportPeriod, days: Mapping[date, DayActivity]) -> str:
    """Monday to Sunday as seven squares, shaded by the time worked; days outside the
    period are left out, days without data are white."""
    width = CELL * 7 + 2
    parts = [
        f'<svg class="strip" viewBox="0 0 {width} {CELL + 2}" width="{width}" '
        f'height="{CELL + 2}" role="img" aria-label="week of {monday.isoformat()}">'
    ]
    for n in range(7):
        day = monday + timedelta(days=n)
        if day not in period:
            continue
        activity = days.get(day)
        level = activity.level if activity is not None else 0
        minutes = round(activity.worked_ms / 60_000) if activity is not None else 0
        tip = f"{day.isoformat()}: " + (f"{minutes} min" if activity else "no data")
        parts.append(
            f'<g><title>{tip}</title><rect x="{1 + n * CELL}" y="1" width="{CELL - 2}" '
            f'height="{CELL - 2}" fill="{LEVEL_FILLS[level]}" stroke="#444444" '
            'stroke-width="0.7"/></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def level_key() -> str:
    """The strip's shades with what they mean, as one small SVG."""
    words = ("none", "<5 min", "<15", "<30", "30+")
    parts = ['<svg class="legend" viewBox="0 0 250 14" width="250" height="14" role="img" '
             'aria-label="shading">']  # fmt: skip
    left = 0
    for fill, word in zip(LEVEL_FILLS, words, strict=True):
        parts.append(
            f'<rect x="{left + 1}" y="2" width="10" height="10" fill="{fill}" '
            'stroke="#444444" stroke-width="0.7"/>'
        )
        parts.append(f'<text x="{left + 14}" y="11" class="key">{word}</text>')
        left += 14 + 7 * len(word) + 8
    parts.append("</svg>")
    return "".join(parts)
