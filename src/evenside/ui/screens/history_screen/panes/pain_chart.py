"""Provides the pain chart: pain before and after, per side, day by day (textual-plotext)."""

from __future__ import annotations

from datetime import date, timedelta

from textual_plotext import PlotextPlot

from evenside.pain.trends import PainPoint

# Left blue, right orange, as everywhere; "after" is drawn with a different marker, so
# the lines tell apart without colour too.
SERIES = (
    ("left", "before", "left before", (111, 168, 255), "dot"),
    ("left", "after", "left after", (111, 168, 255), "x"),
    ("right", "before", "right before", (240, 153, 60), "dot"),
    ("right", "after", "right after", (240, 153, 60), "x"),
    (None, "before", "overall before", (200, 200, 200), "dot"),
    (None, "after", "overall after", (200, 200, 200), "x"),
)
MAX_TICKS = 6


class PainChart(PlotextPlot):
    """Mean pain (0-10) per day for each side, before and after the session."""

    DEFAULT_CSS = """
    PainChart { height: 1fr; min-height: 10; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.points: list[PainPoint] = []

    def show(self, points: list[PainPoint], first_day: date, today: date) -> None:
        """Plot `points` on a time axis from `first_day` to `today`."""
        self.points = points
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title("Pain, 0 (none) to 10, before and after")
        span = max(1, (today - first_day).days)
        for side, moment, label, colour, marker in SERIES:
            series = [p for p in points if p.side == side and p.moment == moment]
            if not series:
                continue
            xs = [(p.day - first_day).days for p in series]
            ys = [p.pain for p in series]
            plt.plot(xs, ys, label=label, color=colour, marker=marker)
        step = max(1, span // (MAX_TICKS - 1))
        ticks = [float(t) for t in range(0, span + 1, step)]
        plt.xticks(ticks, [f"{first_day + timedelta(days=int(t)):%d %b}" for t in ticks])
        plt.xlim(0, span)
        plt.ylim(0, 10)
        plt.yticks([0, 2, 4, 6, 8, 10])
        self.refresh()
