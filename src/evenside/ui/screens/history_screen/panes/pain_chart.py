"""Provides the pain chart: pain before and after, per side, day by day (textual-plotext)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot

from evenside.pain.trends import PainPoint, chart_span


@dataclass(frozen=True)
class Series:
    """One line of the chart's legend: whose pain, when, and how its points are drawn."""

    side: str | None
    """'left', 'right', or None for ratings without a side."""
    moment: str
    """'before' or 'after'."""
    colour: tuple[int, int, int]
    """Blue left, orange right, as everywhere."""
    marker: str
    """One character of its own, so the series tell apart with no colour (NO_COLOR)."""

    @property
    def label(self) -> str:
        """'left before', 'overall after'."""
        return f"{self.side or 'overall'} {self.moment}"


LEFT_COLOUR = (111, 168, 255)
RIGHT_COLOUR = (240, 153, 60)
OVERALL_COLOUR = (200, 200, 200)
SERIES = (
    # The arrow points to the side; hollow before the session, filled after it.
    Series("left", "before", LEFT_COLOUR, "◁"),
    Series("left", "after", LEFT_COLOUR, "◀"),
    Series("right", "before", RIGHT_COLOUR, "▷"),
    Series("right", "after", RIGHT_COLOUR, "▶"),
    Series(None, "before", OVERALL_COLOUR, "○"),
    Series(None, "after", OVERALL_COLOUR, "●"),
)
MAX_TICKS = 6
TICK_CELLS = 8
"""Room one date label takes on the axis ("01 May" and a gap)."""
FRAME_ROWS = 4
"""Rows of the chart that are not the plot: the title, the frame's two edges, the dates."""
PAIN_TICKS = ((6, (0, 2, 4, 6, 8, 10)), (3, (0, 5, 10)), (0, (0, 10)))
"""The pain labels for a plot at least so many rows tall: never more than fit, since
plotext picks among too many by chance and the chart would change from run to run."""


def pain_ticks(rows: int) -> tuple[int, ...]:
    """The labels of the pain axis for a plot `rows` tall."""
    return next(ticks for least, ticks in PAIN_TICKS if rows >= least)


def day_ticks(first: date, last: date, most: int = MAX_TICKS) -> list[tuple[float, str]]:
    """At most `most` dates along an axis from `first` (0) to `last`, the ends included."""
    most = max(2, most)
    span = max(1, (last - first).days)
    step = max(1, -(-span // (most - 1)))
    offsets = list(range(0, span, step))
    if span - offsets[-1] < step / 2 and len(offsets) > 1:
        offsets.pop()  # the last label would run into the end's
    offsets.append(span)
    return [(float(day), f"{first + timedelta(days=day):%d %b}") for day in offsets]


def legend(points: list[PainPoint]) -> Text:
    """'◁ left before  ◀ left after  ...' for the series that have points, in their colours."""
    text = Text()
    for series in SERIES:
        if any(p.side == series.side and p.moment == series.moment for p in points):
            if text:
                text.append("   ")
            red, green, blue = series.colour
            text.append(series.marker, style=f"rgb({red},{green},{blue})")
            text.append(f" {series.label}")
    return text


class PainChart(PlotextPlot):
    """Mean pain (0-10) per day for each side, before and after the session, as points
    (never joined into lines: a run of markers reads as a value, not a day)."""

    DEFAULT_CSS = """
    PainChart { height: 1fr; min-height: 10; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.points: list[PainPoint] = []
        self.span: tuple[date, date] | None = None
        """The days the axis runs over: those rated, not the window chosen."""

    def show(self, points: list[PainPoint], first_day: date, today: date) -> None:
        """Plot `points` on a time axis fitted to them (from `first_day` to `today` when
        there are none)."""
        self.points = points
        first, last = chart_span(points) or (first_day, today)
        self.span = (first, last)
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title("Pain, 0 (none) to 10, before and after")
        for series in SERIES:
            chosen = [p for p in points if p.side == series.side and p.moment == series.moment]
            if not chosen:
                continue
            xs = [(p.day - first).days for p in chosen]
            ys = [p.pain for p in chosen]
            # No plotext legend: drawn inside the plot, it hides the first days' points.
            plt.scatter(xs, ys, color=series.colour, marker=series.marker)
        plt.xlim(0, max(1, (last - first).days))
        plt.ylim(0, 10)
        self.refresh()

    def render(self) -> RenderResult:
        # The labels are chosen for the size the chart is drawn at: as many as fit.
        first, last = self.span or (date.today(), date.today())
        ticks = day_ticks(first, last, min(MAX_TICKS, self.size.width // TICK_CELLS))
        self.plt.xticks([tick for tick, _ in ticks], [label for _, label in ticks])
        self.plt.yticks(list(pain_ticks(self.size.height - FRAME_ROWS)))
        return super().render()
